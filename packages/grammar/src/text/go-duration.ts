/**
 * Go's `time.Duration` as text: `time.ParseDuration` (its syntax, its value in nanoseconds, its error messages)
 * and `Duration.String()`. Alloy's duration attributes, the collector's duration settings (through
 * mapstructure), the validator's component rules, the converter's output and runtime-lite's timers all read and
 * write durations this way, so there is one implementation.
 */

const NS = 1;
const US = 1e3;
const MS = 1e6;
const S = 1e9;
const M = 60e9;
const H = 3600e9;

/** The units `time.ParseDuration` accepts (both spellings of micro: U+00B5 and U+03BC). */
const UNITS: Readonly<Record<string, number>> = { ns: NS, us: US, "\u00b5s": US, "\u03bcs": US, ms: MS, s: S, m: M, h: H };

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= "0" && c <= "9";

type Parsed = { readonly ns: number } | { readonly error: string };

/** Parsed texts: configurations repeat a few durations (`5s`, `200ms`) many times. */
const cache = new Map<string, Parsed>();

function parse(text: string): Parsed {
  const quoted = JSON.stringify(text);
  let i = 0;
  let sign = 1;
  if (text[0] === "-" || text[0] === "+") {
    sign = text[0] === "-" ? -1 : 1;
    i = 1;
  }
  // "0" (signed or not) is the one duration without a unit.
  if (text.slice(i) === "0") return { ns: 0 };
  if (i >= text.length) return { error: `time: invalid duration ${quoted}` };
  let total = 0;
  while (i < text.length) {
    const numberStart = i;
    while (isDigit(text[i])) i++;
    let digits = i > numberStart;
    if (text[i] === ".") {
      i++;
      const fractionStart = i;
      while (isDigit(text[i])) i++;
      digits ||= i > fractionStart;
    }
    if (!digits) return { error: `time: invalid duration ${quoted}` };
    const value = Number(text.slice(numberStart, i));
    const unitStart = i;
    while (i < text.length && text[i] !== "." && !isDigit(text[i])) i++;
    if (unitStart === i) return { error: `time: missing unit in duration ${quoted}` };
    const unit = text.slice(unitStart, i);
    const size = UNITS[unit];
    if (size === undefined) return { error: `time: unknown unit ${JSON.stringify(unit)} in duration ${quoted}` };
    total += value * size;
  }
  // Go's int64 nanoseconds: about 292 years.
  if (total > 9223372036854775807) return { error: `time: invalid duration ${quoted}` };
  return { ns: sign * Math.round(total) };
}

function parsed(text: string): Parsed {
  let p = cache.get(text);
  if (p === undefined) {
    p = parse(text);
    if (cache.size >= 1024) cache.clear();
    cache.set(text, p);
  }
  return p;
}

/** Go `time.ParseDuration`: the duration in nanoseconds, or undefined when the text is not a duration. */
export function parseGoDuration(text: string): number | undefined {
  const p = parsed(text);
  return "ns" in p ? p.ns : undefined;
}

/** Go `time.ParseDuration`'s error for `text` (`time: unknown unit "d" in duration "1d"`), undefined when it parses. */
export function goDurationError(text: string): string | undefined {
  const p = parsed(text);
  return "error" in p ? p.error : undefined;
}

/** Go `time.Duration.String()` for a duration in nanoseconds (`1h2m0.5s`, `1.5ms`, `0s`). */
export function formatGoDuration(ns: number): string {
  if (ns === 0) return "0s";
  const negative = ns < 0;
  let u = Math.abs(Math.trunc(ns));
  let out: string;
  if (u < S) {
    const [unit, size] = u < US ? ["ns", NS] : u < MS ? ["\u00b5s", US] : ["ms", MS];
    out = fraction(u, size as number) + unit;
  } else {
    const h = Math.floor(u / H);
    u -= h * H;
    const m = Math.floor(u / M);
    u -= m * M;
    out = (h > 0 ? `${h}h` : "") + (h > 0 || m > 0 ? `${m}m` : "") + fraction(u, S) + "s";
  }
  return (negative ? "-" : "") + out;
}

/** `value / unit` in decimal, without trailing zeros (integer arithmetic: no float rounding in the digits). */
function fraction(value: number, unit: number): string {
  const whole = Math.floor(value / unit);
  const rest = value - whole * unit;
  if (rest === 0) return String(whole);
  const width = Math.round(Math.log10(unit));
  return `${whole}.${String(rest).padStart(width, "0").replace(/0+$/, "")}`;
}
