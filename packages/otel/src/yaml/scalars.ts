/**
 * Plain (unquoted, untagged) scalars resolved as go-yaml v3 resolves them when decoding into `any`, which is how
 * the collector reads its configuration: `~`, `null` and the empty scalar are null; `true`/`false` in three
 * spellings are booleans (YAML 1.1's `yes`/`on` stay strings); integers in Go's base-prefixed syntax with `_`
 * anywhere (`50_000`, `0x1F`, `0o17`, `0b101`, and `017` read as octal); floats including `.inf` and `.nan`.
 * Everything else is a string.
 */

const NULLS = new Set(["", "~", "null", "Null", "NULL"]);
const TRUES = new Set(["true", "True", "TRUE"]);
const FALSES = new Set(["false", "False", "FALSE"]);
const FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const INFINITY = /^[-+]?\.(inf|Inf|INF)$/;
const NAN = /^\.(nan|NaN|NAN)$/;
/** Go's strconv.ParseInt(s, 0, 64) syntax once go-yaml has removed every `_`: sign, base prefix, digits. */
const GO_INT = /^[-+]?(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/;

export type Scalar = string | number | boolean | null;

export function resolvePlainScalar(s: string): Scalar {
  if (NULLS.has(s)) return null;
  if (TRUES.has(s)) return true;
  if (FALSES.has(s)) return false;
  const first = s.charCodeAt(0);
  // Only text starting like a number can be one (a digit, a sign, or a dot).
  if (!((first >= 48 && first <= 57) || first === 43 || first === 45 || first === 46)) return s;
  // go-yaml removes every `_` before trying integers and floats.
  const plain = s.includes("_") ? s.replace(/_/g, "") : s;
  if (GO_INT.test(plain)) return parseGoInt(plain);
  if (FLOAT.test(plain)) return Number(plain);
  if (INFINITY.test(s)) return s.startsWith("-") ? -Infinity : Infinity;
  if (NAN.test(s)) return NaN;
  return s;
}

function parseGoInt(s: string): number {
  const negative = s.startsWith("-");
  let body = s.replace(/^[-+]/, "");
  let radix = 10;
  if (/^0[xX]/.test(body)) (radix = 16), (body = body.slice(2));
  else if (/^0[oO]/.test(body)) (radix = 8), (body = body.slice(2));
  else if (/^0[bB]/.test(body)) (radix = 2), (body = body.slice(2));
  else if (body.length > 1 && body.startsWith("0")) (radix = 8), (body = body.slice(1));
  const n = body === "" ? 0 : parseInt(body, radix);
  return negative ? -n : n;
}
