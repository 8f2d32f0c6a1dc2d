import { parseExpression } from "@alloy-ts/grammar";
import { describe, expect, test } from "vitest";
import { evaluate } from "./evaluate.js";
import { EvalError } from "./values.js";

const value = (text: string) => evaluate(parseExpression(text).expr, { names: {}, components: new Set() });

describe("literals evaluate as Alloy reads them", () => {
  test("byte escapes form UTF-8; quoted object keys are decoded", () => {
    expect(value('"\\xc3\\xa9"')).toBe("é");
    expect(value('{ "a\\"b" = "\\u00e9" }')).toEqual({ 'a"b': "é" });
  });

  test("a literal Alloy does not scan has no value (the backslash of \\q is not dropped silently)", () => {
    expect(() => value('"\\q"')).toThrow(EvalError);
  });

  test("numbers take Go's base prefixes: a leading zero is octal", () => {
    expect(value("010")).toBe(8);
    expect(value("09")).toBe(9);
    expect(() => value("1e400")).toThrow('strconv.ParseFloat: parsing "1e400": value out of range');
  });
});
