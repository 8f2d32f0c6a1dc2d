/**
 * What a network exporter's payload looks like once it has crossed the wire: verification captures each
 * exporter's output after the same encoding the live exporter sends (protobuf for `otlp` over gRPC and for
 * `otlphttp`, OTLP/JSON for `otlphttp` with `encoding: json`) and the decoding the receiving end applies, so
 * anything the encoding cannot carry shows up as a difference instead of passing unseen.
 */
import { decodeExportRequest, encodeExportRequest } from "../pdata/otlp-proto.js";
import { parseOtlpJson } from "../pdata/otlp-json.js";
import type { Telemetry } from "../pdata/types.js";

export type WireRoundTrip = (t: Telemetry) => Telemetry | { error: string };

const protobuf: WireRoundTrip = (t) => decodeExportRequest(t.signal, encodeExportRequest(t));
const json: WireRoundTrip = (t) => parseOtlpJson(t.signal, JSON.stringify(t.data));

/** The wire encoding an exporter type uses with this configuration, or undefined when it sends nothing over OTLP. */
export function wireRoundTrip(type: string, config: Record<string, unknown>): { name: string; apply: WireRoundTrip } | undefined {
  if (type === "otlp") return { name: "OTLP/gRPC protobuf", apply: protobuf };
  if (type === "otlphttp") return config.encoding === "json" ? { name: "OTLP/HTTP JSON", apply: json } : { name: "OTLP/HTTP protobuf", apply: protobuf };
  return undefined;
}
