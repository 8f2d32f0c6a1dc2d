import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { toSourceFile } from "../text/source-file.js";
import { SourceIndex, utf8Length } from "./source-index.js";

/** Text mixing ASCII with two-, three- and four-byte characters and lone surrogates. */
const mixedText = fc
  .array(fc.oneof(fc.constantFrom("a", " ", "\n", "\"", "é", "—", "😀", "\ud800", "\udc00", "x = 1\n"), fc.string()), { maxLength: 60 })
  .map((parts) => parts.join(""));

describe("SourceIndex", () => {
  it("gives the UTF-8 length of the text before an offset, looked up in any order", () => {
    fc.assert(
      fc.property(mixedText, fc.array(fc.nat(), { minLength: 1, maxLength: 30 }), (text, picks) => {
        const index = new SourceIndex(toSourceFile(text));
        try {
          for (const p of picks) {
            const offset = p % (text.length + 1);
            expect(index.byteOffset(offset)).toBe(utf8Length(text, 0, offset));
          }
        } finally {
          index.release();
        }
      }),
    );
  });

  it("tells which spans are ASCII", () => {
    fc.assert(
      fc.property(mixedText, fc.array(fc.tuple(fc.nat(), fc.nat(8)), { minLength: 1, maxLength: 30 }), (text, picks) => {
        const index = new SourceIndex(toSourceFile(text));
        try {
          for (const [p, len] of picks) {
            const from = p % (text.length + 1);
            const n = Math.min(len, text.length - from);
            expect(index.asciiSpan(from, n)).toBe(!/[^\x00-\x7f]/.test(text.slice(from, from + n)));
            expect(index.codes.length).toBeGreaterThanOrEqual(text.length);
            for (let i = from; i < from + n; i++) expect(index.codes[i]).toBe(text.charCodeAt(i));
          }
        } finally {
          index.release();
        }
      }),
    );
  });
});
