/**
 * OTel's top-level configuration validation, the only validation upstream runs before converting
 * (otelcol-conversion.md §1 step 3, §10.2 #5). Component-level `Validate()` methods are not run.
 */
import { positionOf, type Position } from "@alloy-ts/otel";
import type { OtelConfig } from "./config.js";

export interface ValidationError {
  readonly message: string;
  readonly position?: Position;
}

/** The first validation error, if any. */
export function validateConfig(cfg: OtelConfig): ValidationError | undefined {
  const c = cfg.components;
  const sizes = [c.receiver, c.processor, c.exporter, c.connector, c.extension].map((m) => m.size);
  if (sizes.every((n) => n === 0)) return { message: "empty configuration file" };
  if (c.receiver.size === 0) return { message: "no receiver configuration specified in config" };
  if (c.exporter.size === 0) return { message: "no exporter configuration specified in config" };

  for (const [id, conn] of c.connector) {
    for (const other of ["exporter", "receiver"] as const) {
      if (c[other].has(id)) {
        return {
          message: `connectors::${id}: ambiguous ID: Found both "${id}" ${other} and "${id}" connector. Change one of the components' IDs to eliminate ambiguity (e.g. rename "${id}" connector to "${id}/connector")`,
          position: conn.position,
        };
      }
    }
  }

  for (const [i, ext] of cfg.serviceExtensions.entries()) {
    if (!c.extension.has(ext)) {
      return {
        message: `service::extensions: references extension "${ext}" which is not configured`,
        position: positionOf(cfg.serviceExtensionsList, i),
      };
    }
  }

  for (const p of cfg.pipelines) {
    const checks = [
      ["receivers", "receiver", p.receivers],
      ["processors", "processor", p.processors],
      ["exporters", "exporter", p.exporters],
    ] as const;
    for (const [list, kind, ids] of checks) {
      for (const [i, id] of ids.entries()) {
        const defined = c[kind].has(id) || (kind !== "processor" && c.connector.has(id));
        if (!defined) {
          return {
            message: `service::pipelines::${p.id}: references ${kind} "${id}" which is not configured`,
            position: positionOf(p.lists.get(list), i),
          };
        }
      }
    }
  }
  return undefined;
}
