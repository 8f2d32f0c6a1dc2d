/**
 * The pipeline graph of a document for `alloy/graph`: the graph package's model, badged with the diagnostics the
 * server publishes for the document, laid out and drawn as SVG when asked. A pure function of the text.
 */
import { graphOfSource, layoutGraph, renderSvg, sourceFormatOf, tooLargeToLayOut, type InputDiagnostic, type PipelineGraph, type SourceFormat } from "@alloy-ts/graph";
import { validateOtelcolYaml } from "@alloy-ts/validator";
import { decodeWithDescription, findComponent } from "@alloy-ts/converter";
import type { ServiceContext } from "./context.js";
import { allDiagnostics } from "./diagnostics.js";
import { analyze } from "../workspace/analysis.js";

export type GraphFormat = "json" | "svg";

export interface GraphAnswer {
  /** The document version the graph was drawn from (undefined for text sent with the request). */
  readonly version: number | undefined;
  readonly sourceFormat: SourceFormat;
  readonly graph: PipelineGraph;
  /** The SVG drawing, when `format` asked for it. */
  readonly svg?: string;
  /** Why there is no SVG although `format` asked for it (the graph is past the layout's bounds). */
  readonly svgError?: string;
}

/** Whether a document is collector YAML: as the client says, else by its name. */
export function graphSourceFormat(uri: string, given?: string): SourceFormat {
  return sourceFormatOf(uri.replace(/[?#].*$/, ""), given);
}

export async function graphOfDocument(
  uri: string,
  text: string,
  version: number | undefined,
  sourceFormat: SourceFormat,
  formats: readonly GraphFormat[],
  ctx: ServiceContext,
): Promise<GraphAnswer> {
  const diagnostics = sourceFormat === "otelcol" ? collectorBadges(text, uri) : alloyBadges(uri, text, version ?? 0, ctx);
  const carried = (kind: "receiver" | "processor" | "exporter" | "connector", type: string) => findComponent(kind, type) !== undefined;
  const graph = graphOfSource(text, uri, sourceFormat, { diagnostics, carried });
  const tooLarge = formats.includes("svg") ? tooLargeToLayOut(graph) : undefined;
  if (tooLarge) return { version, sourceFormat, graph, svgError: tooLarge };
  const svg = formats.includes("svg") ? renderSvg(await layoutGraph(graph)) : undefined;
  return { version, sourceFormat, graph, ...(svg !== undefined ? { svg } : {}) };
}

function alloyBadges(uri: string, text: string, version: number, ctx: ServiceContext): InputDiagnostic[] {
  const analysis = analyze(uri, version, text);
  return allDiagnostics(analysis, ctx).map((d) => ({
    severity: d.severity === 1 ? "error" : d.severity === 2 ? "warning" : "info",
    message: d.message,
    line: d.range.start.line + 1,
  }));
}

function collectorBadges(text: string, uri: string): InputDiagnostic[] {
  const r = validateOtelcolYaml(text, uri, { decodeFallback: decodeWithDescription });
  return r.diagnostics.map((d) => ({ severity: d.severity, message: d.message, line: r.source.position(d.range.start).line }));
}
