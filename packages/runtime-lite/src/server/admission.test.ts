/** The OTLP/HTTP server refuses before reading a body while memory_limiter is over its soft limit. */
import { describe, expect, it } from "vitest";
import { Engine } from "../engine.js";
import { graphFromCollectorYaml } from "../graph/yaml-graph.js";
import { startServer } from "./server.js";

const MIB = 1024 * 1024;
const config = `
receivers: {otlp: {protocols: {http: {}}}}
processors: {memory_limiter: {check_interval: 1h, limit_mib: 100, spike_limit_mib: 10}}
exporters: {nop: {}}
service: {pipelines: {traces: {receivers: [otlp], processors: [memory_limiter], exporters: [nop]}}}
`;

describe("admission before the body is read", () => {
  it("answers 503 to a body it never decodes, then accepts as soon as a reading is under the soft limit", async () => {
    let used = 95 * MIB;
    const engine = new Engine(graphFromCollectorYaml(config, { env: {} }), { live: true, memoryUsage: () => used, log: () => undefined });
    expect(engine.refusal("receiver:otlp", "traces")).toBe("data refused due to high memory usage");
    const server = await startServer({ engine, port: 0 });
    // Not a valid protobuf body: were it decoded, the answer would be 400.
    const garbage = new Uint8Array(64 * 1024).fill(0xff);
    const post = () => fetch(`${server.url}/v1/traces`, { method: "POST", body: garbage, headers: { "content-type": "application/x-protobuf" } });
    const refused = await post();
    expect(refused.status).toBe(503);
    expect(await refused.json()).toEqual({ code: 14, message: "data refused due to high memory usage" });
    // No wait for the hour-long check interval: every admission question takes a fresh reading.
    used = 10 * MIB;
    expect(engine.refusal("receiver:otlp", "traces")).toBeUndefined();
    expect((await post()).status).toBe(400);
    await server.close();
    expect(server.stats).toEqual({ accepted: 0, rejected: 1, refused: 1 });
  });
});
