/**
 * The collector model of `@alloy-ts/otel` as the bridge dialect uses it: loaded with its structural rules, and
 * printed back to collector YAML.
 */
import { Document, isMap, isSeq } from "yaml";
import { loadCollectorConfig as loadModel, PIPELINE_LISTS, SECTIONS, structuralProblems, type CollectorConfig, type ModelProblem, type RawValue } from "@alloy-ts/otel";

export type { CollectorComponent, CollectorConfig, CollectorPipeline, ModelProblem } from "@alloy-ts/otel";

/**
 * Reads the decoded YAML root into the model (`@alloy-ts/otel`); any problem of shape or structure (an
 * undefined component, a pipeline without an exporter, a connector used on one side only) makes the
 * configuration invalid. Unused components are not problems here.
 */
export function loadCollectorConfig(root: RawValue): { config: CollectorConfig; problems: ModelProblem[] } {
  const { config, problems } = loadModel(root);
  return { config, problems: [...problems, ...structuralProblems(config)].filter((p) => p.severity === "error") };
}

/** The configuration as a plain YAML-shaped object (sections in the usual order, empty ones left out). */
export function collectorToData(config: CollectorConfig): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [section, kind] of SECTIONS) {
    const items = config.components.filter((c) => c.kind === kind);
    if (items.length === 0) continue;
    out[section] = new Map(items.map((c) => [c.id, c.config]));
  }
  const service = new Map<string, unknown>();
  if (config.extensions.length > 0) service.set("extensions", config.extensions);
  if (config.pipelines.length > 0) {
    service.set("pipelines", new Map(config.pipelines.map((p) => {
      const lists = new Map<string, string[]>();
      for (const key of PIPELINE_LISTS) if (p[key].length > 0) lists.set(key, p[key]);
      return [p.id, lists];
    })));
  }
  for (const [k, v] of config.service) service.set(k, v);
  if (service.size > 0) out.service = service;
  return out;
}

/** Prints the configuration as collector YAML. */
export function printCollectorYaml(config: CollectorConfig): string {
  const data = collectorToData(config);
  if (Object.keys(data).length === 0) return "{}\n";
  const doc = new Document(data, { aliasDuplicateObjects: false, version: "1.2" });
  // ID lists are written in flow style, as collector configurations usually are: `receivers: [otlp]`.
  const service = doc.get("service");
  const flow = (node: unknown) => {
    if (isSeq(node)) node.flow = true;
  };
  if (isMap(service)) {
    flow(service.get("extensions", true));
    const pipelines = service.get("pipelines", true);
    if (isMap(pipelines)) for (const p of pipelines.items) if (isMap(p.value)) for (const l of p.value.items) flow(l.value);
  }
  return doc.toString({ lineWidth: 0, nullStr: "", flowCollectionPadding: false });
}
