/** Helpers over OTLP attribute lists (KeyValue[]) and AnyValue, converting to and from plain JS values. */
import type { AnyValue, KeyValue } from "./types.js";

/** A plain JS view of an AnyValue: string, boolean, bigint-free number, arrays, objects, or null. */
export type Plain = string | number | boolean | null | Plain[] | { [k: string]: Plain } | IntValue | Bytes;

/** An integer attribute value kept distinct from doubles (OTLP int64, carried as a JS number when safe). */
export class IntValue {
  constructor(readonly value: bigint) {}
  toString(): string {
    return this.value.toString();
  }
}
/** A bytes attribute value (base64 text). */
export class Bytes {
  constructor(readonly base64: string) {}
}

/** Converts an AnyValue to a plain value. */
export function fromAnyValue(v: AnyValue | undefined): Plain {
  if (!v) return null;
  if (v.stringValue !== undefined) return v.stringValue;
  if (v.boolValue !== undefined) return v.boolValue;
  if (v.intValue !== undefined) return new IntValue(BigInt(v.intValue));
  if (v.doubleValue !== undefined) return v.doubleValue;
  if (v.arrayValue) return v.arrayValue.values.map(fromAnyValue);
  if (v.kvlistValue) {
    const o: { [k: string]: Plain } = {};
    for (const kv of v.kvlistValue.values) o[kv.key] = fromAnyValue(kv.value);
    return o;
  }
  if (v.bytesValue !== undefined) return new Bytes(v.bytesValue);
  return null;
}

/** Converts a plain value to an AnyValue; JS integers become intValue, other numbers doubleValue. */
export function toAnyValue(v: unknown): AnyValue {
  if (v === null || v === undefined) return {};
  if (typeof v === "string") return { stringValue: v };
  if (typeof v === "boolean") return { boolValue: v };
  if (typeof v === "bigint") return { intValue: v.toString() };
  if (typeof v === "number") return Number.isInteger(v) ? { intValue: String(v) } : { doubleValue: v };
  if (v instanceof IntValue) return { intValue: v.value.toString() };
  if (v instanceof Bytes) return { bytesValue: v.base64 };
  if (Array.isArray(v)) return { arrayValue: { values: v.map(toAnyValue) } };
  if (typeof v === "object")
    return {
      kvlistValue: { values: Object.entries(v as object).map(([key, x]) => ({ key, value: toAnyValue(x) })) },
    };
  return { stringValue: String(v) };
}

/** The string form of a value as the collector's `AsString` gives it. */
export function anyValueAsString(v: AnyValue | undefined): string {
  if (!v) return "";
  if (v.stringValue !== undefined) return v.stringValue;
  if (v.boolValue !== undefined) return String(v.boolValue);
  if (v.intValue !== undefined) return String(v.intValue);
  if (v.doubleValue !== undefined) return formatDouble(v.doubleValue);
  if (v.bytesValue !== undefined) return v.bytesValue;
  return JSON.stringify(jsonOf(fromAnyValue(v)));
}

function formatDouble(d: number): string {
  return Number.isInteger(d) ? String(d) : String(d);
}

function jsonOf(p: Plain): unknown {
  if (p instanceof IntValue) return Number(p.value);
  if (p instanceof Bytes) return p.base64;
  if (Array.isArray(p)) return p.map(jsonOf);
  if (p && typeof p === "object") return Object.fromEntries(Object.entries(p).map(([k, x]) => [k, jsonOf(x)]));
  return p;
}

export function getAttr(attrs: KeyValue[], key: string): AnyValue | undefined {
  for (const kv of attrs) if (kv.key === key) return kv.value;
  return undefined;
}

export function hasAttr(attrs: KeyValue[], key: string): boolean {
  return attrs.some((kv) => kv.key === key);
}

/** Inserts or updates `key`. */
export function putAttr(attrs: KeyValue[], key: string, value: AnyValue): void {
  for (const kv of attrs)
    if (kv.key === key) {
      kv.value = value;
      return;
    }
  attrs.push({ key, value });
}

export function deleteAttr(attrs: KeyValue[], key: string): void {
  const i = attrs.findIndex((kv) => kv.key === key);
  if (i >= 0) attrs.splice(i, 1);
}

/** Removes attributes in place for which `keep` is false. */
export function filterAttrs(attrs: KeyValue[], keep: (kv: KeyValue) => boolean): void {
  let j = 0;
  for (let i = 0; i < attrs.length; i++) if (keep(attrs[i]!)) attrs[j++] = attrs[i]!;
  attrs.length = j;
}

/** Equality of two AnyValues by their data (field order ignored). */
export function anyValueEquals(a: AnyValue | undefined, b: AnyValue | undefined): boolean {
  return stableKey(a ?? {}) === stableKey(b ?? {});
}

/** A canonical string for any JSON-like value (object keys sorted). */
export function stableKey(v: unknown): string {
  if (v === undefined) return "null";
  if (v === null || typeof v !== "object") return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(stableKey).join(",")}]`;
  const keys = Object.keys(v as object)
    .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${stableKey((v as Record<string, unknown>)[k])}`).join(",")}}`;
}
