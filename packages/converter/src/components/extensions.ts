/** The jaeger_remote_sampling and file storage extensions (otelcol-conversion.md §17). */
import type { ComponentDescription } from "../engine/description.js";
import { grpcClientRows, grpcServerRows, httpServerRows, serverAuthNotes } from "./shared.js";

export const jaegerRemoteSamplingExtension: ComponentDescription = {
  kind: "extension",
  otelTypes: ["jaegerremotesampling"],
  alloyName: "otelcol.extension.jaeger_remote_sampling",
  signals: [],
  rows: [
    { block: "grpc", parentDefault: "nil", rows: grpcServerRows({ alloy: "0.0.0.0:14250", otel: "localhost:14250" }) },
    { block: "http", parentDefault: "nil", rows: httpServerRows({ endpoint: { alloy: "0.0.0.0:5778", otel: "localhost:5778" } }) },
    {
      block: "source",
      required: true,
      rows: [
        { attr: "content", as: "string", otel: null },
        { block: "remote", parentDefault: "nil", rows: grpcClientRows() },
        { attr: "file", as: "string" },
        { attr: "reload_interval", as: "duration" },
      ],
    },
  ],
  notes: (src, id) => serverAuthNotes(["grpc", "http"])(src, id, "extension"),
};

/** OTel's default storage folder (Linux), also the default compaction folder. */
const FILE_STORAGE_DIR = "/var/lib/otelcol/file_storage";

export const fileStorageExtension: ComponentDescription = {
  kind: "extension",
  otelTypes: ["file_storage"],
  alloyName: "otelcol.storage.file",
  signals: [],
  rows: [
    { attr: "directory", as: "string", otelDefault: FILE_STORAGE_DIR },
    { attr: "timeout", as: "duration", alloyDefault: "1s", otelDefault: "1s" },
    {
      block: "compaction",
      // Omitted only when equal to Alloy's default compaction; once written, the compaction type has no
      // defaults of its own, so every non-zero value appears (§11.1).
      parentDefault: {
        rebound_needed_threshold_mib: 100,
        rebound_trigger_threshold_mib: 10,
        max_transaction_size: 65536,
        check_interval: "5s",
      },
      rows: [
        { attr: "on_start", as: "bool" },
        { attr: "on_rebound", as: "bool" },
        { attr: "directory", as: "string", otelDefault: FILE_STORAGE_DIR },
        { attr: "rebound_needed_threshold_mib", as: "int", otelDefault: 100 },
        { attr: "rebound_trigger_threshold_mib", as: "int", otelDefault: 10 },
        { attr: "max_transaction_size", as: "int", otelDefault: 65536 },
        { attr: "check_interval", as: "duration", otelDefault: "5s" },
        { attr: "cleanup_on_start", as: "bool" },
      ],
    },
    { attr: "fsync", as: "bool" },
    // OTel defaults to false and Alloy to true, so this is always written (§18.14).
    { attr: "create_directory", as: "bool", alloyDefault: true },
    { attr: "directory_permissions", as: "string", alloyDefault: "0750", otelDefault: "0750" },
  ],
};

export default [jaegerRemoteSamplingExtension, fileStorageExtension];
