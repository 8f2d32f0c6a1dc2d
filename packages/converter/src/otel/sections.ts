/**
 * The collector's sections and component IDs come from `@alloy-ts/otel` (one table, one ID grammar); the
 * upstream-compatible loader (./config.ts) reads an ID as valid or not, as upstream's messages need.
 */
import { parseComponentId } from "@alloy-ts/otel";

export { SECTIONS, COMPONENT_TYPE, type SectionName } from "@alloy-ts/otel";

/** A section key read as a component ID: trimmed, split at the first `/`. */
export interface ComponentId {
  readonly id: string;
  readonly type: string;
  readonly name: string;
  /** False when the collector refuses the ID. */
  readonly valid: boolean;
}

/** Reads a key of a component section as a component ID. */
export function readComponentId(rawId: string): ComponentId {
  const { id, type, name, error } = parseComponentId(rawId);
  return { id, type, name, valid: error === undefined };
}
