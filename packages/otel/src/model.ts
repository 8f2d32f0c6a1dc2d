/**
 * A collector configuration as a model with no knowledge of component types: its components, pipelines,
 * `service.extensions` and `service.telemetry`, each with where it was written. Every consumer reads collector
 * YAML through this one loader; what they add (component schemas, conversion, execution) works on the model.
 */
import type { Diagnostic } from "@alloy-ts/grammar";
import type { ModelCode } from "./codes.js";
import { parseComponentId, parsePipelineId, splitId } from "./ids.js";
import { positionOf, spanOf, type Position, type RawMap, type RawValue, type Span } from "./yaml/load.js";
import { PIPELINE_LISTS, SECTIONS, type Kind, type PipelineList, type SectionName } from "./vocabulary.js";

/** One component of any type. `config` is the raw YAML body. */
export interface CollectorComponent {
  readonly kind: Kind;
  readonly section?: SectionName;
  readonly id: string;
  readonly type: string;
  readonly name: string;
  readonly config: RawValue;
  readonly position?: Position;
  /** The section map and the key the component was written under (absent for a model built in memory). */
  readonly container?: RawMap;
  readonly key?: string;
  /** Index of the key in its section (components and rejected IDs share one order). */
  readonly order?: number;
}

/** A section key the collector refuses as a component ID, kept so that consumers can report it in order. */
export interface RejectedComponent {
  readonly kind: Kind;
  readonly section: SectionName;
  /** The key trimmed. */
  readonly id: string;
  readonly key: string;
  readonly error: string;
  readonly position?: Position;
  readonly order: number;
}

/** One ID in a pipeline list or in `service.extensions`, with where it was written. */
export interface ListedId {
  readonly id: string;
  readonly container: RawValue[];
  readonly index: number;
}

export interface CollectorPipeline {
  readonly id: string;
  readonly signal: string;
  readonly name: string;
  readonly receivers: string[];
  readonly processors: string[];
  readonly exporters: string[];
  /** The same lists with where each ID was written (absent for a model built in memory). */
  readonly listed?: Readonly<Record<PipelineList, readonly ListedId[]>>;
  readonly position?: Position;
  readonly container?: RawMap;
  readonly key?: string;
}

/** The whole configuration. `service` holds the service keys other than `extensions` and `pipelines`. */
export interface CollectorConfig {
  readonly components: CollectorComponent[];
  readonly extensions: string[];
  readonly extensionsListed?: ListedId[];
  /** Section keys refused as component IDs. */
  readonly rejected?: RejectedComponent[];
  readonly pipelines: CollectorPipeline[];
  readonly service: RawMap;
  /** The top-level map, when the document is one. */
  readonly root?: RawMap;
  /** Whether the document has a `service` section at all (absent: a model built in memory, which has one). */
  readonly hasService?: boolean;
}

/** Problem codes: one per fault, shared by every consumer (the catalogue in codes.ts; texts are the collector's). */
export type ProblemCode = (typeof ModelCode)[keyof typeof ModelCode];

/**
 * A problem of the configuration's shape or IDs: the one diagnostic model, with the YAML line and column in
 * `position` and the offsets in `range` when the document was read with spans.
 */
export type ModelProblem = Diagnostic & { readonly code: ProblemCode; readonly severity: "error" | "warning" };

const at = (container: unknown, key?: string | number) => ({ position: positionOf(container, key), range: spanOf(container, key) });

/** Go's `%T`-like names of YAML values, as decode errors print them. */
export function goTypeName(v: RawValue): string {
  if (typeof v === "string") return "string";
  if (typeof v === "boolean") return "bool";
  if (typeof v === "number") return Number.isInteger(v) ? "int" : "float64";
  if (Array.isArray(v)) return "slice";
  return "map";
}

