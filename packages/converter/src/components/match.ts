/**
 * The include/exclude match blocks shared by the attributes and span processors (otelcol-conversion.md §16.4).
 */
import type { BlockRow, Row } from "../engine/description.js";

/** OTel log severity numbers by name, 1 = TRACE … 24 = FATAL4. */
const SEVERITY_NAMES = ["TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL"].flatMap((n) => [n, `${n}2`, `${n}3`, `${n}4`]);

const matchRows: Row[] = [
  { attr: "match_type", as: "string", required: true },
  {
    // Upstream reads the regexp options from a key OTel does not use, so this block is never written (§16.4).
    block: "regexp",
    otel: null,
    rows: [
      { attr: "cache_enabled", as: "bool" },
      { attr: "cache_max_num_entries", as: "int" },
    ],
  },
  { attr: "services", as: "strings" },
  { attr: "span_names", as: "strings" },
  { attr: "log_bodies", as: "strings" },
  { attr: "log_severity_texts", as: "strings" },
  {
    block: "log_severity",
    otel: "log_severity_number",
    parentDefault: "nil",
    rows: [
      {
        attr: "min",
        as: "string",
        required: true,
        map: (v) => (typeof v === "number" ? (SEVERITY_NAMES[v - 1] ?? String(v)) : v),
      },
      { attr: "match_undefined", as: "bool", required: true },
    ],
  },
  { attr: "metric_names", as: "strings" },
  { blocks: "attribute", otel: "attributes", rows: [{ attr: "key", as: "string", required: true }, { attr: "value", as: "any" }] },
  { blocks: "resource", otel: "resources", rows: [{ attr: "key", as: "string", required: true }, { attr: "value", as: "any" }] },
  { blocks: "library", otel: "libraries", rows: [{ attr: "name", as: "string", required: true }, { attr: "version", as: "any" }] },
  { attr: "span_kinds", as: "strings" },
];

/** `include {}` / `exclude {}`, written when the OTel match config is set. */
export const matchBlock = (name: "include" | "exclude"): BlockRow => ({ block: name, parentDefault: "nil", rows: matchRows });
