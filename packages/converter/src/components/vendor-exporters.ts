/**
 * The datadog and splunk_hec exporters (otelcol-conversion.md §17). Both flatten a subset of OTel's HTTP client
 * into `client {}` and read OTel's `tls.insecure` as `insecure_skip_verify` (§18.10).
 */
import type { AttrRow, BlockRow, ComponentDescription, Row } from "../engine/description.js";
import { retryOnFailure, sendingQueue } from "./shared.js";

/** The HTTP client subset both exporters write, with each exporter's defaults (Alloy's equal OTel's unless given). */
function httpSubset(d: {
  timeout: string;
  maxIdleConnsPerHost?: { alloy: number; otel: number };
  idleConnTimeout: { alloy: string; otel: string };
}): Row[] {
  return [
    // Plain byte counts in both exporters' Alloy arguments (not "512KiB" strings).
    { attr: "read_buffer_size", as: "int" },
    { attr: "write_buffer_size", as: "int" },
    { attr: "timeout", as: "duration", alloyDefault: d.timeout, otelDefault: d.timeout },
    { attr: "max_idle_conns", as: "int", alloyDefault: 100, otelDefault: 100 },
    {
      attr: "max_idle_conns_per_host",
      as: "int",
      alloyDefault: d.maxIdleConnsPerHost?.alloy,
      otelDefault: d.maxIdleConnsPerHost?.otel,
    },
    { attr: "max_conns_per_host", as: "int" },
    { attr: "idle_conn_timeout", as: "duration", alloyDefault: d.idleConnTimeout.alloy, otelDefault: d.idleConnTimeout.otel },
    { attr: "disable_keep_alives", as: "bool" },
    { attr: "insecure_skip_verify", as: "bool", otel: "tls.insecure" },
  ];
}

/**
 * Datadog endpoints by site. OTel's config unmarshalling derives each endpoint the YAML does not set from
 * `api.site`, and upstream writes the derived values; Alloy derives them from `site` the same way, so outside
 * compat mode an endpoint is written only when the YAML sets it.
 */
const DATADOG_ENDPOINTS = {
  traces: (site: string) => `https://trace.agent.${site}`,
  metrics: (site: string) => `https://api.${site}`,
  logs: (site: string) => `https://http-intake.logs.${site}`,
};

const datadogEndpoint = (derive: (site: string) => string): AttrRow => ({
  attr: "endpoint",
  as: "string",
  map: (v, src) => {
    if (v !== undefined || !src.compat) return v;
    const site = src.root.get("api.site");
    return derive(typeof site === "string" && site !== "" ? site : "datadoghq.com");
  },
});

/** A block compared with its own defaults, which are OTel's too. */
const ownBlock = (block: string, rows: Row[], otel?: string): BlockRow => ({ block, otel, parentDefault: "own", rows });

export const datadogExporter: ComponentDescription = {
  kind: "exporter",
  otelTypes: ["datadog"],
  alloyName: "otelcol.exporter.datadog",
  signals: [],
  rows: [
    ownBlock("client", httpSubset({ timeout: "15s", idleConnTimeout: { alloy: "90s", otel: "90s" } }), ""),
    sendingQueue,
    retryOnFailure,
    {
      block: "api",
      required: true,
      rows: [
        { attr: "api_key", as: "string", otel: "key", required: true },
        { attr: "site", as: "string", alloyDefault: "datadoghq.com", otelDefault: "datadoghq.com" },
        { attr: "fail_on_invalid_key", as: "bool" },
      ],
    },
    // Two span-kind switches default to true in OTel and false in Alloy, so they are written.
    ownBlock("traces", [
      datadogEndpoint(DATADOG_ENDPOINTS.traces),
      { attr: "ignore_resources", as: "strings", alloyDefault: [], map: (v) => v ?? [] },
      { attr: "span_name_remappings", as: "map" },
      { attr: "span_name_as_resource_name", as: "bool" },
      { attr: "compute_stats_by_span_kind", as: "bool", otelDefault: true },
      // Alloy's SetToDefault replaces the traces struct, so its default is false; the collector's is true.
      { attr: "compute_top_level_by_span_kind", as: "bool", alloyDefault: false, upstreamAlloyDefault: true, otelDefault: true },
      { attr: "peer_tags_aggregation", as: "bool", otelDefault: true },
      { attr: "peer_tags", as: "strings" },
      { attr: "trace_buffer", as: "int" },
    ]),
    ownBlock("metrics", [
      { attr: "delta_ttl", as: "int", alloyDefault: 3600, otelDefault: 3600 },
      datadogEndpoint(DATADOG_ENDPOINTS.metrics),
      // OTel squashes these into `metrics`.
      ownBlock("exporter", [
        { attr: "resource_attributes_as_tags", as: "bool" },
        { attr: "instrumentation_scope_metadata_as_tags", as: "bool", alloyDefault: true, otelDefault: true },
      ], ""),
      ownBlock("histograms", [
        { attr: "mode", as: "string", alloyDefault: "distributions", otelDefault: "distributions" },
        { attr: "send_aggregation_metrics", as: "bool" },
      ]),
      ownBlock("sums", [
        { attr: "cumulative_monotonic_mode", as: "string", alloyDefault: "to_delta", otelDefault: "to_delta" },
        { attr: "initial_cumulative_monotonic_value", as: "string", alloyDefault: "auto", otelDefault: "auto" },
      ]),
      ownBlock("summaries", [{ attr: "mode", as: "string", alloyDefault: "gauges", otelDefault: "gauges" }]),
    ]),
    ownBlock("logs", [
      datadogEndpoint(DATADOG_ENDPOINTS.logs),
      { attr: "use_compression", as: "bool", alloyDefault: true, otelDefault: true },
      { attr: "compression_level", as: "int", alloyDefault: 6, otelDefault: 6 },
      { attr: "batch_wait", as: "int", alloyDefault: 5, otelDefault: 5 },
    ]),
    ownBlock("host_metadata", [
      { attr: "enabled", as: "bool", alloyDefault: true, otelDefault: true },
      { attr: "hostname_source", as: "string", alloyDefault: "config_or_system", otelDefault: "config_or_system" },
      { attr: "tags", as: "strings" },
    ]),
    { attr: "hostname_detection_timeout", as: "duration", alloyDefault: "25s", otelDefault: "25s" },
    { attr: "only_metadata", as: "bool" },
    { attr: "hostname", as: "string" },
  ],
};

