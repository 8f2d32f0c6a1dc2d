/** The kafka receiver (otelcol-conversion.md §17). */
import type { BlockRow, ComponentDescription, Row } from "../engine/description.js";
import type { RawValue } from "@alloy-ts/otel";
import { kafkaAuthentication, kafkaMetadata } from "./kafka-auth.js";
import { tlsClient } from "./shared.js";

/** A per-signal topic block; Alloy's defaults equal OTel's, so it normally disappears. */
const signalTopics = (signal: string, topic: string): BlockRow => ({
  block: signal,
  parentDefault: "own",
  rows: [
    { attr: "topic", as: "string" },
    { attr: "topics", as: "strings", alloyDefault: [topic], otelDefault: [topic] },
    { attr: "encoding", as: "string", alloyDefault: "otlp_proto", otelDefault: "otlp_proto" },
    { attr: "exclude_topics", as: "strings" },
  ],
});

const nonEmptyList = (v: RawValue | undefined): boolean => Array.isArray(v) && v.length > 0;

/** `error_backoff {}`: its type has no defaults of its own, so every non-zero value is written. */
const errorBackoffRows: Row[] = [
  { attr: "enabled", as: "bool" },
  { attr: "initial_interval", as: "duration" },
  { attr: "randomization_factor", as: "float" },
  { attr: "multiplier", as: "float" },
  { attr: "max_interval", as: "duration" },
  { attr: "max_elapsed_time", as: "duration" },
];

export const kafkaReceiver: ComponentDescription = {
  kind: "receiver",
  otelTypes: ["kafka"],
  alloyName: "otelcol.receiver.kafka",
  signals: ["metrics", "logs", "traces"],
  rows: [
    // OTel decodes a single broker string as a one-element list.
    { attr: "brokers", as: "strings", required: true, otelDefault: ["localhost:9092"], map: (v) => (typeof v === "string" ? [v] : v) },
    { attr: "protocol_version", as: "string", required: true },
    { attr: "session_timeout", as: "duration", alloyDefault: "10s", otelDefault: "10s" },
    { attr: "heartbeat_interval", as: "duration", alloyDefault: "3s", otelDefault: "3s" },
    { attr: "encoding", as: "string", otel: null },
    { attr: "group_id", as: "string", alloyDefault: "otel-collector", otelDefault: "otel-collector" },
    { attr: "client_id", as: "string", alloyDefault: "otel-collector", otelDefault: "otel-collector" },
    { attr: "initial_offset", as: "string", alloyDefault: "latest", otelDefault: "latest" },
    signalTopics("logs", "otlp_logs"),
    signalTopics("metrics", "otlp_metrics"),
    signalTopics("traces", "otlp_spans"),
    { attr: "resolve_canonical_bootstrap_servers_only", as: "bool" },
    kafkaAuthentication,
    kafkaMetadata,
    {
      block: "autocommit",
      parentDefault: "own",
      rows: [
        { attr: "enable", as: "bool", alloyDefault: true, otelDefault: true },
        { attr: "interval", as: "duration", alloyDefault: "1s", otelDefault: "1s" },
      ],
    },
    {
      block: "message_marking",
      parentDefault: "own",
      rows: [
        { attr: "after_execution", as: "bool", otel: "after" },
        { attr: "include_unsuccessful", as: "bool", otel: "on_error" },
      ],
    },
    {
      block: "header_extraction",
      parentDefault: "own",
      rows: [
        { attr: "extract_headers", as: "bool" },
        // A missing OTel list becomes an empty one, Alloy's default (§11.1).
        { attr: "headers", as: "strings", alloyDefault: [], map: (v) => v ?? [] },
      ],
    },
    // Only when OTel's client TLS is configured.
    { ...tlsClient(), parentDefault: "nil", build: "present" },
    { attr: "min_fetch_size", as: "int", alloyDefault: 1, otelDefault: 1 },
    { attr: "max_fetch_size", as: "int", alloyDefault: 1048576, otelDefault: 1048576 },
    { attr: "max_partition_fetch_size", as: "int", alloyDefault: 1048576, otelDefault: 1048576 },
    { attr: "max_fetch_wait", as: "duration", alloyDefault: "250ms", otelDefault: "250ms" },
    // The plural list wins; otherwise the singular, or franz-go's "cooperative-sticky" when unset (§17).
    {
      attr: "group_rebalance_strategy",
      as: "string",
      map: (v, src) => (nonEmptyList(src.get("group_rebalance_strategies")) ? "" : v || "cooperative-sticky"),
    },
    { attr: "group_rebalance_strategies", as: "strings", map: (v) => (nonEmptyList(v) ? v : undefined) },
    { attr: "group_instance_id", as: "string" },
    { attr: "rack_id", as: "string" },
    { attr: "use_leader_epoch", as: "bool", alloyDefault: true, otelDefault: true },
    { attr: "conn_idle_timeout", as: "duration", alloyDefault: "9m", otelDefault: "9m" },
    { block: "error_backoff", rows: errorBackoffRows },
    { output: true },
  ],
};

export default [kafkaReceiver];
