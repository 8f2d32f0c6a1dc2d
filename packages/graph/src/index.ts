/**
 * @alloy-ts/graph: pipeline graphs of Alloy files and OpenTelemetry Collector YAML.
 *
 * graphOfAlloy / graphOfCollector → PipelineGraph (plain JSON) → layoutGraph (deterministic; elkjs for small graphs) →
 * renderSvg / renderHtml; renderDot / renderMermaid / renderJson work on the graph alone. No Node-only import:
 * the package runs in a browser bundle as it is.
 */
export type * from "./model.js";
export { SIGNALS } from "./model.js";
export { graphOfAlloy } from "./alloy.js";
export { graphOfCollector } from "./collector.js";
export { layoutGraph, nodeWidth, tooLargeToLayOut, MAX_LAYOUT_NODES, MAX_LAYOUT_EDGES, ELK_MAX_NODES } from "./layout.js";
export type { GraphLayout, Box, Point } from "./layout.js";
export { renderSvg } from "./svg.js";
export { renderHtml, viewOf, scriptJson } from "./html.js";
export type { GraphView, ViewLink, HtmlOptions } from "./html.js";
export { renderDot, renderMermaid, renderJson } from "./text-formats.js";
export { kindOfBlock, consumerExport } from "./kinds.js";
export { attachDiagnostics } from "./diagnostics.js";
export { graphOfSource, sourceFormatOf } from "./source.js";
export type { SourceFormat } from "./source.js";
export { compareGraphs, renderCompareSvg, ownerOf } from "./compare.js";
export type { Comparison, LedgerRow } from "./compare.js";