const SPLUNK_MAX_CONTENT_LENGTH = 2097152;

export const splunkhecExporter: ComponentDescription = {
  kind: "exporter",
  otelTypes: ["splunk_hec"],
  alloyName: "otelcol.exporter.splunkhec",
  signals: [],
  rows: [
    // The TLS files are dropped (§14); OTel's per-host idle connections and idle timeout differ from Alloy's.
    ownBlock("client", [
      { attr: "endpoint", as: "string" },
      ...httpSubset({
        timeout: "15s",
        maxIdleConnsPerHost: { alloy: 0, otel: 100 },
        idleConnTimeout: { alloy: "90s", otel: "10s" },
      }),
      { attr: "force_attempt_http2", as: "bool", alloyDefault: true, otelDefault: true },
    ], ""),
    sendingQueue,
    retryOnFailure,
    {
      block: "splunk",
      otel: "",
      required: true,
      rows: [
        { attr: "log_data_enabled", as: "bool", alloyDefault: true, otelDefault: true },
        { attr: "profiling_data_enabled", as: "bool", alloyDefault: true, otelDefault: true },
        // Upstream reads the token through OTel's redacting printer (§12, §18.10); the real token otherwise.
        { attr: "token", as: "string", required: true, map: (v, src) => (src.compat ? "[REDACTED]" : v) },
        { attr: "source", as: "string" },
        { attr: "sourcetype", as: "string" },
        { attr: "index", as: "string" },
        { attr: "disable_compression", as: "bool" },
        { attr: "max_content_length_logs", as: "int", alloyDefault: SPLUNK_MAX_CONTENT_LENGTH, otelDefault: SPLUNK_MAX_CONTENT_LENGTH },
        { attr: "max_content_length_metrics", as: "int", alloyDefault: SPLUNK_MAX_CONTENT_LENGTH, otelDefault: SPLUNK_MAX_CONTENT_LENGTH },
        { attr: "max_content_length_traces", as: "int", alloyDefault: SPLUNK_MAX_CONTENT_LENGTH, otelDefault: SPLUNK_MAX_CONTENT_LENGTH },
        { attr: "max_event_size", as: "int", alloyDefault: 5242880, otelDefault: 5242880 },
        // Alloy's default is "Alloy" (schemas/otelcol.exporter.splunkhec.json), OTel's the contrib name: OTel's is written.
        { attr: "splunk_app_name", as: "string", alloyDefault: "Alloy", otelDefault: "OpenTelemetry Collector Contrib" },
        { attr: "splunk_app_version", as: "string" },
        {
          // No defaults of its own, so OTel's field names are always written (§17).
          block: "otel_to_hec_fields",
          rows: [
            { attr: "severity_text", as: "string", otelDefault: "otel.log.severity.text" },
            { attr: "severity_number", as: "string", otelDefault: "otel.log.severity.number" },
          ],
        },
        { attr: "health_path", as: "string", alloyDefault: "/services/collector/health", otelDefault: "/services/collector/health" },
        { attr: "health_check_enabled", as: "bool" },
        { attr: "export_raw", as: "bool" },
        { attr: "use_multi_metric_format", as: "bool" },
        {
          block: "heartbeat",
          rows: [
            { attr: "interval", as: "duration" },
            { attr: "startup", as: "bool" },
          ],
        },
        {
          block: "telemetry",
          rows: [
            { attr: "enabled", as: "bool" },
            { attr: "override_metrics_names", as: "map" },
            { attr: "extra_attributes", as: "map" },
          ],
        },
      ],
    },
    ownBlock("otel_attrs_to_hec_metadata", [
      { attr: "source", as: "string", alloyDefault: "com.splunk.source", otelDefault: "com.splunk.source" },
      { attr: "sourcetype", as: "string", alloyDefault: "com.splunk.sourcetype", otelDefault: "com.splunk.sourcetype" },
      { attr: "index", as: "string", alloyDefault: "com.splunk.index", otelDefault: "com.splunk.index" },
      { attr: "host", as: "string", alloyDefault: "host.name", otelDefault: "host.name" },
    ]),
  ],
};

export default [datadogExporter, splunkhecExporter];
