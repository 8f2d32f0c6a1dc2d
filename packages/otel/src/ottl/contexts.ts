/**
 * OTTL contexts (pkg/ottl/contexts/ottl*): the paths each one offers, the contexts above it that a path may
 * name (`resource.attributes` from a span), and its enum symbols. A field maps to the sub-fields it accepts
 * (`status.code`, `trace_id.string`); `true` means the field takes none beyond keys.
 */

export type ContextName = "resource" | "scope" | "span" | "spanevent" | "metric" | "datapoint" | "log" | "request";

type Fields = Readonly<Record<string, true | readonly string[]>>;

const ids = ["string"] as const;

export const CONTEXT_FIELDS: Readonly<Record<ContextName, Fields>> = {
  resource: { attributes: true, dropped_attributes_count: true, schema_url: true },
  scope: { name: true, version: true, attributes: true, dropped_attributes_count: true, schema_url: true },
  span: {
    trace_id: ids,
    span_id: ids,
    parent_span_id: ids,
    trace_state: true,
    name: true,
    kind: ["string", "deprecated_string"],
    start_time_unix_nano: true,
    end_time_unix_nano: true,
    start_time: true,
    end_time: true,
    attributes: true,
    dropped_attributes_count: true,
    events: true,
    dropped_events_count: true,
    links: true,
    dropped_links_count: true,
    status: ["code", "message"],
    flags: true,
  },
  spanevent: { time_unix_nano: true, time: true, name: true, attributes: true, dropped_attributes_count: true, event_index: true },
  metric: { name: true, description: true, unit: true, type: true, aggregation_temporality: true, is_monotonic: true, data_points: true, metadata: true },
  datapoint: {
    attributes: true,
    start_time_unix_nano: true,
    time_unix_nano: true,
    start_time: true,
    time: true,
    value_double: true,
    value_int: true,
    exemplars: true,
    flags: true,
    count: true,
    sum: true,
    bucket_counts: true,
    explicit_bounds: true,
    scale: true,
    zero_count: true,
    positive: ["offset", "bucket_counts"],
    negative: ["offset", "bucket_counts"],
    quantile_values: true,
    min: true,
    max: true,
  },
  log: {
    time_unix_nano: true,
    observed_time_unix_nano: true,
    time: true,
    observed_time: true,
    severity_number: true,
    severity_text: true,
    body: ["string"],
    attributes: true,
    dropped_attributes_count: true,
    flags: true,
    trace_id: ids,
    span_id: ids,
    event_name: true,
  },
  request: { request: true },
};

/** A context and the contexts above it, in the order a path's first segment is tried. */
export const CONTEXT_CHAIN: Readonly<Record<ContextName, readonly ContextName[]>> = {
  resource: ["resource"],
  scope: ["scope", "resource"],
  span: ["span", "scope", "resource"],
  spanevent: ["spanevent", "span", "scope", "resource"],
  metric: ["metric", "scope", "resource"],
  datapoint: ["datapoint", "metric", "scope", "resource"],
  log: ["log", "scope", "resource"],
  request: ["request"],
};

/** Words a path may start with to name a context (`instrumentation_scope` is the older name of `scope`). */
export const CONTEXT_WORDS: Readonly<Record<string, ContextName>> = {
  resource: "resource",
  scope: "scope",
  instrumentation_scope: "scope",
  span: "span",
  spanevent: "spanevent",
  metric: "metric",
  datapoint: "datapoint",
  log: "log",
};

/** Upstream's reference page for a context, named in its path errors. */
export const CONTEXT_DOC: Readonly<Record<ContextName, string>> = {
  resource: "ottlresource",
  scope: "ottlscope",
  span: "ottlspan",
  spanevent: "ottlspanevent",
  metric: "ottlmetric",
  datapoint: "ottldatapoint",
  log: "ottllog",
  request: "ottlrequest",
};

const SEVERITY = ["UNSPECIFIED", ...["TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL"].flatMap((l) => [l, `${l}2`, `${l}3`, `${l}4`])].map((l) => `SEVERITY_NUMBER_${l}`);
const SPAN = [
  ...["UNSPECIFIED", "INTERNAL", "SERVER", "CLIENT", "PRODUCER", "CONSUMER"].map((k) => `SPAN_KIND_${k}`),
  ...["UNSET", "OK", "ERROR"].map((c) => `STATUS_CODE_${c}`),
];
const METRIC = [
  ...["UNSPECIFIED", "DELTA", "CUMULATIVE"].map((t) => `AGGREGATION_TEMPORALITY_${t}`),
  ...["NONE", "GAUGE", "SUM", "HISTOGRAM", "EXPONENTIAL_HISTOGRAM", "SUMMARY"].map((t) => `METRIC_DATA_TYPE_${t}`),
];

/** The enum symbols each context's parser knows. */
export const CONTEXT_ENUMS: Readonly<Record<ContextName, ReadonlySet<string>>> = {
  resource: new Set(),
  scope: new Set(),
  span: new Set(SPAN),
  spanevent: new Set(SPAN),
  metric: new Set(METRIC),
  datapoint: new Set([...METRIC, "FLAG_NONE", "FLAG_NO_RECORDED_VALUE"]),
  log: new Set(SEVERITY),
  request: new Set(),
};

export const isContextName = (s: string): s is ContextName => Object.hasOwn(CONTEXT_FIELDS, s);
