/**
 * A schema-driven protobuf codec for the OTLP export requests (opentelemetry-proto collector/{trace,metrics,logs}/v1), producing and
 * consuming the OTLP/JSON shape of ./types.ts. Decoding errors are returned as `{ error }`.
 */
import type { Signal, Telemetry } from "./types.js";

export type Scalar = "string" | "hex" | "b64" | "bool" | "int64" | "uint32" | "fixed64" | "sfixed64" | "fixed32" | "double" | "sint32" | "uint64";
export interface Field {
  name: string;
  type: Scalar | Schema;
  repeated?: boolean;
  /** Nested under an object (`sum.dataPoints`-style wrappers are separate messages; this is for oneof-free groups). */
}
export type Schema = { [no: number]: Field };

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

/** The message schema of a signal's export request (the OTLP/JSON decoder checks fields against it too). */
export const requestSchema = (signal: Signal): Schema => S(REQUEST[signal]);
/** Fields that must exist as empty lists in the JSON shape even when absent on the wire. */
const REQUIRED_LISTS = new Set(["attributes", "spans", "scopeSpans", "resourceSpans", "metrics", "scopeMetrics", "resourceMetrics", "logRecords", "scopeLogs", "resourceLogs", "dataPoints", "bucketCounts", "explicitBounds", "quantileValues", "values"]);

const TWO_32 = 4294967296;

/**
 * Node's Buffer decoders without the encoding dispatch and argument checks of `toString` (they exist on every
 * Buffer; @types/node does not declare them). Offsets are always within the buffer here.
 */
interface Slicing {
  utf8Slice(start: number, end: number): string;
  latin1Slice(start: number, end: number): string;
  hexSlice(start: number, end: number): string;
}
const sliced = (buf: Buffer) => buf as unknown as Slicing;

/** Reads one buffer in place: messages are decoded between `pos` and an end offset, without copies. */
class Reader {
  pos = 0;
  readonly buf: Buffer;
  /** The same bytes, for reading four at a time. */
  readonly view: DataView;
  constructor(bytes: Uint8Array) {
    this.buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.view = new DataView(this.buf.buffer, this.buf.byteOffset, this.buf.byteLength);
  }
  /**
   * A varint that fits in 32 bits (tags, lengths, enums); longer ones are read whole and truncated. Built with
   * integer operations only, so small values stay small integers (a value computed with floating-point powers is
   * stored boxed, one more heap object per field).
   */
  uint32(): number {
    const buf = this.buf;
    let pos = this.pos;
    let result = 0;
    for (let shift = 0; ; shift += 7) {
      if (pos >= buf.length) throw new Error("truncated varint");
      const b = buf[pos++]!;
      if (shift < 32) result |= (b & 0x7f) << shift;
      if (b < 0x80) {
        this.pos = pos;
        return result >>> 0;
      }
      if (shift >= 63) throw new Error("varint too long");
    }
  }
  /** A little-endian 32-bit unsigned integer. */
  fixed32(): number {
    const p = this.pos;
    if (p + 4 > this.buf.length) throw new Error("truncated field");
    this.pos = p + 4;
    return this.view.getUint32(p, true);
  }
  /** A little-endian IEEE 754 double. */
  double(): number {
    const p = this.pos;
    if (p + 8 > this.buf.length) throw new Error("truncated field");
    this.pos = p + 8;
    return this.view.getFloat64(p, true);
  }
  /** A full 64-bit varint as low and high 32-bit halves. */
  varint64(): [number, number] {
    const buf = this.buf;
    let lo = 0;
    let hi = 0;
    for (let shift = 0; ; shift += 7) {
      if (this.pos >= buf.length) throw new Error("truncated varint");
      if (shift > 63) throw new Error("varint too long");
      const b = buf[this.pos++]!;
      const bits = b & 0x7f;
      if (shift < 28) lo |= bits << shift;
      else if (shift === 28) {
        lo |= (bits & 0x0f) << 28;
        hi |= bits >>> 4;
      } else hi |= bits << (shift - 32);
      if (b < 0x80) return [lo >>> 0, hi >>> 0];
    }
  }
  /** Offset just past a length-delimited field's bytes. */
  end(): number {
    // Most lengths fit one byte.
    const first = this.buf[this.pos]!;
    const n = first < 0x80 ? (this.pos++, first) : this.uint32();
    const end = this.pos + n;
    if (end > this.buf.length) throw new Error("truncated field");
    return end;
  }
  skipBytes(n: number): void {
    if (this.pos + n > this.buf.length) throw new Error("truncated field");
    this.pos += n;
  }
}

