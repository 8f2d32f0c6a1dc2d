/**
 * Cloud-service receivers (otelcol-conversion.md §17): awscloudwatch, awsecscontainermetrics, awss3, cloudflare
 * and googlecloudpubsub.
 */
import { type ComponentDescription, type ComponentNote, componentNote } from "../engine/description.js";
import type { RawMap, RawValue } from "@alloy-ts/otel";
import { tlsServer } from "./shared.js";

/** The receiver's user agent by default, Alloy's and OTel's alike. */
const PUBSUB_USER_AGENT = "opentelemetry-collector-contrib {{version}}";

const streamRows = [
  { attr: "prefixes", as: "strings" },
  { attr: "names", as: "strings" },
] as const;

/** OTel's `named` map (group name → streams) as a list of maps with the key as `group_name`, in YAML order. */
function namedGroups(named: RawValue | undefined): RawValue[] {
  if (!(named instanceof Map)) return [];
  return [...named].map(([groupName, streams]) => {
    const item: RawMap = new Map([["group_name", groupName]]);
    if (streams instanceof Map) for (const [k, v] of streams) if (k !== "group_name") item.set(k, v);
    return item;
  });
}

export const awscloudwatchReceiver: ComponentDescription = {
  kind: "receiver",
  otelTypes: ["awscloudwatch"],
  alloyName: "otelcol.receiver.awscloudwatch",
  signals: ["logs"],
  rows: [
    { attr: "region", as: "string", required: true },
    { attr: "profile", as: "string" },
    { attr: "imds_endpoint", as: "string" },
    {
      block: "logs",
      parentDefault: "own",
      rows: [
        { attr: "poll_interval", as: "duration", alloyDefault: "1m", otelDefault: "1m" },
        { attr: "max_events_per_request", as: "int", alloyDefault: 1000, otelDefault: 1000 },
        {
          block: "groups",
          rows: [
            {
              block: "autodiscover",
              parentDefault: "nil",
              rows: [
                { attr: "prefix", as: "string" },
                { attr: "limit", as: "int", alloyDefault: 50 },
                { block: "streams", rows: [...streamRows] },
              ],
            },
            // OTel's map becomes one block per entry; upstream's order is Go map order, here the YAML's (§18.18).
            {
              blocks: "named",
              items: (src) => namedGroups(src.get("named")),
              rows: [{ attr: "group_name", as: "string", required: true }, ...streamRows],
            },
          ],
        },
        { attr: "start_from", as: "string", otel: null },
        { attr: "initial_lookback", as: "duration" },
      ],
    },
    // The receiver's storage extension is not converted (§8).
    { attr: "storage", as: "extension", otel: null },
    { output: true },
  ],
};

export const awsecscontainermetricsReceiver: ComponentDescription = {
  kind: "receiver",
  otelTypes: ["awsecscontainermetrics"],
  alloyName: "otelcol.receiver.awsecscontainermetrics",
  signals: ["metrics"],
  rows: [{ attr: "collection_interval", as: "duration", alloyDefault: "20s", otelDefault: "20s" }, { output: true }],
};

const isNonEmptyList = (v: RawValue | undefined): boolean => Array.isArray(v) && v.length > 0;

