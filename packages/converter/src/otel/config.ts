/**
 * Decoding the resolved YAML into the collector's configuration shape, as OTel's unmarshalling does for the
 * converter (otelcol-conversion.md §2.1, §10.2 #3-4): top-level keys, component IDs and types, service section.
 * Component bodies are checked later by the engine (decode errors), with the same message shape.
 */
import type { ComponentDescription, ComponentKind } from "../engine/description.js";
import { findComponent, supportedTypes } from "../components/registry.js";
import { splitId } from "../labels.js";
import { loadCollectorConfig } from "@alloy-ts/otel";
import { SECTIONS, type SectionName } from "./sections.js";
import { positionOf, type Position, type RawMap, type RawValue } from "@alloy-ts/otel";

/** The section table, from ./sections.ts (its one definition). */
export { SECTIONS, type SectionName };

/** One component defined in a section. */
export interface DefinedComponent {
  readonly id: string;
  readonly type: string;
  readonly name: string;
  readonly kind: ComponentKind;
  readonly section: SectionName;
  readonly description: ComponentDescription;
  readonly config: RawValue;
  readonly position?: Position;
}

export interface PipelineConfig {
  readonly id: string;
  readonly signal: string;
  readonly name: string;
  readonly receivers: readonly string[];
  readonly processors: readonly string[];
  readonly exporters: readonly string[];
  readonly position?: Position;
  /** Where each listed ID was written, by list name and index. */
  readonly lists: RawMap;
}

export interface OtelConfig {
  readonly components: Readonly<Record<ComponentKind, Map<string, DefinedComponent>>>;
  readonly serviceExtensions: readonly string[];
  readonly serviceExtensionsList: RawValue[] | undefined;
  readonly pipelines: readonly PipelineConfig[];
  readonly telemetry: RawValue | undefined;
  readonly telemetryContainer: RawMap | undefined;
}

export type LoadResult =
  | { ok: true; config: OtelConfig; unknown: UnknownComponent[] }
  | { ok: false; summary: string; position?: Position };

const UNMARSHAL_PREFIX =
  "failed to get otelcol config: cannot unmarshal the configuration: decoding failed due to the following error(s):\n\n";

/** Go's `%T` of a decoded YAML value, for "cannot be used as a Conf". */
export function goTypeName(v: RawValue): string {
  if (typeof v === "string") return "string";
  if (typeof v === "boolean") return "bool";
  if (typeof v === "number") return Number.isInteger(v) ? "int" : "float64";
  if (Array.isArray(v)) return "[]interface {}";
  return "map[string]interface {}";
}

/** A component whose type the lookup does not know (collected instead of failing when `collectUnknown` is set). */
export type UnknownComponent = Omit<DefinedComponent, "description">;

/**
 * Outside upstream compatibility: how types are looked up, and whether unknown types are collected (so that every
 * one can be named) rather than failing the load at the first one.
 */
export interface LoadOptions {
  readonly lookup: (kind: ComponentKind, type: string) => ComponentDescription | undefined;
  readonly collectUnknown: boolean;
}

interface DecodeFailure {
  readonly text: string;
  readonly position?: Position;
}

