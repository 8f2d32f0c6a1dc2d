/**
 * `alloy run` under hostile load: bytes in flight over all requests are bounded (429 with Retry-After past the
 * bound, while small requests keep succeeding), slow bodies are cut at the request timeout, malformed flags are
 * usage errors. Real sockets on 127.0.0.1.
 */
import { spawnSync } from "node:child_process";
import { connect, type Socket } from "node:net";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { Engine, encodeExportRequest, graphFromCollectorYaml, startServer } from "@alloy-ts/runtime-lite";
import { repoRoot } from "../support/shared.js";
import { bundle, haveBundle } from "./support/alloy-process.js";
import { spansNamed } from "./support/grpc-client.js";

const YAML = `receivers:
  otlp: { protocols: { http: } }
exporters:
  nop:
service:
  pipelines: { traces: { receivers: [otlp], exporters: [nop] } }
`;

/** Opens a raw request declaring `length` body bytes and sends `sent` of them; resolves with the socket and what it read. */
function partialUpload(port: number, length: number, sent: number): Promise<{ socket: Socket; response: () => string }> {
  return new Promise((resolve, reject) => {
    let data = "";
    const socket = connect(port, "127.0.0.1", () => {
      socket.write(`POST /v1/traces HTTP/1.1\r\nhost: x\r\ncontent-type: application/x-protobuf\r\ncontent-length: ${length}\r\n\r\n`);
      if (sent > 0) socket.write(Buffer.alloc(sent, 0x0a));
      setTimeout(() => resolve({ socket, response: () => data }), 100);
    });
    socket.on("data", (d) => (data += d));
    socket.on("error", () => undefined);
    socket.once("error", reject);
  });
}

async function until(cond: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (!cond() && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
  return cond();
}

describe("alloy run server limits", () => {
  it("refuses past the in-flight byte bound with 429 and Retry-After, and serves small requests meanwhile", async () => {
    const engine = new Engine(graphFromCollectorYaml(YAML), { live: true });
    const server = await startServer({ engine, port: 0, maxBodyBytes: 1024 * 1024, maxInflightBytes: 1536 * 1024 });
    const uploads = [await partialUpload(server.port, 1000_000, 600_000), await partialUpload(server.port, 1000_000, 600_000)];
    // A third large upload would take the total past the bound: refused before its body is read.
    const third = await partialUpload(server.port, 1000_000, 0);
    expect(await until(() => third.response().includes("\r\n\r\n"), 2000)).toBe(true);
    expect(third.response()).toMatch(/^HTTP\/1\.1 429/);
    expect(third.response().toLowerCase()).toContain("retry-after: 1");
    const small = await fetch(`${server.url}/v1/traces`, { method: "POST", body: Buffer.from(encodeExportRequest(spansNamed(["small"]))), headers: { "content-type": "application/x-protobuf" } });
    expect(small.status).toBe(200);
    for (const u of [...uploads, third]) u.socket.destroy();
    await server.close();
  });

  it("answers a body that stops arriving with 408 at the request timeout and closes the connection", async () => {
    const engine = new Engine(graphFromCollectorYaml(YAML), { live: true });
    const server = await startServer({ engine, port: 0, requestTimeoutMs: 400 });
    const slow = await partialUpload(server.port, 10_000, 100);
    let closed = false;
    slow.socket.on("close", () => (closed = true));
    expect(await until(() => closed, 3000)).toBe(true);
    expect(slow.response()).toMatch(/^HTTP\/1\.1 408/);
    await server.close();
  });
});

describe("alloy run OTLP/JSON checks", () => {
  it("answers 400 naming the field for a mistyped OTLP/JSON body", async () => {
    const engine = new Engine(graphFromCollectorYaml(YAML), { live: true });
    const server = await startServer({ engine, port: 0 });
    const body = JSON.stringify({ resourceSpans: [{ scopeSpans: [{ spans: [{ traceId: 123, spanId: [], name: {} }] }] }] });
    const r = await fetch(`${server.url}/v1/traces`, { method: "POST", body, headers: { "content-type": "application/json" } });
    expect(r.status).toBe(400);
    expect(await r.json()).toEqual({ code: 3, message: "resourceSpans[0].scopeSpans[0].spans[0].traceId: expected a hex string, got number 123" });
    await server.close();
  });
});

describe.skipIf(!haveBundle)("alloy run flags", () => {
  const config = path.join(repoRoot, "fixtures", "telemetry", "run-pipeline.alloy");
  for (const [flag, value] of [
    ["--max-body-size", "abc"],
    ["--max-body-size", "0"],
    ["--max-inflight-bytes", "1e9"],
    ["--request-timeout", "-5"],
    ["--listen", "nowhere"],
    ["--grpc-listen", "127.0.0.1:99999"],
  ] as const) {
    it(`rejects ${flag} ${value}`, () => {
      const r = spawnSync(process.execPath, [bundle, "run", config, flag, value], { encoding: "utf8", timeout: 20_000, env: { ...process.env, RUN_TEST_OUTPUT: "/dev/null" } });
      expect(r.status).toBe(1);
      expect(r.stderr).toContain(`invalid value "${value}" for ${flag}`);
      expect(r.stdout).not.toContain("listening");
    });
  }
});
