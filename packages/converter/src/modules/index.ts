/** The built-in `alloy-otel` distribution and the modules a configuration needs (the type ↔ module table and builder manifests are in `@alloy-ts/otel`). */
export * from "./alloy-otel.js";
export * from "./required.js";
