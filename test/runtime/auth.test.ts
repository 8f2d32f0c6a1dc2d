/**
 * Authenticators on real loopback sockets: receivers refuse requests without the configured credentials (HTTP
 * 401, gRPC UNAUTHENTICATED) and take those with them; exporters send the credentials they are configured with;
 * an authenticator the runtime does not model stops start-up; no credential appears in what is logged.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { Engine, encodeExportRequest, graphFromAlloy, graphFromCollectorYaml, startServer, type Graph } from "@alloy-ts/runtime-lite";
import { bundle, haveBundle } from "./support/alloy-process.js";
import { spansNamed, traceClient } from "./support/grpc-client.js";

const dir = mkdtempSync(path.join(os.tmpdir(), "alloy-auth-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SECRET = "s3cr3t-passw0rd";
const TOKEN = "t0k3n-value";

function start(graph: Graph, logs: string[] = [], grpc = true) {
  expect(graph.diagnostics).toEqual([]);
  const engine = new Engine(graph, { live: true, log: (l) => logs.push(l) });
  expect(engine.diagnostics).toEqual([]);
  return startServer({ engine, port: 0, grpcAddress: grpc ? "127.0.0.1:0" : undefined });
}

const spansIn = (file: string) => {
  try {
    return readFileSync(file, "utf8").trim().split("\n").filter(Boolean).flatMap((l) => JSON.parse(l).resourceSpans.flatMap((r: any) => r.scopeSpans.flatMap((s: any) => s.spans.map((x: any) => x.name))));
  } catch {
    return [];
  }
};

const receiverYaml = (out: string) => `
extensions:
  basicauth/server:
    htpasswd:
      inline: |
        alice:${SECRET}
  bearertokenauth/server:
    token: ${TOKEN}
receivers:
  otlp:
    protocols:
      http:
        auth: { authenticator: basicauth/server }
      grpc:
        auth: { authenticator: bearertokenauth/server }
exporters:
  file: { path: ${out} }
service:
  extensions: [basicauth/server, bearertokenauth/server]
  pipelines:
    traces: { receivers: [otlp], exporters: [file] }
`;

const post = (url: string, headers: Record<string, string> = {}) =>
  fetch(`${url}/v1/traces`, { method: "POST", body: Buffer.from(encodeExportRequest(spansNamed(["over-http"]))), headers: { "content-type": "application/x-protobuf", ...headers } });

describe("receiver authentication", () => {
  it("refuses HTTP without basic credentials and gRPC without the bearer token", async () => {
    const out = path.join(dir, "receiver.jsonl");
    const server = await start(graphFromCollectorYaml(receiverYaml(out)));
    const basic = (user: string, pass: string) => ({ authorization: `Basic ${Buffer.from(`${user}:${pass}`).toString("base64")}` });
    expect((await post(server.url)).status).toBe(401);
    expect((await post(server.url, basic("alice", "wrong"))).status).toBe(401);
    expect((await post(server.url, { authorization: `Bearer ${TOKEN}` })).status).toBe(401);
    expect((await post(server.url, basic("alice", SECRET))).status).toBe(200);

    const client = traceClient(server.grpcAddress!);
    expect((await client.send(spansNamed(["no-token"]))).code).toBe(16);
    expect((await client.send(spansNamed(["bad-token"]), { authorization: "Bearer nope" })).code).toBe(16);
    expect((await client.send(spansNamed(["over-grpc"]), { authorization: `Bearer ${TOKEN}` })).code).toBe(0);
    client.close();
    await server.close();
    expect(spansIn(out).sort()).toEqual(["over-grpc", "over-http"]);
  });

  it("enforces otelcol.auth.basic on an Alloy receiver's grpc block", async () => {
    const out = path.join(dir, "alloy.jsonl");
    const graph = graphFromAlloy(`
otelcol.auth.basic "creds" {
  username = "bob"
  password = "${SECRET}"
}
otelcol.receiver.otlp "in" {
  grpc {
    auth = otelcol.auth.basic.creds.handler
  }
  output { traces = [otelcol.exporter.file.out.input] }
}
otelcol.exporter.file "out" {
  path = "${out}"
}
`);
    const server = await start(graph);
    const client = traceClient(server.grpcAddress!);
    expect((await client.send(spansNamed(["anon"]))).code).toBe(16);
    expect((await client.send(spansNamed(["bob"]), { authorization: `Basic ${Buffer.from(`bob:${SECRET}`).toString("base64")}` })).code).toBe(0);
    client.close();
    await server.close();
    expect(spansIn(out)).toEqual(["bob"]);
  });
});

describe("exporter credentials", () => {
  it("otlphttp sends basic auth and otlp sends the bearer token, and neither is logged", async () => {
    const out = path.join(dir, "downstream.jsonl");
    const downstream = await start(graphFromCollectorYaml(receiverYaml(out)));
    const logs: string[] = [];
    const upstream = await start(
      graphFromCollectorYaml(`
extensions:
  basicauth/client:
    client_auth: { username: alice, password: ${SECRET} }
  bearertokenauth/client:
    token: ${TOKEN}
receivers:
  otlp:
    protocols:
      grpc:
exporters:
  otlphttp:
    endpoint: ${downstream.url}
    auth: { authenticator: basicauth/client }
  otlp:
    endpoint: ${downstream.grpcAddress}
    tls: { insecure: true }
    auth: { authenticator: bearertokenauth/client }
  otlp/wrong:
    endpoint: ${downstream.grpcAddress}
    tls: { insecure: true }
    retry_on_failure: { enabled: false }
service:
  extensions: [basicauth/client, bearertokenauth/client]
  pipelines:
    traces/http: { receivers: [otlp], exporters: [otlphttp] }
    traces/grpc: { receivers: [otlp], exporters: [otlp] }
    traces/unauthenticated: { receivers: [otlp], exporters: [otlp/wrong] }
`),
      logs,
    );
    const client = traceClient(upstream.grpcAddress!);
    expect((await client.send(spansNamed(["relayed"]))).code).toBe(0);
    client.close();
    await upstream.close();
    await downstream.close();
    // Twice (one per authenticated exporter); the exporter without credentials was refused, permanently.
    expect(spansIn(out)).toEqual(["relayed", "relayed"]);
    const text = logs.join("\n");
    expect(text).toMatch(/otlp\/wrong.*UNAUTHENTICATED.*dropped_items: 1/);
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(TOKEN);
  });
});

describe.skipIf(!haveBundle)("alloy run with an authenticator it does not model", () => {
  const run = (yaml: string) => {
    const file = path.join(dir, `unmodelled-${Math.random().toString(36).slice(2)}.yaml`);
    writeFileSync(file, yaml);
    return spawnSync(process.execPath, [bundle, "run", file, "--listen", "127.0.0.1:0", "--grpc-listen", "127.0.0.1:0"], { encoding: "utf8", timeout: 20_000 });
  };
  it("refuses to start for an exporter's oauth2client", () => {
    const r = run(`
extensions:
  oauth2client: { client_id: id, client_secret: ${SECRET}, token_url: http://127.0.0.1:1/token }
receivers:
  otlp: { protocols: { grpc: } }
exporters:
  otlp: { endpoint: 127.0.0.1:1, auth: { authenticator: oauth2client } }
service:
  extensions: [oauth2client]
  pipelines: { traces: { receivers: [otlp], exporters: [otlp] } }
`);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('authenticator "oauth2client" (oauth2client) is not modelled');
    expect(r.stderr).not.toContain(SECRET);
  });
  it("refuses to start for a receiver's oidc and for an authenticator not listed in service.extensions", () => {
    const oidc = run(`
extensions:
  oidc: { issuer_url: http://127.0.0.1:1, audience: x }
receivers:
  otlp: { protocols: { grpc: { auth: { authenticator: oidc } } } }
exporters:
  debug:
service:
  extensions: [oidc]
  pipelines: { traces: { receivers: [otlp], exporters: [debug] } }
`);
    expect(oidc.status).toBe(1);
    expect(oidc.stderr).toContain('authenticator "oidc" (oidc) cannot authenticate requests');
    const unlisted = run(`
extensions:
  bearertokenauth: { token: x }
receivers:
  otlp: { protocols: { http: { auth: { authenticator: bearertokenauth } } } }
exporters:
  debug:
service:
  pipelines: { traces: { receivers: [otlp], exporters: [debug] } }
`);
    expect(unlisted.status).toBe(1);
    expect(unlisted.stderr).toContain("not listed in service.extensions");
  });
});
