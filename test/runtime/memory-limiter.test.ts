/** memory_limiter: limits from both configuration languages, refusal above the soft limit as 503 over OTLP/HTTP. */
import { describe, expect, it } from "vitest";
import { Engine, encodeExportRequest, generateTelemetry, graphFromAlloy, graphFromCollectorYaml, startServer, type Telemetry } from "@alloy-ts/runtime-lite";
import { byteSize, memoryLimits } from "../../packages/runtime-lite/src/components/processors-flow.js";

const MIB = 1024 * 1024;

const alloyConfig = (limit: string, spike?: string) => `
otelcol.receiver.otlp "default" {
	http { }
	output { traces = [otelcol.processor.memory_limiter.default.input] }
}
otelcol.processor.memory_limiter "default" {
	check_interval = "1h"
	limit          = "${limit}"
	${spike ? `spike_limit = "${spike}"` : ""}
	output { traces = [otelcol.exporter.debug.default.input] }
}
otelcol.exporter.debug "default" {
	verbosity = "basic"
}
`;

describe("memory_limiter limits", () => {
  it("reads Alloy byte sizes", () => {
    expect(byteSize("512MiB")).toBe(512 * MIB);
    expect(byteSize("1MiB512KiB")).toBe(MIB + 512 * 1024);
    expect(byteSize("0B")).toBe(0);
    expect(byteSize("12 apples")).toBeUndefined();
  });
  it("derives soft = hard − spike, the spike defaulting to 20% of the limit", () => {
    expect(memoryLimits({ limit_mib: 100 }, 0)).toEqual({ hard: 100 * MIB, soft: 80 * MIB });
    expect(memoryLimits({ limit_mib: 100, spike_limit_mib: 30 }, 0)).toEqual({ hard: 100 * MIB, soft: 70 * MIB });
    expect(memoryLimits({ limit: "100MiB", spike_limit: "10MiB" }, 0)).toEqual({ hard: 100 * MIB, soft: 90 * MIB });
    expect(memoryLimits({ limit_percentage: 50, spike_limit_percentage: 10 }, 1000 * MIB)).toEqual({ hard: 500 * MIB, soft: 400 * MIB });
    expect(memoryLimits({ check_interval: "1s" }, 1000 * MIB)).toHaveProperty("unsupported");
    expect(memoryLimits({ limit_mib: 10, spike_limit_mib: 10 }, 0)).toHaveProperty("unsupported");
  });
});

describe("memory_limiter under pressure", () => {
  const traces = (): Telemetry => ({ signal: "traces", data: structuredClone(generateTelemetry().traces[0]!) });

  it("refuses above the soft limit and accepts below it (measured at start and every check_interval)", () => {
    let used = 95 * MIB;
    const lines: string[] = [];
    const engine = new Engine(graphFromAlloy(alloyConfig("100MiB", "10MiB"), { env: {} }), { live: true, memoryUsage: () => used, log: (l) => lines.push(l) });
    expect([...engine.unverified]).toEqual([]);
    const outcome = engine.accept("otelcol.receiver.otlp.default", traces());
    expect(outcome).toEqual({ status: "refused", reason: "data refused due to high memory usage" });
    expect(lines.some((l) => /debug/.test(l))).toBe(false);
    used = 50 * MIB;
    // A new engine measures at start; the running one keeps its state until the next check.
    const calm = new Engine(graphFromAlloy(alloyConfig("100MiB", "10MiB"), { env: {} }), { live: true, memoryUsage: () => used, log: (l) => lines.push(l) });
    expect(calm.accept("otelcol.receiver.otlp.default", traces())).toEqual({ status: "accepted" });
    expect(lines.some((l) => /debug\.default: traces \d+ spans/.test(l))).toBe(true);
    void engine.shutdown();
    void calm.shutdown();
  });

  it("is a pass-through in verification runs, where memory is not part of what is compared", () => {
    const engine = new Engine(graphFromCollectorYaml("receivers: {otlp: {protocols: {http: {}}}}\nprocessors: {memory_limiter: {check_interval: 1s, limit_mib: 1}}\nexporters: {debug: {}}\nservice: {pipelines: {traces: {receivers: [otlp], processors: [memory_limiter], exporters: [debug]}}}\n", { env: {} }), { capture: true, memoryUsage: () => 1e12 });
    expect([...engine.unverified]).toEqual([]);
    expect(engine.accept("receiver:otlp", traces())).toEqual({ status: "accepted" });
    expect(engine.captured("exporter:debug")).toHaveLength(1);
  });

  it("answers 503 over OTLP/HTTP while refusing, and keeps serving", async () => {
    let used = 95 * MIB;
    const engine = new Engine(graphFromAlloy(alloyConfig("100MiB", "10MiB").replace('"1h"', '"5ms"'), { env: {} }), { live: true, memoryUsage: () => used, log: () => undefined });
    const server = await startServer({ engine, port: 0 });
    const post = () => fetch(`${server.url}/v1/traces`, { method: "POST", body: encodeExportRequest(traces()), headers: { "content-type": "application/x-protobuf" } });
    const refused = await post();
    expect(refused.status).toBe(503);
    expect(await refused.json()).toEqual({ code: 14, message: "data refused due to high memory usage" });
    used = 10 * MIB;
    // The next check (5 ms) sees the pressure gone.
    let status = 0;
    for (let i = 0; i < 200 && status !== 200; i++) {
      await new Promise((r) => setTimeout(r, 5));
      status = (await post()).status;
    }
    expect(status).toBe(200);
    await server.close();
    expect(server.stats.refused).toBeGreaterThanOrEqual(1);
    expect(server.stats.accepted).toBe(1);
  });
});
