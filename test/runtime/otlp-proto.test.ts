/** The OTLP protobuf codec on edge values: 64-bit integers, non-ASCII text, packed lists, unknown and malformed fields. */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { decodeExportRequest, encodeExportRequest, flatten, type Telemetry } from "@alloy-ts/runtime-lite";

const span = (attributes: { key: string; value: Record<string, unknown> }[], start = "1704067200000000000") => ({
  traceId: "0102030405060708090a0b0c0d0e0f10",
  spanId: "0102030405060708",
  name: "s",
  kind: 1,
  startTimeUnixNano: start,
  endTimeUnixNano: start,
  attributes,
});
const traces = (spans: unknown[]): Telemetry => ({ signal: "traces", data: { resourceSpans: [{ resource: { attributes: [] }, scopeSpans: [{ scope: { name: "t" }, spans: spans as never }] }] } });
const roundTrip = (t: Telemetry) => {
  const back = decodeExportRequest(t.signal, encodeExportRequest(t));
  if ("error" in back) throw new Error(back.error);
  return back;
};

describe("OTLP protobuf codec edge values", () => {
  it("keeps 64-bit integers exact, including negatives and values beyond 2^53", () => {
    const ints = ["0", "-1", "9007199254740993", "-9007199254740993", "9223372036854775807", "-9223372036854775808", "4294967296"];
    const t = traces([span(ints.map((v, i) => ({ key: `i${i}`, value: { intValue: v } })), "18446744073709551615")]);
    expect(flatten([roundTrip(t)])).toEqual(flatten([t]));
  });

  it("round-trips arbitrary text, numbers and 64-bit values", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 40 }), fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), fc.double({ noNaN: true }), fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }), (s, i, d, ts) => {
        const t = traces([span([{ key: s, value: { stringValue: s } }, { key: "i", value: { intValue: i.toString() } }, { key: "d", value: { doubleValue: d } }], ts.toString())]);
        const back = roundTrip(t);
        expect(flatten([back])).toEqual(flatten([t]));
      }),
      { numRuns: 200, seed: 42 },
    );
  });

  it("skips unknown fields and reports wrong wire types and overruns instead of throwing", () => {
    const body = encodeExportRequest(traces([span([])]));
    // Field 15 (unknown in ExportTraceServiceRequest) as a varint before the real content.
    const withUnknown = new Uint8Array([0x78, 0x96, 0x01, ...body]);
    expect(decodeExportRequest("traces", withUnknown)).not.toHaveProperty("error");
    // resourceSpans (field 1) sent as a varint.
    expect(decodeExportRequest("traces", new Uint8Array([0x08, 0x01]))).toEqual({ error: expect.stringMatching(/resourceSpans: unexpected wire type 0/) });
    // A nested length that runs past the end.
    expect(decodeExportRequest("traces", new Uint8Array([0x0a, 0x05, 0x12, 0x10, 0x00]))).toHaveProperty("error");
  });

  it("reads packed and unpacked repeated scalars alike", () => {
    const metrics: Telemetry = {
      signal: "metrics",
      data: {
        resourceMetrics: [
          {
            resource: { attributes: [] },
            scopeMetrics: [
              {
                scope: { name: "m" },
                metrics: [{ name: "h", histogram: { aggregationTemporality: 2, dataPoints: [{ attributes: [], startTimeUnixNano: "1", timeUnixNano: "2", count: "3", bucketCounts: ["1", "2"], explicitBounds: [0.5] }] } }],
              },
            ],
          },
        ],
      } as never,
    };
    expect(flatten([roundTrip(metrics)])).toEqual(flatten([metrics]));
  });
});
