/**
 * @alloy-ts/converter: OpenTelemetry Collector YAML → Alloy configuration (`alloy convert --source-format=otelcol`).
 */
export { convertOtelcol } from "./convert.js";
export type { ConvertOptions, ConvertResult } from "./convert.js";
export { renderDiagnostic, renderReport, blocksOutput } from "./diagnostics.js";
export type { ConvertDiagnostic, ConvertSeverity } from "./diagnostics.js";
export { COMPONENTS, findComponent, supportedTypes } from "./components/registry.js";
export type * from "./engine/description.js";