/** Scratch space for the digits of one 64-bit decimal. */
const digits = Buffer.alloc(24);

/**
 * Decimal text of an unsigned 64-bit value given as halves. Values past 2^53 (every nanosecond timestamp) are
 * split into three 24-bit limbs whose weights are summed in base 10^7 with plain doubles (each partial sum stays
 * below 2^53): no BigInt allocations on the per-span path. The digits are written to a scratch buffer and read
 * back as one flat string (joining the parts would leave a rope of three strings per timestamp for the GC).
 */
function u64Text(lo: number, hi: number): string {
  // A small value stays a small integer, whose text V8 keeps in its number-string cache.
  if (hi === 0) return String(lo);
  if (hi < 0x200000) return String(hi * TWO_32 + lo);
  const low = lo & 0xffffff;
  const mid = ((lo >>> 24) | (hi << 8)) & 0xffffff;
  const high = hi >>> 16;
  // 2^24 = 1·10^7 + 6777216; 2^48 = 2·10^14 + 8147497·10^7 + 6710656.
  let a = low + mid * 6777216 + high * 6710656;
  let b = mid + high * 8147497;
  let c = high * 2;
  // Carries by floor division and subtraction: exact below 2^53, where `%` on doubles is a library call (fmod).
  let q = Math.floor(a / 1e7);
  a -= q * 1e7;
  b += q;
  q = Math.floor(b / 1e7);
  b -= q * 1e7;
  c += q;
  // c > 0 here: the value is at least 2^53 > 10^15. Each limb now fits 32 bits: digits by integer division
  // (a floating-point remainder compiles to a library call).
  let p = 24;
  let x = a | 0;
  for (let i = 0; i < 7; i++) {
    const q = (x / 10) | 0;
    digits[--p] = 48 + x - q * 10;
    x = q;
  }
  x = b | 0;
  for (let i = 0; i < 7; i++) {
    const q = (x / 10) | 0;
    digits[--p] = 48 + x - q * 10;
    x = q;
  }
  for (x = c | 0; x > 0; ) {
    const q = (x / 10) | 0;
    digits[--p] = 48 + x - q * 10;
    x = q;
  }
  return digitText(p);
}

// Its arguments are reads of the fixed-size scratch and hex tables, in range by construction.
const chars = String.fromCharCode as (...codes: (number | undefined)[]) => string;

/**
 * The scratch digits from `p` to the end as a string. Nanosecond timestamps have 16–20 digits; for those the
 * string is built by `String.fromCharCode` with one argument per digit, which V8 runs as a builtin without
 * leaving JavaScript (about a third of the cost of a Buffer slice, which calls into C++).
 */
function digitText(p: number): string {
  const d = digits;
  switch (24 - p) {
    case 19:
      return chars(d[5], d[6], d[7], d[8], d[9], d[10], d[11], d[12], d[13], d[14], d[15], d[16], d[17], d[18], d[19], d[20], d[21], d[22], d[23]);
    case 20:
      return chars(d[4], d[5], d[6], d[7], d[8], d[9], d[10], d[11], d[12], d[13], d[14], d[15], d[16], d[17], d[18], d[19], d[20], d[21], d[22], d[23]);
    case 18:
      return chars(d[6], d[7], d[8], d[9], d[10], d[11], d[12], d[13], d[14], d[15], d[16], d[17], d[18], d[19], d[20], d[21], d[22], d[23]);
    default:
      return sliced(d).latin1Slice(p, 24);
  }
}

/** ASCII codes of the high and low hex digit of each byte value. */
const HEX_HI = new Uint8Array(256);
const HEX_LO = new Uint8Array(256);
for (let i = 0; i < 256; i++) {
  HEX_HI[i] = "0123456789abcdef".charCodeAt(i >> 4);
  HEX_LO[i] = "0123456789abcdef".charCodeAt(i & 15);
}

