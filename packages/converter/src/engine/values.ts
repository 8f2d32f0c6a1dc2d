/**
 * Conversion kinds: decoding an OTel (YAML) value into a comparable internal value, the zero value of each kind,
 * Go-style deep equality (nil ≠ empty, §11.1) and encoding into Alloy values (§12).
 */
import type { RawMap, RawValue } from "@alloy-ts/otel";
import { expr, str, type AlloyValue } from "../alloy/ir.js";
import { base2Bytes, goDuration, goFloat, parseBase2Bytes, parseGoDuration } from "../alloy/go-text.js";
import type { Conversion } from "./description.js";
import { embeddedExpression } from "./embedded.js";

/** A raw Alloy expression (component reference) produced by a conversion. */
export class Expr {
  constructor(readonly text: string) {}
}

/** Internal values: scalars, arrays, Maps, Expr; `undefined` is Go's nil. */
export type Internal = string | number | boolean | null | undefined | Expr | Internal[] | Map<string, unknown>;

export type Decoded = { ok: true; value: Internal } | { ok: false; message: string };

const ok = (value: Internal): Decoded => ({ ok: true, value });

/** The Go type name used in decode error messages. */
function goTypeOf(v: unknown): string {
  if (typeof v === "string") return "string";
  if (typeof v === "boolean") return "bool";
  if (typeof v === "number") return Number.isInteger(v) ? "int" : "float64";
  if (Array.isArray(v)) return "[]interface {}";
  if (v instanceof Map) return "map[string]interface {}";
  return "<nil>";
}

function mismatch(expected: string, v: unknown): Decoded {
  const shown = v instanceof Map ? "map[...]" : Array.isArray(v) ? "[...]" : String(v);
  return { ok: false, message: `expected type '${expected}', got unconvertible type '${goTypeOf(v)}', value: '${shown}'` };
}

/** Converts a plain JS default written in a description (object literals allowed for maps) to raw form. */
function toRaw(v: unknown): unknown {
  if (v !== null && typeof v === "object" && !Array.isArray(v) && !(v instanceof Map) && !(v instanceof Expr)) {
    return new Map(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, toRaw(x)]));
  }
  if (Array.isArray(v)) return v.map(toRaw);
  return v;
}

/** Decodes a value for conversion `as`; `undefined` input decodes to the zero value. */
export function decode(as: Conversion, input: unknown): Decoded {
  const v = toRaw(input);
  if (v instanceof Expr) return ok(v);
  if (v === undefined || v === null) return ok(zeroOf(as));
  switch (as) {
    case "string":
      return typeof v === "string" ? ok(v) : mismatch("string", v);
    case "int":
      return typeof v === "number" && Number.isInteger(v) ? ok(v) : mismatch("int", v);
    case "float":
    case "float32":
      return typeof v === "number" ? ok(as === "float32" ? Math.fround(v) : v) : mismatch(as === "float" ? "float64" : "float32", v);
    case "bool":
      return typeof v === "boolean" ? ok(v) : mismatch("bool", v);
    case "duration": {
      if (typeof v === "number" && Number.isInteger(v)) return ok(v);
      // The collector's decoder truncates a number to whole nanoseconds (mapstructure's float → int64).
      if (typeof v === "number" && Number.isFinite(v)) return ok(Math.trunc(v));
      const d = typeof v === "string" ? parseGoDuration(v) : undefined;
      return d === undefined ? { ok: false, message: `time: invalid duration ${JSON.stringify(String(v))}` } : ok(d);
    }
    case "bytes": {
      if (typeof v === "number" && Number.isInteger(v)) return ok(v);
      const b = typeof v === "string" ? parseBase2Bytes(v) ?? parseByteSize(v) : undefined;
      return b === undefined ? mismatch("int", v) : ok(b);
    }
    case "mib":
      return typeof v === "number" && Number.isInteger(v) ? ok(v * 1048576) : mismatch("uint32", v);
    case "strings":
    case "ints":
    case "floats":
    case "durations": {
      // The collector's decoder splits a string at commas where a list is expected (StringToSliceHookFunc(",")).
      if (typeof v === "string") return decode(as, v === "" ? [] : v.split(","));
      if (!Array.isArray(v)) return mismatch("slice", v);
      const item = ({ strings: "string", ints: "int", floats: "float", durations: "duration" } as const)[as];
      const out: Internal[] = [];
      for (const x of v) {
        const d = decode(item, x);
        if (!d.ok) return d;
        out.push(d.value);
      }
      return ok(out);
    }
    case "map":
      return v instanceof Map ? ok(v as Map<string, unknown>) : mismatch("map", v);
    case "any":
      return ok(v as Internal);
    case "extension":
      return typeof v === "string" ? ok(v) : mismatch("component.ID", v);
  }
}

