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

const NS = 1, US = 1e3, MS = 1e6, S = 1e9, M = 60e9, H = 3600e9;

/** Go `time.Duration.String()` for a duration in nanoseconds. */
export function goDuration(ns: number): string {
  if (ns === 0) return "0s";
  const neg = ns < 0;
  let u = Math.abs(Math.trunc(ns));
  let out: string;
  if (u < S) {
    const [unit, size] = u < US ? ["ns", NS] : u < MS ? ["µs", US] : ["ms", MS];
    out = fraction(u, size as number) + unit;
  } else {
    const h = Math.floor(u / H);
    u -= h * H;
    const m = Math.floor(u / M);
    u -= m * M;
    out = (h > 0 ? `${h}h` : "") + (h > 0 || m > 0 ? `${m}m` : "") + fraction(u, S) + "s";
  }
  return (neg ? "-" : "") + out;
}

function fraction(value: number, unit: number): string {
  const whole = Math.floor(value / unit);
  const rest = value - whole * unit;
  if (rest === 0) return String(whole);
  const width = Math.round(Math.log10(unit));
  return `${whole}.${String(rest).padStart(width, "0").replace(/0+$/, "")}`;
}

const DURATION_UNITS: Record<string, number> = { ns: NS, us: US, "µs": US, "μs": US, ms: MS, s: S, m: M, h: H };

/** Parsed durations: configurations repeat a few texts (`5s`, `200ms`) many times. */
const durationCache = new Map<string, number | undefined>();

/** Go `time.ParseDuration`; undefined when the text is not a duration. */
export function parseGoDuration(text: string): number | undefined {
  if (durationCache.has(text)) return durationCache.get(text);
  const ns = parseDuration(text);
  if (durationCache.size >= 1024) durationCache.clear();
  durationCache.set(text, ns);
  return ns;
}

function parseDuration(text: string): number | undefined {
  const m = /^([-+]?)((?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+$/.exec(text);
  if (text === "0" || text === "+0" || text === "-0") return 0;
  if (!m) return undefined;
  let total = 0;
  for (const part of text.replace(/^[-+]/, "").matchAll(/(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/g)) {
    total += Number(part[1]) * DURATION_UNITS[part[2]!]!;
  }
  return Math.round(m[1] === "-" ? -total : total);
}

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
