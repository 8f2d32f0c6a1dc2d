/**
 * The exporter helper against small loopback servers that answer as told: OTLP/HTTP retries 503 after the
 * server's Retry-After and drops a 400 at once; OTLP/gRPC retries UNAVAILABLE, drops INVALID_ARGUMENT, and logs a
 * partial success with its count; gzip is what both send by default (checked on the wire for gRPC: the
 * grpc-encoding header and the compressed flag of the message frame).
 */
import { createServer as createHttp2Server } from "node:http2";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";
import { createRequire } from "node:module";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { decodeExportRequest, Engine, graphFromCollectorYaml } from "@alloy-ts/runtime-lite";
import { repoRoot } from "../support/shared.js";
import { spansNamed } from "./support/grpc-client.js";

const grpc = createRequire(path.join(repoRoot, "packages", "runtime-lite", "package.json"))("@grpc/grpc-js");

const engineFor = (exporter: string, logs: string[]) => {
  const graph = graphFromCollectorYaml(`
receivers:
  otlp: { protocols: { grpc: } }
exporters:
${exporter}
service:
  pipelines: { traces: { receivers: [otlp], exporters: [${exporter.trim().split(":")[0]}] } }
`);
  expect(graph.diagnostics).toEqual([]);
  const engine = new Engine(graph, { live: true, log: (l) => logs.push(l) });
  expect(engine.diagnostics).toEqual([]);
  return engine;
};

describe("otlphttp exporter retries", () => {
  it("waits for Retry-After on 503, sends gzip by default, and drops a 400 without retrying", async () => {
    const answers = [503, 200, 400];
    const seen: { at: number; encoding?: string; spans: number }[] = [];
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c) => chunks.push(c));
      req.on("end", () => {
        const body = req.headers["content-encoding"] === "gzip" ? gunzipSync(Buffer.concat(chunks)) : Buffer.concat(chunks);
        const t = decodeExportRequest("traces", body);
        seen.push({ at: Date.now(), encoding: req.headers["content-encoding"], spans: "error" in t || t.signal !== "traces" ? -1 : t.data.resourceSpans[0]!.scopeSpans[0]!.spans.length });
        const status = answers.shift() ?? 200;
        res.writeHead(status, status === 503 ? { "retry-after": "1" } : {}).end();
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const logs: string[] = [];
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const engine = engineFor(`  otlphttp:\n    endpoint: ${url}\n    retry_on_failure: { initial_interval: 10ms, max_interval: 20ms }\n    sending_queue: { num_consumers: 1 }`, logs);
    engine.receive("receiver:otlp", spansNamed(["a", "b"]));
    await engine.flush();
    engine.receive("receiver:otlp", spansNamed(["c"]));
    await engine.shutdown();
    server.close();
    expect(seen.map((s) => s.spans)).toEqual([2, 2, 1]);
    expect(seen.every((s) => s.encoding === "gzip")).toBe(true);
    // Retry-After: 1 s outweighs the 10 ms backoff.
    expect(seen[1]!.at - seen[0]!.at).toBeGreaterThanOrEqual(950);
    expect(logs.join("\n")).toMatch(/Will retry the request after interval\. error: HTTP 503/);
    expect(logs.join("\n")).toMatch(/Dropping data\. \(not retryable\) error: HTTP 400 .*dropped_items: 1/);
  }, 10_000);
});

describe("otlp (gRPC) exporter status handling", () => {
  it("retries UNAVAILABLE, drops INVALID_ARGUMENT and logs a partial success", async () => {
    const answers: ({ code: number } | "partial" | "ok")[] = [{ code: grpc.status.UNAVAILABLE }, "ok", { code: grpc.status.INVALID_ARGUMENT }, "partial"];
    const server = new grpc.Server();
    const identity = (b: Buffer) => b;
    server.addService(
      { Export: { path: "/opentelemetry.proto.collector.trace.v1.TraceService/Export", requestStream: false, responseStream: false, requestSerialize: identity, requestDeserialize: identity, responseSerialize: identity, responseDeserialize: identity } },
      {
        Export: (call: any, cb: any) => {
          const a = answers.shift() ?? "ok";
          // partial_success { rejected_spans: 1, error_message: "too old" }
          if (a === "partial") cb(null, Buffer.from([0x0a, 0x0b, 0x08, 0x01, 0x12, 0x07, ...Buffer.from("too old")]));
          else if (a === "ok") cb(null, Buffer.alloc(0));
          else cb({ code: a.code, details: "told to fail" });
        },
      },
    );
    const port: number = await new Promise((r, j) => server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (e: Error | null, p: number) => (e ? j(e) : r(p))));
    const logs: string[] = [];
    const engine = engineFor(`  otlp:\n    endpoint: 127.0.0.1:${port}\n    tls: { insecure: true }\n    retry_on_failure: { initial_interval: 10ms }\n    sending_queue: { num_consumers: 1 }`, logs);
    engine.receive("receiver:otlp", spansNamed(["a"]));
    await engine.flush();
    engine.receive("receiver:otlp", spansNamed(["b", "c"]));
    await engine.flush();
    engine.receive("receiver:otlp", spansNamed(["d"]));
    await engine.shutdown();
    server.forceShutdown();
    const text = logs.join("\n");
    expect(text).toMatch(/Will retry the request after interval\. error: rpc error: code = UNAVAILABLE desc = told to fail/);
    expect(text).toMatch(/Dropping data\. \(not retryable\) error: rpc error: code = INVALID_ARGUMENT desc = told to fail; dropped_items: 2/);
    expect(text).toMatch(/Partial success response; message: too old; dropped_spans: 1/);
  }, 10_000);
});

describe("otlp (gRPC) exporter compression", () => {
  for (const [setting, expected] of [["gzip", true], ["none", false]] as const) {
    it(`compression ${setting} is what goes on the wire`, async () => {
      const seen: { encoding?: string; flag: number }[] = [];
      const server = createHttp2Server((req, res) => {
        const chunks: Buffer[] = [];
        req.on("data", (c: Buffer) => chunks.push(c));
        req.on("end", () => {
          seen.push({ encoding: req.headers["grpc-encoding"] as string | undefined, flag: Buffer.concat(chunks)[0] ?? -1 });
          res.writeHead(200, { "content-type": "application/grpc" });
          res.addTrailers({ "grpc-status": "0" });
          res.end(Buffer.from([0, 0, 0, 0, 0]));
        });
      });
      await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
      const port = (server.address() as AddressInfo).port;
      const engine = engineFor(`  otlp:\n    endpoint: 127.0.0.1:${port}\n    tls: { insecure: true }\n    compression: ${setting}`, []);
      engine.receive("receiver:otlp", spansNamed(["a", "b", "c"]));
      await engine.shutdown();
      server.close();
      expect(seen).toHaveLength(1);
      expect(seen[0]!.flag).toBe(expected ? 1 : 0);
      expect(seen[0]!.encoding === "gzip").toBe(expected);
    });
  }
});
