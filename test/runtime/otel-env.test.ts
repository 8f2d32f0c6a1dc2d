/** `alloy run` honours OTEL_RESOURCE_ATTRIBUTES through the env resource detector, and rejects a malformed value. */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { encodeExportRequest } from "@alloy-ts/runtime-lite";
import { attr, bundle, haveBundle, spansInFile, startAlloyRun } from "./support/alloy-process.js";
import { spansNamed } from "./support/grpc-client.js";

const dir = mkdtempSync(path.join(os.tmpdir(), "alloy-env-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const out = path.join(dir, "out.jsonl");
const config = path.join(dir, "env.yaml");
writeFileSync(
  config,
  `receivers:
  otlp: { protocols: { http: } }
processors:
  resourcedetection: { detectors: [env], override: false }
exporters:
  file: { path: ${out} }
service:
  pipelines: { traces: { receivers: [otlp], processors: [resourcedetection], exporters: [file] } }
`,
);

describe.skipIf(!haveBundle)("OTEL_RESOURCE_ATTRIBUTES", () => {
  it("adds the decoded attributes where the env detector is listed", async () => {
    const p = await startAlloyRun(config, { OTEL_RESOURCE_ATTRIBUTES: "deployment.environment=prod, team=a%20b,service.name=ignored" });
    const r = await fetch(`${p.url}/v1/traces`, { method: "POST", body: Buffer.from(encodeExportRequest(spansNamed(["x"]))), headers: { "content-type": "application/x-protobuf" } });
    expect(r.status).toBe(200);
    expect(await p.stop()).toBe(0);
    const { resource } = spansInFile(out)[0]!;
    expect(attr(resource.attributes, "deployment.environment")).toBe("prod");
    expect(attr(resource.attributes, "team")).toBe("a b");
    // override: false keeps what the span's resource already had.
    expect(attr(resource.attributes, "service.name")).toBe("grpc-test-client");
  }, 20_000);

  it("refuses to start on a malformed value", () => {
    const r = spawnSync(process.execPath, [bundle, "run", config, "--listen", "127.0.0.1:0"], { encoding: "utf8", timeout: 20_000, env: { ...process.env, OTEL_RESOURCE_ATTRIBUTES: "novalue" } });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('OTEL_RESOURCE_ATTRIBUTES: invalid resource format in attribute: "novalue"');
  });
});
