/**
 * In-process throughput of otlp → batch → attributes → capture, reported as a ratio to JSON.stringify +
 * JSON.parse of the same spans. The assertion is deliberately loose (machines differ); the numbers are printed.
 */
import { describe, expect, it } from "vitest";
import { Engine, generateTelemetry, graphFromAlloy, itemCount, type Telemetry } from "@alloy-ts/runtime-lite";

const CONFIG = `
otelcol.receiver.otlp "default" {
	http { }
	output { traces = [otelcol.processor.batch.default.input] }
}
otelcol.processor.batch "default" {
	output { traces = [otelcol.processor.attributes.default.input] }
}
otelcol.processor.attributes "default" {
	action {
		key    = "env"
		value  = "prod"
		action = "upsert"
	}
	action {
		key    = "account_password"
		action = "delete"
	}
	output { traces = [otelcol.exporter.otlp.default.input] }
}
otelcol.exporter.otlp "default" {
	client { endpoint = "localhost:4317" }
}
`;

describe("throughput", () => {
  it("otlp → batch → attributes → capture vs JSON round trip", async () => {
    const payloads = generateTelemetry(3, 25).traces.map((data) => ({ signal: "traces", data }) as Telemetry);
    const spans = payloads.reduce((n, t) => n + itemCount(t), 0);
    const graph = graphFromAlloy(CONFIG, { env: {} });
    expect(graph.diagnostics).toEqual([]);

    const timeIt = (f: () => void) => {
      f(); // warm-up
      const start = process.hrtime.bigint();
      const rounds = 5;
      for (let i = 0; i < rounds; i++) f();
      return Number(process.hrtime.bigint() - start) / 1e9 / rounds;
    };
    let captured = 0;
    // Inputs are copied outside the timed section: the engine owns (and mutates) what it receives.
    let elapsed = 0;
    const rounds = 6;
    for (let i = 0; i < rounds; i++) {
      const copies = structuredClone(payloads);
      const start = process.hrtime.bigint();
      const engine = new Engine(graph, { capture: true });
      for (const p of copies) engine.receive("otelcol.receiver.otlp.default", p);
      void engine.shutdown();
      if (i > 0) elapsed += Number(process.hrtime.bigint() - start) / 1e9;
      captured = engine.captured("otelcol.exporter.otlp.default").reduce((n, t) => n + itemCount(t), 0);
    }
    const pipeline = elapsed / (rounds - 1);
    const json = timeIt(() => {
      for (const p of payloads) JSON.parse(JSON.stringify(p));
    });
    expect(captured).toBe(spans);
    const ratio = json / pipeline;
    console.log(`spans=${spans} pipeline=${Math.round(spans / pipeline)} spans/s json-roundtrip=${Math.round(spans / json)} spans/s ratio=${ratio.toFixed(2)}`);
    expect(ratio).toBeGreaterThan(0.05);
  });
});
