/**
 * The convert command: OpenTelemetry Collector YAML → Alloy, through the converter when one is wired in. The
 * converter's diagnostics (the one model, with YAML line and column) become LSP diagnostics here, at the edge:
 * ranged on the YAML document and carrying their codes, so an editor can show them in the source.
 */
import type { Diagnostic } from "@alloy-ts/grammar";
import { DiagnosticSeverity, type Diagnostic as LspDiagnostic, type Range as LspRange } from "vscode-languageserver-types";
import type { ServiceContext } from "./context.js";
import { LspCode } from "./codes.js";


/** What the command answers: the Alloy text ("" when none was generated) and LSP diagnostics on the YAML. */
export interface ConversionAnswer {
  readonly output: string;
  readonly diagnostics: LspDiagnostic[];
}

const SEVERITY: Record<Diagnostic["severity"], DiagnosticSeverity> = {
  critical: DiagnosticSeverity.Error,
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

/**
 * The range of a 1-based YAML line and column: from there to the end of the key or scalar written there (a YAML
 * position names where a key or item starts; its end is the next `:` followed by a space, or the end of the line).
 * Without a position, or past the text, the first character of the document.
 */
export function yamlRange(yaml: string, position: Diagnostic["position"]): LspRange {
  if (!position) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  const lines = yaml.split(/\r?\n/);
  const lineText = lines[position.line - 1];
  if (lineText === undefined) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  const start = Math.min(Math.max(position.column - 1, 0), lineText.length);
  const rest = lineText.slice(start);
  const stop = /:(\s|$)|\s+#/.exec(rest);
  const end = start + (stop ? stop.index : rest.trimEnd().length);
  return { start: { line: position.line - 1, character: start }, end: { line: position.line - 1, character: Math.max(end, start) } };
}

/** One converter diagnostic in LSP form; its detail lines follow the message as the CLI prints them. */
export function toLspConversionDiagnostic(yaml: string, d: Diagnostic): LspDiagnostic {
  const message = d.detail ? `${d.message}\n${d.detail}` : d.message;
  return { range: yamlRange(yaml, d.position), severity: SEVERITY[d.severity], code: d.code, source: "alloy convert", message };
}

/** Converts a collector document; reports why when no converter is available or it fails. */
export function convertOtelcol(yaml: string, ctx: ServiceContext, refused?: string): ConversionAnswer {
  const failed = (message: string, code: string): ConversionAnswer => ({
    output: "",
    diagnostics: [toLspConversionDiagnostic(yaml, { severity: "error", code, message })],
  });
  if (refused !== undefined) return failed(refused, LspCode.convertArguments);
  if (!ctx.convert) return failed("no OpenTelemetry Collector converter is available in this build", LspCode.noConverter);
  try {
    const r = ctx.convert(yaml);
    return { output: r.output, diagnostics: r.diagnostics.map((d) => toLspConversionDiagnostic(yaml, d)) };
  } catch (e) {
    return failed(`conversion failed: ${e instanceof Error ? e.message : String(e)}`, LspCode.conversionFailed);
  }
}
