import { describe, expect, it } from "vitest";
import { codeUnitsOf } from "./code-units.js";
import { hashSpan, StringInterner } from "./interner.js";
import { Scanner } from "./scanner.js";
import { Tok } from "./token.js";

describe("StringInterner", () => {
  const interner = (text: string, capacity?: number): StringInterner => new StringInterner((a, b) => text.slice(a, b), codeUnitsOf(text), capacity);
  const intern = (t: StringInterner, text: string, start: number, end: number): string => t.intern(start, end, hashSpan(text, start, end));

  it("returns equal text for every span, through growth past many distinct names", () => {
    const names = Array.from({ length: 5000 }, (_, i) => `name_${i}`);
    const text = names.join(" ");
    const t = interner(text, 4);
    let at = 0;
    for (const n of names) {
      expect(intern(t, text, at, at + n.length)).toBe(n);
      at += n.length + 1;
    }
    // A second pass finds the same strings.
    at = 0;
    for (const n of names) {
      expect(intern(t, text, at, at + n.length)).toBe(n);
      at += n.length + 1;
    }
    expect(intern(t, text, 3, 3)).toBe("");
  });

  it("tells apart names with equal hashes only by their characters", () => {
    const text = "abc abd xabcx";
    const t = interner(text);
    // The same hash passed for different names: the table must still compare characters.
    expect(t.intern(0, 3, 7)).toBe("abc");
    expect(t.intern(4, 7, 7)).toBe("abd");
    expect(t.intern(9, 12, 7)).toBe("abc");
    expect(t.intern(9, 12, 7)).toBe(t.intern(0, 3, 7));
  });

  it("gives the code units of any string, lone surrogates included", () => {
    for (const text of ["", "a", "x\ud800y\udc00", "é".repeat(100) + "\udfff", "a".repeat(1000)]) {
      const expected = Array.from({ length: text.length }, (_, i) => text.charCodeAt(i));
      expect(Array.from(codeUnitsOf(text))).toEqual(expected);
    }
  });

  it("matches the hash the scanner computes for identifiers, ASCII or not", () => {
    for (const text of ["otelcol", "a_1", "été", "x\u{1d4b3}y", "_"]) {
      const s = new Scanner(text);
      expect(s.scan()).toBe(Tok.IDENT);
      expect(s.identHash).toBe(hashSpan(text, 0, text.length));
    }
  });
});
