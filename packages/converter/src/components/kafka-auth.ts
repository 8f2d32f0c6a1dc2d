/**
 * Kafka client blocks shared by the kafka receiver and exporter (otelcol-conversion.md §17): `authentication {}`
 * and `metadata {}`.
 */
import type { BlockRow } from "../engine/description.js";
import { tlsClient } from "./shared.js";

/** OTel `auth` → `authentication {}`; each mechanism is written when the OTel key is present. */
export const kafkaAuthentication: BlockRow = {
  block: "authentication",
  otel: "auth",
  rows: [
    {
      block: "plaintext",
      otel: "plain_text",
      parentDefault: "nil",
      rows: [
        { attr: "username", as: "string" },
        { attr: "password", as: "string" },
      ],
    },
    {
      block: "sasl",
      parentDefault: "nil",
      rows: [
        { attr: "username", as: "string" },
        { attr: "password", as: "string" },
        { attr: "mechanism", as: "string" },
        { attr: "version", as: "int" },
        { block: "aws_msk", rows: [{ attr: "region", as: "string" }] },
      ],
    },
    tlsClient(),
    {
      block: "kerberos",
      parentDefault: "nil",
      rows: [
        { attr: "service_name", as: "string" },
        { attr: "realm", as: "string" },
        { attr: "use_keytab", as: "bool" },
        { attr: "username", as: "string", required: true },
        { attr: "password", as: "string" },
        { attr: "config_file", as: "string" },
        { attr: "keytab_file", as: "string" },
        { attr: "disable_fast_negotiation", as: "bool" },
      ],
    },
  ],
};

/** `metadata {}`: Alloy's defaults equal OTel's. */
export const kafkaMetadata: BlockRow = {
  block: "metadata",
  parentDefault: "own",
  rows: [
    { attr: "full", as: "bool", alloyDefault: true, otelDefault: true },
    { attr: "refresh_interval", as: "duration", alloyDefault: "10m", otelDefault: "10m" },
    {
      block: "retry",
      parentDefault: "own",
      rows: [
        { attr: "max_retries", as: "int", alloyDefault: 3, otelDefault: 3 },
        { attr: "backoff", as: "duration", alloyDefault: "250ms", otelDefault: "250ms" },
      ],
    },
  ],
};
