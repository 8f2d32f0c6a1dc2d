/** Short strings shared through the decoder's table of recent strings come back exactly, collisions included. */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { decodeExportRequest, encodeExportRequest } from "./otlp-proto.js";
import type { Telemetry } from "./types.js";

const traces = (keys: string[]): Telemetry => ({
  signal: "traces",
  data: {
    resourceSpans: [
      {
        resource: { attributes: [] },
        scopeSpans: [
          {
            scope: { name: "t" },
            spans: [{ traceId: "0102030405060708090a0b0c0d0e0f10", spanId: "0102030405060708", name: "s", kind: 1, startTimeUnixNano: "1", endTimeUnixNano: "2", attributes: keys.map((k) => ({ key: k, value: { stringValue: `${k}!` } })) }],
          },
        ],
      },
    ],
  } as never,
});

const keysOf = (t: Telemetry | { error: string }) => {
  if ("error" in t || t.signal !== "traces") throw new Error("not traces");
  return t.data.resourceSpans[0]!.scopeSpans[0]!.spans[0]!.attributes.map((a) => [a.key, a.value.stringValue]);
};

describe("short string table", () => {
  it("decodes far more distinct short strings than the table has slots, twice, exactly", () => {
    // 20,000 keys of equal length over 4,096 slots: many share a slot, and repeats must not return a neighbour.
    const keys = Array.from({ length: 20000 }, (_, i) => `k${i.toString(36).padStart(6, "0")}`);
    const body = encodeExportRequest(traces(keys));
    for (let round = 0; round < 2; round++) expect(keysOf(decodeExportRequest("traces", body))).toEqual(keys.map((k) => [k, `${k}!`]));
  });

  it("round-trips arbitrary short text, ASCII or not", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: fc.constantFrom("a", "b", "é", "\u0000", "z", "€"), maxLength: 34 }), { maxLength: 20 }), (keys) => {
        expect(keysOf(decodeExportRequest("traces", encodeExportRequest(traces(keys))))).toEqual(keys.map((k) => [k, `${k}!`]));
      }),
      { numRuns: 300, seed: 7 },
    );
  });
});
