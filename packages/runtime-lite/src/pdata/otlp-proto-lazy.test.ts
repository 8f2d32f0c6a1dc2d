/** Lazily decoded requests: checked and counted on receipt, decoded on first read, identical to eager decoding. */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { generateTelemetry } from "./generate.js";
import { decodeExportRequest, decodeExportRequestLazily, encodeExportRequest } from "./otlp-proto.js";
import { itemCount, undecodedItems, type Telemetry } from "./types.js";

const set = generateTelemetry(3, 2);
const bodies: [Telemetry["signal"], Uint8Array][] = [
  ...set.traces.map((data) => ["traces", encodeExportRequest({ signal: "traces", data })] as [Telemetry["signal"], Uint8Array]),
  ...set.logs.map((data) => ["logs", encodeExportRequest({ signal: "logs", data })] as [Telemetry["signal"], Uint8Array]),
  ...set.metrics.map((data) => ["metrics", encodeExportRequest({ signal: "metrics", data })] as [Telemetry["signal"], Uint8Array]),
];

const decoded = (t: Telemetry | { error: string }): Telemetry => {
  if ("error" in t) throw new Error(t.error);
  return t;
};

describe("decodeExportRequestLazily", () => {
  it("counts items without decoding, then decodes to what eager decoding gives", () => {
    for (const [signal, body] of bodies) {
      const eager = decoded(decodeExportRequest(signal, body));
      const lazy = decoded(decodeExportRequestLazily(signal, body));
      const pending = signal !== "metrics";
      expect(undecodedItems.has(lazy)).toBe(pending);
      expect(itemCount(lazy)).toBe(itemCount(eager));
      expect(undecodedItems.has(lazy)).toBe(pending);
      expect(lazy.data).toEqual(eager.data);
      expect(undecodedItems.has(lazy)).toBe(false);
      // Decoded once: later reads see the same (possibly edited) objects, and the count follows them.
      expect(lazy.data).toBe(lazy.data);
      if (lazy.signal === "traces") lazy.data.resourceSpans[0].scopeSpans[0].spans.pop();
      if (lazy.signal !== "metrics") expect(itemCount(lazy)).toBe(itemCount(eager) - (lazy.signal === "traces" ? 1 : 0));
    }
  });

  it("reads like plain data: spread, JSON and structuredClone see the decoded payload", () => {
    const [signal, body] = bodies[0];
    const eager = decoded(decodeExportRequest(signal, body));
    expect(JSON.parse(JSON.stringify(decoded(decodeExportRequestLazily(signal, body))))).toEqual(JSON.parse(JSON.stringify(eager)));
    expect(structuredClone(decoded(decodeExportRequestLazily(signal, body)))).toEqual(eager);
    expect({ ...decoded(decodeExportRequestLazily(signal, body)) }).toEqual(eager);
  });

  it("replacing the data drops the wire count", () => {
    const [signal, body] = bodies[0];
    const lazy = decoded(decodeExportRequestLazily(signal, body));
    lazy.data = { resourceSpans: [] } as never;
    expect(itemCount(lazy)).toBe(0);
    expect(lazy.data).toEqual({ resourceSpans: [] });
  });

  it("refuses exactly the bodies eager decoding refuses, with the same error", () => {
    fc.assert(
      fc.property(
        fc.nat({ max: bodies.length - 1 }),
        fc.array(fc.tuple(fc.nat(), fc.nat({ max: 255 })), { minLength: 1, maxLength: 4 }),
        fc.nat(),
        (which, edits, cut) => {
          const [signal, original] = bodies[which];
          const body = original.slice(0, original.length - (cut % 8));
          for (const [at, byte] of edits) body[at % body.length] = byte;
          const eager = decodeExportRequest(signal, body);
          const lazy = decodeExportRequestLazily(signal, body);
          if ("error" in eager) expect(lazy).toEqual({ error: eager.error });
          else expect(decoded(lazy).data).toEqual(eager.data);
        },
      ),
      { numRuns: 500, seed: 3 },
    );
  });
});
