/**
 * A real client: the OpenTelemetry JS SDK (sdk-trace-base + exporter-trace-otlp-proto) sends spans to one
 * `alloy run`, which relays them through `otlphttp` to a second `alloy run` that writes a file. Every span must
 * arrive once, with both hops' processors applied. Loopback only, ephemeral ports.
 */
import { createRequire } from "node:module";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { repoRoot } from "../support/shared.js";
import { attr, haveBundle, spansInFile, startAlloyRun, type AlloyProcess } from "./support/alloy-process.js";

// The SDK is a devDependency of runtime-lite, so it resolves from that package.
const requireSdk = createRequire(path.join(repoRoot, "packages", "runtime-lite", "package.json"));
const { BasicTracerProvider, BatchSpanProcessor } = requireSdk("@opentelemetry/sdk-trace-base");
const { OTLPTraceExporter } = requireSdk("@opentelemetry/exporter-trace-otlp-proto");
const { resourceFromAttributes } = requireSdk("@opentelemetry/resources");
const { trace, context } = requireSdk("@opentelemetry/api");

const fixture = (f: string) => path.join(repoRoot, "fixtures", "telemetry", f);
const dir = mkdtempSync(path.join(os.tmpdir(), "alloy-sdk-"));
const running: AlloyProcess[] = [];
afterAll(() => {
  for (const p of running) if (p.child.exitCode === null) p.child.kill("SIGKILL");
  rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!haveBundle)("OpenTelemetry JS SDK → alloy run → otlphttp → alloy run → file", () => {
  it("delivers every span once with the processors' changes", async () => {
    const output = path.join(dir, "spans.jsonl");
    const second = await startAlloyRun(fixture("relay-second.yaml"), { RELAY_OUTPUT: output });
    running.push(second);
    const first = await startAlloyRun(fixture("relay-first.alloy"), { RELAY_DOWNSTREAM: second.url });
    running.push(first);

    // Wrap the exporter to record the SDK's own view of each export's result.
    const otlp = new OTLPTraceExporter({ url: `${first.url}/v1/traces` });
    const results: { code: number; error?: Error; spans: number }[] = [];
    const exporter = {
      export: (spans: unknown[], done: (r: { code: number; error?: Error }) => void) =>
        otlp.export(spans, (r: { code: number; error?: Error }) => {
          results.push({ ...r, spans: spans.length });
          done(r);
        }),
      shutdown: () => otlp.shutdown(),
      forceFlush: () => otlp.forceFlush(),
    };
    const provider = new BasicTracerProvider({
      resource: resourceFromAttributes({ "service.name": "sdk-client-test" }),
      spanProcessors: [new BatchSpanProcessor(exporter, { maxExportBatchSize: 100, scheduledDelayMillis: 5, maxQueueSize: 10_000 })],
    });
    const tracer = provider.getTracer("runtime-lite-test", "1.0.0");
    const TRACES = 50;
    const PER_TRACE = 10;
    const sent = new Map<string, { traceId: string; name: string; i: number }>();
    for (let t = 0; t < TRACES; t++) {
      const root = tracer.startSpan(`request-${t}`, { attributes: { i: t * PER_TRACE, "client.secret": "hunter2" } });
      const parentCtx = trace.setSpan(context.active(), root);
      const spans = [root];
      for (let c = 1; c < PER_TRACE; c++) spans.push(tracer.startSpan(`step-${c}`, { attributes: { i: t * PER_TRACE + c, "client.secret": "hunter2" } }, parentCtx));
      spans.forEach((s, c) => {
        const sc = s.spanContext();
        sent.set(sc.spanId, { traceId: sc.traceId, name: c === 0 ? `request-${t}` : `step-${c}`, i: t * PER_TRACE + c });
      });
      for (const s of spans.reverse()) s.end();
    }
    await provider.forceFlush();
    await provider.shutdown();
    expect(results.every((r) => r.code === 0), JSON.stringify(results.filter((r) => r.code !== 0))).toBe(true);
    expect(results.reduce((n, r) => n + r.spans, 0)).toBe(TRACES * PER_TRACE);

    // SIGTERM flushes the first hop's batch through otlphttp before it exits; then the sink stops.
    expect(await first.stop()).toBe(0);
    expect(await second.stop()).toBe(0);
    expect(first.stderr()).not.toMatch(/export failed/);

    const received = spansInFile(output);
    expect(received).toHaveLength(TRACES * PER_TRACE);
    const seen = new Set<string>();
    for (const { resource, span } of received) {
      const want = sent.get(span.spanId);
      expect(want, `unexpected span ${span.spanId}`).toBeDefined();
      expect(seen.has(span.spanId)).toBe(false);
      seen.add(span.spanId);
      expect(span.traceId).toBe(want!.traceId);
      expect(span.name).toBe(want!.name);
      expect(attr(span.attributes, "i")).toBe(String(want!.i)); // intValue, as a JSON string
      expect(attr(span.attributes, "relay.hop")).toBe("first");
      expect(attr(span.attributes, "client.secret")).toBeUndefined();
      expect(attr(resource.attributes, "service.name")).toBe("sdk-client-test");
      expect(attr(resource.attributes, "relay.sink")).toBe("second");
    }
    expect(seen.size).toBe(sent.size);
  }, 60_000);
});
