/**
 * A schema-driven protobuf codec for the OTLP export requests (opentelemetry-proto collector/{trace,metrics,logs}/v1), producing and
 * consuming the OTLP/JSON shape of ./types.ts. Decoding errors are returned as `{ error }`.
 */
import type { Signal, Telemetry } from "./types.js";

type Scalar = "string" | "hex" | "b64" | "bool" | "int64" | "uint32" | "fixed64" | "sfixed64" | "fixed32" | "double" | "sint32" | "uint64";
interface Field {
  name: string;
  type: Scalar | Schema;
  repeated?: boolean;
  /** Nested under an object (`sum.dataPoints`-style wrappers are separate messages; this is for oneof-free groups). */
}
type Schema = { [no: number]: Field };

const lazy: Record<string, Schema> = {};
const S = (name: string): Schema => (lazy[name] ??= {});
const def = (name: string, fields: Schema): void => void Object.assign(S(name), fields);

def("AnyValue", {
  1: { name: "stringValue", type: "string" },
  2: { name: "boolValue", type: "bool" },
  3: { name: "intValue", type: "int64" },
  4: { name: "doubleValue", type: "double" },
  5: { name: "arrayValue", type: S("ArrayValue") },
  6: { name: "kvlistValue", type: S("KeyValueList") },
  7: { name: "bytesValue", type: "b64" },
});
def("ArrayValue", { 1: { name: "values", type: S("AnyValue"), repeated: true } });
def("KeyValueList", { 1: { name: "values", type: S("KeyValue"), repeated: true } });
def("KeyValue", { 1: { name: "key", type: "string" }, 2: { name: "value", type: S("AnyValue") } });
const attrs = (no: number): Schema => ({ [no]: { name: "attributes", type: S("KeyValue"), repeated: true } });
def("Resource", { ...attrs(1), 2: { name: "droppedAttributesCount", type: "uint32" } });
def("Scope", { 1: { name: "name", type: "string" }, 2: { name: "version", type: "string" }, ...attrs(3), 4: { name: "droppedAttributesCount", type: "uint32" } });
def("Status", { 2: { name: "message", type: "string" }, 3: { name: "code", type: "uint32" } });
def("Event", { 1: { name: "timeUnixNano", type: "fixed64" }, 2: { name: "name", type: "string" }, ...attrs(3), 4: { name: "droppedAttributesCount", type: "uint32" } });
def("Link", {
  1: { name: "traceId", type: "hex" },
  2: { name: "spanId", type: "hex" },
  3: { name: "traceState", type: "string" },
  ...attrs(4),
  5: { name: "droppedAttributesCount", type: "uint32" },
  6: { name: "flags", type: "fixed32" },
});
def("Span", {
  1: { name: "traceId", type: "hex" },
  2: { name: "spanId", type: "hex" },
  3: { name: "traceState", type: "string" },
  4: { name: "parentSpanId", type: "hex" },
  16: { name: "flags", type: "fixed32" },
  5: { name: "name", type: "string" },
  6: { name: "kind", type: "uint32" },
  7: { name: "startTimeUnixNano", type: "fixed64" },
  8: { name: "endTimeUnixNano", type: "fixed64" },
  ...attrs(9),
  10: { name: "droppedAttributesCount", type: "uint32" },
  11: { name: "events", type: S("Event"), repeated: true },
  12: { name: "droppedEventsCount", type: "uint32" },
  13: { name: "links", type: S("Link"), repeated: true },
  14: { name: "droppedLinksCount", type: "uint32" },
  15: { name: "status", type: S("Status") },
});
def("ScopeSpans", { 1: { name: "scope", type: S("Scope") }, 2: { name: "spans", type: S("Span"), repeated: true }, 3: { name: "schemaUrl", type: "string" } });
def("ResourceSpans", { 1: { name: "resource", type: S("Resource") }, 2: { name: "scopeSpans", type: S("ScopeSpans"), repeated: true }, 3: { name: "schemaUrl", type: "string" } });
def("TracesRequest", { 1: { name: "resourceSpans", type: S("ResourceSpans"), repeated: true } });

