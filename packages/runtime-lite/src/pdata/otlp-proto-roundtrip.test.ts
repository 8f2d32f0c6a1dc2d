/**
 * encode → decode gives back the input, for arbitrary payloads of every signal. The inputs list their fields in
 * field-number order and leave optional fields out at random, so the decoded payload must also serialise to the
 * same JSON text: same values, same fields present, same order.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { decodeExportRequest, encodeExportRequest } from "./otlp-proto.js";
import type { Telemetry } from "./types.js";

const u32 = fc.nat({ max: 0xffffffff });
const u64 = fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }).map(String);
const i64 = fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }).map(String);
const double = fc.double({ noNaN: true });
const text = fc.string({ unit: "grapheme", maxLength: 40 });
// Empty IDs are not written, so they are absent rather than empty.
const hexId = (bytes: number) => fc.uint8Array({ minLength: bytes, maxLength: bytes }).map((b) => Buffer.from(b).toString("hex"));
const b64 = fc.uint8Array({ maxLength: 12 }).map((b) => Buffer.from(b).toString("base64"));

/** A record whose optional keys may be left out, keys in the given (field-number) order. */
/** The generated payloads have the OTLP/JSON shape; `record` types them loosely, the encoder checks them. */
const telemetry = (t: { signal: Telemetry["signal"]; data: unknown }) => t as Telemetry;

const record = <T extends Record<string, fc.Arbitrary<unknown>>>(fields: T, required: (keyof T)[] = []) =>
  fc.record(fields, { requiredKeys: required as never });

const { anyValue } = fc.letrec<{ anyValue: unknown; keyValue: unknown }>((tie) => ({
  anyValue: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.constant({}),
    text.map((stringValue) => ({ stringValue })),
    fc.boolean().map((boolValue) => ({ boolValue })),
    i64.map((intValue) => ({ intValue })),
    double.map((doubleValue) => ({ doubleValue })),
    fc.array(tie("anyValue"), { maxLength: 3 }).map((values) => ({ arrayValue: { values } })),
    fc.array(tie("keyValue"), { maxLength: 3 }).map((values) => ({ kvlistValue: { values } })),
    b64.map((bytesValue) => ({ bytesValue })),
  ),
  keyValue: fc.record({ key: text, value: tie("anyValue") }),
}));
const keyValue = fc.record({ key: text, value: anyValue });
const attributes = fc.array(keyValue, { maxLength: 4 });
// Lists that are absent when empty on the wire (only the OTLP/JSON-required ones come back as []).
const someAttributes = fc.array(keyValue, { minLength: 1, maxLength: 3 });

const resource = record({ attributes, droppedAttributesCount: u32 }, ["attributes"]);
const scope = record({ name: text, version: text, attributes, droppedAttributesCount: u32 }, ["attributes"]);

const event = record({ timeUnixNano: u64, name: text, attributes, droppedAttributesCount: u32 }, ["attributes"]);
const link = record({ traceId: hexId(16), spanId: hexId(8), traceState: text, attributes, droppedAttributesCount: u32, flags: u32 }, ["attributes"]);
const status = record({ message: text, code: u32 });
const span = record(
  {
    traceId: hexId(16),
    spanId: hexId(8),
    traceState: text,
    parentSpanId: hexId(8),
    name: text,
    kind: u32,
    startTimeUnixNano: u64,
    endTimeUnixNano: u64,
    attributes,
    droppedAttributesCount: u32,
    events: fc.array(event, { minLength: 1, maxLength: 2 }),
    droppedEventsCount: u32,
    links: fc.array(link, { minLength: 1, maxLength: 2 }),
    droppedLinksCount: u32,
    status,
    flags: u32,
  },
  ["attributes"],
);
const traces: fc.Arbitrary<Telemetry> = fc
  .array(record({ resource, scopeSpans: fc.array(record({ scope, spans: fc.array(span, { maxLength: 3 }), schemaUrl: text }, ["spans"]), { maxLength: 2 }), schemaUrl: text }, ["resource", "scopeSpans"]), { maxLength: 2 })
  .map((resourceSpans) => telemetry({ signal: "traces", data: { resourceSpans } }));

