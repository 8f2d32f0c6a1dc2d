import { describe, expect, it } from "vitest";
import { hashSpan, StringInterner } from "./interner.js";
import { Scanner } from "./scanner.js";
import { Tok } from "./token.js";

describe("StringInterner", () => {
  const intern = (t: StringInterner, text: string, start: number, end: number): string => t.intern(text, start, end, hashSpan(text, start, end));

  it("returns equal text for every span, through growth past many distinct names", () => {
    const names = Array.from({ length: 5000 }, (_, i) => `name_${i}`);
    const text = names.join(" ");
    const t = new StringInterner(4);
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
    const t = new StringInterner();
    // Same hash passed for different texts: the table must still compare characters.
    expect(t.intern("abc", 0, 3, 7)).toBe("abc");
    expect(t.intern("abd", 0, 3, 7)).toBe("abd");
    expect(t.intern("xabcx", 1, 4, 7)).toBe("abc");
  });

  it("matches the hash the scanner computes for identifiers, ASCII or not", () => {
    for (const text of ["otelcol", "a_1", "été", "x\u{1d4b3}y", "_"]) {
      const s = new Scanner(text);
      expect(s.scan()).toBe(Tok.IDENT);
      expect(s.identHash).toBe(hashSpan(text, 0, text.length));
    }
  });
});
