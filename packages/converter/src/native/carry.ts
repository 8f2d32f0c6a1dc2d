/**
 * The hybrid dialect's carried components: a type without an Alloy equivalent becomes an
 * `otel.<kind>.<type> "<label>"` block holding its collector settings (the bridge dialect's value rules,
 * dialects/bridge-values.ts), with the same `output` block and `.input` export as an `otelcol.*` component, so
 * it can later be swapped for a native one without rewiring.
 */
import type { Statement } from "../alloy/ir.js";
import type { ComponentKind, Signal } from "../engine/description.js";
import { bodyFromMap, valueOf, META, type ValueProblem } from "../dialects/bridge-values.js";
import { attr } from "../alloy/ir.js";
import type { RawValue } from "@alloy-ts/otel";
import type { NativeDescription } from "./types.js";

const WIRED: Record<ComponentKind, readonly Signal[]> = {
  receiver: ["metrics", "logs", "traces"],
  processor: ["metrics", "logs", "traces"],
  connector: ["metrics", "logs", "traces"],
  exporter: [],
  extension: [],
};

/** The description of a carried component of a kind and type. */
export function carriedDescription(kind: ComponentKind, type: string): NativeDescription {
  return { kind, otelTypes: [type], alloyName: `otel.${kind}.${type}`, signals: WIRED[kind], rows: [], native: { role: "carried" } };
}

/** The body of a carried block: the collector settings as attributes and blocks. */
export function carriedBody(config: RawValue, problems: ValueProblem[]): Statement[] {
  if (config === null || config === undefined) return [];
  if (config instanceof Map) return bodyFromMap(config, [], problems, true);
  return [attr(META.value, valueOf(config, [], problems))];
}