const logRecord = record(
  {
    timeUnixNano: u64,
    severityNumber: u32,
    severityText: text,
    body: anyValue,
    attributes,
    droppedAttributesCount: u32,
    flags: u32,
    traceId: hexId(16),
    spanId: hexId(8),
    observedTimeUnixNano: u64,
    eventName: text,
  },
  ["attributes"],
);
const logs: fc.Arbitrary<Telemetry> = fc
  .array(record({ resource, scopeLogs: fc.array(record({ scope, logRecords: fc.array(logRecord, { maxLength: 3 }), schemaUrl: text }, ["logRecords"]), { maxLength: 2 }), schemaUrl: text }, ["resource", "scopeLogs"]), { maxLength: 2 })
  .map((resourceLogs) => telemetry({ signal: "logs", data: { resourceLogs } }));

const exemplars = fc.array(
  record({ timeUnixNano: u64, asDouble: double, spanId: hexId(8), traceId: hexId(16), asInt: i64, filteredAttributes: someAttributes }),
  { minLength: 1, maxLength: 2 },
);
const numberPoint = record({ startTimeUnixNano: u64, timeUnixNano: u64, asDouble: double, exemplars, asInt: i64, attributes, flags: u32 }, ["attributes"]);
const histogramPoint = record(
  {
    startTimeUnixNano: u64,
    timeUnixNano: u64,
    count: u64,
    sum: double,
    bucketCounts: fc.array(u64, { maxLength: 4 }),
    explicitBounds: fc.array(double, { maxLength: 4 }),
    exemplars,
    attributes,
    flags: u32,
    min: double,
    max: double,
  },
  ["attributes", "bucketCounts", "explicitBounds"],
);
const buckets = record({ offset: fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), bucketCounts: fc.array(u64, { maxLength: 4 }) }, ["bucketCounts"]);
const exponentialPoint = record(
  {
    attributes,
    startTimeUnixNano: u64,
    timeUnixNano: u64,
    count: u64,
    sum: double,
    scale: fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
    zeroCount: u64,
    positive: buckets,
    negative: buckets,
    flags: u32,
    exemplars,
    min: double,
    max: double,
    zeroThreshold: double,
  },
  ["attributes"],
);
const summaryPoint = record(
  {
    startTimeUnixNano: u64,
    timeUnixNano: u64,
    count: u64,
    sum: double,
    quantileValues: fc.array(record({ quantile: double, value: double }), { maxLength: 3 }),
    attributes,
    flags: u32,
  },
  ["attributes", "quantileValues"],
);
const points = <T>(p: fc.Arbitrary<T>) => fc.array(p, { maxLength: 2 });
const temporality = fc.constantFrom(0, 1, 2);
const metric = fc.tuple(
  record({ name: text, description: text, unit: text }),
  fc.oneof(
    record({ dataPoints: points(numberPoint) }, ["dataPoints"]).map((gauge) => ({ gauge })),
    record({ dataPoints: points(numberPoint), aggregationTemporality: temporality, isMonotonic: fc.boolean() }, ["dataPoints"]).map((sum) => ({ sum })),
    record({ dataPoints: points(histogramPoint), aggregationTemporality: temporality }, ["dataPoints"]).map((histogram) => ({ histogram })),
    record({ dataPoints: points(exponentialPoint), aggregationTemporality: temporality }, ["dataPoints"]).map((exponentialHistogram) => ({ exponentialHistogram })),
    record({ dataPoints: points(summaryPoint) }, ["dataPoints"]).map((summary) => ({ summary })),
  ),
  fc.option(someAttributes, { nil: undefined }),
).map(([head, data, metadata]) => ({ ...head, ...data, ...(metadata ? { metadata } : {}) }));
const metrics: fc.Arbitrary<Telemetry> = fc
  .array(record({ resource, scopeMetrics: fc.array(record({ scope, metrics: fc.array(metric, { maxLength: 3 }), schemaUrl: text }, ["metrics"]), { maxLength: 2 }), schemaUrl: text }, ["resource", "scopeMetrics"]), { maxLength: 2 })
  .map((resourceMetrics) => telemetry({ signal: "metrics", data: { resourceMetrics } }));

const roundTrip = (t: Telemetry) => {
  const back = decodeExportRequest(t.signal, encodeExportRequest(t));
  if ("error" in back) throw new Error(back.error);
  return back;
};

describe("OTLP protobuf encode → decode", () => {
  for (const [signal, arbitrary] of [
    ["traces", traces],
    ["logs", logs],
    ["metrics", metrics],
  ] as const)
    it(`gives back arbitrary ${signal} payloads exactly`, () => {
      fc.assert(
        fc.property(arbitrary, (t) => {
          const back = roundTrip(t);
          expect(back).toEqual(t);
          expect(JSON.stringify(back.data)).toBe(JSON.stringify(t.data));
        }),
        { numRuns: 300, seed: 1 },
      );
    });
});
