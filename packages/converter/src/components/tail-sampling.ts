/** `otelcol.processor.tail_sampling` (otelcol-conversion.md §16.12). */
import type { BlockRow, ComponentDescription, Row } from "../engine/description.js";

/** A policy kind sub-block; written only when it holds a non-zero value. */
const kind = (name: string, rows: Row[]): BlockRow => ({ block: name, rows });

/** Fields every policy and sub-policy carries: name, type and one sub-block per policy kind. */
const sharedPolicyRows: Row[] = [
  { attr: "name", as: "string", required: true },
  { attr: "type", as: "string", required: true },
  kind("latency", [
    { attr: "threshold_ms", as: "int", required: true },
    { attr: "upper_threshold_ms", as: "int" },
  ]),
  kind("numeric_attribute", [
    { attr: "key", as: "string", required: true },
    { attr: "min_value", as: "int", required: true },
    { attr: "max_value", as: "int", required: true },
    { attr: "invert_match", as: "bool" },
  ]),
  kind("probabilistic", [
    { attr: "hash_salt", as: "string" },
    { attr: "sampling_percentage", as: "float", required: true },
  ]),
  kind("status_code", [{ attr: "status_codes", as: "strings", required: true }]),
  kind("string_attribute", [
    { attr: "key", as: "string", required: true },
    { attr: "values", as: "strings", required: true },
    { attr: "enabled_regex_matching", as: "bool" },
    { attr: "cache_max_size", as: "int" },
    { attr: "invert_match", as: "bool" },
  ]),
  kind("rate_limiting", [
    { attr: "spans_per_second", as: "int", required: true },
    { attr: "burst_capacity", as: "int", otel: null },
  ]),
  kind("bytes_limiting", [
    { attr: "bytes_per_second", as: "int", required: true },
    { attr: "burst_capacity", as: "int" },
  ]),
  kind("span_count", [
    { attr: "min_spans", as: "int", required: true },
    { attr: "max_spans", as: "int" },
  ]),
  kind("boolean_attribute", [
    { attr: "key", as: "string", required: true },
    { attr: "value", as: "bool", required: true },
    { attr: "invert_match", as: "bool" },
  ]),
  kind("ottl_condition", [
    { attr: "error_mode", as: "string", required: true },
    { attr: "span", as: "strings" },
    { attr: "spanevent", as: "strings" },
  ]),
  kind("trace_state", [
    { attr: "key", as: "string", required: true },
    { attr: "values", as: "strings", required: true },
  ]),
];

const andBlock = (subPolicyRows: Row[]): BlockRow => ({
  block: "and",
  rows: [{ blocks: "and_sub_policy", rows: subPolicyRows }],
});

const policyRows: Row[] = [
  ...sharedPolicyRows,
  {
    block: "composite",
    rows: [
      { attr: "max_total_spans_per_second", as: "int", required: true },
      { attr: "policy_order", as: "strings", required: true },
      { blocks: "composite_sub_policy", rows: [...sharedPolicyRows, andBlock(sharedPolicyRows)] },
      { blocks: "rate_allocation", rows: [{ attr: "policy", as: "string" }, { attr: "percent", as: "int" }] },
    ],
  },
  andBlock(sharedPolicyRows),
  // OTel `not` policies are dropped by upstream's converter.
  { block: "drop", rows: [{ blocks: "drop_sub_policy", rows: sharedPolicyRows }] },
];

export const tailSamplingProcessor: ComponentDescription = {
  kind: "processor",
  otelTypes: ["tail_sampling"],
  alloyName: "otelcol.processor.tail_sampling",
  signals: ["traces"],
  rows: [
    { blocks: "policy", otel: "policies", rows: policyRows },
    { attr: "decision_wait", as: "duration", alloyDefault: "30s", otelDefault: "30s" },
    { attr: "num_traces", as: "int", alloyDefault: 50000, otelDefault: 50000 },
    { attr: "block_on_overflow", as: "bool" },
    { attr: "expected_new_traces_per_sec", as: "int" },
    { attr: "sample_on_first_match", as: "bool" },
    { attr: "drop_pending_traces_on_shutdown", as: "bool" },
    { output: true },
  ],
};

export default [tailSamplingProcessor];
