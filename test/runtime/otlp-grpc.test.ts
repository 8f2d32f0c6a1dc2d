/**
 * OTLP/gRPC end to end with the real OpenTelemetry JS SDK: its gRPC trace, metric and log exporters send to one
 * `alloy run`, whose `otlp` exporter speaks gRPC to a second `alloy run`, which writes a file. Every item must
 * arrive once, with gzip and without, over TLS (certificates made here with openssl) and plain text.
 */
import { createRequire } from "node:module";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { repoRoot } from "../support/shared.js";
import { haveBundle, startAlloyRun, type AlloyProcess } from "./support/alloy-process.js";
import { haveOpenssl, makeCerts, type TestCerts } from "./support/certs.js";

const requireSdk = createRequire(path.join(repoRoot, "packages", "runtime-lite", "package.json"));
const grpc = requireSdk("@grpc/grpc-js");
const { BasicTracerProvider, SimpleSpanProcessor } = requireSdk("@opentelemetry/sdk-trace-base");
const { OTLPTraceExporter } = requireSdk("@opentelemetry/exporter-trace-otlp-grpc");
const { OTLPMetricExporter } = requireSdk("@opentelemetry/exporter-metrics-otlp-grpc");
const { OTLPLogExporter } = requireSdk("@opentelemetry/exporter-logs-otlp-grpc");
const { MeterProvider, PeriodicExportingMetricReader } = requireSdk("@opentelemetry/sdk-metrics");
const { LoggerProvider, SimpleLogRecordProcessor } = requireSdk("@opentelemetry/sdk-logs");
const { resourceFromAttributes } = requireSdk("@opentelemetry/resources");

const dir = mkdtempSync(path.join(os.tmpdir(), "alloy-grpc-"));
const certs: TestCerts | undefined = haveOpenssl ? makeCerts(dir) : undefined;
const running: AlloyProcess[] = [];
afterAll(() => {
  for (const p of running) if (p.child.exitCode === null) p.child.kill("SIGKILL");
  rmSync(dir, { recursive: true, force: true });
});

function firstHop(name: string, tls: boolean, gzip: boolean): string {
  const file = path.join(dir, `${name}-first.alloy`);
  const serverTls = tls ? `\n\t\ttls {\n\t\t\tcert_file = ${JSON.stringify(certs!.cert)}\n\t\t\tkey_file  = ${JSON.stringify(certs!.key)}\n\t\t}\n\t` : " ";
  const clientTls = tls ? `tls {\n\t\t\tca_file = ${JSON.stringify(certs!.ca)}\n\t\t}` : "tls {\n\t\t\tinsecure = true\n\t\t}";
  writeFileSync(
    file,
    `otelcol.receiver.otlp "in" {
\tgrpc {${serverTls}}

\toutput {
\t\ttraces  = [otelcol.processor.batch.b.input]
\t\tmetrics = [otelcol.processor.batch.b.input]
\t\tlogs    = [otelcol.processor.batch.b.input]
\t}
}

otelcol.processor.batch "b" {
\ttimeout = "20ms"

\toutput {
\t\ttraces  = [otelcol.exporter.otlp.down.input]
\t\tmetrics = [otelcol.exporter.otlp.down.input]
\t\tlogs    = [otelcol.exporter.otlp.down.input]
\t}
}

otelcol.exporter.otlp "down" {
\tclient {
\t\tendpoint    = sys.env("DOWNSTREAM")
\t\tcompression = "${gzip ? "gzip" : "none"}"
\t\t${clientTls}
\t}
}
`,
  );
  return file;
}

function secondHop(name: string, tls: boolean): string {
  const file = path.join(dir, `${name}-second.yaml`);
  const tlsBlock = tls ? `\n        tls:\n          cert_file: ${certs!.cert}\n          key_file: ${certs!.key}` : "";
  writeFileSync(
    file,
    `receivers:
  otlp:
    protocols:
      grpc:${tlsBlock || " {}"}
exporters:
  file:
    path: \${env:OUTPUT}
service:
  pipelines:
    traces: { receivers: [otlp], exporters: [file] }
    metrics: { receivers: [otlp], exporters: [file] }
    logs: { receivers: [otlp], exporters: [file] }
`,
  );
  return file;
}

