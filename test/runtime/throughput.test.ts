/**
 * The pipeline bench/runtime.mjs measures (otlp → batch → attributes → capture) delivers every span, edited as
 * configured, when many requests go through it. Throughput is measured in the benchmark, not here.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../support/shared.js";
import { Engine, generateTelemetry, graphFromAlloy, itemCount, type Telemetry } from "@alloy-ts/runtime-lite";

const CONFIG = readFileSync(path.join(repoRoot, "fixtures/telemetry/otlp-batch-attributes.alloy"), "utf8");

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
