/** Conversions between OTTL runtime values and OTLP AnyValue, and the OTTL enum constants. */
import type { AnyValue, KeyValue } from "../pdata/types.js";
import type { OttlValue } from "./parser.js";

export function fromAny(v: AnyValue | undefined): OttlValue {
  if (!v) return null;
  if (v.stringValue !== undefined) return v.stringValue;
  if (v.boolValue !== undefined) return v.boolValue;
  if (v.intValue !== undefined) return BigInt(v.intValue);
  if (v.doubleValue !== undefined) return v.doubleValue;
  if (v.arrayValue) return v.arrayValue.values.map(fromAny);
  if (v.kvlistValue) return Object.fromEntries(v.kvlistValue.values.map((kv) => [kv.key, fromAny(kv.value)]));
  if (v.bytesValue !== undefined) return Buffer.from(v.bytesValue, "base64");
  return null;
}

export function toAny(v: OttlValue): AnyValue {
  if (v === null) return {};
  if (typeof v === "string") return { stringValue: v };
  if (typeof v === "boolean") return { boolValue: v };
  if (typeof v === "bigint") return { intValue: v.toString() };
  if (typeof v === "number") return { doubleValue: v };
  if (v instanceof Uint8Array) return { bytesValue: Buffer.from(v).toString("base64") };
  if (Array.isArray(v)) return { arrayValue: { values: v.map(toAny) } };
  return { kvlistValue: { values: Object.entries(v).map(([key, x]) => ({ key, value: toAny(x) })) } };
}

export function mapOf(attrs: KeyValue[]): { [k: string]: OttlValue } {
  return Object.fromEntries(attrs.map((kv) => [kv.key, fromAny(kv.value)]));
}

/** The string form OTTL's converters and the collector's AsString use. */
export function asString(v: OttlValue): string {
  if (v === null) return "";
  if (typeof v === "string") return v;
  if (typeof v === "bigint" || typeof v === "boolean") return String(v);
  if (typeof v === "number") return String(v);
  if (v instanceof Uint8Array) return Buffer.from(v).toString("hex");
  return JSON.stringify(v, (_k, x) => (typeof x === "bigint" ? Number(x) : x));
}

const SEVERITY = ["TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL"];
const SPAN_KIND = ["UNSPECIFIED", "INTERNAL", "SERVER", "CLIENT", "PRODUCER", "CONSUMER"];
const METRIC_TYPE = ["NONE", "GAUGE", "SUM", "HISTOGRAM", "EXPONENTIAL_HISTOGRAM", "SUMMARY"];

/** Value of an OTTL enum symbol, or undefined when unknown. */
export function enumValue(name: string): bigint | undefined {
  let m = /^SEVERITY_NUMBER_([A-Z]+)([234])?$/.exec(name);
  if (m) {
    if (m[1] === "UNSPECIFIED") return 0n;
    const i = SEVERITY.indexOf(m[1]!);
    return i < 0 ? undefined : BigInt(i * 4 + 1 + (m[2] ? Number(m[2]) - 1 : 0));
  }
  m = /^SPAN_KIND_([A-Z]+)$/.exec(name);
  if (m) {
    const i = SPAN_KIND.indexOf(m[1]!);
    return i < 0 ? undefined : BigInt(i);
  }
  m = /^STATUS_CODE_([A-Z]+)$/.exec(name);
  if (m) {
    const i = ["UNSET", "OK", "ERROR"].indexOf(m[1]!);
    return i < 0 ? undefined : BigInt(i);
  }
  m = /^METRIC_DATA_TYPE_([A-Z_]+)$/.exec(name);
  if (m) {
    const i = METRIC_TYPE.indexOf(m[1]!);
    return i < 0 ? undefined : BigInt(i);
  }
  m = /^AGGREGATION_TEMPORALITY_([A-Z]+)$/.exec(name);
  if (m) {
    const i = ["UNSPECIFIED", "DELTA", "CUMULATIVE"].indexOf(m[1]!);
    return i < 0 ? undefined : BigInt(i);
  }
  return undefined;
}

/** OTTL equality: numbers compare by value across int/float; other types must match. */
export function ottlEquals(a: OttlValue, b: OttlValue): boolean {
  if ((typeof a === "bigint" || typeof a === "number") && (typeof b === "bigint" || typeof b === "number"))
    return Number(a) === Number(b);
  if (a === null || b === null) return a === b;
  if (typeof a !== typeof b) return false;
  if (typeof a === "object") return asString(a) === asString(b);
  return a === b;
}

/** OTTL ordering; undefined when the values are not comparable (the comparison is then false). */
export function ottlCompare(a: OttlValue, b: OttlValue): number | undefined {
  if ((typeof a === "bigint" || typeof a === "number") && (typeof b === "bigint" || typeof b === "number")) {
    const x = Number(a);
    const y = Number(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (typeof a === "string" && typeof b === "string") return a < b ? -1 : a > b ? 1 : 0;
  return undefined;
}

/** Converts a Go regular expression to a JS one (named groups `(?P<n>` → `(?<n>`). */
export function goRegExp(src: string, flags = ""): RegExp {
  let s = src.replace(/\(\?P</g, "(?<");
  let f = flags;
  const inline = /^\(\?([imsU]+)\)/.exec(s);
  if (inline) {
    s = s.slice(inline[0].length);
    for (const c of inline[1]!) if ("ims".includes(c) && !f.includes(c)) f += c;
  }
  return new RegExp(s, f);
}

/** Converts a Go regexp replacement template (`$1`, `${1}`, `${name}`) to JS syntax. */
export function goReplacement(tpl: string): string {
  return tpl.replace(/\$\{(\w+)\}|\$(\d+)|\$(\w+)|\$\$/g, (m, braced: string, num: string, named: string) => {
    if (m === "$$") return "$$";
    const name = braced ?? num ?? named;
    return /^\d+$/.test(name) ? `$${name}` : `$<${name}>`;
  });
}

/** Glob matching as Go's filepath.Match: `*` any run except `/`, `?` one character, `[...]` classes. */
export function globToRegExp(glob: string): RegExp {
  let re = "^";
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === "*") re += "[^/]*";
    else if (c === "?") re += "[^/]";
    else if (c === "[") {
      const end = glob.indexOf("]", i + 1);
      if (end < 0) re += "\\[";
      else {
        re += `[${glob.slice(i + 1, end).replace(/^\^/, "^").replace(/\\/g, "\\\\")}]`;
        i = end;
      }
    } else if (c === "\\" && i + 1 < glob.length) re += `\\${glob[++i]}`;
    else re += c.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
  }
  return new RegExp(`${re}$`, "s");
}
