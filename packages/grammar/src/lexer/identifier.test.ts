import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { dottedIdentifierEnd, identifierEnd, isKeyword, isValidIdentifier, objectKeyText, sanitizeIdentifier } from "./identifier.js";
import { Scanner } from "./scanner.js";
import { Tok } from "./token.js";

/** Upstream's definition: the whole string scans as exactly one IDENT token. */
function scansAsOneIdentifier(s: string): boolean {
  if (s.length === 0) return false;
  const scanner = new Scanner(s);
  return scanner.scan() === Tok.IDENT && scanner.pos === 0 && scanner.end === s.length;
}

describe("identifiers (spec 2.2)", () => {
  test.each([
    ["a", true], ["_", true], ["_0", true], ["é", true], ["日本", true], ["a٣", true], ["\u{10400}x", true],
    ["", false], ["1a", false], ["٣a", false], ["a-b", false], ["a.b", false], ["true", false], ["null", false],
    ["false", false], ["True", true], ["a b", false], ["\ufeffa", false], ["a\ud800", false], ["→", false],
  ])("%j is an identifier: %s", (s, valid) => {
    expect(isValidIdentifier(s)).toBe(valid);
    expect(scansAsOneIdentifier(s)).toBe(valid);
  });

  test("the character rule agrees with the scanner on arbitrary strings", () => {
    const piece = fc.constantFrom("a", "Z", "_", "0", "9", "é", "٣", "\u{10400}", "\ud800", "-", ".", " ", "true", "null", "\ufeff", "\u0301", "\n", '"');
    const text = fc.oneof(fc.array(piece, { maxLength: 6 }).map((p) => p.join("")), fc.string({ unit: "binary", maxLength: 6 }));
    fc.assert(
      fc.property(text, (s) => {
        expect(isValidIdentifier(s)).toBe(scansAsOneIdentifier(s));
      }),
      { numRuns: 1000 },
    );
  });

  test("identifier and dotted-name ends", () => {
    expect(identifierEnd("ab1 = 2", 0)).toBe(3);
    expect(identifierEnd("1ab", 0)).toBe(0);
    expect(identifierEnd("x \u{10400}y.z", 2)).toBe(5);
    expect(dottedIdentifierEnd("a.b.c + 1", 0)).toBe(5);
    expect(dottedIdentifierEnd("a.b.", 0)).toBe(3);
    expect(dottedIdentifierEnd("a.1", 0)).toBe(1);
    expect(dottedIdentifierEnd(".a", 0)).toBe(0);
  });

  test("keywords and bare object keys", () => {
    expect(["true", "false", "null", "nil"].map(isKeyword)).toEqual([true, true, true, false]);
    expect(objectKeyText("service_name")).toBe("service_name");
    expect(objectKeyText("X-Api-Key")).toBe('"X-Api-Key"');
    expect(objectKeyText("null")).toBe('"null"');
    expect(objectKeyText('a"b')).toBe('"a\\"b"');
  });

  test("sanitizing gives a valid identifier for every non-empty string without keywords", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", minLength: 1, maxLength: 8 }).filter((s) => !isKeyword(s)), (s) => {
        const r = sanitizeIdentifier(s);
        expect(r.ok && isValidIdentifier(r.value)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
