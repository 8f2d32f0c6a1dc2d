/**
 * Stanza-based log receivers (otelcol-conversion.md §17): filelog, syslog, tcplog and fluentforward. Upstream
 * writes no `output` block for any of them (§18.1); the default mode wires them like every other receiver.
 */
import { type BlockRow, type ComponentDescription, type ComponentNote, type Row, type Source, componentNote } from "../engine/description.js";
import { tlsServer } from "./shared.js";

/**
 * `multiline {}`: upstream always builds it, so an empty one prints as `multiline { }`, which Alloy refuses
 * ("either line_start_pattern or line_end_pattern must be set"). Outside compat it is built only with a pattern.
 */
const multiline: BlockRow = {
  block: "multiline",
  parentDefault: "nil",
  build: (src) => src.compat || src.has("multiline.line_start_pattern") || src.has("multiline.line_end_pattern"),
  rows: [
    { attr: "line_start_pattern", as: "string" },
    { attr: "line_end_pattern", as: "string" },
    { attr: "omit_pattern", as: "bool" },
  ],
};

/** Consumer `retry_on_failure {}`: Alloy's defaults equal OTel's (disabled, 1s, 30s, 5m). */
const consumerRetry: BlockRow = {
  block: "retry_on_failure",
  parentDefault: "own",
  rows: [
    { attr: "enabled", as: "bool" },
    { attr: "initial_interval", as: "duration", alloyDefault: "1s", otelDefault: "1s" },
    { attr: "max_interval", as: "duration", alloyDefault: "30s", otelDefault: "30s" },
    { attr: "max_elapsed_time", as: "duration", alloyDefault: "5m", otelDefault: "5m" },
  ],
};

/** A server TLS block that is written only when the OTel key exists. */
const optionalTls: BlockRow = { ...tlsServer, build: "present" };

const isSet = (v: unknown): boolean => v !== undefined && v !== null;

const hasOperators = (v: unknown): boolean => Array.isArray(v) && v.length > 0;

/**
 * Alloy's syslog and tcplog receivers take no stanza operators (only filelog does), so operators there cannot be
 * carried: a Warning names them (upstream drops them silently; compat mode keeps that).
 */
function operatorsNotCarried(kind: string) {
  return (src: Source, id: string): ComponentNote[] =>
    !src.compat && hasOperators(src.get("operators"))
      ? [componentNote("warning", `receiver/${id}: operators are not carried over: otelcol.receiver.${kind} takes no stanza operators, so the records arrive unparsed; parse them after the receiver with otelcol.processor.transform`, "operators")]
      : [];
}

export const filelogReceiver: ComponentDescription = {
  kind: "receiver",
  otelTypes: ["file_log", "filelog"],
  alloyName: "otelcol.receiver.filelog",
  signals: ["logs"],
  upstreamOmitsOutput: true,
  // Upstream drops the operators with these warnings; outside compat mode they are carried to `operators` and
  // `header.metadata_operators`, which Alloy passes to the same stanza pipeline.
  notes: (src, id) => {
    const notes: ComponentNote[] = [];
    if (!src.compat) return notes;
    if (hasOperators(src.get("operators"))) {
      notes.push(componentNote("warning", `operators cannot currently be translated for receiver/${id}`, "operators"));
    }
    if (isSet(src.get("header"))) {
      notes.push(componentNote("warning", `header metadata_operators cannot currently be translated for receiver/${id}`, "header"));
    }
    return notes;
  },
  rows: [
    { attr: "include", as: "strings", required: true },
    { attr: "exclude", as: "strings" },
    { attr: "exclude_older_than", as: "duration" },
    {
      block: "ordering_criteria",
      // Upstream always builds it, so a bare receiver prints `ordering_criteria { }` (§17); Alloy then rejects the
      // file (`sort_by` is required in that block). The default mode writes it only when there is a `sort_by`.
      parentDefault: "nil",
      build: (src) => {
        if (src.compat) return true;
        const sortBy = src.get(["ordering_criteria", "sort_by"]);
        return Array.isArray(sortBy) && sortBy.length > 0;
      },
      rows: [
        { attr: "regex", as: "string" },
        { attr: "top_n", as: "int" },
        {
          blocks: "sort_by",
          rows: [
            { attr: "sort_type", as: "string" },
            { attr: "regex_key", as: "string" },
            { attr: "ascending", as: "bool" },
            { attr: "layout", as: "string" },
            { attr: "location", as: "string" },
          ],
        },
        { attr: "group_by", as: "string" },
      ],
    },
    { attr: "poll_interval", as: "duration", alloyDefault: "200ms", otelDefault: "200ms" },
    { attr: "max_concurrent_files", as: "int", alloyDefault: 1024, otelDefault: 1024 },
    { attr: "max_batches", as: "int" },
    { attr: "start_at", as: "string", alloyDefault: "end", otelDefault: "end" },
    { attr: "fingerprint_size", as: "bytes", alloyDefault: "1KiB", otelDefault: 1000 },
    { attr: "max_log_size", as: "bytes", alloyDefault: "1MiB", otelDefault: 1048576 },
    { attr: "encoding", as: "string", alloyDefault: "utf-8", otelDefault: "utf-8" },
    { attr: "force_flush_period", as: "duration", alloyDefault: "500ms", otelDefault: "500ms" },
    { attr: "delete_after_read", as: "bool" },
    { attr: "include_file_record_number", as: "bool" },
    { attr: "compression", as: "string" },
    { attr: "acquire_fs_lock", as: "bool" },
    { attr: "file_cache_advise", as: "bool", otel: null },
    multiline,
    { attr: "preserve_leading_whitespaces", as: "bool" },
    { attr: "preserve_trailing_whitespaces", as: "bool" },
    {
      block: "header",
      parentDefault: "nil",
      rows: [
        { attr: "pattern", as: "string", required: true },
        // Upstream writes an empty list (and a Warning); outside compat mode the operators are carried.
        { attr: "metadata_operators", as: "any", required: true, map: (v, src) => (!src.compat && Array.isArray(v) ? v : []) },
      ],
    },
    { attr: "include_file_name", as: "bool", alloyDefault: true, otelDefault: true },
    { attr: "include_file_path", as: "bool" },
    { attr: "include_file_name_resolved", as: "bool" },
    { attr: "include_file_path_resolved", as: "bool" },
    { attr: "include_file_owner_name", as: "bool" },
    { attr: "include_file_owner_group_name", as: "bool" },
    { attr: "include_file_permissions", as: "bool", otel: null },
    { attr: "attributes", as: "map" },
    { attr: "resource", as: "map" },
    { attr: "operators", as: "any", map: (v, src) => (!src.compat && hasOperators(v) ? v : undefined) },
    consumerRetry,
    { attr: "storage", as: "extension" },
  ],
};

