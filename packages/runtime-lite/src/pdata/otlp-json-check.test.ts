import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { parseOtlpJson } from "./otlp-json.js";
import { decodeExportRequest, encodeExportRequest } from "./otlp-proto.js";
import { generateTelemetry } from "./generate.js";
import { flatten } from "./canonical.js";
import type { Telemetry } from "./types.js";

const span = (fields: Record<string, unknown>) => JSON.stringify({ resourceSpans: [{ scopeSpans: [{ spans: [fields] }] }] });
const error = (text: string, signal: "traces" | "logs" | "metrics" = "traces") => {
  const r = parseOtlpJson(signal, text);
  return "error" in r ? r.error : undefined;
};

describe("OTLP/JSON field checks", () => {
  it("names the field whose value has the wrong type", () => {
    expect(error(span({ traceId: 123, spanId: [], name: {} }))).toBe("resourceSpans[0].scopeSpans[0].spans[0].traceId: expected a hex string, got number 123");
    expect(error(span({ name: {} }))).toBe("resourceSpans[0].scopeSpans[0].spans[0].name: expected a string, got object");
    expect(error(span({ spanId: [] }))).toBe("resourceSpans[0].scopeSpans[0].spans[0].spanId: expected a hex string, got array");
    expect(error(span({ traceId: "abcd" }))).toMatch(/traceId: invalid length for ID: 2 bytes, expected 16/);
    expect(error(span({ startTimeUnixNano: "soon" }))).toMatch(/startTimeUnixNano: expected an unsigned integer/);
    expect(error(span({ kind: "SPAN_KIND_SIDEWAYS" }))).toMatch(/kind: expected a kind value/);
    expect(error(span({ attributes: { key: "a" } }))).toMatch(/spans\[0\]\.attributes: expected an array, got object/);
    expect(error(JSON.stringify({ resourceSpans: {} }))).toBe("resourceSpans: expected an array, got object");
    expect(error(JSON.stringify({ resourceLogs: [{ scopeLogs: [{ logRecords: [{ body: { intValue: 1.5 } }] }] }] }), "logs")).toMatch(/body\.intValue: expected an integer/);
  });

  it("drops unknown fields and reads snake_case and enum names as the collector does", () => {
    const r = parseOtlpJson("traces", span({ trace_id: "0102030405060708090A0B0C0D0E0F10", nmae: "typo", name: "ok", kind: "SPAN_KIND_SERVER", start_time_unix_nano: 5 }));
    if ("error" in r) throw new Error(r.error);
    const s = (r.data as any).resourceSpans[0].scopeSpans[0].spans[0];
    expect(s).toEqual({ traceId: "0102030405060708090a0b0c0d0e0f10", name: "ok", kind: 2, startTimeUnixNano: "5", attributes: [] });
  });

  it("accepts what the protobuf codec decodes, unchanged (property over generated telemetry)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1000 }), (seed) => {
        const set = generateTelemetry(seed);
        for (const signal of ["traces", "metrics", "logs"] as const) {
          const t = { signal, data: set[signal][0] } as Telemetry;
          const viaProto = decodeExportRequest(signal, encodeExportRequest(t)) as Telemetry;
          const viaJson = parseOtlpJson(signal, JSON.stringify(viaProto.data));
          if ("error" in viaJson) throw new Error(viaJson.error);
          expect(flatten([viaJson])).toEqual(flatten([viaProto]));
        }
      }),
      { numRuns: 25 },
    );
  });
});
