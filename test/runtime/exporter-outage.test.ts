/**
 * The exporter helper under a downstream outage, over OTLP/gRPC between two `alloy run` processes: the second
 * is stopped for 5 s and restarted on the same port while the first is under load. With the default queue every
 * span acknowledged to the client arrives exactly once; with a queue too small and a short retry budget, what does
 * not arrive is exactly what the first logged as dropped.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { haveBundle, spansInFile, startAlloyRun, type AlloyProcess } from "./support/alloy-process.js";
import { freePort, spansNamed, traceClient } from "./support/grpc-client.js";

const dir = mkdtempSync(path.join(os.tmpdir(), "alloy-outage-"));
const running: AlloyProcess[] = [];
afterAll(() => {
  for (const p of running) if (p.child.exitCode === null) p.child.kill("SIGKILL");
  rmSync(dir, { recursive: true, force: true });
});

const SECOND = `receivers:
  otlp:
    protocols:
      grpc:
exporters:
  file:
    path: \${env:OUTPUT}
service:
  pipelines:
    traces: { receivers: [otlp], exporters: [file] }
`;

function first(queue: string, retry: string): string {
  return `receivers:
  otlp:
    protocols:
      grpc:
exporters:
  otlp:
    endpoint: \${env:DOWNSTREAM}
    tls: { insecure: true }
    timeout: 1s
    sending_queue: ${queue}
    retry_on_failure: ${retry}
service:
  pipelines:
    traces: { receivers: [otlp], exporters: [otlp] }
`;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function outage(name: string, queue: string, retry: string) {
  const output = path.join(dir, `${name}.jsonl`);
  const port = await freePort();
  const secondFile = path.join(dir, `${name}-second.yaml`);
  const firstFile = path.join(dir, `${name}-first.yaml`);
  writeFileSync(secondFile, SECOND);
  writeFileSync(firstFile, first(queue, retry));
  const startSecond = async () => {
    const p = await startAlloyRun(secondFile, { OUTPUT: output }, ["--grpc-listen", `127.0.0.1:${port}`], true);
    running.push(p);
    return p;
  };
  let second = await startSecond();
  const upstream = await startAlloyRun(firstFile, { DOWNSTREAM: `127.0.0.1:${port}` }, [], true);
  running.push(upstream);
  const client = traceClient(upstream.grpc!);
  const acknowledged = new Set<string>();
  let n = 0;
  let sending = true;
  const load = (async () => {
    while (sending) {
      const names = Array.from({ length: 10 }, () => `span-${n++}`);
      const r = await client.send(spansNamed(names));
      if (r.code === 0) for (const s of names) acknowledged.add(s);
      await sleep(20);
    }
  })();
  await sleep(700);
  expect(await second.stop()).toBe(0);
  await sleep(5000);
  second = await startSecond();
  await sleep(700);
  sending = false;
  await load;
  client.close();
  return { output, upstream, second: () => second, acknowledged };
}

describe.skipIf(!haveBundle).concurrent("otlp exporter across a 5 s downstream outage", () => {
  it("delivers every acknowledged span exactly once with the default queue", async () => {
    const run = await outage("default", "{}", "{ initial_interval: 100ms, max_interval: 500ms, max_elapsed_time: 30s }");
    // The queue drains by retrying once gRPC has reconnected (its reconnect backoff is gRPC's own, a few seconds
    // after a 5 s outage); shutdown gives each queued request one more attempt but no retries, as the collector does.
    const end = Date.now() + 20_000;
    while (Date.now() < end && spansInFile(run.output).length < run.acknowledged.size) await sleep(100);
    expect(await run.upstream.stop()).toBe(0);
    expect(await run.second().stop()).toBe(0);
    const names = spansInFile(run.output).map((s) => s.span.name as string);
    expect(new Set(names).size).toBe(names.length);
    expect(run.acknowledged.size).toBeGreaterThan(500);
    expect(names.filter((s) => run.acknowledged.has(s)).length).toBe(run.acknowledged.size);
    expect(run.upstream.stderr()).toMatch(/Will retry the request after interval/);
    expect(run.upstream.stderr()).not.toMatch(/Dropping data/);
  }, 30_000);

  it("logs exactly the spans it drops when the queue is too small and the retry budget short", async () => {
    const run = await outage("small", "{ queue_size: 3, num_consumers: 1 }", "{ initial_interval: 100ms, max_interval: 200ms, max_elapsed_time: 1s }");
    expect(await run.upstream.stop()).toBe(0);
    expect(await run.second().stop()).toBe(0);
    const names = spansInFile(run.output).map((s) => s.span.name as string);
    expect(new Set(names).size).toBe(names.length);
    const delivered = names.filter((s) => run.acknowledged.has(s)).length;
    const dropped = [...run.upstream.stderr().matchAll(/Dropping data\..*dropped_items: (\d+)/g)].reduce((sum, m) => sum + Number(m[1]), 0);
    expect(dropped).toBeGreaterThan(0);
    expect(delivered + dropped).toBe(run.acknowledged.size);
  }, 30_000);
});