/** Reads the decoded YAML root into the model. Problems of shape and IDs are returned with it. */
export function loadCollectorConfig(root: RawValue): { config: CollectorConfig; problems: ModelProblem[] } {
  const problems: ModelProblem[] = [];
  const config: CollectorConfig = { components: [], extensions: [], extensionsListed: [], rejected: [], pipelines: [], service: new Map(), hasService: false };
  if (root !== null && !(root instanceof Map)) {
    problems.push({ code: "otelcol/shape", severity: "error", message: `the configuration must be a map, got ${goTypeName(root)}` });
    return { config, problems };
  }
  const top: RawMap = root ?? new Map();
  (config as { root?: RawMap }).root = top;
  for (const key of top.keys()) {
    if (key !== "service" && !SECTIONS.some(([s]) => s === key)) {
      // mapstructure names the struct type where the decode starts (go-viper/mapstructure v2.5, decodeStructFromMap).
      problems.push({ code: "otelcol/unknown-key", severity: "error", message: `'otelcol.configSettings' has invalid keys: ${key}`, ...at(top, key) });
    }
  }
  for (const [section, kind] of SECTIONS) {
    const value = top.get(section);
    if (value === undefined || value === null) continue;
    if (!(value instanceof Map)) {
      problems.push({ code: "otelcol/shape", severity: "error", message: `'${section}' expected a map, got '${goTypeName(value)}'`, ...at(top, section) });
      continue;
    }
    const seen = new Set<string>();
    let order = 0;
    for (const [rawId, body] of value) {
      const parsed = parseComponentId(rawId);
      order++;
      if (parsed.error !== undefined) {
        problems.push({ code: "otelcol/component-id", severity: "error", message: `${section}: invalid component ID "${rawId.trim()}": ${parsed.error}`, ...at(value, rawId) });
        config.rejected!.push({ kind, section, id: rawId.trim(), key: rawId, error: parsed.error, position: positionOf(value, rawId), order });
        continue;
      }
      if (seen.has(parsed.id)) {
        problems.push({ code: "otelcol/duplicate-id", severity: "error", message: `${section}: duplicate component ID "${parsed.id}"`, ...at(value, rawId) });
        continue;
      }
      seen.add(parsed.id);
      config.components.push({
        kind, section, id: parsed.id, type: parsed.type, name: parsed.name, config: body,
        position: positionOf(value, rawId), container: value, key: rawId, order,
      });
    }
  }
  const service = top.get("service");
  if (service !== undefined && service !== null && !(service instanceof Map)) {
    problems.push({ code: "otelcol/shape", severity: "error", message: `'service' expected a map, got '${goTypeName(service)}'`, ...at(top, "service") });
  }
  (config as { hasService: boolean }).hasService = service instanceof Map;
  if (service instanceof Map) loadService(service, config, problems);
  return { config, problems };
}

function idList(container: RawMap, key: string, where: string, problems: ModelProblem[]): ListedId[] {
  const v = container.get(key);
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) {
    problems.push({ code: "otelcol/shape", severity: "error", message: `'${where}.${key}' source data must be an array or slice, got ${goTypeName(v)}`, ...at(container, key) });
    return [];
  }
  return v.map((x, index) => ({ id: String(x ?? "").trim(), container: v, index }));
}

function loadService(service: RawMap, config: CollectorConfig, problems: ModelProblem[]): void {
  for (const [key, value] of service) {
    if (key === "extensions") {
      const listed = idList(service, "extensions", "service", problems);
      config.extensionsListed!.push(...listed);
      config.extensions.push(...listed.map((l) => normalizeId(l.id)));
    } else if (key === "pipelines") continue;
    else if (key === "telemetry") config.service.set(key, value);
    else {
      problems.push({ code: "otelcol/unknown-key", severity: "error", message: `'service' has invalid keys: ${key}`, ...at(service, key) });
      config.service.set(key, value);
    }
  }
  const pipelines = service.get("pipelines");
  if (pipelines === undefined || pipelines === null) return;
  if (!(pipelines instanceof Map)) {
    problems.push({ code: "otelcol/shape", severity: "error", message: `'service.pipelines' expected a map, got '${goTypeName(pipelines)}'`, ...at(service, "pipelines") });
    return;
  }
  for (const [rawId, body] of pipelines) {
    const parsed = parsePipelineId(rawId);
    const where = `service::pipelines::${rawId.trim()}`;
    if (parsed.error !== undefined) {
      problems.push({ code: "otelcol/pipeline-id", severity: "error", message: `${where}: ${parsed.error}`, ...at(pipelines, rawId) });
      continue;
    }
    if (body !== null && !(body instanceof Map)) {
      problems.push({ code: "otelcol/shape", severity: "error", message: `'service.pipelines[${parsed.id}]' expected a map or struct, got "${goTypeName(body)}"`, ...at(pipelines, rawId) });
      continue;
    }
    const lists: RawMap = body ?? new Map();
    for (const k of lists.keys()) {
      if (!(PIPELINE_LISTS as readonly string[]).includes(k)) {
        problems.push({ code: "otelcol/unknown-key", severity: "error", message: `'service.pipelines[${parsed.id}]' has invalid keys: ${k}`, ...at(lists, k) });
      }
    }
    const listed = {
      receivers: idList(lists, "receivers", `service.pipelines[${parsed.id}]`, problems),
      processors: idList(lists, "processors", `service.pipelines[${parsed.id}]`, problems),
      exporters: idList(lists, "exporters", `service.pipelines[${parsed.id}]`, problems),
    };
    config.pipelines.push({
      id: parsed.id, signal: parsed.signal, name: parsed.name, listed,
      receivers: listed.receivers.map((l) => normalizeId(l.id)),
      processors: listed.processors.map((l) => normalizeId(l.id)),
      exporters: listed.exporters.map((l) => normalizeId(l.id)),
      position: positionOf(pipelines, rawId), container: pipelines, key: rawId,
    });
  }
}

/** A listed ID in the form components are keyed by (`type` or `type/name`, spaces around the parts trimmed). */
export function normalizeId(id: string): string {
  const p = parseComponentId(id);
  return p.error !== undefined ? id.trim() : p.id;
}

export { splitId };
