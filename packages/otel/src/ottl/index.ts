/** The OpenTelemetry Transformation Language: one parser and checker for the validator and runtime-lite. */
export * from "./parser.js";
export * from "./check.js";
export * from "./contexts.js";
export * from "./functions.js";