/**
 * A size in the collector's log receivers' notation (stanza's ByteSize): a number and an optional unit, `kb` and
 * `mb`... in powers of 1000, `kib` and `mib`... in powers of 1024, any case (`1kb`, `16KiB`, `1.5mb`).
 */
function parseByteSize(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)\s*([a-zA-Z]*)$/.exec(text.trim());
  if (!m) return undefined;
  const units: Record<string, number> = { "": 1, b: 1, k: 1e3, kb: 1e3, kib: 1024, m: 1e6, mb: 1e6, mib: 1024 ** 2, g: 1e9, gb: 1e9, gib: 1024 ** 3, t: 1e12, tb: 1e12, tib: 1024 ** 4 };
  const unit = units[m[2]!.toLowerCase()];
  return unit === undefined ? undefined : Math.round(Number(m[1]) * unit);
}

/** Go's zero value for a conversion kind. */
export function zeroOf(as: Conversion): Internal {
  switch (as) {
    case "string": return "";
    case "int": case "float": case "float32": case "duration": case "bytes": case "mib": return 0;
    case "bool": return false;
    default: return undefined;
  }
}

/** Go reflect.DeepEqual on internal values (nil and empty are different). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a instanceof Expr && b instanceof Expr) return a.text === b.text;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (a instanceof Map && b instanceof Map) {
    if (a.size !== b.size) return false;
    for (const [k, v] of a) if (!b.has(k) || !deepEqual(v, b.get(k))) return false;
    return true;
  }
  return false;
}

/** Encodes an internal value as Alloy text data. */
export function encode(as: Conversion, v: Internal): AlloyValue {
  if (v instanceof Expr) return expr(isTyped(v) ? v.textFor(as) : v.text);
  switch (as) {
    case "string": return stringValue(String(v ?? ""));
    case "int": return { t: "number", text: String(v ?? 0) };
    case "float": case "float32": return { t: "number", text: goFloat(Number(v ?? 0)) };
    case "bool": return { t: "bool", v: v === true };
    case "duration": return str(goDuration(Number(v ?? 0)));
    case "bytes": case "mib": return str(base2Bytes(Number(v ?? 0)));
    case "strings": return { t: "array", items: ((v as Internal[]) ?? []).map((x) => encode("string", x)) };
    case "ints": return { t: "array", items: ((v as Internal[]) ?? []).map((x) => encode("int", x)) };
    case "floats": return { t: "array", items: ((v as Internal[]) ?? []).map((x) => encode("float", x)) };
    case "durations": return { t: "array", items: ((v as Internal[]) ?? []).map((x) => encode("duration", x)) };
    case "map": return v === undefined ? { t: "object", fields: [] } : anyValue(v);
    case "any": return anyValue(v);
    case "extension": return str(String(v));
  }
}

/** A string, or the concatenation for a string that embeds expressions (./embedded.ts). */
function stringValue(s: string): AlloyValue {
  const e = embeddedExpression(s);
  return e === undefined ? str(s) : expr(e);
}

/** An expression that knows how to become a value of each conversion (an environment reference). */
function isTyped(v: Expr): v is Expr & { textFor(as: Conversion): string } {
  return typeof (v as { textFor?: unknown }).textFor === "function";
}

/** Encodes a YAML value by its dynamic type; mapping keys are sorted byte-wise (Go map encoding). */
export function anyValue(v: unknown): AlloyValue {
  if (v instanceof Expr) return expr(v.text);
  if (v === null || v === undefined) return { t: "null" };
  if (typeof v === "string") return stringValue(v);
  if (typeof v === "boolean") return { t: "bool", v };
  if (typeof v === "number") return { t: "number", text: Number.isInteger(v) ? String(v) : goFloat(v) };
  if (Array.isArray(v)) return { t: "array", items: v.map(anyValue) };
  if (v instanceof Map) {
    const keys = [...(v as RawMap).keys()].sort(byteOrder);
    return { t: "object", fields: keys.map((key) => ({ key, value: anyValue((v as Map<string, RawValue>).get(key)) })) };
  }
  return str(String(v));
}

/** Byte-wise string order (Go's sort of strings). */
export function byteOrder(a: string, b: string): number {
  const ba = Buffer.from(a, "utf8");
  const bb = Buffer.from(b, "utf8");
  return Buffer.compare(ba, bb);
}
