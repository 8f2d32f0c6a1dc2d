/**
 * Bounded loopback load across a shutdown: several senders post OTLP protobuf to `alloy run` while it receives
 * SIGTERM. Every span whose request got a 200 must be in the file exporter's output (batches flushed on
 * shutdown); requests refused or cut off during shutdown are the client's to retry and are not counted.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { Telemetry } from "@alloy-ts/runtime-lite";
import { repoRoot } from "../support/shared.js";
import { attr, haveBundle, identifiedRequest as request, spansInFile, startAlloyRun, type AlloyProcess } from "./support/alloy-process.js";

const dir = mkdtempSync(path.join(os.tmpdir(), "alloy-load-"));
const running: AlloyProcess[] = [];
afterAll(() => {
  for (const p of running) if (p.child.exitCode === null) p.child.kill("SIGKILL");
  rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!haveBundle)("alloy run under load across SIGTERM", () => {
  it("loses no span that was acknowledged with 200", async () => {
    const output = path.join(dir, "load.jsonl");
    const proc = await startAlloyRun(path.join(repoRoot, "fixtures", "telemetry", "shutdown-load.alloy"), { LOAD_OUTPUT: output });
    running.push(proc);
    const SENDERS = 6;
    const SPANS = 20;
    const MAX_REQUESTS = 400; // per sender: bounds the test even if the signal were never delivered
    const acknowledged = new Set<string>();
    const statuses = new Map<string, number>();
    let ok = 0;
    let signalled = false;
    const exited = (async () => {
      while (ok < 60) await new Promise((r) => setTimeout(r, 2));
      signalled = true;
      return proc.stop("SIGTERM");
    })();
    const sender = async (s: number) => {
      for (let seq = 0; seq < MAX_REQUESTS; seq++) {
        const { body, ids } = request(s, seq, SPANS);
        let status: string;
        try {
          const res = await fetch(`${proc.url}/v1/traces`, { method: "POST", body, headers: { "content-type": "application/x-protobuf" } });
          await res.arrayBuffer();
          status = String(res.status);
          if (res.status === 200) {
            ok++;
            for (const id of ids) acknowledged.add(id);
          }
        } catch {
          status = "connection error";
        }
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        if (signalled && status !== "200") return; // the server is going away
      }
    };
    await Promise.all(Array.from({ length: SENDERS }, (_, s) => sender(s)));
    expect(await exited).toBe(0);

    const received = spansInFile(output);
    const inFile = new Set(received.map((r) => r.span.spanId));
    const lost = [...acknowledged].filter((id) => !inFile.has(id));
    const summary = JSON.stringify({ acknowledged: acknowledged.size, inFile: inFile.size, statuses: Object.fromEntries(statuses) });
    expect(lost, summary).toEqual([]);
    expect(acknowledged.size, summary).toBeGreaterThanOrEqual(60 * SPANS);
    expect(received.length, "no span is written twice").toBe(inFile.size);
    expect(received.every((r) => attr(r.span.attributes, "load.stage") === "accepted")).toBe(true);
    // Shutdown cut the senders off before they finished.
    expect(acknowledged.size, summary).toBeLessThan(SENDERS * MAX_REQUESTS * SPANS);
    console.log(`shutdown under load: ${summary}`);
  }, 60_000);
});

describe("engine shutdown", () => {
  it("takes no payload once shutdown has begun, and says so", async () => {
    const { Engine, graphFromAlloy, generateTelemetry } = await import("@alloy-ts/runtime-lite");
    const engine = new Engine(graphFromAlloy(readFileSync(path.join(repoRoot, "fixtures", "telemetry", "shutdown-load.alloy"), "utf8"), { env: { LOAD_OUTPUT: path.join(dir, "unused.jsonl") } }), { live: true });
    const t = (): Telemetry => ({ signal: "traces", data: structuredClone(generateTelemetry().traces[0]!) });
    expect(engine.accept("otelcol.receiver.otlp.default", t())).toEqual({ status: "accepted" });
    expect(engine.accept("otelcol.receiver.otlp.default", { signal: "logs", data: { resourceLogs: [] } })).toEqual({ status: "unwired" });
    const done = engine.shutdown();
    expect(engine.accept("otelcol.receiver.otlp.default", t())).toEqual({ status: "stopped" });
    await done;
    expect(spansInFile(path.join(dir, "unused.jsonl"))).toHaveLength(16);
  });
});
