/**
 * The in-memory telemetry model: the OTLP/JSON shape (resourceSpans / resourceMetrics / resourceLogs), with
 * attribute values as OTLP `AnyValue` objects. IDs are lowercase hex strings; 64-bit integers and timestamps are
 * decimal strings, as OTLP/JSON writes them, so values survive a JSON round trip unchanged.
 */

export type Signal = "traces" | "metrics" | "logs";
export const SIGNALS: readonly Signal[] = ["traces", "metrics", "logs"];

export interface AnyValue {
  stringValue?: string;
  boolValue?: boolean;
  intValue?: string;
  doubleValue?: number;
  arrayValue?: { values: AnyValue[] };
  kvlistValue?: { values: KeyValue[] };
  bytesValue?: string;
}

export interface KeyValue {
  key: string;
  value: AnyValue;
}

export interface Resource {
  attributes: KeyValue[];
  droppedAttributesCount?: number;
}

export interface Scope {
  name?: string;
  version?: string;
  attributes?: KeyValue[];
}

export interface SpanEvent {
  timeUnixNano?: string;
  name: string;
  attributes: KeyValue[];
}

export interface SpanLink {
  traceId: string;
  spanId: string;
  attributes?: KeyValue[];
}

export interface Status {
  code?: number;
  message?: string;
}

export interface Span {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  traceState?: string;
  name: string;
  kind?: number;
  startTimeUnixNano: string;
  endTimeUnixNano: string;
  attributes: KeyValue[];
  events?: SpanEvent[];
  links?: SpanLink[];
  status?: Status;
}

export interface ScopeSpans {
  scope?: Scope;
  spans: Span[];
  schemaUrl?: string;
}
export interface ResourceSpans {
  resource: Resource;
  scopeSpans: ScopeSpans[];
  schemaUrl?: string;
}
export interface TracesData {
  resourceSpans: ResourceSpans[];
}

export interface NumberDataPoint {
  attributes: KeyValue[];
  startTimeUnixNano?: string;
  timeUnixNano: string;
  asInt?: string;
  asDouble?: number;
  flags?: number;
}
export interface HistogramDataPoint {
  attributes: KeyValue[];
  startTimeUnixNano?: string;
  timeUnixNano: string;
  count: string;
  sum?: number;
  bucketCounts: string[];
  explicitBounds: number[];
  min?: number;
  max?: number;
  flags?: number;
}
export interface ExponentialHistogramDataPoint {
  attributes: KeyValue[];
  startTimeUnixNano?: string;
  timeUnixNano: string;
  count: string;
  sum?: number;
  scale: number;
  zeroCount: string;
  positive?: { offset: number; bucketCounts: string[] };
  negative?: { offset: number; bucketCounts: string[] };
  min?: number;
  max?: number;
  flags?: number;
}
export interface SummaryDataPoint {
  attributes: KeyValue[];
  startTimeUnixNano?: string;
  timeUnixNano: string;
  count: string;
  sum: number;
  quantileValues: { quantile: number; value: number }[];
  flags?: number;
}

/** OTLP aggregation temporality: 1 delta, 2 cumulative. */
export type Temporality = 0 | 1 | 2;

export interface Metric {
  name: string;
  description?: string;
  unit?: string;
  gauge?: { dataPoints: NumberDataPoint[] };
  sum?: { dataPoints: NumberDataPoint[]; aggregationTemporality: Temporality; isMonotonic?: boolean };
  histogram?: { dataPoints: HistogramDataPoint[]; aggregationTemporality: Temporality };
  exponentialHistogram?: { dataPoints: ExponentialHistogramDataPoint[]; aggregationTemporality: Temporality };
  summary?: { dataPoints: SummaryDataPoint[] };
}
export interface ScopeMetrics {
  scope?: Scope;
  metrics: Metric[];
  schemaUrl?: string;
}
export interface ResourceMetrics {
  resource: Resource;
  scopeMetrics: ScopeMetrics[];
  schemaUrl?: string;
}
export interface MetricsData {
  resourceMetrics: ResourceMetrics[];
}

export interface LogRecord {
  timeUnixNano?: string;
  observedTimeUnixNano?: string;
  severityNumber?: number;
  severityText?: string;
  body?: AnyValue;
  attributes: KeyValue[];
  traceId?: string;
  spanId?: string;
  flags?: number;
  eventName?: string;
}
export interface ScopeLogs {
  scope?: Scope;
  logRecords: LogRecord[];
  schemaUrl?: string;
}
export interface ResourceLogs {
  resource: Resource;
  scopeLogs: ScopeLogs[];
  schemaUrl?: string;
}
export interface LogsData {
  resourceLogs: ResourceLogs[];
}

/** One payload of one signal. */
export type Telemetry =
  | { signal: "traces"; data: TracesData }
  | { signal: "metrics"; data: MetricsData }
  | { signal: "logs"; data: LogsData };

/** A set of payloads for all three signals. */
export interface TelemetrySet {
  traces: TracesData[];
  metrics: MetricsData[];
  logs: LogsData[];
}

/** Metric point kinds, named as OTTL's `METRIC_DATA_TYPE_*` constants and `type` values. */
export type MetricType = "Gauge" | "Sum" | "Histogram" | "ExponentialHistogram" | "Summary" | "Empty";

/** The data type of a metric. */
export function metricType(m: Metric): MetricType {
  if (m.gauge) return "Gauge";
  if (m.sum) return "Sum";
  if (m.histogram) return "Histogram";
  if (m.exponentialHistogram) return "ExponentialHistogram";
  if (m.summary) return "Summary";
  return "Empty";
}

/** All data points of a metric, whatever their kind. */
export function metricPoints(m: Metric): { attributes: KeyValue[] }[] {
  return (
    m.gauge?.dataPoints ??
    m.sum?.dataPoints ??
    m.histogram?.dataPoints ??
    m.exponentialHistogram?.dataPoints ??
    m.summary?.dataPoints ??
    []
  );
}

/** Replaces the data points of a metric (same kind). */
export function setMetricPoints(m: Metric, points: { attributes: KeyValue[] }[]): void {
  if (m.gauge) m.gauge.dataPoints = points as NumberDataPoint[];
  else if (m.sum) m.sum.dataPoints = points as NumberDataPoint[];
  else if (m.histogram) m.histogram.dataPoints = points as HistogramDataPoint[];
  else if (m.exponentialHistogram) m.exponentialHistogram.dataPoints = points as ExponentialHistogramDataPoint[];
  else if (m.summary) m.summary.dataPoints = points as SummaryDataPoint[];
}

/** Deep copy (payloads are plain JSON data). */
export function clone<T>(v: T): T {
  return structuredClone(v);
}

/** Number of items (spans, data points, log records) in a payload. */
export function itemCount(t: Telemetry): number {
  let n = 0;
  if (t.signal === "traces") for (const rs of t.data.resourceSpans) for (const ss of rs.scopeSpans) n += ss.spans.length;
  else if (t.signal === "metrics")
    for (const rm of t.data.resourceMetrics)
      for (const sm of rm.scopeMetrics) for (const m of sm.metrics) n += metricPoints(m).length;
  else for (const rl of t.data.resourceLogs) for (const sl of rl.scopeLogs) n += sl.logRecords.length;
  return n;
}
