/**
 * The native mapping table: collector types Alloy has components for but upstream's converter does not map. Each
 * row is a description run by the generic engine (or a role the conversion applies); see docs/native-mappings.md.
 * Used only outside `--compat=upstream`.
 */
import type { ComponentDescription, ComponentKind } from "../engine/description.js";
import { findComponent } from "../components/registry.js";
import { healthCheckExtension, pprofExtension, zpagesExtension } from "./mappings/absorbed.js";
import { awsS3Exporter } from "./mappings/awss3.js";
import { forwardConnector } from "./mappings/forward.js";
import { loggingExporter } from "./mappings/logging.js";
import { lokiExporter } from "./mappings/loki.js";
import { prometheusReceiver, prometheusRemoteWriteExporter } from "./mappings/prometheus.js";
import { resourceProcessor } from "./mappings/resource.js";
import { resourceDetectionProcessor } from "./mappings/resourcedetection.js";
import { typeSpellings } from "./spellings.js";
import type { NativeDescription } from "./types.js";

/** Every native mapping. */
export const NATIVE_MAPPINGS: readonly NativeDescription[] = [
  loggingExporter,
  healthCheckExtension,
  pprofExtension,
  zpagesExtension,
  forwardConnector,
  resourceDetectionProcessor,
  resourceProcessor,
  prometheusRemoteWriteExporter,
  lokiExporter,
  prometheusReceiver,
  awsS3Exporter,
];

const byKey = new Map<string, NativeDescription>();
for (const d of NATIVE_MAPPINGS) for (const t of d.otelTypes) byKey.set(`${d.kind}:${t}`, d);

/** The native mapping for a type (any spelling), if any. */
export function findNative(kind: ComponentKind, type: string): NativeDescription | undefined {
  for (const t of typeSpellings(kind, type)) {
    const d = byKey.get(`${kind}:${t}`);
    if (d) return d;
  }
  return undefined;
}

/**
 * The default mode's lookup: upstream's table under any spelling of the type, then the native table.
 */
export function findDefaultMode(kind: ComponentKind, type: string): ComponentDescription | undefined {
  for (const t of typeSpellings(kind, type)) {
    const d = findComponent(kind, t);
    if (d) return d;
  }
  return findNative(kind, type);
}