const exemplar = { name: "exemplars", type: S("Exemplar"), repeated: true } as Field;
def("Exemplar", {
  7: { name: "filteredAttributes", type: S("KeyValue"), repeated: true },
  2: { name: "timeUnixNano", type: "fixed64" },
  3: { name: "asDouble", type: "double" },
  6: { name: "asInt", type: "sfixed64" },
  4: { name: "spanId", type: "hex" },
  5: { name: "traceId", type: "hex" },
});
def("NumberDataPoint", {
  ...attrs(7),
  2: { name: "startTimeUnixNano", type: "fixed64" },
  3: { name: "timeUnixNano", type: "fixed64" },
  4: { name: "asDouble", type: "double" },
  6: { name: "asInt", type: "sfixed64" },
  5: exemplar,
  8: { name: "flags", type: "uint32" },
});
def("HistogramDataPoint", {
  ...attrs(9),
  2: { name: "startTimeUnixNano", type: "fixed64" },
  3: { name: "timeUnixNano", type: "fixed64" },
  4: { name: "count", type: "fixed64" },
  5: { name: "sum", type: "double" },
  6: { name: "bucketCounts", type: "fixed64", repeated: true },
  7: { name: "explicitBounds", type: "double", repeated: true },
  8: exemplar,
  10: { name: "flags", type: "uint32" },
  11: { name: "min", type: "double" },
  12: { name: "max", type: "double" },
});
def("Buckets", { 1: { name: "offset", type: "sint32" }, 2: { name: "bucketCounts", type: "uint64", repeated: true } });
def("ExponentialHistogramDataPoint", {
  ...attrs(1),
  2: { name: "startTimeUnixNano", type: "fixed64" },
  3: { name: "timeUnixNano", type: "fixed64" },
  4: { name: "count", type: "fixed64" },
  5: { name: "sum", type: "double" },
  6: { name: "scale", type: "sint32" },
  7: { name: "zeroCount", type: "fixed64" },
  8: { name: "positive", type: S("Buckets") },
  9: { name: "negative", type: S("Buckets") },
  10: { name: "flags", type: "uint32" },
  11: exemplar,
  12: { name: "min", type: "double" },
  13: { name: "max", type: "double" },
  14: { name: "zeroThreshold", type: "double" },
});
def("ValueAtQuantile", { 1: { name: "quantile", type: "double" }, 2: { name: "value", type: "double" } });
def("SummaryDataPoint", {
  ...attrs(7),
  2: { name: "startTimeUnixNano", type: "fixed64" },
  3: { name: "timeUnixNano", type: "fixed64" },
  4: { name: "count", type: "fixed64" },
  5: { name: "sum", type: "double" },
  6: { name: "quantileValues", type: S("ValueAtQuantile"), repeated: true },
  8: { name: "flags", type: "uint32" },
});
const points = (t: string): Field => ({ name: "dataPoints", type: S(t), repeated: true });
const temporality: Field = { name: "aggregationTemporality", type: "uint32" };
def("Gauge", { 1: points("NumberDataPoint") });
def("Sum", { 1: points("NumberDataPoint"), 2: temporality, 3: { name: "isMonotonic", type: "bool" } });
def("Histogram", { 1: points("HistogramDataPoint"), 2: temporality });
def("ExponentialHistogram", { 1: points("ExponentialHistogramDataPoint"), 2: temporality });
def("Summary", { 1: points("SummaryDataPoint") });
def("Metric", {
  1: { name: "name", type: "string" },
  2: { name: "description", type: "string" },
  3: { name: "unit", type: "string" },
  5: { name: "gauge", type: S("Gauge") },
  7: { name: "sum", type: S("Sum") },
  9: { name: "histogram", type: S("Histogram") },
  10: { name: "exponentialHistogram", type: S("ExponentialHistogram") },
  11: { name: "summary", type: S("Summary") },
  12: { name: "metadata", type: S("KeyValue"), repeated: true },
});
def("ScopeMetrics", { 1: { name: "scope", type: S("Scope") }, 2: { name: "metrics", type: S("Metric"), repeated: true }, 3: { name: "schemaUrl", type: "string" } });
def("ResourceMetrics", { 1: { name: "resource", type: S("Resource") }, 2: { name: "scopeMetrics", type: S("ScopeMetrics"), repeated: true }, 3: { name: "schemaUrl", type: "string" } });
def("MetricsRequest", { 1: { name: "resourceMetrics", type: S("ResourceMetrics"), repeated: true } });

