/** The shortcut through V8's parser must never change RE2's verdict on a pattern. */
import fc from "fast-check";
import { RE2JS } from "re2js";
import { describe, expect, it } from "vitest";
import { re2Error } from "./re2.js";

const TOKENS = ["a", "b", "é", ".", "*", "+", "?", "*?", "|", "(", ")", "(?:", "(?=", "(?i)", "(?s:", "(?i:", "(?x:", "[", "]", "[^", "^", "$", "-", "\\d", "\\w", "\\b", "\\B", "\\s", "\\.", "\\-", "\\/", "\\1", "\\Z", "\\", "{", "}", "{2}", "{1,3}", ",", "0"];

const re2Accepts = (p: string): boolean => {
  try {
    RE2JS.compile(p);
    return true;
  } catch {
    return false;
  }
};

describe("re2Error", () => {
  it("agrees with RE2 on every pattern built from regular-expression pieces", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...TOKENS), { maxLength: 10 }), (parts) => {
        const p = parts.join("");
        expect(re2Error(p) === undefined).toBe(re2Accepts(p));
      }),
      { numRuns: 3000 },
    );
  });

  it("keeps RE2's verdict where JavaScript's differs", () => {
    for (const p of ["[^]", "[]a]", "a(?=b)", "(a)\\1", "[\\b]", "\\Z", "(?i)abc", "[[:alpha:]]"]) expect(re2Error(p) === undefined).toBe(re2Accepts(p));
  });
});
