import { parseExpression } from "@alloy-ts/grammar";
import { describe, expect, test } from "vitest";
import { evaluate } from "./evaluate.js";
import { EvalError } from "./values.js";

const value = (text: string) => evaluate(parseExpression(text).expr, { names: {}, components: new Set() });

describe("string literals evaluate as Alloy reads them", () => {
  test("byte escapes form UTF-8; quoted object keys are decoded", () => {
    expect(value('"\\xc3\\xa9"')).toBe("é");
    expect(value('{ "a\\"b" = "\\u00e9" }')).toEqual({ 'a"b': "é" });
  });

  test("a literal Alloy does not scan has no value (the backslash of \\q is not dropped silently)", () => {
    expect(() => value('"\\q"')).toThrow(EvalError);
  });
});
