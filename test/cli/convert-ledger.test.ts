/** `alloy convert` on success: diagnostics on stderr, the settings ledger in the report, --strict, run flags. */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cliBuilt, runAlloy } from "../support/cli.js";

const YAML = `receivers:
  otlp:
    protocols:
      grpc:
        endpoint: 0.0.0.0:4317
        bogus_key: 1
exporters:
  debug:
service:
  pipelines:
    traces:
      receivers: [otlp]
      exporters: [debug]
`;

describe.skipIf(!cliBuilt)("alloy convert and the settings ledger", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "alloy-ledger-"));
  const file = path.join(dir, "collector.yaml");
  writeFileSync(file, YAML);

  it("prints what it did not carry, at its position, and the flags the output needs", () => {
    const r = runAlloy(["convert", "--source-format=otelcol", file]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('otelcol.receiver.otlp "default"');
    expect(r.stderr).toContain(`(Warning) receiver/otlp: setting "protocols.grpc.bogus_key" is not carried`);
    expect(r.stderr).toContain(`(at ${file}:6:9)`);
    expect(r.stderr).toContain("(Warning) 1 setting not carried: receiver/otlp protocols.grpc.bogus_key");
    expect(r.stderr).toContain("(Info) the converted file needs Alloy's command-line flags: --stability.level=experimental");
  });

  it("lists every setting's fate in the report file", () => {
    const report = path.join(dir, "report.txt");
    expect(runAlloy(["convert", "--source-format=otelcol", "-r", report, file]).code).toBe(0);
    const text = readFileSync(report, "utf8");
    expect(text).toContain("Settings of the input:");
    expect(text).toContain("receiver/otlp protocols.grpc.bogus_key");
    expect(text).toMatch(/receiver\/otlp protocols\.grpc\.endpoint \(at .*:5:9\): (carried|default) /);
  });

  it("fails under --strict and writes nothing", () => {
    const out = path.join(dir, "out.alloy");
    const r = runAlloy(["convert", "--source-format=otelcol", "--strict", "-o", out, file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("(Error) receiver/otlp: setting \"protocols.grpc.bogus_key\" is not carried");
    expect(() => readFileSync(out)).toThrow();
  });

  it("keeps upstream's silence under --compat=upstream", () => {
    const r = runAlloy(["convert", "--source-format=otelcol", "--compat=upstream", file]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
  });
});
