/** OTLP receiver and exporters (otelcol-conversion.md §16.1, §16.8, §16.9). */
import type { ComponentDescription } from "../engine/description.js";
import { grpcClientRows, grpcServerRows, httpClientRows, httpServerRows, retryOnFailure, sendingQueue, serverAuthNotes } from "./shared.js";

export const otlpReceiver: ComponentDescription = {
  kind: "receiver",
  otelTypes: ["otlp"],
  alloyName: "otelcol.receiver.otlp",
  signals: ["metrics", "logs", "traces"],
  rows: [
    {
      block: "grpc",
      otel: "protocols.grpc",
      parentDefault: "nil",
      rows: grpcServerRows({ alloy: "0.0.0.0:4317", otel: "localhost:4317" }),
    },
    {
      block: "http",
      otel: "protocols.http",
      parentDefault: "nil",
      rows: [
        ...httpServerRows({ endpoint: { alloy: "0.0.0.0:4318", otel: "localhost:4318" } }),
        { attr: "traces_url_path", as: "string", alloyDefault: "/v1/traces", otelDefault: "/v1/traces" },
        { attr: "metrics_url_path", as: "string", alloyDefault: "/v1/metrics", otelDefault: "/v1/metrics" },
        { attr: "logs_url_path", as: "string", alloyDefault: "/v1/logs", otelDefault: "/v1/logs" },
      ],
    },
    { output: true },
  ],
  notes: serverAuthNotes(["protocols.grpc", "protocols.http"]),
};

export const otlpExporter: ComponentDescription = {
  kind: "exporter",
  otelTypes: ["otlp_grpc", "otlp"],
  alloyName: "otelcol.exporter.otlp",
  signals: [],
  rows: [
    { attr: "timeout", as: "duration", alloyDefault: "5s", otelDefault: "5s" },
    sendingQueue,
    retryOnFailure,
    { block: "client", otel: "", required: true, rows: grpcClientRows({ secretKeyPem: true }) },
  ],
};

export const otlphttpExporter: ComponentDescription = {
  kind: "exporter",
  otelTypes: ["otlp_http", "otlphttp"],
  alloyName: "otelcol.exporter.otlphttp",
  signals: [],
  rows: [
    { block: "client", otel: "", required: true, rows: httpClientRows() },
    sendingQueue,
    retryOnFailure,
    // OTel's per-signal endpoints are dropped by upstream (§18.6); they are carried over outside compat mode.
    { attr: "traces_endpoint", as: "string", map: (v, src) => (src.compat ? undefined : v) },
    { attr: "metrics_endpoint", as: "string", map: (v, src) => (src.compat ? undefined : v) },
    { attr: "logs_endpoint", as: "string", map: (v, src) => (src.compat ? undefined : v) },
    { attr: "encoding", as: "string", alloyDefault: "proto", otelDefault: "proto" },
  ],
};

export default [otlpReceiver, otlpExporter, otlphttpExporter];
