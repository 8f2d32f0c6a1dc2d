/**
 * Migration targets of one collector configuration: where it can run once migrated.
 * - `otel`: `alloy otel` runs the YAML unchanged; the configuration loads and every component type it defines is in
 *   the engine's set (alloy-otel-engine.md; a collector refuses unknown types even when unused);
 * - `native`: the default mode converts it to `otelcol.*` components (native mappings included) and the output
 *   validates;
 * - `hybrid`: `--dialect=hybrid` converts it and the output validates.
 * A file none of them works for is `failed`.
 */
import { blocksOutput } from "../diagnostics.js";
import type { ConvertResult } from "../convert.js";
import { convertOtelcolToHybrid } from "../dialects/hybrid.js";
import { loadCollectorConfig } from "../dialects/collector-model.js";
import { inAlloyOtelEngine } from "../native/gaps.js";
import { readYaml } from "@alloy-ts/otel";

/** The ways a collector configuration can run in Alloy. */
export type Target = "otel" | "native" | "hybrid";

/** Every target, in the order reports show them. */
export const TARGETS: readonly Target[] = ["otel", "native", "hybrid"];

/** Display names of the targets (and of `failed`: no target works). */
export const TARGET_TEXT: Record<Target | "failed", string> = {
  otel: "alloy otel",
  native: "native",
  hybrid: "hybrid",
  failed: "failed",
};

/** Which targets work for one file. */
export type FileTargets = Record<Target, boolean>;

/** Validation errors of an Alloy text, as the report's checks see them. */
export type ValidationErrors = (alloy: string) => number;

/** True when `alloy otel` can run the YAML as it is. */
export function runsOnAlloyOtel(yaml: string): boolean {
  const read = readYaml(yaml);
  if (!read.ok) return false;
  const { config, problems } = loadCollectorConfig(read.value);
  if (problems.length > 0 || config.components.length === 0) return false;
  return config.components.every((c) => inAlloyOtelEngine(c.kind, c.type));
}

/** True when a conversion produced output without blocking diagnostics and that output validates. */
export function convertsAndValidates(result: ConvertResult, validationErrors: ValidationErrors): boolean {
  return result.output !== undefined && !blocksOutput(result.diagnostics, false) && validationErrors(result.output) === 0;
}

/** The targets of one file; `native` is the default-mode conversion already made by the caller. */
export function fileTargets(file: string, yaml: string, native: ConvertResult, validationErrors: ValidationErrors): FileTargets {
  return {
    otel: runsOnAlloyOtel(yaml),
    native: convertsAndValidates(native, validationErrors),
    hybrid: convertsAndValidates(convertOtelcolToHybrid(yaml, { fileName: file }), validationErrors),
  };
}
