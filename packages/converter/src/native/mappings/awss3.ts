/**
 * The `awss3` exporter → `otelcol.exporter.awss3` (schemas/otelcol.exporter.awss3.json): `s3uploader` becomes the
 * required `s3_uploader` block, `marshaler` a `marshaler { type }` block.
 */
import type { NativeDescription } from "../types.js";
import { droppedKeys } from "./values.js";

const HANDLED = ["s3uploader", "marshaler", "timeout", "sending_queue", "resource_attrs_to_s3"];

export const awsS3Exporter: NativeDescription = {
  kind: "exporter",
  otelTypes: ["awss3"],
  alloyName: "otelcol.exporter.awss3",
  signals: [],
  rows: [
    {
      block: "s3_uploader",
      otel: "s3uploader",
      required: true,
      build: "always",
      rows: [
        { attr: "region", as: "string", otelDefault: "us-east-1", alloyDefault: "us-east-1" },
        { attr: "s3_bucket", as: "string", required: true },
        { attr: "s3_prefix", as: "string", required: true },
        { attr: "s3_partition_format", as: "string", otelDefault: "year=%Y/month=%m/day=%d/hour=%H/minute=%M", alloyDefault: "year=%Y/month=%m/day=%d/hour=%H/minute=%M" },
        { attr: "role_arn", as: "string" },
        { attr: "file_prefix", as: "string" },
        { attr: "endpoint", as: "string" },
        { attr: "s3_force_path_style", as: "bool" },
        { attr: "disable_ssl", as: "bool" },
        { attr: "compression", as: "string", otelDefault: "none", alloyDefault: "none" },
        { attr: "storage_class", as: "string", otelDefault: "STANDARD", alloyDefault: "STANDARD" },
      ],
    },
    {
      block: "marshaler",
      otel: null,
      parentDefault: "own",
      rows: [{ attr: "type", as: "string", otel: null, alloyDefault: "otlp_json", map: (_, src) => src.root.get("marshaler") ?? "otlp_json" }],
    },
    // The collector's factory sets exporterhelper's default timeout, as Alloy's SetToDefault does.
    { attr: "timeout", as: "duration", otelDefault: "5s", alloyDefault: "5s" },
  ],
  notes: (src, id) => droppedKeys(src, HANDLED, `exporter/${id}`, "otelcol.exporter.awss3"),
};
