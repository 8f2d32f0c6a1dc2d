import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { parse, parseExpression } from "../parser/parser.js";
import { recognize, expectedTokenKinds, referenceGrammar } from "./index.js";

/** Differential oracle: the production parser accepts exactly what the reference grammar accepts. */
const productionAccepts = (text: string): boolean => parse(text).diagnostics.length === 0;

describe("reference grammar (Chevrotain)", () => {
  it("builds: Chevrotain's grammar analysis finds no ambiguity or left recursion", () => {
    // performSelfAnalysis throws with the list of definition errors when there are any.
    expect(() => referenceGrammar()).not.toThrow();
  });

  it.each([
    ["", true],
    ['logging { level = "debug" }', true],
    ['a.b "c" {\n\tx = [1, 2,\n\t]\n\ty = {a = 1, "b" = 2}\n}\n', true],
    ["a = f(1)(2)[0].x ^ -2 ^ 3 || !b && c != d\n", true],
    ['a "b c" { }', false],
    ["a `b` { }", false],
    ["a.b = 1", false],
    ["a = 1 b = 2", false],
    ["a = [1\n]", false],
    ["a = b { }", false],
    ["a = {1 = 2}", false],
  ])("agrees with the production parser on %j", (text, ok) => {
    expect(recognize(text).ok).toBe(ok);
    expect(productionAccepts(text)).toBe(ok);
  });

  it("agrees with the production parser on random token soup", () => {
    const piece = fc.constantFrom(
      "a", "b.c", "x", '"l"', '"bad label"', "`raw`", "1", "2.5", "true", "null", "=", "==", "+", "-", "!", "^", "*",
      "&&", "||", ".", ",", "(", ")", "[", "]", "{", "}", "\n", " ", "// c\n", "/* c */",
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
        const text = pieces.join(" ");
        expect(recognize(text).ok).toBe(productionAccepts(text));
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 3000) },
    );
  });

  it("agrees on single expressions", () => {
    const piece = fc.constantFrom("a", "1", '"s"', "+", "*", "(", ")", "[", "]", "{", "}", "k = 1", ",", ".", "f", "\n");
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 16 }), (pieces) => {
        const text = pieces.join("");
        expect(recognize(text, "expression").ok).toBe(parseExpression(text).diagnostics.length === 0);
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 2000) },
    );
  });

  it("offers the syntactically possible next tokens", () => {
    expect(expectedTokenKinds("a", 1).sort()).toEqual(["ASSIGN", "DOT", "LCURLY", "STRING"].sort());
    expect(expectedTokenKinds("x = ", 4)).toContain("LBRACK");
    expect(expectedTokenKinds("", 0)).toEqual(["IDENT"]);
  });
});
