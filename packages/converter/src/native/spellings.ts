/**
 * Both spellings of renamed collector types (`otlp_http`/`otlphttp`, `host_metrics`/`hostmetrics`, ...): recent
 * contrib releases renamed several types to snake_case and keep the old name as a deprecated alias
 * (alloy-otel-engine.md). The module table lists every accepted name per module; this adds the reverse lookup.
 */
import type { ComponentKind } from "../engine/description.js";
import { moduleForType, type OtelKind } from "@alloy-ts/otel";

const KIND_SECTION: Record<ComponentKind, OtelKind> = {
  receiver: "receivers", processor: "processors", exporter: "exporters", connector: "connectors", extension: "extensions",
};

/** Every accepted spelling of a type (the type itself first), from the module table; just the type when unknown. */
export function typeSpellings(kind: ComponentKind, type: string): readonly string[] {
  const m = moduleForType(KIND_SECTION[kind], type);
  return m ? [type, ...m.types.filter((t) => t !== type)] : [type];
}

/** The section name (`receivers`, ...) of a kind. */
export function sectionOf(kind: ComponentKind): OtelKind {
  return KIND_SECTION[kind];
}
