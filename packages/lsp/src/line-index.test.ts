import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { TextDocument } from "vscode-languageserver-textdocument";
import { LineIndex } from "./line-index.js";

const text = fc.array(fc.oneof(fc.constantFrom("\n", "\r", "\r\n", "a", " ", "é", "🙂", "\t", "中"), fc.string({ maxLength: 3 })), { maxLength: 40 }).map((xs) => xs.join(""));

describe("LineIndex", () => {
  it("agrees with the reference implementation of the protocol's UTF-16 positions (\\n, \\r\\n, lone \\r)", () => {
    fc.assert(
      fc.property(text, fc.nat(), (t, k) => {
        const doc = TextDocument.create("file:///x", "alloy", 1, t);
        const lines = new LineIndex(t);
        const o = k % (t.length + 1);
        // The reference maps an offset inside `\r\n` to the end of the line too; surrogate halves are kept as is.
        expect(lines.lspPosition(o)).toEqual(doc.positionAt(o));
        const p = doc.positionAt(o);
        const back = lines.offsetAt(p);
        const inPair = o > 0 && t.charCodeAt(o) >= 0xdc00 && t.charCodeAt(o) <= 0xdfff && t.charCodeAt(o - 1) >= 0xd800;
        if (!inPair) expect(back).toBe(doc.offsetAt(p));
        expect(lines.lineCount).toBe(doc.lineCount);
      }),
    );
  });

  it("counts UTF-8 bytes when that encoding was negotiated", () => {
    const t = "a = \"é🙂\"\rb = 1\r\nc";
    const lines = new LineIndex(t, "utf-8");
    const b = t.indexOf("b");
    expect(lines.lspPosition(b)).toEqual({ line: 1, character: 0 });
    const close = t.lastIndexOf('"', b);
    // a, space, =, space, quote (5) + é (2) + 🙂 (4) = 11
    expect(lines.lspPosition(close)).toEqual({ line: 0, character: 11 });
    expect(lines.offsetAt({ line: 0, character: 11 })).toBe(close);
    // Inside a character's bytes: its start; past the line's end: the line's end (before `\r`).
    expect(lines.offsetAt({ line: 0, character: 6 })).toBe(t.indexOf("é"));
    expect(lines.offsetAt({ line: 0, character: 99 })).toBe(t.indexOf("\r"));
    expect(lines.lspPosition(t.length)).toEqual({ line: 2, character: 1 });
  });

  it("round-trips every character start in both encodings", () => {
    fc.assert(
      fc.property(text, (t) => {
        for (const enc of ["utf-16", "utf-8"] as const) {
          const lines = new LineIndex(t, enc);
          for (let o = 0; o <= t.length; o++) {
            const c = t.charCodeAt(o);
            if (c >= 0xdc00 && c <= 0xdfff && o > 0 && t.charCodeAt(o - 1) >= 0xd800 && t.charCodeAt(o - 1) <= 0xdbff) continue;
            if (c === 10 && t.charCodeAt(o - 1) === 13) continue;
            expect(lines.offsetAt(lines.lspPosition(o))).toBe(o);
          }
        }
      }),
    );
  });
});
