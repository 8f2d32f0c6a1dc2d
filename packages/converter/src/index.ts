/**
 * @alloy-ts/converter: OpenTelemetry Collector YAML → Alloy configuration (`alloy convert --source-format=otelcol`).
 */
export { convertOtelcol } from "./convert.js";
export type { ConvertOptions, ConvertResult } from "./convert.js";
export { renderDiagnostic, renderReport, blocksOutput, toDiagnostic, CONVERTER_DIAGNOSTICS, ConvertCode } from "./diagnostics.js";
export type { ConvertDiagnostic, ConvertSeverity } from "./diagnostics.js";
export { renderLedger, countFates } from "./ledger/ledger.js";
export type { SettingFate, Fate } from "./ledger/ledger.js";
export { COMPONENTS, findComponent, supportedTypes } from "./components/registry.js";
export type * from "./engine/description.js";
export * from "./modules/index.js";
export { convertOtelcolToBridge, bridgeBlocks } from "./dialects/to-bridge.js";
export type { BridgeConvertOptions, BridgeConvertResult } from "./dialects/to-bridge.js";
export { convertAlloyToOtelcol, collectorFromAlloy } from "./dialects/from-bridge.js";
export type { AlloyToOtelcolResult, CollectorFromAlloyResult } from "./dialects/from-bridge.js";
export { loadCollectorConfig, printCollectorYaml, collectorToData } from "./dialects/collector-model.js";
export type { CollectorConfig, CollectorComponent, CollectorPipeline } from "./dialects/collector-model.js";
export { convertDialect, needsDialectConversion } from "./dialects/dispatch.js";
export type { DialectConvertOptions, DialectConvertResult, DialectSource, DialectTarget, AlloyDialect } from "./dialects/dispatch.js";
export { analyzeCollectorFile, unreadFile, summarize, renderHtml, renderJson, renderMarkdown, STATUS_TEXT, outcomesOf, TARGETS, TARGET_OUTCOMES, TARGET_TEXT, runsOnAlloyOtel } from "./report/index.js";
export type { ComponentUse, FileReport, FileStatus, ReportChecks, ReportDiagnostic, Verification, ComponentCoverage, MigrationReport, ReportSummary, FileTargets, Target, TargetOutcome } from "./report/index.js";
export { convertOtelcolToHybrid } from "./dialects/hybrid.js";
export type { HybridConvertOptions } from "./dialects/hybrid.js";
export { NATIVE_MAPPINGS, findNative, findDefaultMode } from "./native/table.js";
export { typeSpellings } from "./native/spellings.js";
export { inAlloyOtelEngine } from "./native/gaps.js";
