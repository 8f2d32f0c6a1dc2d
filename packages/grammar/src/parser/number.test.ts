import { describe, expect, test } from "vitest";
import { numberValue } from "./number.js";

describe("numberValue: Go's strconv with base prefixes, as upstream evaluates number literals", () => {
  test.each([
    ["0", "int64", 0],
    ["42", "int64", 42],
    ["010", "int64", 8], // a leading zero is octal
    ["00", "int64", 0],
    ["09", "float64", 9], // not octal: both integer parses fail, ParseFloat reads decimal
    ["9223372036854775807", "int64", 9223372036854775807],
    ["9223372036854775808", "uint64", 9223372036854775808],
    ["01000000000000000000000", "uint64", 2 ** 63],
    ["18446744073709551616", "float64", 18446744073709551616],
    ["1.", "float64", 1],
    [".5", "float64", 0.5],
    ["1.e5", "float64", 100000],
    ["1E-3", "float64", 0.001],
    ["2.71828e-1000", "float64", 0],
  ] as const)("%s is %s %d", (raw, goType, value) => {
    expect(numberValue(raw)).toMatchObject({ goType, value });
  });

  test("exact integers are kept beyond 2^53", () => {
    expect(numberValue("9007199254740993")).toMatchObject({ goType: "int64", exact: 9007199254740993n });
  });

  test.each([
    ["1e400", 'strconv.ParseFloat: parsing "1e400": value out of range'],
    ["1e", 'strconv.ParseFloat: parsing "1e": invalid syntax'],
  ])("%s has Go's error", (raw, message) => {
    expect(numberValue(raw)).toEqual({ goType: "error", message });
  });
});
