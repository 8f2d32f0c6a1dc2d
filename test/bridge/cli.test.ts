/** `alloy convert` with --dialect, --target and --source-format=alloy, through the built command. */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cliBuilt, runAlloy } from "../support/cli.js";
import { collectorData } from "./support.js";

const yaml = `receivers:
  otlp/in:
    protocols:
      grpc:
        endpoint: \${env:GRPC_ENDPOINT:-0.0.0.0:4317}
  prometheus:
    config:
      scrape_configs: [{ job_name: self }]
exporters:
  debug:
service:
  pipelines:
    metrics:
      receivers: [otlp/in, prometheus]
      exporters: [debug]
`;

describe.skipIf(!cliBuilt)("alloy convert between dialects (built command)", () => {
  it("converts YAML to the bridge dialect and back", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "alloy-bridge-"));
    const src = path.join(dir, "c.yaml");
    writeFileSync(src, yaml);
    const forward = runAlloy(["convert", "--source-format=otelcol", "--dialect=otel", src]);
    expect(forward.code).toBe(0);
    expect(forward.stdout).toContain('otel.receiver.prometheus "default" {');
    expect(forward.stdout).toContain('endpoint = coalesce(sys.env("GRPC_ENDPOINT"), "0.0.0.0:4317")');
    const alloyFile = path.join(dir, "c.alloy");
    writeFileSync(alloyFile, forward.stdout);
    expect(runAlloy(["validate", alloyFile]).code).toBe(0);
    const out = path.join(dir, "back.yaml");
    const back = runAlloy(["convert", "--source-format=alloy", "--target=otelcol", alloyFile, "-o", out]);
    expect(back.code).toBe(0);
    expect(collectorData(readFileSync(out, "utf8"))).toEqual(collectorData(yaml));
  });

  it("turns the bridge dialect into otelcol.* components when every type is convertible", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "alloy-bridge-"));
    const f = path.join(dir, "b.alloy");
    writeFileSync(f, 'otel.receiver.otlp "default" {\n\tprotocols {\n\t\tgrpc { }\n\t}\n}\n\notel.exporter.debug "default" { }\n\notel.pipeline "traces" {\n\treceivers = [otel.receiver.otlp.default]\n\texporters = [otel.exporter.debug.default]\n}\n');
    const r = runAlloy(["convert", "--source-format=alloy", "--target=alloy", "--dialect=otelcol", f]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("otelcol.exporter.debug.default.input");
  });

  it("rejects unknown flag values", () => {
    expect(runAlloy(["convert", "--source-format=otelcol", "--dialect=x"], { input: yaml }).stderr).toContain('invalid value "x" for --dialect');
    expect(runAlloy(["convert", "--source-format=alloy", "--target=json"], { input: "" }).stderr).toContain('invalid value "json" for --target');
  });
});
