/** The OTel component type ↔ Go module table, builder manifests and the built-in `alloy-otel` distribution. */
export * from "./otel-modules.js";
export * from "./manifest.js";
export * from "./alloy-otel.js";
export * from "./required.js";
