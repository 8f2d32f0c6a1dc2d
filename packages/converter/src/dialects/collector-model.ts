/**
 * A collector configuration as plain data, with no knowledge of component types: what the bridge dialect
 * carries. Loaded from collector YAML (any component type is accepted) and printed back to YAML.
 */
import { Document, isMap, isSeq } from "yaml";
import type { ComponentKind } from "../engine/description.js";
import { splitId } from "../labels.js";
import { readComponentId, SECTIONS } from "../otel/sections.js";
import { positionOf, type Position, type RawMap, type RawValue } from "../otel/yaml-tree.js";

/** One component of any type. `config` is the raw YAML body (strings not yet resolved). */
export interface CollectorComponent {
  readonly kind: ComponentKind;
  readonly id: string;
  readonly type: string;
  readonly name: string;
  readonly config: RawValue;
  readonly position?: Position;
}

export interface CollectorPipeline {
  readonly id: string;
  readonly signal: string;
  readonly name: string;
  readonly receivers: string[];
  readonly processors: string[];
  readonly exporters: string[];
  readonly position?: Position;
}

/** The whole configuration. `service` holds service keys other than `extensions` and `pipelines`. */
export interface CollectorConfig {
  readonly components: CollectorComponent[];
  readonly extensions: string[];
  readonly pipelines: CollectorPipeline[];
  readonly service: RawMap;
}

export interface ModelProblem {
  readonly message: string;
  readonly position?: Position;
}

const PIPELINE_LISTS = ["receivers", "processors", "exporters"] as const;

/** Reads the decoded YAML root into the model; problems make the configuration invalid. */
export function loadCollectorConfig(root: RawValue): { config: CollectorConfig; problems: ModelProblem[] } {
  const problems: ModelProblem[] = [];
  const config: CollectorConfig = { components: [], extensions: [], pipelines: [], service: new Map() };
  if (root !== null && !(root instanceof Map)) {
    problems.push({ message: "the configuration is not a map" });
    return { config, problems };
  }
  const top: RawMap = root ?? new Map();
  for (const key of top.keys()) {
    if (key !== "service" && !SECTIONS.some(([s]) => s === key)) {
      problems.push({ message: `unknown top-level key "${key}"`, position: positionOf(top, key) });
    }
  }
  for (const [section, kind] of SECTIONS) {
    const value = top.get(section);
    if (value === undefined || value === null) continue;
    if (!(value instanceof Map)) {
      problems.push({ message: `'${section}' must be a map`, position: positionOf(top, section) });
      continue;
    }
    for (const [rawId, body] of value) {
      const { id, type, name, valid } = readComponentId(rawId);
      const position = positionOf(value, rawId);
      if (!valid) {
        problems.push({ message: `'${section}' invalid component ID "${id}"`, position });
        continue;
      }
      config.components.push({ kind, id, type, name, config: body, position });
    }
  }
  const service = top.get("service");
  if (service !== undefined && service !== null && !(service instanceof Map)) {
    problems.push({ message: "'service' must be a map", position: positionOf(top, "service") });
  }
  if (service instanceof Map) loadService(service, config, problems);
  checkReferences(config, problems);
  return { config, problems };
}

function idList(container: RawMap, key: string, where: string, problems: ModelProblem[]): string[] {
  const v = container.get(key);
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) {
    problems.push({ message: `'${where}.${key}' must be a list`, position: positionOf(container, key) });
    return [];
  }
  return v.map((x) => String(x ?? "").trim());
}

function loadService(service: RawMap, config: CollectorConfig, problems: ModelProblem[]): void {
  for (const [key, value] of service) {
    if (key === "extensions") config.extensions.push(...idList(service, "extensions", "service", problems));
    else if (key !== "pipelines") config.service.set(key, value);
  }
  const pipelines = service.get("pipelines");
  if (pipelines === undefined || pipelines === null) return;
  if (!(pipelines instanceof Map)) {
    problems.push({ message: "'service.pipelines' must be a map", position: positionOf(service, "pipelines") });
    return;
  }
  for (const [rawId, body] of pipelines) {
    const id = rawId.trim();
    const { type: signal, name } = splitId(id);
    const position = positionOf(pipelines, rawId);
    if (!/^[a-z]+$/.test(signal) || (id.includes("/") && name === "")) {
      problems.push({ message: `invalid pipeline ID "${id}"`, position });
      continue;
    }
    const lists: RawMap = body instanceof Map ? body : new Map();
    if (body !== null && !(body instanceof Map)) problems.push({ message: `pipeline "${id}" must be a map`, position });
    for (const k of lists.keys()) {
      if (!(PIPELINE_LISTS as readonly string[]).includes(k)) {
        problems.push({ message: `pipeline "${id}" has an unknown key "${k}"`, position: positionOf(lists, k) });
      }
    }
    const where = `service.pipelines.${id}`;
    config.pipelines.push({
      id, signal, name, position,
      receivers: idList(lists, "receivers", where, problems),
      processors: idList(lists, "processors", where, problems),
      exporters: idList(lists, "exporters", where, problems),
    });
  }
}

/**
 * The collector's structural rules (otel-config.md §3): at least one pipeline, each with a receiver and an
 * exporter; references name defined components; connectors are used on both sides.
 */
function checkReferences(config: CollectorConfig, problems: ModelProblem[]): void {
  if (config.pipelines.length === 0) problems.push({ message: "service must have at least one pipeline" });
  for (const c of config.components) {
    if (c.kind !== "connector") continue;
    if (config.components.some((o) => (o.kind === "receiver" || o.kind === "exporter") && o.id === c.id)) {
      problems.push({ message: `ambiguous ID: "${c.id}" is both a connector and a receiver or exporter`, position: c.position });
    }
    const asExporter = config.pipelines.some((p) => p.exporters.includes(c.id));
    const asReceiver = config.pipelines.some((p) => p.receivers.includes(c.id));
    if (asExporter !== asReceiver) {
      problems.push({ message: `connector "${c.id}" used as ${asExporter ? "exporter" : "receiver"} in a pipeline but not used as ${asExporter ? "receiver" : "exporter"} in any pipeline`, position: c.position });
    }
  }
  const defined = (kind: ComponentKind, id: string) => config.components.some((c) => c.kind === kind && c.id === id);
  for (const ext of config.extensions) {
    if (!defined("extension", ext)) problems.push({ message: `service.extensions references extension "${ext}" which is not configured` });
  }
  for (const p of config.pipelines) {
    const check = (list: string, kind: ComponentKind, ids: readonly string[], connectors: boolean) => {
      for (const id of ids) {
        if (!defined(kind, id) && !(connectors && defined("connector", id))) {
          problems.push({ message: `pipeline "${p.id}" ${list} references ${kind} "${id}" which is not configured`, position: p.position });
        }
      }
    };
    if (p.receivers.length === 0) problems.push({ message: `pipeline "${p.id}" must have at least one receiver`, position: p.position });
    if (p.exporters.length === 0) problems.push({ message: `pipeline "${p.id}" must have at least one exporter`, position: p.position });
    const both = p.receivers.find((id) => p.exporters.includes(id) && defined("connector", id));
    if (both !== undefined) problems.push({ message: `pipeline "${p.id}" uses connector "${both}" as both receiver and exporter`, position: p.position });
    const twice = p.processors.find((id, i) => p.processors.indexOf(id) !== i);
    if (twice !== undefined) problems.push({ message: `pipeline "${p.id}" references processor "${twice}" multiple times`, position: p.position });
    check("receivers", "receiver", p.receivers, true);
    check("processors", "processor", p.processors, false);
    check("exporters", "exporter", p.exporters, true);
  }
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
