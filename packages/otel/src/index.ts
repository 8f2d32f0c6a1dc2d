/**
 * `@alloy-ts/otel`: the one model of an OpenTelemetry Collector configuration shared by the converter, the
 * validator, the language server, runtime-lite, the migration report and `alloy build`.
 */
export * from "./vocabulary.js";
export * from "./ids.js";
export { readYaml, readYamlBytes, positionOf, spanOf, MAX_DEPTH, type RawMap, type RawValue, type Position, type Span, type ReadResult, type ReadOptions } from "./yaml/load.js";
export { resolvePlainScalar, type Scalar } from "./yaml/scalars.js";
export * from "./expand/references.js";
export { expandValue, expandText, expandTree, type Environment, type Expanded } from "./expand/expand.js";
export * from "./model.js";
export { OTEL_DIAGNOSTICS, ModelCode } from "./codes.js";
export { structuralProblems } from "./rules.js";
export { CONNECTOR_SIGNALS } from "./connectors.js";
export * from "./modules.js";
export * from "./manifest.js";
export * as ottl from "./ottl/index.js";
export { decodeComponentConfig, bodyProblem, collectorSchemaFor, durationError, COLLECTOR_SCHEMA_COMMIT, type DecodeProblem } from "./decode/check.js";
export type { CollectorShape, CollectorField, CollectorComponentSchema } from "./decode/shapes.js";
export { COLLECTOR_SHAPES, COLLECTOR_COMPONENT_SCHEMAS } from "./generated/collector-configs.js";
