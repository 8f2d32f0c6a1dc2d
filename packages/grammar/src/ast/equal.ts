/**
 * Structural equality of syntax trees that ignores source positions (ranges, `lCurly`, `lParen`, …) and
 * comments: two trees are equal when they print the same program. Useful for parse → print → parse tests.
 */

/** Position fields of nodes (and the object-valued ones of trees written by hand before positions were numbers). */
const POSITION_KEYS: ReadonlySet<string> = new Set([
  "range",
  "opRange",
  "labelRange",
  "lCurly",
  "rCurly",
  "lBrack",
  "lParen",
  "comments",
  "start",
  "end",
  "opStart",
  "opEnd",
  "labelStart",
  "labelEnd",
  "nameEnd",
]);

/** True when `a` and `b` are the same tree apart from positions and comments. */
export function equalIgnoringRanges(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => equalIgnoringRanges(x, bb[i]));
  }
  const ka = Object.keys(a).filter((k) => !POSITION_KEYS.has(k) && (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => !POSITION_KEYS.has(k) && (b as Record<string, unknown>)[k] !== undefined);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => equalIgnoringRanges((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
