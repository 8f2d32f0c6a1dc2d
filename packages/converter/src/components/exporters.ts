/**
 * Exporters of otelcol-conversion.md §17: faro, file, syslog, googlecloud and googlecloudpubsub. Exporters have
 * no `output` block.
 */
import type { AttrRow, ComponentDescription, Row } from "../engine/description.js";
import type { RawValue } from "@alloy-ts/otel";
import { httpClientRows, retryOnFailure, retryRows, sendingQueue, tlsClient } from "./shared.js";

export const faroExporter: ComponentDescription = {
  kind: "exporter",
  otelTypes: ["faro"],
  alloyName: "otelcol.exporter.faro",
  signals: [],
  rows: [
    // Alloy's faro client defaults differ from otlphttp's only by a zero HTTP/2 ping timeout (§17).
    { block: "client", otel: "", required: true, rows: httpClientRows({ http2PingTimeout: "0s" }) },
    sendingQueue,
    retryOnFailure,
  ],
};

export const fileExporter: ComponentDescription = {
  kind: "exporter",
  otelTypes: ["file"],
  alloyName: "otelcol.exporter.file",
  signals: [],
  rows: [
    { attr: "path", as: "string", required: true },
    { attr: "append", as: "bool" },
    {
      block: "rotation",
      parentDefault: "nil",
      rows: [
        { attr: "max_megabytes", as: "int", alloyDefault: 100 },
        { attr: "max_days", as: "int" },
        { attr: "max_backups", as: "int", alloyDefault: 100, otelDefault: 100 },
        { attr: "localtime", as: "bool" },
      ],
    },
    { attr: "format", as: "string", alloyDefault: "json", otelDefault: "json" },
    // OTel's `encoding` is dropped; upstream's warning about it is never emitted (§10.3).
    { attr: "encoding", as: "string", otel: null },
    { attr: "compression", as: "string" },
    {
      block: "compression_params",
      parentDefault: "nil",
      build: (src) => {
        const level = src.get("compression_params.level");
        return typeof level === "number" && level !== 0;
      },
      rows: [{ attr: "level", as: "int" }],
    },
    { attr: "flush_interval", as: "duration", alloyDefault: "1s", otelDefault: "1s" },
    {
      block: "group_by",
      parentDefault: "own",
      rows: [
        { attr: "enabled", as: "bool" },
        { attr: "resource_attribute", as: "string", alloyDefault: "fileexporter.path_segment", otelDefault: "fileexporter.path_segment" },
        { attr: "max_open_files", as: "int", alloyDefault: 100, otelDefault: 100 },
      ],
    },
  ],
};

export const syslogExporter: ComponentDescription = {
  kind: "exporter",
  otelTypes: ["syslog"],
  alloyName: "otelcol.exporter.syslog",
  signals: [],
  rows: [
    { attr: "timeout", as: "duration", alloyDefault: "5s", otelDefault: "5s" },
    sendingQueue,
    retryOnFailure,
    tlsClient(),
    { attr: "endpoint", as: "string", required: true },
    { attr: "port", as: "int", alloyDefault: 514, otelDefault: 514 },
    { attr: "network", as: "string", alloyDefault: "tcp", otelDefault: "tcp" },
    { attr: "protocol", as: "string", alloyDefault: "rfc5424", otelDefault: "rfc5424" },
    { attr: "enable_octet_counting", as: "bool" },
  ],
};

/**
 * A list of structs written as an attribute: objects with every field, in declaration order (§12). The field
 * names used here are already in byte order, which is how objects print.
 */
const structList = (fields: readonly string[]) => (v: RawValue | undefined): unknown =>
  Array.isArray(v)
    ? v.map((item) => new Map(fields.map((f) => [f, item instanceof Map ? (item.get(f) ?? "") : ""])))
    : v;

const resourceFilters: Row = { attr: "resource_filters", as: "any", map: structList(["prefix", "regex"]) };

const GOOGLECLOUD_USER_AGENT = "opentelemetry-collector-contrib {{version}}";
/** A Google API endpoint: OTel leaves it empty for the client library's default, which is Alloy's default. */
const googleEndpoint = (alloyDefault: string): AttrRow => ({ attr: "endpoint", as: "string", alloyDefault, map: (v) => v || alloyDefault });

const GOOGLECLOUD_KNOWN_DOMAINS = ["googleapis.com", "kubernetes.io", "istio.io", "knative.dev"];