/** Lowercase hex of the 8 bytes at `p` (a span ID), built like `digitText`. */
function hex8(b: Buffer, p: number): string {
  const a0 = b[p]!, a1 = b[p + 1]!, a2 = b[p + 2]!, a3 = b[p + 3]!, a4 = b[p + 4]!, a5 = b[p + 5]!, a6 = b[p + 6]!, a7 = b[p + 7]!;
  const H = HEX_HI, L = HEX_LO;
  return chars(H[a0], L[a0], H[a1], L[a1], H[a2], L[a2], H[a3], L[a3], H[a4], L[a4], H[a5], L[a5], H[a6], L[a6], H[a7], L[a7]);
}

/** Lowercase hex of the 16 bytes at `p` (a trace ID). */
function hex16(b: Buffer, p: number): string {
  const a0 = b[p]!, a1 = b[p + 1]!, a2 = b[p + 2]!, a3 = b[p + 3]!, a4 = b[p + 4]!, a5 = b[p + 5]!, a6 = b[p + 6]!, a7 = b[p + 7]!;
  const a8 = b[p + 8]!, a9 = b[p + 9]!, a10 = b[p + 10]!, a11 = b[p + 11]!, a12 = b[p + 12]!, a13 = b[p + 13]!, a14 = b[p + 14]!, a15 = b[p + 15]!;
  const H = HEX_HI, L = HEX_LO;
  return chars(
    H[a0], L[a0], H[a1], L[a1], H[a2], L[a2], H[a3], L[a3], H[a4], L[a4], H[a5], L[a5], H[a6], L[a6], H[a7], L[a7],
    H[a8], L[a8], H[a9], L[a9], H[a10], L[a10], H[a11], L[a11], H[a12], L[a12], H[a13], L[a13], H[a14], L[a14], H[a15], L[a15],
  );
}
function i64Text(lo: number, hi: number): string {
  return hi & 0x80000000 ? BigInt.asIntN(64, (BigInt(hi) << 32n) | BigInt(lo)).toString() : u64Text(lo, hi);
}

/** Slots of the table of recently decoded short strings: 2^RECENT_BITS. */
const RECENT_BITS = 12;
const RECENT_SIZE = 1 << RECENT_BITS;
/** Longest string kept in the table, in bytes (a multiple of 4). */
const RECENT_MAX = 32;
/** Words kept per slot: the string's bytes as little-endian 32-bit words (see `utf8`). */
const SLOT_WORDS = RECENT_MAX / 4;
const recent: (string | undefined)[] = new Array<string | undefined>(RECENT_SIZE).fill(undefined);
const recentWords = new Int32Array(RECENT_SIZE * SLOT_WORDS);

/**
 * Text of UTF-8 bytes. Short ASCII strings (attribute keys, service and span names, enum-like values) repeat from
 * span to span, so they are looked up in a small fixed table of recently decoded strings and shared instead of
 * allocated again; a slot holds the last string that hashed to it, so the table stays bounded whatever the input.
 * The slot comes from the length and three words (first, middle, last), and a hit is confirmed by comparing every
 * word in one pass: a string of n ≥ 4 bytes is read as the words at 0, 4, 8, … with the last one taken at n − 4
 * (overlapping its predecessor), shorter ones as one word. Only ASCII strings are stored, so equal bytes are ASCII
 * and a hit needs no separate check; a miss checks, decodes and stores.
 */
function utf8(r: Reader, start: number, end: number): string {
  const n = end - start;
  if (n === 0) return "";
  const buf = r.buf;
  if (n > RECENT_MAX) return sliced(buf).utf8Slice(start, end);
  const view = r.view;
  let first: number;
  let last: number;
  let middle: number;
  if (n >= 4) {
    first = view.getInt32(start, true);
    last = view.getInt32(end - 4, true);
    middle = view.getInt32(start + ((n >> 1) & ~3), true);
  } else {
    first = buf[start]! | (n > 1 ? buf[start + 1]! << 8 : 0) | (n > 2 ? buf[start + 2]! << 16 : 0);
    last = first;
    middle = first;
  }
  const slot = Math.imul(Math.imul(Math.imul(n ^ first, 0x01000193) ^ middle, 0x01000193) ^ last, 0x9e3779b1) >>> (32 - RECENT_BITS);
  const at = slot * SLOT_WORDS;
  const hit = recent[slot];
  if (hit !== undefined && hit.length === n) {
    if (n <= 4) {
      if (recentWords[at] === first) return hit;
    } else {
      let j = 0;
      let i = start;
      const lastAt = end - 4;
      while (i < lastAt && recentWords[at + j] === view.getInt32(i, true)) {
        i += 4;
        j++;
      }
      if (i >= lastAt && recentWords[at + j] === last) return hit;
    }
  }
  let bits = 0;
  for (let i = start; i < end; i++) bits |= buf[i]!;
  if (bits >= 0x80) return sliced(buf).utf8Slice(start, end);
  const s = sliced(buf).latin1Slice(start, end);
  recent[slot] = s;
  if (n <= 4) recentWords[at] = first;
  else {
    let j = 0;
    for (let i = start; i < end - 4; i += 4) recentWords[at + j++] = view.getInt32(i, true);
    recentWords[at + j] = last;
  }
  return s;
}

