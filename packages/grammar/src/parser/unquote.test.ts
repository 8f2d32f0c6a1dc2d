import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { scanTokens } from "../lexer/scanner.js";
import { Tok } from "../lexer/token.js";
import { goQuote } from "./quote.js";
import { unquote, unquoteWithOffsets } from "./unquote.js";

describe("unquote: the value of a string literal (Go strconv.Unquote under Alloy's scanner rules)", () => {
  test.each([
    ['"plain"', "plain"],
    ['""', ""],
    ['"a\\nb\\tc\\\\d\\"e"', 'a\nb\tc\\d"e'],
    ['"\\a\\b\\f\\r\\v"', "\x07\b\f\r\v"],
    // Byte escapes are bytes, read together as UTF-8 (the validator once gave `Ã©` here).
    ['"\\xc3\\xa9"', "é"],
    ['"\\303\\251"', "é"],
    ['"\\xC3\\xA9t\\xc3\\xa9"', "été"],
    // A byte that forms no UTF-8 sequence reads as one U+FFFD, as Go's range over the string does.
    ['"\\xff"', "\ufffd"],
    ['"\\xc3x"', "\ufffdx"],
    ['"\\xe2\\x82"', "\ufffd\ufffd"],
    ['"\\u00e9\\U0001F600"', "é\u{1f600}"],
    ['"\\u0000"', "\0"],
    ['"\\377"', "\ufffd"],
    ["`raw \\n ${x}`", "raw \\n ${x}"],
    ["`a\r\nb`", "a\nb"],
  ])("%s", (raw, value) => {
    expect(unquote(raw)).toBe(value);
  });

  // What Alloy's scanner rejects has no value (the runtime once dropped the backslash of `\q`).
  test.each([
    ['"\\q"'],
    ["\"\\'\""],
    ['"\\x4"'],
    ['"\\xg0"'],
    ['"\\400"'],
    ['"\\08"'],
    ['"\\ud800"'],
    ['"\\U00110000"'],
    ['"a"b"'],
    ['"a\nb"'],
    ['"abc'],
    ['"\\"'],
    ["`a`b`"],
    ["plain"],
    ['"'],
    [""],
  ])("%s is not a literal", (raw) => {
    expect(unquote(raw)).toBeUndefined();
  });

  test("unquote(goQuote(s)) === s for every well-formed string", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: "binary" }), fc.string({ unit: "binary-ascii" })), (s) => {
        expect(unquote(goQuote(s))).toBe(s);
      }),
      { numRuns: 300 },
    );
  });

  test("a lone surrogate, which has no UTF-8 form, comes back as U+FFFD", () => {
    expect(unquote(goQuote("a\ud800b"))).toBe("a\ufffdb");
  });

  test("unquote has a value exactly when the scanner reads the text as one clean STRING token", () => {
    const piece = fc.constantFrom("a", "é", '"', "\\", "\\n", "\\x", "\\u", "\\U", "0", "7", "9", "f", "'", "\n", "`", "\\xff", "\\u00e9", "\\U0001f600", "\\377", "\\400");
    const literal = fc.tuple(fc.constantFrom('"', "`"), fc.array(piece, { maxLength: 8 })).map(([q, parts]) => q + parts.join("") + q);
    fc.assert(
      fc.property(literal, (raw) => {
        const list = scanTokens(raw);
        const clean = list.errors.length === 0 && list.kinds[0] === Tok.STRING && list.ends[0] === raw.length;
        expect(unquote(raw) !== undefined).toBe(clean);
      }),
      { numRuns: 1000 },
    );
  });

  test("offsets: each unit of the value maps to the text it comes from", () => {
    const raw = '"a\\xc3\\xa9b\\U0001F600\\n\\xffc"';
    const r = unquoteWithOffsets(raw)!;
    expect(r.value).toBe("aéb\u{1f600}\n\ufffdc");
    //                 a  é  b   😀 (2 units)  \n  \xff  c   end
    expect(r.offsets).toEqual([1, 2, 10, 11, 11, 21, 23, 27, 28]);
    expect(unquoteWithOffsets("`a\r\nb`")).toEqual({ value: "a\nb", offsets: [1, 3, 4, 5] });
    expect(unquoteWithOffsets('"\\q"')).toBeUndefined();
  });

  test("offsets increase, one per unit and one for the end, and a plain unit maps to itself", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 12 }), (s) => {
        const raw = goQuote(s);
        const r = unquoteWithOffsets(raw)!;
        expect(r.offsets).toHaveLength(r.value.length + 1);
        expect(r.offsets.at(-1)).toBe(raw.length - 1);
        for (let i = 0; i < r.value.length; i++) {
          expect(r.offsets[i]!).toBeLessThanOrEqual(r.offsets[i + 1]!);
          if (raw[r.offsets[i]!] !== "\\") expect(raw[r.offsets[i]!]).toBe(r.value[i]);
        }
      }),
      { numRuns: 200 },
    );
  });
});
