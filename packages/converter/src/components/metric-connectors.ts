/** The count and signaltometrics connectors (otelcol-conversion.md §17). */
import type { ComponentDescription, RepeatedBlockRow, Row, Source } from "../engine/description.js";
import { byteOrder } from "../engine/values.js";
import type { RawMap, RawValue } from "@alloy-ts/otel";

/** OTel's default metric of each count kind, used when the YAML does not configure that kind (§17). */
const COUNT_DEFAULTS: Record<string, readonly [string, string]> = {
  spans: ["trace.span.count", "The number of spans observed."],
  spanevents: ["trace.span.event.count", "The number of span events observed."],
  metrics: ["metric.count", "The number of metrics observed."],
  datapoints: ["metric.datapoint.count", "The number of data points observed."],
  logs: ["log.record.count", "The number of log records observed."],
};

/** The metrics of one count kind: OTel's map (metric name → settings) as elements sorted by metric name. */
function countItems(kind: string, src: Source): RawValue[] {
  if (!src.has(kind)) {
    const [name, description] = COUNT_DEFAULTS[kind]!;
    return [new Map<string, RawValue>([["name", name], ["description", description]])];
  }
  const v = src.get(kind);
  if (!(v instanceof Map)) return [];
  return [...(v as RawMap).keys()].sort(byteOrder).map((name) => {
    const settings = (v as RawMap).get(name);
    const item = new Map<string, RawValue>(settings instanceof Map ? settings : []);
    item.set("name", name);
    return item;
  });
}

const countKind = (kind: string): RepeatedBlockRow => ({
  blocks: kind,
  items: (src) => countItems(kind, src),
  rows: [
    { attr: "name", as: "string", required: true },
    { attr: "description", as: "string" },
    { attr: "conditions", as: "strings" },
    {
      blocks: "attributes",
      rows: [
        { attr: "key", as: "string", required: true },
        { attr: "default_value", as: "any" },
      ],
    },
  ],
});

export const countConnector: ComponentDescription = {
  kind: "connector",
  otelTypes: ["count"],
  alloyName: "otelcol.connector.count",
  signals: ["metrics"],
  rows: [...Object.keys(COUNT_DEFAULTS).map(countKind), { output: true }],
};

const attributeRows: Row[] = [
  { attr: "key", as: "string", required: true },
  { attr: "optional", as: "bool" },
  { attr: "default_value", as: "any" },
];

const signalMetric = (kind: string): RepeatedBlockRow => ({
  blocks: kind,
  rows: [
    { attr: "name", as: "string", required: true },
    { attr: "description", as: "string" },
    { attr: "unit", as: "string" },
    { blocks: "include_resource_attributes", rows: attributeRows },
    { blocks: "attributes", rows: attributeRows },
    { attr: "conditions", as: "strings" },
    {
      block: "histogram",
      parentDefault: "nil",
      rows: [
        { attr: "buckets", as: "floats" },
        { attr: "count", as: "string" },
        { attr: "value", as: "string" },
      ],
    },
    {
      block: "exponential_histogram",
      parentDefault: "nil",
      rows: [
        // OTel takes an unset or zero size as 160, Alloy's default.
        { attr: "max_size", as: "int", alloyDefault: 160, map: (v) => v || 160 },
        { attr: "count", as: "string" },
        { attr: "value", as: "string" },
      ],
    },
    { block: "sum", parentDefault: "nil", rows: [{ attr: "value", as: "string" }] },
    { block: "gauge", parentDefault: "nil", rows: [{ attr: "value", as: "string" }] },
  ],
});

export const signaltometricsConnector: ComponentDescription = {
  kind: "connector",
  otelTypes: ["signal_to_metrics", "signaltometrics"],
  alloyName: "otelcol.connector.signaltometrics",
  signals: ["metrics"],
  rows: [
    signalMetric("spans"),
    signalMetric("datapoints"),
    signalMetric("logs"),
    { attr: "error_mode", as: "string", alloyDefault: "propagate", otelDefault: "propagate" },
    { output: true },
  ],
};

export default [countConnector, signaltometricsConnector];