def("LogRecord", {
  1: { name: "timeUnixNano", type: "fixed64" },
  11: { name: "observedTimeUnixNano", type: "fixed64" },
  2: { name: "severityNumber", type: "uint32" },
  3: { name: "severityText", type: "string" },
  5: { name: "body", type: S("AnyValue") },
  ...attrs(6),
  7: { name: "droppedAttributesCount", type: "uint32" },
  8: { name: "flags", type: "fixed32" },
  9: { name: "traceId", type: "hex" },
  10: { name: "spanId", type: "hex" },
  12: { name: "eventName", type: "string" },
});
def("ScopeLogs", { 1: { name: "scope", type: S("Scope") }, 2: { name: "logRecords", type: S("LogRecord"), repeated: true }, 3: { name: "schemaUrl", type: "string" } });
def("ResourceLogs", { 1: { name: "resource", type: S("Resource") }, 2: { name: "scopeLogs", type: S("ScopeLogs"), repeated: true }, 3: { name: "schemaUrl", type: "string" } });
def("LogsRequest", { 1: { name: "resourceLogs", type: S("ResourceLogs"), repeated: true } });

const REQUEST: Record<Signal, string> = { traces: "TracesRequest", metrics: "MetricsRequest", logs: "LogsRequest" };
/** Fields that must exist as empty lists in the JSON shape even when absent on the wire. */
const REQUIRED_LISTS = new Set(["attributes", "spans", "scopeSpans", "resourceSpans", "metrics", "scopeMetrics", "resourceMetrics", "logRecords", "scopeLogs", "resourceLogs", "dataPoints", "bucketCounts", "explicitBounds", "quantileValues", "values"]);

class Reader {
  pos = 0;
  constructor(readonly buf: Uint8Array) {}
  varint(): bigint {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      if (this.pos >= this.buf.length) throw new Error("truncated varint");
      const b = this.buf[this.pos++];
      result |= BigInt(b & 0x7f) << shift;
      if ((b & 0x80) === 0) return result;
      shift += 7n;
      if (shift > 70n) throw new Error("varint too long");
    }
  }
  take(n: number): Uint8Array {
    if (n < 0 || this.pos + n > this.buf.length) throw new Error("truncated field");
    const out = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }
}

const view = (b: Uint8Array) => new DataView(b.buffer, b.byteOffset, b.byteLength);

function readScalar(type: Scalar, wire: number, r: Reader): unknown {
  switch (type) {
    case "string":
      return new TextDecoder().decode(r.take(Number(r.varint())));
    case "hex":
      return Buffer.from(r.take(Number(r.varint()))).toString("hex");
    case "b64":
      return Buffer.from(r.take(Number(r.varint()))).toString("base64");
    case "bool":
      return r.varint() !== 0n;
    case "int64":
      return BigInt.asIntN(64, r.varint()).toString();
    case "uint64":
      return BigInt.asUintN(64, r.varint()).toString();
    case "uint32":
      return Number(BigInt.asUintN(32, r.varint()));
    case "sint32": {
      const n = Number(BigInt.asUintN(32, r.varint()));
      return (n >>> 1) ^ -(n & 1);
    }
    case "fixed64":
      return view(r.take(8)).getBigUint64(0, true).toString();
    case "sfixed64":
      return view(r.take(8)).getBigInt64(0, true).toString();
    case "fixed32":
      return view(r.take(4)).getUint32(0, true);
    case "double":
      return view(r.take(8)).getFloat64(0, true);
  }
  void wire;
}

function skip(wire: number, r: Reader): void {
  if (wire === 0) r.varint();
  else if (wire === 1) r.take(8);
  else if (wire === 2) r.take(Number(r.varint()));
  else if (wire === 5) r.take(4);
  else throw new Error(`unsupported wire type ${wire}`);
}

function decodeMessage(schema: Schema, buf: Uint8Array, depth: number): Record<string, unknown> {
  if (depth > 64) throw new Error("message nested too deeply");
  const r = new Reader(buf);
  const out: Record<string, unknown> = {};
  while (r.pos < buf.length) {
    const tag = Number(r.varint());
    const no = tag >>> 3;
    const wire = tag & 7;
    const f = schema[no];
    if (!f) {
      skip(wire, r);
      continue;
    }
    let value: unknown;
    if (typeof f.type === "object") {
      if (wire !== 2) throw new Error(`field ${f.name}: expected a length-delimited message`);
      value = decodeMessage(f.type, r.take(Number(r.varint())), depth + 1);
    } else if (f.repeated && wire === 2 && f.type !== "string" && f.type !== "hex" && f.type !== "b64") {
      const sub = new Reader(r.take(Number(r.varint())));
      const list = (out[f.name] ??= []) as unknown[];
      while (sub.pos < sub.buf.length) list.push(readScalar(f.type, wire, sub));
      continue;
    } else value = readScalar(f.type, wire, r);
    if (f.repeated) ((out[f.name] ??= []) as unknown[]).push(value);
    else out[f.name] = value;
  }
  for (const f of Object.values(schema)) if (f.repeated && REQUIRED_LISTS.has(f.name) && out[f.name] === undefined) out[f.name] = [];
  return out;
}