/** One reader per scalar type, chosen once per field when a schema is compiled. */
const READ: Record<Scalar, (r: Reader) => unknown> = {
  string: (r) => {
    const end = r.end();
    const s = utf8(r, r.pos, end);
    r.pos = end;
    return s;
  },
  hex: (r) => {
    const end = r.end();
    const n = end - r.pos;
    const s = n === 16 ? hex16(r.buf, r.pos) : n === 8 ? hex8(r.buf, r.pos) : sliced(r.buf).hexSlice(r.pos, end);
    r.pos = end;
    return s;
  },
  b64: (r) => {
    const end = r.end();
    const s = r.buf.toString("base64", r.pos, end);
    r.pos = end;
    return s;
  },
  bool: (r) => {
    const [lo, hi] = r.varint64();
    return lo !== 0 || hi !== 0;
  },
  int64: (r) => {
    const [lo, hi] = r.varint64();
    return i64Text(lo, hi);
  },
  uint64: (r) => {
    const [lo, hi] = r.varint64();
    return u64Text(lo, hi);
  },
  uint32: (r) => r.uint32(),
  sint32: (r) => {
    const n = r.uint32();
    return (n >>> 1) ^ -(n & 1);
  },
  fixed64: (r) => {
    const lo = r.fixed32();
    return u64Text(lo, r.fixed32());
  },
  sfixed64: (r) => {
    const lo = r.fixed32();
    return i64Text(lo, r.fixed32());
  },
  fixed32: (r) => r.fixed32(),
  double: (r) => r.double(),
};

function skip(wire: number, r: Reader): void {
  if (wire === 0) r.varint64();
  else if (wire === 1) r.skipBytes(8);
  else if (wire === 2) r.pos = r.end();
  else if (wire === 5) r.skipBytes(4);
  else throw new Error(`unsupported wire type ${wire}`);
}

const WIRE: Record<Scalar, number> = { string: 2, hex: 2, b64: 2, bool: 0, int64: 0, uint64: 0, uint32: 0, sint32: 0, fixed64: 1, sfixed64: 1, fixed32: 5, double: 1 };

type MessageDecoder = (r: Reader, end: number, depth: number) => Record<string, unknown>;

const decoders = new Map<Schema, MessageDecoder>();

/** Unknown fields are skipped; a known field with the wrong wire type is an error. */
function unexpected(schema: Schema, tag: number, r: Reader): void {
  const f = schema[tag >>> 3];
  if (f) throw new Error(`field ${f.name}: unexpected wire type ${tag & 7}`);
  skip(tag & 7, r);
}

/** Messages whose fields form a oneof: the object holds only the fields present on the wire. */
const ONEOF = new Set<Schema>([S("AnyValue")]);

/**
 * Compiles a schema into a decoder function specialised for its fields (one `case` per tag, one local variable per
 * field), the way generated protobuf code looks: several times faster than interpreting the schema per field.
 * Each message is built at its end by one object literal listing every field in field-number order (absent ones
 * are undefined), so all messages of a type share one hidden class, and V8 can allocate them straight in the old
 * generation once it sees they outlive young collections (it pretenures literal allocation sites, not objects
 * grown property by property): a batch holding thousands of spans is then not copied by every scavenge. A oneof
 * (AnyValue) is built from a one-field literal per case instead, holding only the field present.
 * The generated source comes only from the static schemas above, never from input.
 */
