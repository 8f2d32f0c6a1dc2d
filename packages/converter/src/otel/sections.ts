/**
 * The collector's configuration sections and component IDs (otel-config.md §1-2): one table and one ID rule
 * for the upstream-compatible loader (./config.ts) and the type-agnostic model of the bridge dialect
 * (../dialects/collector-model.ts), which differ only in how they report problems.
 */
import type { ComponentKind } from "../engine/description.js";
import { splitId } from "../labels.js";

/** Collector sections in the order they are printed, with the kind of their components. */
export const SECTIONS = [
  ["receivers", "receiver"],
  ["processors", "processor"],
  ["exporters", "exporter"],
  ["connectors", "connector"],
  ["extensions", "extension"],
] as const satisfies readonly (readonly [string, ComponentKind])[];

export type SectionName = (typeof SECTIONS)[number][0];

/** A component type: an ASCII letter, then letters, digits or underscores; 63 characters at most. */
export const COMPONENT_TYPE = /^[a-zA-Z][0-9a-zA-Z_]{0,62}$/;

/** A section key read as a component ID: trimmed, split at the first `/`. */
export interface ComponentId {
  readonly id: string;
  readonly type: string;
  readonly name: string;
  /** False when the collector refuses the ID: a malformed type, or a `/` with no name after it. */
  readonly valid: boolean;
}

/** Reads a key of a component section as a component ID. */
export function readComponentId(rawId: string): ComponentId {
  const id = rawId.trim();
  const { type, name } = splitId(id);
  return { id, type, name, valid: COMPONENT_TYPE.test(type) && !(id.includes("/") && name === "") };
}