export const googlecloudExporter: ComponentDescription = {
  kind: "exporter",
  otelTypes: ["googlecloud"],
  alloyName: "otelcol.exporter.googlecloud",
  signals: [],
  rows: [
    sendingQueue,
    { attr: "project", as: "string" },
    { attr: "destination_project_quota", as: "bool" },
    { attr: "user_agent", as: "string", alloyDefault: GOOGLECLOUD_USER_AGENT, otelDefault: GOOGLECLOUD_USER_AGENT },
    {
      block: "impersonate",
      rows: [
        { attr: "target_principal", as: "string" },
        { attr: "subject", as: "string" },
        { attr: "delegates", as: "strings" },
      ],
    },
    {
      // The client options are flattened into the block (§14).
      block: "metric",
      parentDefault: "own",
      rows: [
        { attr: "prefix", as: "string", alloyDefault: "workload.googleapis.com", otelDefault: "workload.googleapis.com" },
        googleEndpoint("monitoring.googleapis.com:443"),
        { attr: "compression", as: "string" },
        { attr: "grpc_pool_size", as: "int" },
        { attr: "use_insecure", as: "bool" },
        { attr: "known_domains", as: "strings", alloyDefault: GOOGLECLOUD_KNOWN_DOMAINS, otelDefault: GOOGLECLOUD_KNOWN_DOMAINS },
        { attr: "skip_create_descriptor", as: "bool" },
        { attr: "instrumentation_library_labels", as: "bool", alloyDefault: true, otelDefault: true },
        { attr: "create_service_timeseries", as: "bool" },
        { attr: "create_metric_descriptor_buffer_size", as: "int", alloyDefault: 10, otelDefault: 10 },
        { attr: "service_resource_labels", as: "bool", alloyDefault: true, otelDefault: true },
        resourceFilters,
        { attr: "cumulative_normalization", as: "bool", alloyDefault: true, otelDefault: true },
        { attr: "sum_of_squared_deviation", as: "bool" },
        {
          block: "experimental_wal",
          otel: "experimental_wal_config",
          parentDefault: "nil",
          rows: [
            { attr: "directory", as: "string" },
            { attr: "max_backoff", as: "duration" },
          ],
        },
      ],
    },
    {
      block: "trace",
      parentDefault: "own",
      rows: [
        googleEndpoint("cloudtrace.googleapis.com:443"),
        { attr: "grpc_pool_size", as: "int" },
        { attr: "use_insecure", as: "bool" },
        { attr: "attribute_mappings", as: "any", map: structList(["key", "replacement"]) },
      ],
    },
    {
      block: "log",
      parentDefault: "own",
      rows: [
        googleEndpoint("logging.googleapis.com:443"),
        { attr: "compression", as: "string" },
        { attr: "grpc_pool_size", as: "int" },
        { attr: "use_insecure", as: "bool" },
        { attr: "default_log_name", as: "string" },
        resourceFilters,
        { attr: "service_resource_labels", as: "bool", alloyDefault: true, otelDefault: true },
        { attr: "error_reporting_type", as: "bool" },
      ],
    },
  ],
};

export const googlecloudpubsubExporter: ComponentDescription = {
  kind: "exporter",
  otelTypes: ["googlecloudpubsub"],
  alloyName: "otelcol.exporter.googlecloudpubsub",
  signals: [],
  rows: [
    sendingQueue,
    // OTel's pubsub factory has no retry defaults of its own: unset values stay zero (§17 googlecloud case).
    { block: "retry_on_failure", parentDefault: "own", rows: retryRows(false) },
    { attr: "project", as: "string" },
    { attr: "user_agent", as: "string", alloyDefault: GOOGLECLOUD_USER_AGENT, otelDefault: GOOGLECLOUD_USER_AGENT },
    { attr: "topic", as: "string", required: true },
    { attr: "compression", as: "string" },
    {
      block: "watermark",
      parentDefault: "own",
      rows: [
        // Alloy's SetToDefault leaves behavior empty; the collector's factory sets "current".
        { attr: "behavior", as: "string", alloyDefault: "", otelDefault: "current" },
        { attr: "allowed_drift", as: "duration" },
      ],
    },
    { attr: "endpoint", as: "string" },
    { attr: "universe_domain", as: "string" },
    { attr: "insecure", as: "bool" },
    {
      block: "ordering",
      rows: [
        { attr: "enabled", as: "bool" },
        { attr: "from_resource_attribute", as: "string" },
        { attr: "remove_resource_attribute", as: "bool" },
      ],
    },
    { attr: "timeout", as: "duration", alloyDefault: "12s", otelDefault: "12s" },
  ],
};

export default [faroExporter, fileExporter, syslogExporter, googlecloudExporter, googlecloudpubsubExporter];
