/**
 * Block names and labels of the bridge dialect (docs/dialects.md "Names"). A component `type/name` of kind K is
 * `otel.K.type "label"`; the label is `default` for an ID without a name and the name itself when it is an
 * identifier other than `default`. Any other name is sanitised and the exact ID kept in `__id`. Pipelines are
 * `otel.pipeline "signal"` or `otel.pipeline "signal_name"` on the same principle.
 */
import { isValidIdentifier } from "@alloy-ts/grammar";
import type { ComponentKind } from "../engine/description.js";
import { sanitizeLabel, splitId } from "../labels.js";

export const BRIDGE_PREFIX = "otel";
export const PIPELINE_BLOCK = "otel.pipeline";
export const SERVICE_BLOCK = "otel.service";
export const BRIDGE_KINDS: readonly ComponentKind[] = ["receiver", "processor", "exporter", "connector", "extension"];

/** The block name of a component. */
export function componentBlockName(kind: ComponentKind, type: string): string {
  return `${BRIDGE_PREFIX}.${kind}.${type}`;
}

/** Label for an ID, and whether the ID must be written out because the label does not determine it. */
export function componentLabelFor(id: string): { label: string; explicit: boolean } {
  const { name } = splitId(id);
  if (!id.includes("/")) return { label: "default", explicit: false };
  if (name !== "default" && isValidIdentifier(name)) return { label: name, explicit: false };
  return { label: safeLabel(name), explicit: true };
}

/** The ID a label stands for when no `__id` is written. */
export function idFromComponentLabel(type: string, label: string): string {
  return label === "default" ? type : `${type}/${label}`;
}

export function pipelineLabelFor(id: string): { label: string; explicit: boolean } {
  const { type: signal, name } = splitId(id);
  if (!id.includes("/")) return { label: signal, explicit: false };
  const label = `${signal}_${name}`;
  if (isValidIdentifier(label)) return { label, explicit: false };
  return { label: safeLabel(label), explicit: true };
}

/** A valid identifier made from `s` (keywords such as `true` get a leading `_`). */
function safeLabel(s: string): string {
  const label = sanitizeLabel(s === "" ? "_" : s);
  return isValidIdentifier(label) ? label : `_${label}`;
}

/** Signals never contain `_`, so the first `_` separates the signal from the pipeline name. */
export function idFromPipelineLabel(label: string): string {
  const i = label.indexOf("_");
  return i === -1 ? label : `${label.slice(0, i)}/${label.slice(i + 1)}`;
}

/** Makes labels unique within one block name by appending `_2`, `_3`, ... (such labels always carry `__id`). */
export class LabelAllocator {
  private readonly used = new Map<string, Set<string>>();

  /** Reserves labels that are taken verbatim, before any sanitised one is allocated. */
  reserve(blockName: string, label: string): void {
    this.set(blockName).add(label);
  }

  allocate(blockName: string, label: string): string {
    const set = this.set(blockName);
    let candidate = label;
    for (let n = 2; set.has(candidate); n++) candidate = `${label}_${n}`;
    set.add(candidate);
    return candidate;
  }

  private set(blockName: string): Set<string> {
    let s = this.used.get(blockName);
    if (!s) this.used.set(blockName, (s = new Set()));
    return s;
  }
}
