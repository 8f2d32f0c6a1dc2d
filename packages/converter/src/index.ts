/**
 * @alloy-ts/converter: OpenTelemetry Collector YAML → Alloy configuration (`alloy convert --source-format=otelcol`).
 *
 * The public entry holds what the command, the language server, the runtime and users call: the conversions (each
 * dialect and the reverse direction), their diagnostics and reports, the migration report, and the module lists of
 * `alloy build`. Internal tables (the component registry, the native mapping helpers, the collector model's
 * loaders) stay inside the package.
 */
export { convertOtelcol } from "./convert.js";
export type { ConvertOptions, ConvertResult } from "./convert.js";
export { renderDiagnostic, renderReport, blocksOutput, convertDiagnostic, CONVERTER_DIAGNOSTICS, ConvertCode } from "./diagnostics.js";
export { renderLedger, countFates } from "./ledger/ledger.js";
export type { SettingFate, Fate } from "./ledger/ledger.js";
export type { ComponentKind } from "./engine/description.js";
// The component table: which collector types convert and to which Alloy component (the graph marks the others).
export { findComponent } from "./components/registry.js";
export { alloyOtelManifest } from "./modules/alloy-otel.js";
export { manifestModules, requiredModules, BUILD_DIAGNOSTICS } from "./modules/required.js";
export type { Requirement, Requirements, RequirementDiagnostic } from "./modules/required.js";
export { convertOtelcolToBridge } from "./dialects/to-bridge.js";
export type { BridgeConvertOptions, BridgeConvertResult } from "./dialects/to-bridge.js";
export { convertAlloyToOtelcol, collectorFromAlloy } from "./dialects/from-bridge.js";
export type { AlloyToOtelcolResult, CollectorFromAlloyResult } from "./dialects/from-bridge.js";
export { printCollectorYaml } from "./dialects/collector-model.js";
export type { CollectorConfig, CollectorComponent, CollectorPipeline } from "./dialects/collector-model.js";
export { convertDialect, needsDialectConversion } from "./dialects/dispatch.js";
export type { DialectConvertOptions, DialectConvertResult, DialectSource, DialectTarget, AlloyDialect } from "./dialects/dispatch.js";
export { analyzeCollectorFile, unreadFile, summarize, renderHtml, renderJson, renderMarkdown, STATUS_TEXT } from "./report/index.js";
export type { ComponentUse, FileReport, FileStatus, ReportChecks, ReportDiagnostic, Verification, ComponentCoverage, MigrationReport, ReportSummary, FileTargets, Target, TargetOutcome } from "./report/index.js";
export { convertOtelcolToHybrid } from "./dialects/hybrid.js";
export type { HybridConvertOptions } from "./dialects/hybrid.js";
export { NATIVE_MAPPINGS, findDefaultMode } from "./native/table.js";
export { typeSpellings } from "./native/spellings.js";
export { inAlloyOtelEngine } from "./native/gaps.js";
// The descriptions' settings as a decoding check, for collector types without a published schema (validate).
export { decodeWithDescription } from "./otel/decode-check.js";
