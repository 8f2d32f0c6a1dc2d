/**
 * The value of a number literal, as upstream's evaluation reads it (syntax/internal/transform/value.go): a NUMBER
 * (digits only) is Go's `strconv.ParseInt(lit, 0, 64)`, so a leading zero means octal (`010` is 8); failing that
 * `ParseUint`, then `ParseFloat` (`09` is the float 9, a number past 2^64 a float). A FLOAT is `ParseFloat`.
 */
import { goQuote } from "./quote.js";

/** A number literal's Go type and value (`exact` for the integer types), or the error Go's strconv gives. */
export type NumberValue =
  | { readonly goType: "int64" | "uint64"; readonly value: number; readonly exact: bigint }
  | { readonly goType: "float64"; readonly value: number }
  | { readonly goType: "error"; readonly message: string };

const INT64_MAX = 9223372036854775807n;
const UINT64_MAX = 18446744073709551615n;
const DIGITS = /^[0-9]+$/;
const OCTAL = /^0[0-7]+$/;
/** What Go's ParseFloat accepts of the scanner's FLOAT tokens: digits, one `.`, an exponent with digits. */
const FLOAT = /^(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;

/** The value of the NUMBER or FLOAT literal written as `raw`. */
export function numberValue(raw: string): NumberValue {
  if (DIGITS.test(raw)) {
    // Base 0: a leading 0 makes the rest octal, and an 8 or 9 there fails both integer parses.
    const exact = raw.length > 1 && raw.charCodeAt(0) === 0x30 ? (OCTAL.test(raw) ? BigInt("0o" + raw.slice(1)) : undefined) : BigInt(raw);
    if (exact !== undefined && exact <= INT64_MAX) return { goType: "int64", value: Number(exact), exact };
    if (exact !== undefined && exact <= UINT64_MAX) return { goType: "uint64", value: Number(exact), exact };
  }
  if (!FLOAT.test(raw)) return { goType: "error", message: `strconv.ParseFloat: parsing ${goQuote(raw)}: invalid syntax` };
  const value = Number(raw);
  // Go rounds to ±Inf only with ErrRange; underflow to zero is no error.
  if (!Number.isFinite(value)) return { goType: "error", message: `strconv.ParseFloat: parsing ${goQuote(raw)}: value out of range` };
  return { goType: "float64", value };
}