/** Span names, metric names and log bodies in a file exporter's output. */
function contents(file: string): { spans: string[]; metrics: string[]; logs: string[] } {
  const out = { spans: [] as string[], metrics: [] as string[], logs: [] as string[] };
  if (!existsSync(file)) return out;
  for (const line of readFileSync(file, "utf8").split("\n")) {
    if (!line.trim()) continue;
    const doc = JSON.parse(line);
    for (const rs of doc.resourceSpans ?? []) for (const ss of rs.scopeSpans) for (const s of ss.spans) out.spans.push(s.name);
    for (const rm of doc.resourceMetrics ?? []) for (const sm of rm.scopeMetrics) for (const m of sm.metrics) out.metrics.push(m.name);
    for (const rl of doc.resourceLogs ?? []) for (const sl of rl.scopeLogs) for (const l of sl.logRecords) out.logs.push(l.body?.stringValue);
  }
  return out;
}

async function waitFor(cond: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!cond() && Date.now() < end) await new Promise((r) => setTimeout(r, 25));
}

const cases = [
  { name: "plain", tls: false, gzip: false },
  { name: "plain-gzip", tls: false, gzip: true },
  { name: "tls", tls: true, gzip: false },
  { name: "tls-gzip", tls: true, gzip: true },
];

describe.skipIf(!haveBundle)("OpenTelemetry JS SDK (OTLP/gRPC) → alloy run → otlp (gRPC) → alloy run → file", () => {
  for (const c of cases) {
    it.skipIf(c.tls && !certs)(`delivers traces, metrics and logs once (${c.name})`, async () => {
      const output = path.join(dir, `${c.name}.jsonl`);
      const second = await startAlloyRun(secondHop(c.name, c.tls), { OUTPUT: output }, [], true);
      running.push(second);
      const first = await startAlloyRun(firstHop(c.name, c.tls, c.gzip), { DOWNSTREAM: `${c.tls ? "https" : "http"}://${second.grpc}` }, [], true);
      running.push(first);

      const url = `${c.tls ? "https" : "http"}://${first.grpc}`;
      const options = { url, compression: c.gzip ? "gzip" : "none", ...(c.tls ? { credentials: grpc.credentials.createSsl(certs!.caPem) } : {}) };
      const resource = resourceFromAttributes({ "service.name": `grpc-${c.name}` });
      const results: number[] = [];
      const record = (exporter: { export: (items: unknown, cb: (r: { code: number }) => void) => void }) => {
        const original = exporter.export.bind(exporter);
        exporter.export = (items, cb) => original(items, (r) => (results.push(r.code), cb(r)));
        return exporter;
      };

      const tracer = new BasicTracerProvider({ resource, spanProcessors: [new SimpleSpanProcessor(record(new OTLPTraceExporter(options)))] });
      const t = tracer.getTracer("grpc-test");
      for (let i = 0; i < 20; i++) t.startSpan(`span-${i}`).end();
      // The SDK exports the cumulative counter on flush and again on shutdown: count what it sent.
      const metricExporter = record(new OTLPMetricExporter(options));
      let metricsSent = 0;
      const sendMetrics = metricExporter.export.bind(metricExporter);
      metricExporter.export = (rm: any, cb) => {
        metricsSent += rm.scopeMetrics.reduce((n: number, sm: any) => n + sm.metrics.length, 0);
        sendMetrics(rm, cb);
      };
      const reader = new PeriodicExportingMetricReader({ exporter: metricExporter, exportIntervalMillis: 60_000 });
      const meters = new MeterProvider({ resource, readers: [reader] });
      const counter = meters.getMeter("grpc-test").createCounter("requests");
      counter.add(3, { route: "/a" });
      const logs = new LoggerProvider({ resource, processors: [new SimpleLogRecordProcessor({ exporter: record(new OTLPLogExporter(options)) })] });
      for (let i = 0; i < 5; i++) logs.getLogger("grpc-test").emit({ body: `log-${i}` });

      await tracer.forceFlush();
      await meters.forceFlush();
      await logs.forceFlush();
      await Promise.all([tracer.shutdown(), meters.shutdown(), logs.shutdown()]);
      expect(results.length).toBeGreaterThan(0);
      expect(results.every((code) => code === 0)).toBe(true);

      await waitFor(() => {
        const got = contents(output);
        return got.spans.length >= 20 && got.metrics.length >= metricsSent && got.logs.length >= 5;
      }, 10_000);
      // SIGTERM flushes what is still queued; afterwards nothing more may arrive.
      expect(await first.stop()).toBe(0);
      expect(await second.stop()).toBe(0);
      const got = contents(output);
      expect(got.spans.sort()).toEqual(Array.from({ length: 20 }, (_, i) => `span-${i}`).sort());
      expect(metricsSent).toBeGreaterThan(0);
      expect(got.metrics).toEqual(Array(metricsSent).fill("requests"));
      expect(got.logs.sort()).toEqual(["log-0", "log-1", "log-2", "log-3", "log-4"]);
      expect(first.stderr()).not.toMatch(/failed|error/i);
    }, 30_000);
  }
});
