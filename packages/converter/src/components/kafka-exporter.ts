/** The kafka exporter (otelcol-conversion.md §17). */
import type { BlockRow, ComponentDescription, Source } from "../engine/description.js";
import { kafkaAuthentication, kafkaMetadata } from "./kafka-auth.js";
import { retryOnFailure, sendingQueue, tlsClient } from "./shared.js";

/**
 * The deprecated top-level `topic` / `encoding` the collector copies into every signal that does not set its own
 * (kafkaexporter Config.Unmarshal); upstream ignores them (docs/converter-differences.md), kept under compat.
 */
const inherited = (key: string) => (v: unknown, src: Source): unknown =>
  src.compat || src.has(key) ? v : (src.root.get(key) ?? v);

/** A per-signal topic block; Alloy declares no defaults, so OTel's topic and encoding are always written (§11.2). */
const signalTopic = (signal: string, topic: string): BlockRow => ({
  block: signal,
  rows: [
    { attr: "topic", as: "string", otelDefault: topic, map: inherited("topic") },
    { attr: "topic_from_metadata_key", as: "string" },
    { attr: "encoding", as: "string", otelDefault: "otlp_proto", map: inherited("encoding") },
    { attr: "message_key_from_metadata_key", as: "string" },
  ],
});

export const kafkaExporter: ComponentDescription = {
  kind: "exporter",
  otelTypes: ["kafka"],
  alloyName: "otelcol.exporter.kafka",
  signals: [],
  rows: [
    { attr: "protocol_version", as: "string", required: true },
    // OTel decodes a single broker string as a one-element list.
    {
      attr: "brokers",
      as: "strings",
      alloyDefault: ["localhost:9092"],
      otelDefault: ["localhost:9092"],
      map: (v) => (typeof v === "string" ? [v] : v),
    },
    { attr: "resolve_canonical_bootstrap_servers_only", as: "bool" },
    { attr: "client_id", as: "string", alloyDefault: "otel-collector", otelDefault: "otel-collector" },
    { attr: "topic", as: "string", otel: null },
    { attr: "topic_from_attribute", as: "string" },
    { attr: "encoding", as: "string", otel: null },
    { attr: "partition_traces_by_id", as: "bool" },
    { attr: "partition_metrics_by_resource_attributes", as: "bool" },
    { attr: "partition_logs_by_resource_attributes", as: "bool" },
    { attr: "partition_logs_by_trace_id", as: "bool" },
    { attr: "timeout", as: "duration", alloyDefault: "5s", otelDefault: "5s" },
    { attr: "conn_idle_timeout", as: "duration", alloyDefault: "9m", otelDefault: "9m" },
    { attr: "include_metadata_keys", as: "strings" },
    signalTopic("logs", "otlp_logs"),
    signalTopic("metrics", "otlp_metrics"),
    signalTopic("traces", "otlp_spans"),
    kafkaAuthentication,
    kafkaMetadata,
    retryOnFailure,
    sendingQueue,
    {
      block: "producer",
      // Omitted when equal to Alloy's default producer; once written, the producer type has no defaults of its
      // own, so every non-zero value appears and a zero `required_acks` does not (§11.1, §17 kafka case).
      parentDefault: {
        max_message_bytes: 1000000,
        required_acks: 1,
        compression: "none",
        flush_max_messages: 10000,
        allow_auto_topic_creation: true,
      },
      rows: [
        { attr: "max_message_bytes", as: "int", otelDefault: 1000000 },
        { attr: "max_broker_write_bytes", as: "int" },
        { attr: "required_acks", as: "int", otelDefault: 1 },
        { attr: "compression", as: "string", otelDefault: "none" },
        { block: "compression_params", rows: [{ attr: "level", as: "int" }] },
        { attr: "flush_max_messages", as: "int", otelDefault: 10000 },
        { attr: "allow_auto_topic_creation", as: "bool", otelDefault: true },
        { attr: "linger", as: "duration" },
      ],
    },
    {
      block: "record_partitioner",
      parentDefault: "nil",
      rows: [
        {
          block: "sticky_key",
          parentDefault: "nil",
          rows: [{ attr: "hasher", as: "string", alloyDefault: "sarama_compat", otelDefault: "sarama_compat" }],
        },
        // OTel selects these partitioners by an empty map; Alloy by a boolean.
        { attr: "round_robin", as: "bool", map: (_, src) => src.has("round_robin") },
        { attr: "least_backup", as: "bool", map: (_, src) => src.has("least_backup") },
      ],
    },
    tlsClient(),
  ],
};

export default [kafkaExporter];
