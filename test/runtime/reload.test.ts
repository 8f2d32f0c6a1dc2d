/**
 * `alloy run` reloads its configuration under load: an edit that adds a processor swaps the graph, a broken file
 * leaves the previous graph running with `/-/ready` saying why, SIGHUP and `POST /-/reload` reload too, and no
 * span acknowledged with 200 is lost or duplicated across the swaps.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { encodeExportRequest } from "@alloy-ts/runtime-lite";
import { attr, haveBundle, spansInFile, startAlloyRun, type AlloyProcess } from "./support/alloy-process.js";
import { spansNamed } from "./support/grpc-client.js";

const dir = mkdtempSync(path.join(os.tmpdir(), "alloy-reload-"));
const running: AlloyProcess[] = [];
afterAll(() => {
  for (const p of running) if (p.child.exitCode === null) p.child.kill("SIGKILL");
  rmSync(dir, { recursive: true, force: true });
});

const config = (out: string, stage?: string) => `receivers:
  otlp:
    protocols:
      http:
processors:
  batch:
    timeout: 200ms
  attributes:
    actions:
      - { key: stage, value: ${stage ?? "one"}, action: insert }
exporters:
  file:
    path: ${out}
service:
  pipelines:
    traces:
      receivers: [otlp]
      processors: [${stage ? "batch, attributes" : "batch"}]
      exporters: [file]
`;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(cond: () => boolean, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

describe.skipIf(!haveBundle)("alloy run configuration reload", () => {
  it("swaps graphs under load without losing acknowledged spans, and keeps the old graph on a broken file", async () => {
    const out = path.join(dir, "out.jsonl");
    const file = path.join(dir, "config.yaml");
    writeFileSync(file, config(out));
    const p = await startAlloyRun(file, {});
    running.push(p);
    const acknowledged = new Set<string>();
    let n = 0;
    let sending = true;
    const load = (async () => {
      while (sending) {
        const names = Array.from({ length: 5 }, () => `span-${n++}`);
        const r = await fetch(`${p.url}/v1/traces`, { method: "POST", body: Buffer.from(encodeExportRequest(spansNamed(names))), headers: { "content-type": "application/x-protobuf" } }).catch(() => undefined);
        if (r?.status === 200) for (const s of names) acknowledged.add(s);
        await sleep(5);
      }
    })();

    await sleep(300);
    writeFileSync(file, config(out, "two"));
    await until(() => /configuration reloaded \(file changed\)/.test(p.stderr()), 5000, "the reload");
    const afterFirstReload = n;
    await sleep(400);

    writeFileSync(file, "receivers: [\n");
    await until(() => /configuration reload failed \(file changed\)/.test(p.stderr()), 5000, "the failed reload");
    const ready = await fetch(`${p.url}/-/ready`);
    expect(ready.status).toBe(503);
    expect(await ready.text()).toMatch(/previous configuration keeps running: cannot parse YAML/);
    const reload = await fetch(`${p.url}/-/reload`, { method: "POST" });
    expect(reload.status).toBe(400);
    p.child.kill("SIGHUP");
    await until(() => /configuration reload failed \(SIGHUP\)/.test(p.stderr()), 5000, "the SIGHUP reload");
    await sleep(300);

    writeFileSync(file, config(out, "three"));
    await until(() => /configuration reloaded/.test(p.stderr().split("reload failed (SIGHUP)")[1] ?? ""), 5000, "the reload after the fix");
    expect((await fetch(`${p.url}/-/ready`)).status).toBe(200);
    expect((await fetch(`${p.url}/-/reload`, { method: "POST" })).status).toBe(200);
    await sleep(300);
    sending = false;
    await load;
    expect(await p.stop()).toBe(0);

    const spans = spansInFile(out);
    const names = spans.map((s) => s.span.name as string);
    expect(new Set(names).size).toBe(names.length);
    expect(names.filter((s) => acknowledged.has(s)).length).toBe(acknowledged.size);
    expect(acknowledged.size).toBeGreaterThan(100);
    const stages = new Set(spans.map((s) => attr(s.span.attributes, "stage")));
    // The first graph had no attributes processor; the broken file left "two" running until "three" loaded.
    expect(stages).toEqual(new Set([undefined, "two", "three"]));
    const late = spans.filter((s) => Number(String(s.span.name).slice(5)) > afterFirstReload + 50);
    expect(late.every((s) => attr(s.span.attributes, "stage") !== undefined)).toBe(true);
  }, 30_000);
});
