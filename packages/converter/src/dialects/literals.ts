/**
 * Values of the Alloy literals of the files read back into collector YAML, decoded by the grammar as upstream's
 * evaluation decodes them. Only files that parsed without errors are read, so every literal scans; one that has
 * no value is an internal error, reported as such by the caller's catch.
 */
import { numberValue, unquote } from "@alloy-ts/grammar";

/** The value of a string literal written as `raw`. */
export function decodeStringLiteral(raw: string): string {
  const value = unquote(raw);
  if (value === undefined) throw new Error(`string literal ${raw} does not scan`);
  return value;
}

/** The value of a number literal written as `raw` (`010` is 8, as in Alloy). */
export function decodeNumberLiteral(raw: string): number {
  const n = numberValue(raw);
  if (n.goType === "error") throw new Error(n.message);
  return n.value;
}
