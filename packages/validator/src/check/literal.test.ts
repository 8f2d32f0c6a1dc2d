import { parseExpression, type LiteralExpr } from "@alloy-ts/grammar";
import { describe, expect, test } from "vitest";
import { literalValue } from "./literal.js";

const literal = (text: string) => literalValue(parseExpression(text).expr as LiteralExpr);

describe("literal values", () => {
  test("byte escapes are bytes read as UTF-8, not one character each", () => {
    expect(literal('"\\xc3\\xa9"')).toEqual({ t: "string", v: "é" });
  });

  test("a string literal Alloy does not scan has no value to check", () => {
    expect(literal('"\\q"')).toBeUndefined();
  });

  test("number literals have Go's type and value", () => {
    expect(literal("010")).toEqual({ t: "number", v: 8, goType: "int64" });
    expect(literal("09")).toEqual({ t: "number", v: 9, goType: "float64" });
    expect(literal("18446744073709551615")).toMatchObject({ goType: "uint64" });
    expect(literal("1e400")).toBeUndefined();
  });
});