/** Decodes an OTLP export request body; never throws. */
export function decodeExportRequest(signal: Signal, body: Uint8Array): Telemetry | { error: string } {
  try {
    const data = decodeMessage(S(REQUEST[signal]), body, 0);
    fillDefaults(data);
    return { signal, data } as unknown as Telemetry;
  } catch (e) {
    return { error: `cannot decode ${signal} protobuf: ${(e as Error).message}` };
  }
}

/** Ensures `resource` objects exist, as the JSON shape expects. */
function fillDefaults(data: Record<string, unknown>): void {
  for (const list of Object.values(data))
    if (Array.isArray(list))
      for (const r of list as Record<string, unknown>[]) r.resource ??= { attributes: [] };
}

class Writer {
  chunks: number[] = [];
  varint(v: bigint): void {
    let x = BigInt.asUintN(64, v);
    while (x > 0x7fn) {
      this.chunks.push(Number(x & 0x7fn) | 0x80);
      x >>= 7n;
    }
    this.chunks.push(Number(x));
  }
  tag(no: number, wire: number): void {
    this.varint(BigInt((no << 3) | wire));
  }
  bytes(b: Uint8Array): void {
    this.varint(BigInt(b.length));
    for (const x of b) this.chunks.push(x);
  }
  fixed(b: ArrayBuffer): void {
    for (const x of new Uint8Array(b)) this.chunks.push(x);
  }
}

function writeScalar(w: Writer, type: Scalar, v: unknown): void {
  switch (type) {
    case "string":
      return w.bytes(new TextEncoder().encode(String(v)));
    case "hex":
      return w.bytes(Buffer.from(String(v), "hex"));
    case "b64":
      return w.bytes(Buffer.from(String(v), "base64"));
    case "bool":
      return w.varint(v ? 1n : 0n);
    case "int64":
    case "uint64":
    case "uint32":
      return w.varint(BigInt(v as string));
    case "sint32": {
      const n = Number(v);
      return w.varint(BigInt(((n << 1) ^ (n >> 31)) >>> 0));
    }
    case "fixed64":
    case "sfixed64": {
      const b = new ArrayBuffer(8);
      new DataView(b).setBigUint64(0, BigInt.asUintN(64, BigInt(v as string)), true);
      return w.fixed(b);
    }
    case "fixed32": {
      const b = new ArrayBuffer(4);
      new DataView(b).setUint32(0, Number(v), true);
      return w.fixed(b);
    }
    case "double": {
      const b = new ArrayBuffer(8);
      new DataView(b).setFloat64(0, Number(v), true);
      return w.fixed(b);
    }
  }
}

const WIRE: Record<Scalar, number> = { string: 2, hex: 2, b64: 2, bool: 0, int64: 0, uint64: 0, uint32: 0, sint32: 0, fixed64: 1, sfixed64: 1, fixed32: 5, double: 1 };

function encodeMessage(schema: Schema, msg: Record<string, unknown>, w: Writer): void {
  for (const [noText, f] of Object.entries(schema)) {
    const no = Number(noText);
    const v = msg[f.name];
    if (v === undefined || v === null) continue;
    const values = f.repeated ? (v as unknown[]) : [v];
    if (typeof f.type === "object") {
      for (const item of values) {
        const sub = new Writer();
        encodeMessage(f.type, item as Record<string, unknown>, sub);
        w.tag(no, 2);
        w.bytes(Uint8Array.from(sub.chunks));
      }
    } else if (f.repeated && WIRE[f.type] !== 2) {
      if (values.length === 0) continue;
      const sub = new Writer();
      for (const item of values) writeScalar(sub, f.type, item);
      w.tag(no, 2);
      w.bytes(Uint8Array.from(sub.chunks));
    } else
      for (const item of values) {
        if (f.type === "hex" && item === "") continue;
        w.tag(no, WIRE[f.type]);
        writeScalar(w, f.type, item);
      }
  }
}

/** Encodes a payload as an OTLP export request. */
export function encodeExportRequest(t: Telemetry): Uint8Array {
  const w = new Writer();
  encodeMessage(S(REQUEST[t.signal]), t.data as unknown as Record<string, unknown>, w);
  return Uint8Array.from(w.chunks);
}
