/**
 * @alloy-ts/runtime-lite: a small in-process runtime for OpenTelemetry pipelines.
 *
 * Collector YAML (`graphFromCollectorYaml`) and Alloy `otelcol.*` configurations (`graphFromAlloy`) compile to the
 * same Graph; an Engine runs a Graph on OTLP/JSON-shaped telemetry with the documented behaviour of the common
 * components; `verifyGraphs` compares two graphs exporter by exporter; `startServer` serves OTLP/HTTP.
 */
export type * from "./pdata/types.js";
export { SIGNALS, itemCount, metricType } from "./pdata/types.js";
export { generateTelemetry } from "./pdata/generate.js";
export { flatten } from "./pdata/canonical.js";
export { parseOtlpJson, parseTelemetryFile, fromJsonValue } from "./pdata/otlp-json.js";
export { decodeExportRequest, encodeExportRequest } from "./pdata/otlp-proto.js";
export type { Graph, GraphNode, ComponentKind, RuntimeDiagnostic } from "./graph/types.js";
export { RUNTIME_DIAGNOSTICS, RuntimeCode } from "./graph/codes.js";
export { graphFromCollectorYaml } from "./graph/yaml-graph.js";
export type { YamlGraphOptions } from "./graph/yaml-graph.js";
export { graphFromAlloy } from "./alloy/alloy-graph.js";
export type { AlloyGraphOptions } from "./alloy/alloy-graph.js";
export { graphFromBridge, isBridgeDialect } from "./bridge/bridge-graph.js";
export type { BridgeGraphOptions } from "./bridge/bridge-graph.js";
export { Engine, FIXED_NOW, topologicalOrder, upstreamOf } from "./engine.js";
export type { EngineOptions, ReceiveOutcome } from "./engine.js";
export { DataRefusedError } from "./components/api.js";
export type { RuntimeEnvironment, PodInfo } from "./components/api.js";
export { implementedComponents } from "./components/registry.js";
export { verifyGraphs, alloyLabel } from "./verify/verify.js";
export type { VerifyReport, ExporterReport, Verdict } from "./verify/verify.js";
export { startServer } from "./server/server.js";
export type { ServerOptions, RunningServer } from "./server/server.js";
export type { EngineHolder } from "./server/intake.js";
export { StartError } from "./components/api.js";
export { Tap, renderTap } from "./tap.js";
export type { ComponentTap, SignalCounts } from "./tap.js";
export { envDetector } from "./components/otel-env.js";
export { receiversOf } from "./server/intake.js";