/** Settings shared by the tcp and udp inputs, in the order each block declares them. */
const inputBase = {
  listen_address: { attr: "listen_address", as: "string" } as Row,
  one_log_per_packet: { attr: "one_log_per_packet", as: "bool" } as Row,
  add_attributes: { attr: "add_attributes", as: "bool" } as Row,
  encoding: { attr: "encoding", as: "string" } as Row,
  preserve: [
    { attr: "preserve_leading_whitespaces", as: "bool" },
    { attr: "preserve_trailing_whitespaces", as: "bool" },
  ] as Row[],
};

export const syslogReceiver: ComponentDescription = {
  kind: "receiver",
  otelTypes: ["syslog"],
  alloyName: "otelcol.receiver.syslog",
  signals: ["logs"],
  upstreamOmitsOutput: true,
  notes: operatorsNotCarried("syslog"),
  rows: [
    { attr: "protocol", as: "string", alloyDefault: "rfc5424", otelDefault: "rfc5424" },
    { attr: "location", as: "string", alloyDefault: "UTC", otelDefault: "UTC" },
    { attr: "enable_octet_counting", as: "bool" },
    { attr: "max_octets", as: "int" },
    { attr: "allow_skip_pri_header", as: "bool" },
    { attr: "non_transparent_framing_trailer", as: "string" },
    consumerRetry,
    {
      // The tcp and udp blocks have no defaults of their own: every non-zero value is written (§17).
      block: "tcp",
      parentDefault: "nil",
      rows: [
        { attr: "max_log_size", as: "bytes" },
        inputBase.listen_address,
        optionalTls,
        inputBase.add_attributes,
        inputBase.one_log_per_packet,
        inputBase.encoding,
        multiline,
        ...inputBase.preserve,
      ],
    },
    {
      block: "udp",
      parentDefault: "nil",
      rows: [
        inputBase.listen_address,
        inputBase.one_log_per_packet,
        inputBase.add_attributes,
        inputBase.encoding,
        multiline,
        ...inputBase.preserve,
        {
          block: "async",
          parentDefault: "nil",
          rows: [
            { attr: "readers", as: "int" },
            { attr: "processors", as: "int" },
            { attr: "max_queue_length", as: "int" },
          ],
        },
      ],
    },
    { attr: "on_error", as: "string", alloyDefault: "send", otelDefault: "send" },
  ],
};

export const tcplogReceiver: ComponentDescription = {
  kind: "receiver",
  otelTypes: ["tcplog"],
  alloyName: "otelcol.receiver.tcplog",
  signals: ["logs"],
  upstreamOmitsOutput: true,
  notes: operatorsNotCarried("tcplog"),
  rows: [
    { attr: "listen_address", as: "string", required: true },
    { attr: "max_log_size", as: "bytes", alloyDefault: "1MiB" },
    optionalTls,
    inputBase.add_attributes,
    inputBase.one_log_per_packet,
    { attr: "encoding", as: "string", alloyDefault: "utf-8", otelDefault: "utf-8" },
    multiline,
    consumerRetry,
  ],
};

export const fluentforwardReceiver: ComponentDescription = {
  kind: "receiver",
  otelTypes: ["fluent_forward", "fluentforward"],
  alloyName: "otelcol.receiver.fluentforward",
  signals: ["logs"],
  upstreamOmitsOutput: true,
  rows: [{ attr: "endpoint", as: "string", required: true }],
};

export default [filelogReceiver, syslogReceiver, tcplogReceiver, fluentforwardReceiver];
