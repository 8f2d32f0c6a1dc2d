/**
 * The pipeline bench/runtime.mjs measures (otlp → batch → attributes → capture) delivers every span, edited as
 * configured, when many requests go through it. Throughput is measured in the benchmark, not here.
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

interface KeyValue {
  key: string;
  value: { stringValue?: string };
}

describe("otlp → batch → attributes → capture under many requests", () => {
  it("delivers every span with the attributes edited", async () => {
    const payloads = generateTelemetry(3, 25).traces.map((data) => ({ signal: "traces", data }) as Telemetry);
    const spans = payloads.reduce((n, t) => n + itemCount(t), 0);
    const graph = graphFromAlloy(CONFIG, { env: {} });
    expect(graph.diagnostics).toEqual([]);

    const engine = new Engine(graph, { capture: true });
    for (const p of structuredClone(payloads)) engine.receive("otelcol.receiver.otlp.default", p);
    await engine.shutdown();

    const captured = engine.captured("otelcol.exporter.otlp.default");
    expect(captured.reduce((n, t) => n + itemCount(t), 0)).toBe(spans);
    const attributes = captured.flatMap((t) =>
      (t.data as { resourceSpans: { scopeSpans: { spans: { attributes: KeyValue[] }[] }[] }[] }).resourceSpans.flatMap((rs) =>
        rs.scopeSpans.flatMap((ss) => ss.spans.map((s) => s.attributes)),
      ),
    );
    expect(attributes).toHaveLength(spans);
    for (const attrs of attributes) {
      expect(attrs.find((a) => a.key === "env")?.value.stringValue).toBe("prod");
      expect(attrs.some((a) => a.key === "account_password")).toBe(false);
    }
  });
});
