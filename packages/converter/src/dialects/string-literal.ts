/** Decoding Alloy string literals of the files read back into collector YAML. */
import { unquote } from "@alloy-ts/grammar";

/**
 * The value of a string literal written as `raw`. Only files that parsed without errors are read, so every
 * literal scans; one that does not is an internal error, reported as such by the caller's catch.
 */
export function decodeStringLiteral(raw: string): string {
  const value = unquote(raw);
  if (value === undefined) throw new Error(`string literal ${raw} does not scan`);
  return value;
}
