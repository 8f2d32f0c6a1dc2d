/** The redaction and span processors (otelcol-conversion.md §17). */
import type { BlockRow, ComponentDescription, Row } from "../engine/description.js";
import { matchBlock } from "./match.js";

/** `enabled` + `attributes` of one database sanitizer. */
const sanitizer = (name: string): BlockRow => ({
  block: name,
  rows: [
    { attr: "enabled", as: "bool" },
    { attr: "attributes", as: "strings" },
  ],
});

const redactionRows: Row[] = [
  { attr: "allow_all_keys", as: "bool" },
  { attr: "allowed_keys", as: "strings" },
  { attr: "ignored_keys", as: "strings" },
  { attr: "blocked_key_patterns", as: "strings" },
  { attr: "ignored_key_patterns", as: "strings" },
  { attr: "allowed_values", as: "strings" },
  { attr: "blocked_values", as: "strings" },
  { attr: "hash_function", as: "string" },
  { attr: "hmac_key", as: "string" },
  { attr: "redact_all_types", as: "bool" },
  { attr: "summary", as: "string" },
  // The sanitizer blocks are built only when the user configured them (§17).
  {
    block: "url_sanitizer",
    parentDefault: "nil",
    rows: [
      { attr: "enabled", as: "bool" },
      { attr: "attributes", as: "strings" },
      { attr: "sanitize_span_name", as: "bool" },
    ],
  },
  {
    block: "db_sanitizer",
    parentDefault: "nil",
    rows: [
      { attr: "sanitize_span_name", as: "bool" },
      ...["sql", "redis", "valkey", "memcached", "mongo", "opensearch", "es"].map(sanitizer),
    ],
  },
  { output: true },
];

export const redactionProcessor: ComponentDescription = {
  kind: "processor",
  otelTypes: ["redaction"],
  alloyName: "otelcol.processor.redaction",
  signals: ["metrics", "logs", "traces"],
  rows: redactionRows,
};

export const spanProcessor: ComponentDescription = {
  kind: "processor",
  otelTypes: ["span"],
  alloyName: "otelcol.processor.span",
  signals: ["traces"],
  rows: [
    matchBlock("include"),
    matchBlock("exclude"),
    {
      block: "name",
      rows: [
        { attr: "from_attributes", as: "strings" },
        { attr: "separator", as: "string" },
        {
          block: "to_attributes",
          parentDefault: "nil",
          rows: [
            { attr: "rules", as: "strings" },
            { attr: "break_after_match", as: "bool" },
            { attr: "keep_original_name", as: "bool" },
          ],
        },
      ],
    },
    {
      block: "status",
      rows: [
        { attr: "code", as: "string" },
        { attr: "description", as: "string" },
      ],
    },
    { output: true },
  ],
};

export default [redactionProcessor, spanProcessor];