export const awss3Receiver: ComponentDescription = {
  kind: "receiver",
  otelTypes: ["awss3"],
  alloyName: "otelcol.receiver.awss3",
  signals: ["metrics", "logs", "traces"],
  notes: (src, id) => {
    const notes: ComponentNote[] = [];
    if (isNonEmptyList(src.get("encodings"))) {
      notes.push(componentNote("warning", `receiver/${id}: encodings are not supported at this moment`, "encodings"));
    }
    const opamp = src.get(["notifications", "opampextension"]);
    if (opamp !== undefined && opamp !== null && opamp !== "") {
      notes.push(componentNote("warning", `receiver/${id}: notifications.opampextension field is not supported`, ["notifications", "opampextension"]));
    }
    return notes;
  },
  rows: [
    { attr: "start_time", as: "string" },
    { attr: "end_time", as: "string" },
    {
      // Required and without defaults of its own: every non-empty OTel value is written, OTel defaults included.
      block: "s3downloader",
      required: true,
      rows: [
        { attr: "region", as: "string", otelDefault: "us-east-1" },
        { attr: "s3_bucket", as: "string" },
        { attr: "s3_prefix", as: "string" },
        { attr: "s3_partition_format", as: "string", otelDefault: "year=%Y/month=%m/day=%d/hour=%H/minute=%M" },
        { attr: "s3_partition_timezone", as: "string" },
        { attr: "file_prefix", as: "string" },
        { attr: "endpoint", as: "string" },
        { attr: "endpoint_partition_id", as: "string" },
        { attr: "s3_force_path_style", as: "bool" },
      ],
    },
    {
      block: "sqs",
      parentDefault: "nil",
      rows: [
        { attr: "queue_url", as: "string" },
        { attr: "region", as: "string" },
        { attr: "endpoint", as: "string" },
        { attr: "wait_time_seconds", as: "int" },
        { attr: "max_number_of_messages", as: "int" },
      ],
    },
    { output: true },
  ],
};

export const cloudflareReceiver: ComponentDescription = {
  kind: "receiver",
  otelTypes: ["cloudflare"],
  alloyName: "otelcol.receiver.cloudflare",
  signals: ["logs"],
  // Everything under OTel's `logs:` moves to the top level; Alloy declares no defaults, so OTel's are written.
  rows: [
    { attr: "endpoint", as: "string", otel: "logs.endpoint", required: true },
    { attr: "secret", as: "string", otel: "logs.secret" },
    { attr: "timestamp_field", as: "string", otel: "logs.timestamp_field", otelDefault: "EdgeStartTimestamp" },
    { attr: "timestamp_format", as: "string", otel: "logs.timestamp_format", otelDefault: "rfc3339" },
    { attr: "separator", as: "string", otel: "logs.separator", otelDefault: "." },
    { attr: "attributes", as: "map", otel: "logs.attributes" },
    { ...tlsServer, otel: "logs.tls" },
    { output: true },
  ],
};

export const googlecloudpubsubReceiver: ComponentDescription = {
  kind: "receiver",
  otelTypes: ["googlecloudpubsub"],
  alloyName: "otelcol.receiver.googlecloudpubsub",
  signals: ["metrics", "logs", "traces"],
  upstreamSwapsMetricsAndLogs: true,
  rows: [
    { attr: "project", as: "string" },
    { attr: "user_agent", as: "string", alloyDefault: PUBSUB_USER_AGENT, otelDefault: PUBSUB_USER_AGENT },
    { attr: "endpoint", as: "string" },
    { attr: "universe_domain", as: "string" },
    { attr: "insecure", as: "bool" },
    { attr: "subscription", as: "string", required: true },
    { attr: "encoding", as: "string" },
    { attr: "compression", as: "string" },
    { attr: "ignore_encoding_error", as: "bool" },
    { attr: "client_id", as: "string" },
    { attr: "timeout", as: "duration", alloyDefault: "12s", otelDefault: "12s" },
    {
      block: "flow_control",
      parentDefault: "own",
      rows: [
        { attr: "trigger_ack_batch_duration", as: "duration", alloyDefault: "10s", otelDefault: "10s" },
        { attr: "stream_ack_deadline", as: "duration", alloyDefault: "1m", otelDefault: "1m" },
        { attr: "max_outstanding_messages", as: "int" },
        { attr: "max_outstanding_bytes", as: "int" },
      ],
    },
    { output: true },
  ],
};

export default [awscloudwatchReceiver, awsecscontainermetricsReceiver, awss3Receiver, cloudflareReceiver, googlecloudpubsubReceiver];
