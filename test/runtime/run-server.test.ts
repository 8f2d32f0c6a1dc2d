/** `alloy run`: OTLP/HTTP on loopback (ephemeral port), JSON and protobuf bodies, errors, graceful flush. */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { Engine, flatten, encodeExportRequest, decodeExportRequest, generateTelemetry, graphFromAlloy, startServer, type Telemetry } from "@alloy-ts/runtime-lite";
import { repoRoot } from "../support/shared.js";
import { bundle, haveBundle } from "./support/alloy-process.js";

const fixture = (f: string) => path.join(repoRoot, "fixtures", "telemetry", f);
const dirs: string[] = [];
const tempFile = () => {
  const d = mkdtempSync(path.join(os.tmpdir(), "alloy-run-"));
  dirs.push(d);
  return path.join(d, "out.jsonl");
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const readLines = (f: string) => (existsSync(f) ? readFileSync(f, "utf8").trim().split("\n").filter(Boolean).map((l) => JSON.parse(l)) : []);

async function startFixture(out: string, maxBodyBytes?: number) {
  const graph = graphFromAlloy(readFileSync(fixture("run-pipeline.alloy"), "utf8"), { env: { RUN_TEST_OUTPUT: out } });
  expect(graph.diagnostics).toEqual([]);
  const engine = new Engine(graph, { live: true });
  expect([...engine.unverified]).toEqual([]);
  return startServer({ engine, port: 0, maxBodyBytes });
}

describe("OTLP protobuf codec", () => {
  it("round-trips every signal of the generated set", () => {
    const set = generateTelemetry(7);
    for (const signal of ["traces", "metrics", "logs"] as const) {
      const t = { signal, data: set[signal][0] } as Telemetry;
      const back = decodeExportRequest(signal, encodeExportRequest(t));
      expect("error" in back ? back.error : undefined).toBeUndefined();
      // Compared in canonical form: protobuf has no difference between an empty list and an absent one.
      expect(flatten([back as Telemetry])).toEqual(flatten([t]));
    }
  });
  it("reports truncated input instead of throwing", () => {
    const bytes = encodeExportRequest({ signal: "traces", data: generateTelemetry().traces[0]! });
    expect(decodeExportRequest("traces", bytes.subarray(0, bytes.length - 3))).toHaveProperty("error");
  });
});

describe("alloy run server", () => {
  it("accepts JSON and protobuf, rejects bad bodies, and flushes batches on shutdown", async () => {
    const out = tempFile();
    const server = await startFixture(out, 64 * 1024);
    const post = (p: string, body: NonNullable<RequestInit["body"]>, type: string, extra: Record<string, string> = {}) =>
      fetch(`${server.url}${p}`, { method: "POST", body, headers: { "content-type": type, ...extra } });

    expect((await fetch(`${server.url}/-/healthy`)).status).toBe(200);
    expect((await fetch(`${server.url}/-/ready`)).status).toBe(200);

    const json = readFileSync(fixture("one-span.json"), "utf8");
    expect((await post("/v1/traces", json, "application/json")).status).toBe(200);
    const proto = encodeExportRequest({ signal: "logs", data: generateTelemetry().logs[0]! });
    expect((await post("/v1/logs", proto, "application/x-protobuf")).status).toBe(200);
    expect((await post("/v1/metrics", gzipSync(JSON.stringify(generateTelemetry().metrics[0]!)), "application/json", { "content-encoding": "gzip" })).status).toBe(200);

    const bad = await post("/v1/traces", "{not json", "application/json");
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ message: expect.stringMatching(/invalid JSON/) });
    const badProto = await post("/v1/traces", new Uint8Array([0x0a, 0xff, 0xff]), "application/x-protobuf");
    expect(badProto.status).toBe(400);
    expect((await post("/v1/traces", '{"resourceSpans": 5}', "application/json")).status).toBe(400);
    expect((await post("/v1/traces", "x".repeat(70 * 1024), "application/json")).status).toBe(413);
    // Still serving after errors.
    expect((await post("/v1/traces", json, "application/json")).status).toBe(200);

    // Batches are held (timeout 1h, size 100000) until shutdown flushes them.
    expect(readLines(out)).toEqual([]);
    await server.close();
    const lines = readLines(out);
    const spans = lines.flatMap((l) => (l.resourceSpans ?? []).flatMap((r: any) => r.scopeSpans.flatMap((s: any) => s.spans)));
    expect(spans).toHaveLength(2);
    expect(spans[0].attributes).toContainEqual({ key: "env", value: { stringValue: "test-1" } });
    expect(lines.some((l) => l.resourceLogs)).toBe(true);
    expect(lines.some((l) => l.resourceMetrics)).toBe(true);
    expect(server.stats).toEqual({ accepted: 4, rejected: 4, refused: 0 });
  });

  it.skipIf(!haveBundle)("runs as `alloy run` and flushes on SIGTERM", async () => {
    const out = tempFile();
    const child = spawn(process.execPath, [bundle, "run", fixture("run-pipeline.alloy"), "--listen", "127.0.0.1:0"], {
      env: { ...process.env, RUN_TEST_OUTPUT: out, RUN_TEST_ENV: "cli" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no listen line; stdout=${stdout}`)), 20_000);
      child.stdout.on("data", (d) => {
        stdout += d;
        const m = /listening on (\S+)/.exec(stdout);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      });
    });
    const res = await fetch(`${url}/v1/traces`, { method: "POST", body: encodeExportRequest({ signal: "traces", data: generateTelemetry().traces[0]! }), headers: { "content-type": "application/x-protobuf" } });
    expect(res.status).toBe(200);
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    const spans = readLines(out).flatMap((l) => l.resourceSpans.flatMap((r: any) => r.scopeSpans.flatMap((s: any) => s.spans)));
    expect(spans).toHaveLength(16);
    expect(spans[0].attributes).toContainEqual({ key: "env", value: { stringValue: "cli-1" } });
  });
});
