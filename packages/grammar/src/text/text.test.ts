import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { borrowCodeUnits, codeUnitsOf, returnCodeUnits } from "../lexer/code-units.js";
import type { Diagnostic, RangedDiagnostic } from "../diagnostics/diagnostic.js";
import { parse, parseStreaming } from "../parser/parser.js";
import { ForwardLineCounter, LineCursor } from "./line-cursor.js";
import { SourceFile } from "./source-file.js";

/** Line starts by the definition: 0, then one past every "\n". */
function naiveLineStarts(text: string): number[] {
  const out = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === "\n") out.push(i + 1);
  return out;
}

/** Texts with many short lines (so the line table has to grow) and some long ones. */
const lineText = fc
  .array(fc.oneof(fc.constantFrom("", "a", "x = 1", "\r"), fc.string({ maxLength: 80 })), { maxLength: 300 })
  .map((lines) => lines.join("\n"));

describe("line starts", () => {
  test("are every line's first offset, however short or long the lines", () => {
    fc.assert(
      fc.property(lineText, (text) => {
        expect(Array.from(new SourceFile("", text).lineStarts)).toEqual(naiveLineStarts(text));
      }),
    );
    expect(Array.from(new SourceFile("", "\n".repeat(1000)).lineStarts)).toEqual(naiveLineStarts("\n".repeat(1000)));
  });

  test("of code units are the same, from bytes at any alignment, ASCII or not", () => {
    fc.assert(
      fc.property(lineText, fc.nat(7), (text, shift) => {
        const utf8 = new TextEncoder().encode(text);
        // The bytes at an offset in their buffer: the newlines are counted a word at a time where aligned.
        const bytes = new Uint8Array(new ArrayBuffer(utf8.length + shift), shift, utf8.length);
        bytes.set(utf8);
        const source = SourceFile.fromBytes("", bytes, true);
        expect(Array.from(source.lineStarts)).toEqual(naiveLineStarts(source.text));
      }),
    );
  });

  test("from bytes decoded in the room before them are the same text, valid or not", () => {
    const inRoom = (utf8: Uint8Array): Uint8Array => {
      const bytes = new Uint8Array(new ArrayBuffer(2 * utf8.length), utf8.length, utf8.length);
      bytes.set(utf8);
      return bytes;
    };
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom("a", "\n", "é", "—", "😀", " ") }), (text) => {
        const source = SourceFile.fromBytes("", inRoom(new TextEncoder().encode(text)), true, true);
        expect(source.text).toBe(text);
        expect(Array.from(source.lineStarts)).toEqual(naiveLineStarts(text));
      }),
    );
    // Invalid UTF-8 in the last megabyte piece of 5 MB, when the units written already overlap the bytes: the bytes
    // as they were are decoded with their replacements, as without the room.
    const line = "é — ok\n".repeat(500_000);
    for (const at of [100, line.length - 10]) {
      const utf8 = new TextEncoder().encode(line);
      utf8[new TextEncoder().encode(line.slice(0, at)).length] = 0xff;
      const want = SourceFile.fromBytes("", utf8.slice());
      const got = SourceFile.fromBytes("", inRoom(utf8), true, true);
      expect(got.text === want.text).toBe(true);
      expect(got.invalidOffsets).toEqual(want.invalidOffsets);
    }
  });

  test("are made on first use only", () => {
    const source = new SourceFile("", "a = 1\n");
    expect(source.hasLineStarts).toBe(false);
    parse(source);
    expect(source.hasLineStarts).toBe(false);
    expect(source.lineOf(4)).toBe(1);
    expect(source.hasLineStarts).toBe(true);
  });

  test("counting forward gives the lines the table gives, also when looking back", () => {
    fc.assert(
      fc.property(lineText, fc.array(fc.nat(), { maxLength: 40 }), (text, picks) => {
        const source = new SourceFile("", text);
        const counter = new ForwardLineCounter(text);
        const cursor = new LineCursor(source.lineStarts);
        const offsets = picks.map((p) => p % (text.length + 1));
        // Mostly increasing, as the parser asks, with the arbitrary order mixed in.
        for (const offset of [...[...offsets].sort((a, b) => a - b), ...offsets]) {
          expect(counter.line(offset)).toBe(source.lineOf(offset));
          expect(cursor.line(offset)).toBe(source.lineOf(offset));
        }
      }),
    );
  });
});

describe("borrowed code units", () => {
  test("hold the text's code units, and a nested borrow gets its own array", () => {
    const a = "a".repeat(100) + "é\uD800x";
    const b = "b".repeat(200);
    const first = borrowCodeUnits(a);
    const nested = borrowCodeUnits(b);
    expect(Array.from(first)).toEqual(Array.from(codeUnitsOf(a)));
    expect(Array.from(nested)).toEqual(Array.from(codeUnitsOf(b)));
    expect(first.buffer).not.toBe(nested.buffer);
    returnCodeUnits(nested);
    returnCodeUnits(first);
    // The kept buffer serves the next borrow; its contents are the new text's.
    const again = borrowCodeUnits(b);
    expect(Array.from(again)).toEqual(Array.from(codeUnitsOf(b)));
    returnCodeUnits(again);
  });

  test("parses one after another and from inside a streaming parse see their own text", () => {
    const outer = 'b "x" {\n  c = [1, 2]\n}\n'.repeat(20);
    const inner = "x = y.z // c\n".repeat(30);
    const names: string[] = [];
    const diagnostics: Diagnostic[] = [];
    parseStreaming(new SourceFile("", outer), (s) => {
      names.push(s.name);
      const r = parse(inner);
      expect(r.diagnostics).toEqual([]);
      expect(r.file.body.map((t) => t.name)).toEqual(Array(30).fill("x"));
    }, [], diagnostics as RangedDiagnostic[]);
    expect(diagnostics).toEqual([]);
    expect(names).toEqual(Array(20).fill("b"));
    expect(parse(outer).file.body).toHaveLength(20);
  });
});
