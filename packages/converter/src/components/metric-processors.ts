/**
 * Metric-oriented processors of otelcol-conversion.md §17: cumulativetodelta, deltatocumulative, groupbyattrs,
 * interval and metric_start_time. Every one asks for all three signals (§14: the converter does not check which
 * signals the Alloy component accepts).
 */
import type { BlockRow, ComponentDescription } from "../engine/description.js";

const ALL_SIGNALS = ["metrics", "logs", "traces"] as const;

/** Go's `math.MaxInt64`, Alloy's default `max_streams` (also OTel's). */
const MAX_INT64 = 9223372036854775807;

/** cumulativetodelta's `include {}`/`exclude {}`: OTel's `metric_types` is not carried over (§14). */
const metricFilter = (name: "include" | "exclude"): BlockRow => ({
  block: name,
  rows: [
    { attr: "metrics", as: "strings" },
    { attr: "match_type", as: "string" },
    { attr: "metric_types", as: "strings", otel: null },
  ],
});

export const cumulativetodeltaProcessor: ComponentDescription = {
  kind: "processor",
  otelTypes: ["cumulative_to_delta", "cumulativetodelta"],
  alloyName: "otelcol.processor.cumulativetodelta",
  signals: ALL_SIGNALS,
  rows: [
    { attr: "max_staleness", as: "duration" },
    // OTel's enum is printed as its text (`auto`, `keep`, `drop`).
    { attr: "initial_value", as: "string", alloyDefault: "auto", otelDefault: "auto" },
    metricFilter("include"),
    metricFilter("exclude"),
    { output: true },
  ],
};

export const deltatocumulativeProcessor: ComponentDescription = {
  kind: "processor",
  otelTypes: ["deltatocumulative"],
  alloyName: "otelcol.processor.deltatocumulative",
  signals: ALL_SIGNALS,
  rows: [
    { attr: "max_stale", as: "duration", alloyDefault: "5m", otelDefault: "5m" },
    { attr: "max_streams", as: "int", alloyDefault: MAX_INT64, otelDefault: MAX_INT64 },
    { output: true },
  ],
};

export const groupbyattrsProcessor: ComponentDescription = {
  kind: "processor",
  otelTypes: ["groupbyattrs"],
  alloyName: "otelcol.processor.groupbyattrs",
  signals: ALL_SIGNALS,
  // Both defaults are an empty, non-nil list, so a processor without keys writes none (§17).
  rows: [{ attr: "keys", as: "strings", alloyDefault: [], otelDefault: [] }, { output: true }],
};

export const intervalProcessor: ComponentDescription = {
  kind: "processor",
  otelTypes: ["interval"],
  alloyName: "otelcol.processor.interval",
  signals: ALL_SIGNALS,
  rows: [
    { attr: "interval", as: "duration", alloyDefault: "1m", otelDefault: "1m" },
    {
      block: "passthrough",
      otel: "pass_through",
      rows: [
        { attr: "gauge", as: "bool" },
        { attr: "summary", as: "bool" },
      ],
    },
    { output: true },
  ],
};

export const metricStartTimeProcessor: ComponentDescription = {
  kind: "processor",
  otelTypes: ["metric_start_time", "metricstarttime"],
  alloyName: "otelcol.processor.metric_start_time",
  signals: ALL_SIGNALS,
  rows: [
    { attr: "strategy", as: "string", alloyDefault: "true_reset_point", otelDefault: "true_reset_point" },
    { attr: "gc_interval", as: "duration", alloyDefault: "10m", otelDefault: "10m" },
    { attr: "start_time_metric_regex", as: "string" },
    { output: true },
  ],
};

export default [
  cumulativetodeltaProcessor, deltatocumulativeProcessor, groupbyattrsProcessor, intervalProcessor,
  metricStartTimeProcessor,
];