/** Decodes the resolved YAML root. */
export function loadConfig(root: RawValue, options?: LoadOptions): LoadResult {
  if (root !== null && !(root instanceof Map)) {
    return {
      ok: false,
      summary: `failed to get otelcol config: cannot resolve the configuration: retrieved value (type=${goTypeName(root)}) cannot be used as a Conf`,
    };
  }
  const top: RawMap = root ?? new Map();
  const model = loadCollectorConfig(root).config;
  const failures: DecodeFailure[] = [];
  const allowed = new Set<string>([...SECTIONS.map(([section]) => section), "service"]);
  const invalid = [...top.keys()].filter((k) => !allowed.has(k));
  if (invalid.length > 0) {
    failures.push({ text: `'otelcol.configSettings' has invalid keys: ${invalid.sort().join(", ")}`, position: positionOf(top, invalid[0]) });
  }

  const unknown: UnknownComponent[] = [];
  const components = {
    receiver: new Map(), processor: new Map(), exporter: new Map(), connector: new Map(), extension: new Map(),
  } as Record<ComponentKind, Map<string, DefinedComponent>>;
  for (const [section, kind] of SECTIONS) {
    const value = top.get(section);
    if (value === undefined || value === null) continue;
    if (!(value instanceof Map)) {
      failures.push({ text: `'${section}' expected a map, got '${Array.isArray(value) ? "slice" : goTypeName(value)}'`, position: positionOf(top, section) });
      continue;
    }
    // The section's keys as the one collector model read them (components and refused IDs, in written order);
    // upstream names only the first problem of each section.
    let reported = false;
    const entries = [
      ...model.components.filter((c) => c.section === section).map((c) => ({ c, order: c.order ?? 0 })),
      ...(model.rejected ?? []).filter((r) => r.section === section).map((r) => ({ r, order: r.order })),
    ].sort((a, b) => a.order - b.order);
    for (const entry of entries) {
      if ("r" in entry) {
        if (!reported) failures.push({ text: `'${section}' invalid component ID "${entry.r.id}"`, position: entry.r.position });
        reported = true;
        continue;
      }
      const { id, type, name, config, position } = entry.c;
      const description = options ? options.lookup(kind, type) : findComponent(kind, type);
      if (!description && options?.collectUnknown) {
        unknown.push({ id, type, name, kind, section, config, position });
        continue;
      }
      if (!description) {
        if (!reported) {
          const text = kind === "exporter" && type === "logging"
            ? `'exporters' the logging exporter has been deprecated, use the debug exporter instead`
            : `'${section}' unknown type: "${type}" for id: "${id}" (valid values: [${supportedTypes(kind).join(" ")}])`;
          failures.push({ text, position });
        }
        reported = true;
        continue;
      }
      components[kind].set(id, { id, type, name, kind, section, description, config, position });
    }
  }

  const service = top.get("service");
  let serviceExtensions: string[] = [];
  let serviceExtensionsList: RawValue[] | undefined;
  const pipelines: PipelineConfig[] = [];
  let telemetry: RawValue | undefined;
  let telemetryContainer: RawMap | undefined;
  if (service instanceof Map) {
    const extra = [...service.keys()].filter((k) => !["extensions", "pipelines", "telemetry"].includes(k));
    if (extra.length > 0) failures.push({ text: `'service' has invalid keys: ${extra.sort().join(", ")}`, position: positionOf(service, extra[0]) });
    const ext = service.get("extensions");
    if (Array.isArray(ext)) {
      serviceExtensionsList = ext;
      serviceExtensions = ext.map((e) => String(e ?? ""));
    } else if (ext !== undefined && ext !== null) {
      failures.push({ text: `'service.extensions' source data must be an array or slice, got ${goTypeName(ext)}`, position: positionOf(service, "extensions") });
    }
    const pipes = service.get("pipelines");
    if (pipes instanceof Map) {
      for (const [pid, body] of pipes) {
        const parsed = parsePipeline(pid, body, pipes, failures);
        if (parsed) pipelines.push(parsed);
      }
    } else if (pipes !== undefined && pipes !== null) {
      failures.push({ text: `'service.pipelines' expected a map, got '${goTypeName(pipes)}'`, position: positionOf(service, "pipelines") });
    }
    telemetry = service.get("telemetry");
    telemetryContainer = service;
  } else if (service !== undefined && service !== null) {
    failures.push({ text: `'service' expected a map, got '${goTypeName(service)}'`, position: positionOf(top, "service") });
  }

  if (failures.length > 0) {
    return { ok: false, summary: UNMARSHAL_PREFIX + failures.map((f) => f.text).join("\n"), position: failures[0]!.position };
  }
  return { ok: true, config: { components, serviceExtensions, serviceExtensionsList, pipelines, telemetry, telemetryContainer }, unknown };
}

function parsePipeline(pid: string, body: RawValue, container: RawMap, failures: DecodeFailure[]): PipelineConfig | undefined {
  const position = positionOf(container, pid);
  const id = pid.trim();
  const { type: signal, name } = splitId(id);
  const lists: RawMap = body instanceof Map ? body : new Map();
  if (body !== null && !(body instanceof Map)) {
    failures.push({ text: `'service.pipelines[${id}]' expected a map, got '${goTypeName(body)}'`, position });
    return undefined;
  }
  const extra = [...lists.keys()].filter((k) => !["receivers", "processors", "exporters"].includes(k));
  if (extra.length > 0) {
    failures.push({ text: `'service.pipelines[${id}]' has invalid keys: ${extra.sort().join(", ")}`, position: positionOf(lists, extra[0]) });
  }
  const list = (key: string): string[] => {
    const v = lists.get(key);
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v)) {
      failures.push({ text: `'service.pipelines[${id}].${key}' source data must be an array or slice, got ${goTypeName(v)}`, position: positionOf(lists, key) });
      return [];
    }
    return v.map((x) => String(x ?? "").trim());
  };
  return { id, signal, name, receivers: list("receivers"), processors: list("processors"), exporters: list("exporters"), position, lists };
}
