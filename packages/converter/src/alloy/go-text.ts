/**
 * Go value → text conversions that upstream's output depends on (otelcol-conversion.md §12): strconv.Quote,
 * time.Duration.String, float formatting and alecthomas/units Base2Bytes.
 */

/** Go `strconv.Quote`: the double-quoted Alloy string literal for `s` (the syntax core's implementation). */
export { goQuote } from "@alloy-ts/grammar";

/** Go float64 formatting as Alloy prints it: shortest round-trip digits, never an exponent. */
export function goFloat(n: number): string {
  if (!Number.isFinite(n)) return Number.isNaN(n) ? "NaN" : n > 0 ? "+Inf" : "-Inf";
  const s = String(n);
  if (!/e/i.test(s)) return s;
  const [mant, expText] = s.split(/e/i) as [string, string];
  const exp = Number(expText);
  const neg = mant.startsWith("-");
  const digits = mant.replace(/^-/, "").replace(".", "");
  const pointAt = (mant.replace(/^-/, "").indexOf(".") === -1 ? mant.replace(/^-/, "").length : mant.replace(/^-/, "").indexOf(".")) + exp;
  let text: string;
  if (pointAt <= 0) text = "0." + "0".repeat(-pointAt) + digits;
  else if (pointAt >= digits.length) text = digits + "0".repeat(pointAt - digits.length);
  else text = digits.slice(0, pointAt) + "." + digits.slice(pointAt);
  return (neg ? "-" : "") + text;
}

/** Go `time.Duration.String()` and `time.ParseDuration` (the syntax core's implementation). */
export { formatGoDuration as goDuration, parseGoDuration } from "@alloy-ts/grammar";

const BYTE_UNITS = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];

/** alecthomas/units `Base2Bytes.String()`: every non-zero base-1024 digit, largest unit first. */
export function base2Bytes(n: number): string {
  if (n === 0) return "0B";
  const neg = n < 0;
  let v = BigInt(Math.trunc(Math.abs(n)));
  const parts: string[] = [];
  for (let i = 0; i < BYTE_UNITS.length && v > 0n; i++) {
    const digit = i === BYTE_UNITS.length - 1 ? v : v % 1024n;
    if (digit !== 0n) parts.unshift(`${digit}${BYTE_UNITS[i]}`);
    v = v / 1024n;
  }
  return (neg ? "-" : "") + parts.join("");
}

/** Parses a `Base2Bytes` text such as `512KiB` or `1MiB1KiB`; undefined when malformed. */
export function parseBase2Bytes(text: string): number | undefined {
  if (!/^(\d+(B|KiB|MiB|GiB|TiB|PiB|EiB))+$/.test(text)) return undefined;
  let total = 0;
  for (const m of text.matchAll(/(\d+)(B|KiB|MiB|GiB|TiB|PiB|EiB)/g)) total += Number(m[1]) * 1024 ** BYTE_UNITS.indexOf(m[2]!);
  return total;
}
