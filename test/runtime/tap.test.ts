/** `alloy run --tap`: per-component counts and the last payloads at /-/tap, as JSON and text, and on exit. */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { encodeExportRequest, type ComponentTap, type TracesData } from "@alloy-ts/runtime-lite";
import { haveBundle, startAlloyRun, type AlloyProcess } from "./support/alloy-process.js";
import { spansNamed } from "./support/grpc-client.js";

const dir = mkdtempSync(path.join(os.tmpdir(), "alloy-tap-"));
const running: AlloyProcess[] = [];
afterAll(() => {
  for (const p of running) if (p.child.exitCode === null) p.child.kill("SIGKILL");
  rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!haveBundle)("alloy run --tap", () => {
  it("counts what each component took in and emitted and keeps the last payloads", async () => {
    const file = path.join(dir, "tap.yaml");
    writeFileSync(
      file,
      `receivers:
  otlp: { protocols: { http: } }
processors:
  filter:
    error_mode: ignore
    traces:
      span: ['name == "drop-me"']
exporters:
  nop:
service:
  pipelines: { traces: { receivers: [otlp], processors: [filter], exporters: [nop] } }
`,
    );
    const p = await startAlloyRun(file, {}, ["--tap", "--tap-items", "2"]);
    running.push(p);
    for (const names of [["a", "drop-me"], ["b"], ["c", "d"]]) {
      const r = await fetch(`${p.url}/v1/traces`, { method: "POST", body: Buffer.from(encodeExportRequest(spansNamed(names))), headers: { "content-type": "application/x-protobuf" } });
      expect(r.status).toBe(200);
    }
    const tap = (await (await fetch(`${p.url}/-/tap`)).json()) as Record<string, ComponentTap>;
    expect(tap["receiver:otlp"]?.counts.traces).toEqual({ in: 5, out: 5, refused: 0 });
    expect(tap["traces/processor:filter"]?.counts.traces).toEqual({ in: 5, out: 4, refused: 0 });
    expect(tap["exporter:nop"]?.counts.traces?.in).toBe(4);
    const last = tap["exporter:nop"]?.last ?? [];
    expect(last).toHaveLength(2);
    expect(last.map((x) => (x.data as TracesData).resourceSpans[0]?.scopeSpans[0]?.spans.map((s) => s.name))).toEqual([["b"], ["c", "d"]]);
    const text = await (await fetch(`${p.url}/-/tap?format=text`)).text();
    expect(text).toContain("traces/processor:filter (processor filter): traces in 5 out 4");
    expect(await p.stop()).toBe(0);
    expect(p.stderr()).toContain("exporter:nop (exporter nop): traces in 4 out 0");
  }, 20_000);
});
