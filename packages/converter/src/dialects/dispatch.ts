/**
 * Conversions between the three forms a collector configuration can take here: collector YAML, Alloy's
 * `otelcol.*` components (the otelcol converter's output) and the `otel.*` bridge dialect.
 */
import { convertOtelcol } from "../convert.js";
import type { Diagnostic } from "@alloy-ts/grammar";
import { convertDiagnostic } from "../diagnostics.js";
import { convertAlloyToOtelcol } from "./from-bridge.js";
import { convertOtelcolToBridge } from "./to-bridge.js";

/** `--source-format` values handled here. */
export type DialectSource = "otelcol" | "alloy";
/** `--target` values. */
export type DialectTarget = "alloy" | "otelcol";
/** `--dialect` values: the Alloy flavour produced when the target is Alloy. */
export type AlloyDialect = "otelcol" | "otel";

export interface DialectConvertOptions {
  readonly sourceFormat: DialectSource;
  readonly target?: DialectTarget;
  readonly dialect?: AlloyDialect;
  readonly fileName?: string;
}

export interface DialectConvertResult {
  readonly output: string | undefined;
  readonly diagnostics: Diagnostic[];
}

/** True when these options need this module rather than the plain otelcol converter. */
export function needsDialectConversion(o: { sourceFormat?: string; target?: string; dialect?: string }): boolean {
  return o.sourceFormat === "alloy" || (o.target !== undefined && o.target !== "alloy") || (o.dialect !== undefined && o.dialect !== "otelcol");
}

/** Runs one conversion between forms; never throws. */
export function convertDialect(text: string, options: DialectConvertOptions): DialectConvertResult {
  const target = options.target ?? "alloy";
  const dialect = options.dialect ?? "otelcol";
  const fileName = options.fileName;
  if (options.sourceFormat === "otelcol") {
    if (target === "otelcol") {
      return critical("the source is already collector YAML; use --target=alloy (with --dialect=otel or otelcol)");
    }
    return dialect === "otel" ? convertOtelcolToBridge(text, { fileName }) : convertOtelcol(text, { fileName });
  }
  const yaml = convertAlloyToOtelcol(text, { fileName });
  if (target === "otelcol" || yaml.output === undefined) return yaml;
  const next = dialect === "otel" ? convertOtelcolToBridge(yaml.output) : convertOtelcol(yaml.output);
  return { output: next.output, diagnostics: [...yaml.diagnostics, ...next.diagnostics] };
}

function critical(message: string): DialectConvertResult {
  return { output: undefined, diagnostics: [convertDiagnostic("critical", message)] };
}
