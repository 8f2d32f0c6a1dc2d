/**
 * The message schemas of the OTLP export requests (opentelemetry-proto collector/{trace,metrics,logs}/v1): field
 * numbers, names as in the OTLP/JSON shape of ./types.ts, scalar types. Data only; the decoder (./otlp-decode.ts)
 * compiles it, the writer (./otlp-encode.ts) walks it, the OTLP/JSON reader checks field names against it.
 */
import type { Signal } from "./types.js";

export type Scalar = "string" | "hex" | "b64" | "bool" | "int64" | "uint32" | "fixed64" | "sfixed64" | "fixed32" | "double" | "sint32" | "uint64";
export interface Field {
  name: string;
  type: Scalar | Schema;
  repeated?: boolean;
  /** Nested under an object (`sum.dataPoints`-style wrappers are separate messages; this is for oneof-free groups). */
}
export type Schema = { [no: number]: Field };

const lazy: Record<string, Schema> = {};
export const S = (name: string): Schema => (lazy[name] ??= {});
/** The message name of a schema, for naming its compiled decoder. */
export const schemaName = (schema: Schema): string | undefined => Object.keys(lazy).find((k) => lazy[k] === schema);
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
export const REQUIRED_LISTS = new Set(["attributes", "spans", "scopeSpans", "resourceSpans", "metrics", "scopeMetrics", "resourceMetrics", "logRecords", "scopeLogs", "resourceLogs", "dataPoints", "bucketCounts", "explicitBounds", "quantileValues", "values"]);

/** The protobuf wire type of each scalar. */
export const WIRE: Record<Scalar, number> = { string: 2, hex: 2, b64: 2, bool: 0, int64: 0, uint64: 0, uint32: 0, sint32: 0, fixed64: 1, sfixed64: 1, fixed32: 5, double: 1 };
