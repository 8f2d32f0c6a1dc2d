/**
 * Common processors (otelcol-conversion.md §16.3-16.6, §16.11, §16.13): memory_limiter, attributes, transform
 * and filter (./ottl-processors.ts), k8sattributes, probabilistic_sampler.
 */
import { type ComponentDescription, type Source, type Row, type Signal, componentNote } from "../engine/description.js";
import { matchBlock } from "./match.js";
import { filterProcessor, transformProcessor } from "./ottl-processors.js";

const ALL_SIGNALS: readonly Signal[] = ["metrics", "logs", "traces"];

export const memoryLimiterProcessor: ComponentDescription = {
  kind: "processor",
  otelTypes: ["memory_limiter"],
  alloyName: "otelcol.processor.memory_limiter",
  signals: ALL_SIGNALS,
  rows: [
    { attr: "check_interval", as: "duration", required: true },
    { attr: "limit", as: "mib", otel: "limit_mib" },
    { attr: "spike_limit", as: "mib", otel: "spike_limit_mib" },
    { attr: "limit_percentage", as: "int" },
    { attr: "spike_limit_percentage", as: "int", map: (v, src) => (spikeNeeded(src) ? 1 : v) },
    { output: true },
  ],
  notes: (src, id) => spikeNeeded(src)
    ? [componentNote("warning", `processor/${id}: Alloy requires spike_limit_percentage above 0 with limit_percentage; the collector's 0 (no headroom below the limit) became 1, the closest value Alloy accepts`)]
    : [],
};

/**
 * Alloy's memory_limiter refuses `limit_percentage` without a `spike_limit_percentage` above 0, which the collector
 * accepts (no headroom below the limit). Outside compat the closest accepted value is written.
 */
function spikeNeeded(src: Source): boolean {
  if (src.compat) return false;
  const limit = src.root.get("limit_percentage");
  const spike = src.root.get("spike_limit_percentage");
  return typeof limit === "number" && limit > 0 && !(typeof spike === "number" && spike > 0) && !(typeof src.root.get("limit_mib") === "number");
}

export const attributesProcessor: ComponentDescription = {
  kind: "processor",
  otelTypes: ["attributes"],
  alloyName: "otelcol.processor.attributes",
  signals: ALL_SIGNALS,
  rows: [
    matchBlock("include"),
    matchBlock("exclude"),
    {
      blocks: "action",
      otel: "actions",
      rows: [
        { attr: "key", as: "string" },
        { attr: "value", as: "any" },
        { attr: "pattern", as: "string" },
        { attr: "from_attribute", as: "string" },
        { attr: "from_context", as: "string" },
        { attr: "converted_type", as: "string" },
        { attr: "action", as: "string", required: true },
      ],
    },
    { output: true },
  ],
};

const K8S_DEFAULT_METADATA = [
  "container.image.name", "container.image.tag", "k8s.deployment.name", "k8s.namespace.name",
  "k8s.node.name", "k8s.pod.name", "k8s.pod.start_time", "k8s.pod.uid",
];
const K8S_DEFAULT_EXCLUDED_PODS = ["jaeger-agent", "jaeger-collector"];

const fieldFilterRows: Row[] = [
  { attr: "key", as: "string", required: true },
  { attr: "value", as: "string", required: true },
  { attr: "op", as: "string" },
];
const tagRows: Row[] = [
  { attr: "tag_name", as: "string" },
  { attr: "key", as: "string" },
  { attr: "key_regex", as: "string" },
  { attr: "from", as: "string" },
];

export const k8sattributesProcessor: ComponentDescription = {
  kind: "processor",
  otelTypes: ["k8s_attributes", "k8sattributes"],
  alloyName: "otelcol.processor.k8sattributes",
  signals: ALL_SIGNALS,
  rows: [
    { attr: "auth_type", as: "string", otelDefault: "serviceAccount" },
    { attr: "passthrough", as: "bool" },
    {
      block: "extract",
      rows: [
        { attr: "metadata", as: "strings", otelDefault: K8S_DEFAULT_METADATA },
        { blocks: "annotation", otel: "annotations", rows: tagRows },
        { blocks: "label", otel: "labels", rows: tagRows },
        { attr: "otel_annotations", as: "bool" },
        { attr: "deployment_name_from_replicaset", as: "bool", alloyDefault: true, otelDefault: true },
      ],
    },
    {
      block: "filter",
      rows: [
        { attr: "node", as: "string" },
        { attr: "namespace", as: "string" },
        { blocks: "field", otel: "fields", rows: fieldFilterRows },
        { blocks: "label", otel: "labels", rows: fieldFilterRows },
      ],
    },
    {
      blocks: "pod_association",
      rows: [{ blocks: "source", otel: "sources", rows: [{ attr: "from", as: "string", required: true }, { attr: "name", as: "string" }] }],
    },
    {
      block: "exclude",
      // Alloy's and OTel's defaults both exclude the jaeger pods; the block appears only for another list.
      build: (src) => {
        const pods = src.get("exclude.pods");
        const names = Array.isArray(pods) ? pods.map((p) => (p instanceof Map ? p.get("name") : undefined)) : undefined;
        return names !== undefined && JSON.stringify(names) !== JSON.stringify(K8S_DEFAULT_EXCLUDED_PODS);
      },
      rows: [{ blocks: "pod", otel: "pods", rows: [{ attr: "name", as: "string" }] }],
    },
    { attr: "wait_for_metadata", as: "bool" },
    { attr: "wait_for_metadata_timeout", as: "duration", alloyDefault: "10s", otelDefault: "10s" },
    { attr: "watch_sync_period", as: "duration", alloyDefault: "5m", otelDefault: "5m" },
    { attr: "pod_delete_grace_period", as: "duration", alloyDefault: "2m", otelDefault: "2m" },
    { output: true },
  ],
};

export const probabilisticSamplerProcessor: ComponentDescription = {
  kind: "processor",
  otelTypes: ["probabilistic_sampler"],
  alloyName: "otelcol.processor.probabilistic_sampler",
  signals: ["logs", "traces"],
  rows: [
    { attr: "sampling_percentage", as: "float32" },
    { attr: "hash_seed", as: "int" },
    { attr: "mode", as: "string" },
    { attr: "fail_closed", as: "bool", alloyDefault: true, otelDefault: true },
    { attr: "sampling_precision", as: "int", alloyDefault: 4, otelDefault: 4 },
    { attr: "attribute_source", as: "string", alloyDefault: "traceID", otelDefault: "traceID" },
    { attr: "from_attribute", as: "string" },
    { attr: "sampling_priority", as: "string" },
    { output: true },
  ],
};

export default [
  memoryLimiterProcessor, attributesProcessor, transformProcessor, filterProcessor, k8sattributesProcessor,
  probabilisticSamplerProcessor,
];
