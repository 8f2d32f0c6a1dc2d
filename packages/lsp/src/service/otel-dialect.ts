/**
 * Facts of the two collector dialects (docs/dialects.md, docs/native-mappings.md) the language service needs:
 * `otel.<kind>.<type> "<label>"` component blocks, `otel.pipeline "<signal>[_name]"` and `otel.service` blocks
 * (bridge dialect), and the same component blocks wired through `output`/`.input` like `otelcol.*` (hybrid).
 */
import type { Block } from "@alloy-ts/grammar";
import type { Analysis, ComponentInstance } from "../workspace/analysis.js";

/** Component kinds in the singular, as they appear in `otel.<kind>.<type>`. */
export const OTEL_COMPONENT_KINDS = ["receiver", "processor", "exporter", "connector", "extension"] as const;
export type OtelComponentKind = (typeof OTEL_COMPONENT_KINDS)[number];

/** One known collector component type of a kind. */
export interface OtelTypeInfo {
  readonly type: string;
  /** Go module providing it (shown as detail). */
  readonly module?: string;
  /** Set for a deprecated spelling: the current type name. */
  readonly aliasOf?: string;
}

/** Signals a pipeline label starts with (otel-config.md §3); the first `_` separates signal and name. */
export const OTEL_SIGNALS = ["traces", "metrics", "logs", "profiles"] as const;

/** Which component kinds each list of an `otel.pipeline` block accepts (connectors sit on both sides). */
export const PIPELINE_LISTS: Readonly<Record<string, readonly OtelComponentKind[]>> = {
  receivers: ["receiver", "connector"],
  processors: ["processor"],
  exporters: ["exporter", "connector"],
};

/** Lists of `otel.service` holding references, by accepted kinds. */
export const SERVICE_LISTS: Readonly<Record<string, readonly OtelComponentKind[]>> = {
  extensions: ["extension"],
};

/** Kind and type of an `otel.<kind>.<type>` block name, or undefined for any other name. */
export function otelComponentName(name: string): { kind: OtelComponentKind; type: string } | undefined {
  const parts = name.split(".");
  if (parts.length !== 3 || parts[0] !== "otel") return undefined;
  const kind = OTEL_COMPONENT_KINDS.find((k) => k === parts[1]);
  return kind ? { kind, type: parts[2]! } : undefined;
}

/** Whether a block is `otel.pipeline` or `otel.service`. */
export function isOtelPipeline(block: Block): boolean {
  return block.name === "otel.pipeline";
}
export function isOtelService(block: Block): boolean {
  return block.name === "otel.service";
}

/** The lists a bridge block (`otel.pipeline`, `otel.service`) holds references in, by accepted kinds. */
export function referenceListsOf(block: Block): Readonly<Record<string, readonly OtelComponentKind[]>> | undefined {
  if (isOtelPipeline(block)) return PIPELINE_LISTS;
  if (isOtelService(block)) return SERVICE_LISTS;
  return undefined;
}

/** The declared `otel.<kind>.<type>` instances of the given kinds (top level only, as the dialect requires). */
export function otelInstances(analysis: Analysis, kinds: readonly OtelComponentKind[]): ComponentInstance[] {
  return analysis.instances.filter((i) => {
    if (i.scope) return false;
    const n = otelComponentName(i.name);
    return n !== undefined && kinds.includes(n.kind);
  });
}

/**
 * Hybrid wiring: the kinds that receive data through `<id>.input` (everything but receivers and extensions,
 * as for `otelcol.*` components).
 */
export function hasInput(kind: OtelComponentKind): boolean {
  return kind === "processor" || kind === "exporter" || kind === "connector";
}

/** Whether a pipeline label is a signal, optionally followed by `_name`. */
export function isPipelineLabel(label: string): boolean {
  const signal = label.split("_", 1)[0]!;
  return (OTEL_SIGNALS as readonly string[]).includes(signal);
}

/** The collector ID a component reference stands for: `type` for label `default`, `type/label` otherwise. */
export function collectorId(reference: string): string | undefined {
  const parts = reference.split(".");
  if (parts.length !== 4 || !otelComponentName(parts.slice(0, 3).join("."))) return undefined;
  return parts[3] === "default" ? parts[2]! : `${parts[2]}/${parts[3]}`;
}
