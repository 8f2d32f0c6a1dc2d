/**
 * Receivers built on a gRPC/HTTP server (otelcol-conversion.md §17): jaeger, zipkin, datadog, faro, influxdb and
 * splunk_hec. Except for jaeger, the HTTP-server arguments are squashed at the top level of the Alloy block.
 */
import type { BlockRow, ComponentDescription, Row } from "../engine/description.js";
import { grpcServerRows, httpServerRows, serverAuthNotes } from "./shared.js";

/** Server timeouts OTel leaves at zero: `[idle, read, write, read_header]`. */
const ZERO_TIMEOUTS = ["0s", "0s", "0s", "0s"] as const;

/** A jaeger UDP protocol: endpoint plus the flattened UDP server options (§17 jaeger). */
function thriftUdp(name: string, port: number): BlockRow {
  return {
    block: name,
    parentDefault: "nil",
    rows: [
      { attr: "endpoint", as: "string", alloyDefault: `0.0.0.0:${port}`, otelDefault: `localhost:${port}` },
      { attr: "queue_size", as: "int", alloyDefault: 1000, otelDefault: 1000 },
      { attr: "max_packet_size", as: "bytes", alloyDefault: "65KiB", otelDefault: 65000 },
      { attr: "workers", as: "int", alloyDefault: 10, otelDefault: 10 },
      { attr: "socket_buffer_size", as: "bytes" },
    ],
  };
}

export const jaegerReceiver: ComponentDescription = {
  kind: "receiver",
  otelTypes: ["jaeger"],
  alloyName: "otelcol.receiver.jaeger",
  signals: ["traces"],
  rows: [
    {
      block: "protocols",
      required: true,
      rows: [
        { block: "grpc", parentDefault: "nil", rows: grpcServerRows({ alloy: "0.0.0.0:14250", otel: "localhost:14250" }) },
        {
          block: "thrift_http",
          parentDefault: "nil",
          rows: httpServerRows({ endpoint: { alloy: "0.0.0.0:14268", otel: "localhost:14268" } }),
        },
        thriftUdp("thrift_binary", 6832),
        thriftUdp("thrift_compact", 6831),
      ],
    },
    { output: true },
  ],
  notes: serverAuthNotes(["protocols.grpc", "protocols.thrift_http"]),
};

export const zipkinReceiver: ComponentDescription = {
  kind: "receiver",
  otelTypes: ["zipkin"],
  alloyName: "otelcol.receiver.zipkin",
  signals: ["traces"],
  rows: [
    { attr: "parse_string_tags", as: "bool" },
    ...httpServerRows({ endpoint: { alloy: "0.0.0.0:9411", otel: "localhost:9411" } }),
    { output: true },
  ],
  notes: serverAuthNotes([""]),
};

export const datadogReceiver: ComponentDescription = {
  kind: "receiver",
  otelTypes: ["datadog"],
  alloyName: "otelcol.receiver.datadog",
  signals: ["metrics", "traces"],
  rows: [
    ...httpServerRows({
      endpoint: { alloy: "localhost:8126", otel: "localhost:8126" },
      alloyTimeouts: ["1m", "60s", "30s", "1m"],
      otelTimeouts: ZERO_TIMEOUTS,
    }),
    { attr: "trace_id_cache_size", as: "int", otel: null },
    { attr: "idle_series_timeout", as: "duration", otel: null },
    // Never set by the converter while Alloy's default is 5m: always written as "0s" (§18.14).
    { attr: "idle_series_cleanup_interval", as: "duration", otel: null, alloyDefault: "5m" },
    { attr: "decode_json_message", as: "bool", otel: "logs.decode_json_message", alloyDefault: true, otelDefault: true },
    { output: true },
  ],
  notes: serverAuthNotes([""]),
};

/** A receiver that is only an HTTP server listening on `endpoint` (same default on both sides). */
function httpOnlyReceiver(type: string, endpoint: string, signals: ComponentDescription["signals"]): ComponentDescription {
  return {
    kind: "receiver",
    otelTypes: [type],
    alloyName: `otelcol.receiver.${type}`,
    signals,
    rows: [...httpServerRows({ endpoint: { alloy: endpoint, otel: endpoint } }), { output: true }],
    notes: serverAuthNotes([""]),
  };
}

export const faroReceiver = httpOnlyReceiver("faro", "localhost:8080", ["logs", "traces"]);
export const influxdbReceiver = httpOnlyReceiver("influxdb", "localhost:8086", ["metrics"]);

const hecMetadataRows: Row[] = [
  { attr: "source", as: "string", alloyDefault: "com.splunk.source", otelDefault: "com.splunk.source" },
  { attr: "sourcetype", as: "string", alloyDefault: "com.splunk.sourcetype", otelDefault: "com.splunk.sourcetype" },
  { attr: "index", as: "string", alloyDefault: "com.splunk.index", otelDefault: "com.splunk.index" },
  { attr: "host", as: "string", alloyDefault: "host.name", otelDefault: "host.name" },
];

export const splunkhecReceiver: ComponentDescription = {
  kind: "receiver",
  otelTypes: ["splunk_hec"],
  alloyName: "otelcol.receiver.splunkhec",
  signals: ["metrics", "logs"],
  upstreamSwapsMetricsAndLogs: true,
  rows: [
    ...httpServerRows({
      endpoint: { alloy: "localhost:8088", otel: "localhost:8088" },
      otelTimeouts: ["0s", "0s", "20s", "20s"],
    }),
    { attr: "raw_path", as: "string", alloyDefault: "/services/collector/raw", otelDefault: "/services/collector/raw" },
    { attr: "health_path", as: "string", alloyDefault: "/services/collector/health", otelDefault: "/services/collector/health" },
    { attr: "splitting", as: "string", alloyDefault: "line", otelDefault: "line" },
    { attr: "access_token_passthrough", as: "bool", otel: null },
    { block: "hec_metadata_to_otel_attrs", parentDefault: "own", rows: hecMetadataRows },
    { output: true },
  ],
  notes: serverAuthNotes([""]),
};

export default [jaegerReceiver, zipkinReceiver, datadogReceiver, faroReceiver, influxdbReceiver, splunkhecReceiver];
