/** service_graph and spanmetrics connectors (otelcol-conversion.md §16.15, §16.16). */
import type { ComponentDescription, Row } from "../engine/description.js";

const DEFAULT_LATENCY_BUCKETS = ["2ms", "4ms", "6ms", "8ms", "10ms", "50ms", "100ms", "200ms", "400ms", "800ms", "1s", "1400ms", "2s", "5s", "10s", "15s"];

export const servicegraphConnector: ComponentDescription = {
  kind: "connector",
  otelTypes: ["service_graph", "servicegraph"],
  alloyName: "otelcol.connector.servicegraph",
  signals: ["metrics"],
  rows: [
    // OTel's factory leaves the lists empty (filled at runtime), so a bare connector writes `[]` for them (§16.15).
    { attr: "latency_histogram_buckets", as: "durations", alloyDefault: DEFAULT_LATENCY_BUCKETS },
    { attr: "dimensions", as: "strings", alloyDefault: [] },
    {
      block: "store",
      parentDefault: "own",
      rows: [
        { attr: "max_items", as: "int", alloyDefault: 1000, otelDefault: 1000 },
        { attr: "ttl", as: "duration", alloyDefault: "2s", otelDefault: "2s" },
      ],
    },
    { attr: "cache_loop", as: "duration", alloyDefault: "1m", otelDefault: "1m" },
    { attr: "store_expiration_loop", as: "duration", alloyDefault: "2s", otelDefault: "2s" },
    { attr: "virtual_node_peer_attributes", as: "strings", alloyDefault: ["peer.service", "db.name", "db.system"] },
    { attr: "virtual_node_extra_label", as: "bool" },
    { attr: "metrics_flush_interval", as: "duration", alloyDefault: "60s", otelDefault: "60s" },
    { attr: "database_name_attributes", as: "strings", alloyDefault: ["db.name"] },
    { attr: "exponential_histogram_max_size", as: "int" },
    { output: true },
  ],
};

const dimensionRows: Row[] = [
  { attr: "name", as: "string" },
  { attr: "default", as: "any" },
  { attr: "glob", as: "string" },
];

const TEMPORALITY: Record<string, string> = {
  AGGREGATION_TEMPORALITY_CUMULATIVE: "CUMULATIVE",
  AGGREGATION_TEMPORALITY_DELTA: "DELTA",
};

export const spanmetricsConnector: ComponentDescription = {
  kind: "connector",
  otelTypes: ["span_metrics", "spanmetrics"],
  alloyName: "otelcol.connector.spanmetrics",
  signals: ["metrics"],
  rows: [
    { blocks: "dimension", otel: "dimensions", rows: dimensionRows },
    { blocks: "calls_dimension", otel: "calls_dimensions", rows: dimensionRows },
    { attr: "exclude_dimensions", as: "strings" },
    { attr: "dimensions_cache_size", as: "int" },
    { attr: "resource_metrics_cache_size", as: "int", alloyDefault: 1000, otelDefault: 1000 },
    { attr: "resource_metrics_key_attributes", as: "strings" },
    { attr: "aggregation_cardinality_limit", as: "int" },
    {
      attr: "aggregation_temporality",
      as: "string",
      alloyDefault: "CUMULATIVE",
      otelDefault: "AGGREGATION_TEMPORALITY_CUMULATIVE",
      map: (v) => TEMPORALITY[String(v)] ?? "",
    },
    {
      block: "histogram",
      required: true,
      rows: [
        { attr: "disable", as: "bool" },
        { blocks: "dimension", otel: "dimensions", rows: dimensionRows },
        { attr: "unit", as: "string", alloyDefault: "ms", otelDefault: "ms" },
        {
          block: "exponential",
          parentDefault: "nil",
          rows: [{ attr: "max_size", as: "int", alloyDefault: 160, otelDefault: 160 }],
        },
        {
          // Without any histogram configuration the converter inserts an explicit one with Alloy's buckets (§16.16).
          block: "explicit",
          parentDefault: "nil",
          build: (src) => src.has("explicit") || !src.has("exponential"),
          rows: [
            {
              attr: "buckets",
              as: "durations",
              alloyDefault: DEFAULT_LATENCY_BUCKETS,
              map: (v, src) => (src.map === undefined ? DEFAULT_LATENCY_BUCKETS : v),
            },
          ],
        },
      ],
    },
    { attr: "metrics_flush_interval", as: "duration", alloyDefault: "60s", otelDefault: "60s" },
    { attr: "metrics_expiration", as: "duration" },
    { attr: "metric_timestamp_cache_size", as: "int", alloyDefault: 1000, otelDefault: 1000 },
    { attr: "namespace", as: "string", alloyDefault: "traces.span.metrics", otelDefault: "traces.span.metrics" },
    {
      block: "exemplars",
      parentDefault: "own",
      rows: [
        { attr: "enabled", as: "bool" },
        { attr: "max_per_data_point", as: "int", alloyDefault: 5, otelDefault: 5 },
      ],
    },
    {
      block: "events",
      rows: [
        { attr: "enabled", as: "bool" },
        {
          blocks: "dimension",
          // Upstream copies the top-level dimensions here and ignores OTel's events.dimensions (§18.9).
          items: (src) => {
            const v = src.compat ? src.root.get("dimensions") : src.get("dimensions");
            return Array.isArray(v) ? v : [];
          },
          rows: dimensionRows,
        },
      ],
    },
    { output: true },
    { attr: "include_instrumentation_scope", as: "strings" },
  ],
};

export default [servicegraphConnector, spanmetricsConnector];
