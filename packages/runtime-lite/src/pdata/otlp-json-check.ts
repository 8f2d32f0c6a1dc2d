/**
 * OTLP/JSON checked as the collector's pdata decoder reads it, against the same message schema as the protobuf
 * codec: every known field must have its type (a string where a string is expected, 64-bit integers as numbers
 * or decimal strings, IDs as hex of the right length, enums as numbers or their names, lists as arrays), and the
 * error names the field by its path. Unknown fields are dropped, as the collector skips them; snake_case names
 * are read like their lowerCamelCase forms. Values come out in the model's conventions (64-bit integers as
 * decimal strings, IDs as lowercase hex).
 */
import type { Field, Schema } from "./otlp-proto.js";

/** Enum fields that also take their value names (`SPAN_KIND_SERVER`). */
const ENUMS: Record<string, Record<string, number>> = {
  kind: Object.fromEntries(["UNSPECIFIED", "INTERNAL", "SERVER", "CLIENT", "PRODUCER", "CONSUMER"].map((n, i) => [`SPAN_KIND_${n}`, i])),
  code: { STATUS_CODE_UNSET: 0, STATUS_CODE_OK: 1, STATUS_CODE_ERROR: 2 },
  aggregationTemporality: { AGGREGATION_TEMPORALITY_UNSPECIFIED: 0, AGGREGATION_TEMPORALITY_DELTA: 1, AGGREGATION_TEMPORALITY_CUMULATIVE: 2 },
  severityNumber: Object.fromEntries([
    ["SEVERITY_NUMBER_UNSPECIFIED", 0],
    ...["TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL"].flatMap((n, i) => ["", "2", "3", "4"].map((k, j) => [`SEVERITY_NUMBER_${n}${k}`, i * 4 + j + 1])),
  ]),
};

/** Byte lengths of the ID fields (empty is allowed: an absent ID). */
const ID_BYTES: Record<string, number> = { traceId: 16, spanId: 8, parentSpanId: 8 };

const MAX_DEPTH = 64;

class JsonFieldError extends Error {}

const describe = (v: unknown): string => (v === null ? "null" : Array.isArray(v) ? "array" : typeof v === "object" ? "object" : `${typeof v} ${JSON.stringify(v)}`.slice(0, 60));
const fail = (path: string, expected: string, v: unknown): never => {
  throw new JsonFieldError(`${path}: expected ${expected}, got ${describe(v)}`);
};

const camel = (k: string): string => k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/** Field name → field, per schema (built on first use). */
const byName = new WeakMap<Schema, Map<string, Field>>();
function fieldsOf(schema: Schema): Map<string, Field> {
  let m = byName.get(schema);
  if (!m) byName.set(schema, (m = new Map(Object.values(schema).map((f: Field) => [f.name, f]))));
  return m;
}

function integer(path: string, v: unknown, signed: boolean): string {
  if (typeof v === "number" && Number.isInteger(v)) return BigInt(v).toString();
  if (typeof v === "string" && (signed ? /^-?\d+$/ : /^\d+$/).test(v)) return BigInt(v).toString();
  return fail(path, signed ? "an integer" : "an unsigned integer", v);
}

function scalar(path: string, name: string, type: string, v: unknown): unknown {
  switch (type) {
    case "string":
    case "b64":
      return typeof v === "string" ? v : fail(path, "a string", v);
    case "bool":
      return typeof v === "boolean" ? v : fail(path, "true or false", v);
    case "hex": {
      if (typeof v !== "string" || !/^([0-9a-fA-F]{2})*$/.test(v)) return fail(path, "a hex string", v);
      const bytes = ID_BYTES[name] ?? 0;
      if (v !== "" && bytes && v.length !== bytes * 2) throw new JsonFieldError(`${path}: invalid length for ID: ${v.length / 2} bytes, expected ${bytes}`);
      return v.toLowerCase();
    }
    case "int64":
    case "sfixed64":
      return integer(path, v, true);
    case "fixed64":
    case "uint64":
      return integer(path, v, false);
    case "uint32":
    case "fixed32":
    case "sint32": {
      const names = ENUMS[name];
      if (names && typeof v === "string") return names[v] ?? fail(path, `a ${name} value`, v);
      if (typeof v === "number" && Number.isInteger(v) && (type === "sint32" ? Math.abs(v) < 2 ** 31 : v >= 0 && v < 2 ** 32)) return v;
      return fail(path, type === "sint32" ? "a 32-bit integer" : "an unsigned 32-bit integer", v);
    }
    case "double":
      if (typeof v === "number") return v;
      if (v === "NaN" || v === "Infinity" || v === "-Infinity") return Number(v);
      return fail(path, "a number", v);
    default:
      return v;
  }
}

function value(path: string, f: Field, v: unknown, depth: number): unknown {
  if (typeof f.type === "string") return scalar(path, f.name, f.type, v);
  return message(path, f.type, v, depth + 1);
}

function message(path: string, schema: Schema, v: unknown, depth: number): Record<string, unknown> {
  if (depth > MAX_DEPTH) throw new JsonFieldError(`${path}: nested more than ${MAX_DEPTH} levels deep`);
  if (!v || typeof v !== "object" || Array.isArray(v)) return fail(path, "an object", v);
  const fields = fieldsOf(schema);
  const out: Record<string, unknown> = {};
  for (const [key, raw] of Object.entries(v)) {
    const f = fields.get(key) ?? fields.get(camel(key));
    // Unknown fields are skipped as the collector's decoder skips them; null is an absent field.
    if (!f || raw === null) continue;
    const at = `${path}.${f.name}`;
    if (f.repeated) {
      if (!Array.isArray(raw)) fail(at, "an array", raw);
      out[f.name] = (raw as unknown[]).map((x, i) => value(`${at}[${i}]`, f, x, depth));
    } else out[f.name] = value(at, f, raw, depth);
  }
  return out;
}

/** Checks and normalises a parsed export request; the error names the offending field's path. */
export function checkOtlpJson(schema: Schema, doc: unknown): { data: Record<string, unknown> } | { error: string } {
  try {
    const data = message("", schema, doc, 0);
    return { data };
  } catch (e) {
    if (e instanceof JsonFieldError) return { error: e.message.replace(/^\./, "") };
    throw e;
  }
}