function decoderFor(schema: Schema): MessageDecoder {
  const cached = decoders.get(schema);
  if (cached) return cached;
  const subs: MessageDecoder[] = [];
  const cases: string[] = [];
  const props: string[] = [];
  const oneof = ONEOF.has(schema);
  for (const [noText, f] of Object.entries(schema)) {
    const no = Number(noText);
    const local = `f${no}`;
    const key = JSON.stringify(f.name);
    // A oneof keeps every field seen (the last of a repeated one), as an object grown from its first field.
    const store = (v: string) =>
      oneof ? `if (out === undefined) out = { ${key}: ${v} }; else out[${key}] = ${v};` : f.repeated ? `if (${local} === undefined) ${local} = [${v}]; else ${local}.push(${v});` : `${local} = ${v};`;
    props.push(`${key}: ${f.repeated && REQUIRED_LISTS.has(f.name) ? `${local} === undefined ? [] : ${local}` : local}`);
    if (typeof f.type === "object") {
      const i = subs.length;
      const sub = f.type;
      // Resolved on first use (schemas are recursive), then called directly.
      subs.push((r, end, depth) => (subs[i] = decoderFor(sub))(r, end, depth));
      cases.push(`case ${(no << 3) | 2}: { const e = r.end(); const v = subs[${i}](r, e, depth + 1); if (r.pos !== e) throw new Error(${JSON.stringify(`field ${f.name}: message overruns its length`)}); ${store("v")} break; }`);
      continue;
    }
    const read = f.type === "string" ? `(e = r.end(), v = utf8(r, r.pos, e), r.pos = e, v)` : `READ.${f.type}(r)`;
    cases.push(`case ${(no << 3) | WIRE[f.type]}: { let e, v; v = ${read}; ${store("v")} break; }`);
    if (f.repeated && WIRE[f.type] !== 2)
      cases.push(
        `case ${(no << 3) | 2}: { const e = r.end(); if (${local} === undefined) ${local} = []; while (r.pos < e) ${local}.push(READ.${f.type}(r)); if (r.pos !== e) throw new Error(${JSON.stringify(`field ${f.name}: packed values overrun their length`)}); break; }`,
      );
  }
  const locals = Object.keys(schema).map((no) => `f${no}`);
  // Named after the message, so profiles tell the message types apart.
  const name = Object.keys(lazy).find((k) => lazy[k] === schema) ?? "message";
  const source = `return function decode${name}(r, end, depth) {
  if (depth > 64) throw new Error("message nested too deeply");
  const buf = r.buf;
  ${oneof ? "let out;" : `let ${locals.join(", ")};`}
  while (r.pos < end) {
    let tag = buf[r.pos];
    if (tag < 0x80) r.pos++; else tag = r.uint32();
    switch (tag) {
      ${cases.join("\n      ")}
      default: unexpected(schema, tag, r);
    }
  }
  if (r.pos > end) throw new Error("truncated message");
  return ${oneof ? "out === undefined ? {} : out" : `{ ${props.join(", ")} }`};
}`;
  const decode = new Function("READ", "utf8", "subs", "unexpected", "schema", source)(READ, utf8, subs, unexpected, schema) as MessageDecoder;
  decoders.set(schema, decode);
  return decode;
}

function decodeMessage(schema: Schema, r: Reader, end: number, depth: number): Record<string, unknown> {
  return decoderFor(schema)(r, end, depth);
}

/**
 * Decodes an OTLP export request body; never throws. Every decoded message has all of its fields as properties
 * (fields absent on the wire are undefined; lists the OTLP/JSON shape requires are empty), except AnyValue, which
 * has only the field present. JSON text and stableKey treat undefined fields as absent; Object.keys lists them.
 */
