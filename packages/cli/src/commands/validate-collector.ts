/**
 * The parts of `alloy validate` that read collector YAML: `--source-format=otelcol`, `--config.format=otelcol`
 * and `--distribution`. They need the converter and the YAML reader, half of the command's code, which validating
 * an Alloy file never runs; the fast bundle loads this module only when one of those flags is given
 * (../collector-checks.ts). It returns plain data and messages, never a class instance the caller must recognise.
 */
import { alloyOtelManifest, blocksOutput, convertOtelcol, decodeWithDescription, renderDiagnostic } from "@alloy-ts/converter";
import type { SourceFile } from "@alloy-ts/grammar";
import { getRegistry, readDistribution, validateOtelcolYaml, type Distribution, type ValidationDiagnostic } from "@alloy-ts/validator";

/** A collector distribution from its builder manifest's text (undefined: Alloy's own `alloy-otel` manifest). */
export function distributionOf(manifest: string | undefined): { distribution: Distribution } | { errors: string[] } {
  const d = readDistribution(manifest ?? alloyOtelManifest(), getRegistry().listComponents().map((c) => c.name));
  return d.errors.length ? { errors: d.errors } : { distribution: d };
}

/** `--source-format=otelcol`: the collector's own checks of its YAML. */
export function checkCollectorYaml(text: string, name: string, distribution: Distribution | undefined): { diagnostics: ValidationDiagnostic[]; source: SourceFile } {
  const r = validateOtelcolYaml(text, name, { decodeFallback: decodeWithDescription, ...(distribution ? { knownTypes: distribution.types } : {}) });
  return { diagnostics: r.diagnostics, source: r.source };
}

/** `--config.format=otelcol`: the Alloy text the converter makes of the YAML, or why it made none. */
export function convertForValidation(text: string, fileName: string, extraArgs: string[], bypassErrors: boolean): { output: string } | { error: string } {
  const { output, diagnostics } = convertOtelcol(text, { extraArgs, fileName });
  if (blocksOutput(diagnostics, bypassErrors)) return { error: diagnostics.map((d) => renderDiagnostic(d)).join("\n") };
  return { output: output ?? "" };
}
