/**
 * A schema-driven protobuf codec for the OTLP export requests (opentelemetry-proto collector/{trace,metrics,logs}/v1), producing and
 * consuming the OTLP/JSON shape of ./types.ts. Decoding errors are returned as `{ error }`. By role: the schemas
 * (./otlp-schema.ts), reading wire data (./otlp-reader.ts), building strings from it (./otlp-text.ts), the compiled
 * decoders (./otlp-decode.ts) and the writer (./otlp-encode.ts).
 */
export type { Field, Scalar, Schema } from "./otlp-schema.js";
export { requestSchema } from "./otlp-schema.js";
export { decodeExportRequest } from "./otlp-decode.js";
export { encodeExportRequest } from "./otlp-encode.js";