export function decodeExportRequest(signal: Signal, body: Uint8Array): Telemetry | { error: string } {
  try {
    const r = new Reader(body);
    const data = decodeMessage(S(REQUEST[signal]), r, body.length, 0);
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

/**
 * Writes into one growing buffer. A nested message's length is written after its body: one byte is reserved, and
 * the body is moved when the length needs more (rare: bodies of 128 bytes or more).
 */
class Writer {
  buf = Buffer.allocUnsafe(4096);
  pos = 0;
  ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.pos + n) size *= 2;
    const next = Buffer.allocUnsafe(size);
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }
  uint32(v: number): void {
    this.ensure(5);
    while (v > 0x7f) {
      this.buf[this.pos++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    this.buf[this.pos++] = v;
  }
  /** A 64-bit varint from halves. */
  varint64(lo: number, hi: number): void {
    this.ensure(10);
    while (hi !== 0 || lo > 0x7f) {
      this.buf[this.pos++] = (lo & 0x7f) | 0x80;
      lo = ((lo >>> 7) | (hi << 25)) >>> 0;
      hi >>>= 7;
    }
    this.buf[this.pos++] = lo;
  }
  tag(no: number, wire: number): void {
    this.uint32(((no << 3) | wire) >>> 0);
  }
  /** Starts a length-delimited field; `close` writes its length. */
  open(): number {
    this.ensure(1);
    return this.pos++;
  }
  close(at: number): void {
    const len = this.pos - at - 1;
    let extra = 0;
    for (let v = len; v > 0x7f; v >>>= 7) extra++;
    if (extra) {
      this.ensure(extra);
      this.buf.copyWithin(at + 1 + extra, at + 1, this.pos);
      this.pos += extra;
    }
    let p = at;
    let v = len;
    while (v > 0x7f) {
      this.buf[p++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    this.buf[p] = v;
  }
  string(s: string): void {
    this.ensure(s.length * 3 + 5);
    const at = this.open();
    this.pos += this.buf.write(s, this.pos, "utf8");
    this.close(at);
  }
  encoded(s: string, encoding: "hex" | "base64"): void {
    this.ensure(s.length + 5);
    const at = this.open();
    this.pos += this.buf.write(s, this.pos, encoding);
    this.close(at);
  }
  result(): Uint8Array {
    return new Uint8Array(this.buf.buffer, this.buf.byteOffset, this.pos).slice();
  }
}

/** Halves of a 64-bit integer given as decimal text or a number (two's complement for negatives). */
function halves(v: unknown): [number, number] {
  if (typeof v === "number" && Number.isSafeInteger(v) && v >= 0) return [v % TWO_32, Math.floor(v / TWO_32)];
  const b = BigInt.asUintN(64, BigInt(v as string));
  return [Number(b & 0xffffffffn), Number(b >> 32n)];
}

function writeScalar(w: Writer, type: Scalar, v: unknown): void {
  switch (type) {
    case "string":
      return w.string(String(v));
    case "hex":
      return w.encoded(String(v), "hex");
    case "b64":
      return w.encoded(String(v), "base64");
    case "bool":
      return w.uint32(v ? 1 : 0);
    case "uint32":
      return w.varint64(Number(v) >>> 0, 0);
    case "int64":
    case "uint64": {
      const [lo, hi] = halves(v);
      return w.varint64(lo, hi);
    }
    case "sint32": {
      const n = Number(v);
      return w.uint32(((n << 1) ^ (n >> 31)) >>> 0);
    }
    case "fixed64":
    case "sfixed64": {
      const [lo, hi] = halves(v);
      w.ensure(8);
      w.buf.writeUInt32LE(lo, w.pos);
      w.buf.writeUInt32LE(hi, w.pos + 4);
      w.pos += 8;
      return;
    }
    case "fixed32":
      w.ensure(4);
      w.buf.writeUInt32LE(Number(v) >>> 0, w.pos);
      w.pos += 4;
      return;
    case "double":
      w.ensure(8);
      w.buf.writeDoubleLE(Number(v), w.pos);
      w.pos += 8;
      return;
  }
}

/** Fields in field-number order, prepared once per schema. */
const encodeOrder = new Map<Schema, [number, Field][]>();
function fieldsOf(schema: Schema): [number, Field][] {
  let list = encodeOrder.get(schema);
  if (!list) encodeOrder.set(schema, (list = Object.entries(schema).map(([no, f]) => [Number(no), f] as [number, Field])));
  return list;
}

function encodeMessage(schema: Schema, msg: Record<string, unknown>, w: Writer): void {
  for (const [no, f] of fieldsOf(schema)) {
    const v = msg[f.name];
    if (v === undefined || v === null) continue;
    const values = f.repeated ? (v as unknown[]) : [v];
    if (typeof f.type === "object") {
      for (const item of values) {
        w.tag(no, 2);
        const at = w.open();
        encodeMessage(f.type, item as Record<string, unknown>, w);
        w.close(at);
      }
    } else if (f.repeated && WIRE[f.type] !== 2) {
      if (values.length === 0) continue;
      w.tag(no, 2);
      const at = w.open();
      for (const item of values) writeScalar(w, f.type, item);
      w.close(at);
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
  return w.result();
}
