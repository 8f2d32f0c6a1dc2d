/**
 * The part of @alloy-ts/runtime-lite that runs in a browser: building a graph from collector YAML, Alloy
 * `otelcol.*` or the bridge dialect, and running it in capture mode on generated telemetry with a tap. Nothing
 * here opens a socket or a file: the server, the OTLP transports and the real exporters stay behind in the Node
 * entry (index.ts). Some modules this reaches still import Node built-ins for code paths a capture run never
 * takes (file exporter, TLS files, memory statistics) or for hashing; a browser bundle maps those imports to small
 * browser modules (the playground's build does, see packages/playground/build.mjs).
 */
export type * from "./pdata/types.js";
export { SIGNALS, itemCount } from "./pdata/types.js";
export { generateTelemetry } from "./pdata/generate.js";
export type { Graph, GraphNode, ComponentKind, RuntimeDiagnostic } from "./graph/types.js";
export { graphFromCollectorYaml } from "./graph/yaml-graph.js";
export { graphFromAlloy } from "./alloy/alloy-graph.js";
export { graphFromBridge, isBridgeDialect } from "./bridge/bridge-graph.js";
export { Engine, FIXED_NOW, topologicalOrder } from "./engine.js";
export type { EngineOptions } from "./engine.js";
export { Tap } from "./tap.js";
export type { ComponentTap, SignalCounts } from "./tap.js";
