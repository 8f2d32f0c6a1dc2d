/**
 * Collector YAML → Alloy in the hybrid dialect (`alloy convert --source-format=otelcol --dialect=hybrid`): native
 * `otelcol.*` (and Prometheus/Loki) components wherever the default conversion has a mapping, and
 * `otel.<kind>.<type> "<label>"` blocks only for the rest, wired exactly like `otelcol.*` components (`output`
 * blocks, `.input` exports). Every valid collector configuration converts; the carried components are listed as
 * Info diagnostics. See docs/native-mappings.md.
 */
import { convertOtelcol, type ConvertResult } from "../convert.js";

export interface HybridConvertOptions {
  /** Name of the converted file, for messages. */
  readonly fileName?: string;
  /** Skip OTel's top-level validation and the `sys.env` rewriting. */
  readonly skipSourceValidation?: boolean;
  /** A setting that is not carried is an Error instead of a Warning. */
  readonly strict?: boolean;
}

/** Converts collector YAML into the hybrid dialect. Never throws. */
export function convertOtelcolToHybrid(yamlText: string, options: HybridConvertOptions = {}): ConvertResult {
  return convertOtelcol(yamlText, { ...options, dialect: "hybrid" });
}
