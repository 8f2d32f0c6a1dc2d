/** `alloy validate` and `alloy tools` through the built CLI bundle (skipped when it is not built). */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../support/shared.js";

const bin = path.join(repoRoot, "packages/cli/bin/alloy.cjs");
const run = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });

describe.skipIf(!existsSync(path.join(repoRoot, "packages/cli/dist/bundle/alloy.mjs")))("alloy validate CLI", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "alloy-validate-"));
  const good = path.join(dir, "good.alloy");
  const bad = path.join(dir, "bad.alloy");
  writeFileSync(good, 'local.file "f" {\n\tfilename = "/tmp/x"\n}\n');
  writeFileSync(bad, 'local.file "f" {\n\tfilenam = "/tmp/x"\n}\n');

  it("is silent and exits 0 for a valid file", () => {
    const r = run("validate", good);
    expect([r.status, r.stdout, r.stderr]).toEqual([0, "", ""]);
  });

  it("pretty-prints diagnostics, prints an empty stdout line and fails", () => {
    const r = run("validate", bad);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe("\n");
    expect(r.stderr.startsWith(`Error: ${bad}:2:2: unrecognized attribute name "filenam"\n\n1 | local.file "f" {\n`)).toBe(true);
    // Said once: upstream's second, timestamped line only comes with --compat=upstream.
    expect(r.stderr).toMatch(/\nError: validation failed\n$/);
    expect(r.stderr).not.toContain("collector server run finished with error");
  });

  it("validates every .alloy file of a directory", () => {
    const r = run("validate", dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`${bad}:2:2`);
  });

  it("checks flags as upstream does", () => {
    expect(run("validate").stderr).toContain("Error: accepts 1 arg(s), received 0");
    expect(run("validate", "--stability.level=x", good).stderr).toContain('Error: invalid stability level "x"');
  });

  it("emits SARIF and JSON", () => {
    const s = JSON.parse(run("validate", "--format=sarif", bad).stdout);
    expect(s.version).toBe("2.1.0");
    expect(s.runs[0].results[0].ruleId).toBe("validator/unknown-attribute");
    const j = JSON.parse(run("validate", "--format", "json", bad).stdout);
    expect(j.diagnostics[0].hint).toBe('did you mean "filename"?');
  });

  it("checks collector YAML with --source-format=otelcol", () => {
    const y = path.join(dir, "c.yaml");
    writeFileSync(y, "receivers:\n  otlp:\nexporters:\n  debug:\nservice:\n  pipelines:\n    traces:\n      receivers: [otlp]\n      exporters: [nope]\n");
    const r = run("validate", "--source-format=otelcol", y);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`Error: ${y}:9:19: service::pipelines::traces: references exporter "nope" which is not configured`);
  });

  it("reports a collector decoding failure once, at the key, and fails", () => {
    const y = path.join(dir, "endpont.yaml");
    writeFileSync(y, "receivers:\n  otlp:\n    protocols:\n      grpc:\n        endpont: 0.0.0.0:4317\nexporters:\n  debug:\nservice:\n  pipelines:\n    traces:\n      receivers: [otlp]\n      exporters: [debug]\n");
    const r = run("validate", "--source-format=otelcol", y);
    expect(r.status).toBe(1);
    const head = `Error: ${y}:5:9: 'receivers' error reading configuration for "otlp": decoding failed due to the following error(s):\n\n` +
      "'protocols.grpc' decoding failed due to the following error(s):\n\n'configgrpc.ServerConfig' has invalid keys: endpont\n";
    expect(r.stderr.startsWith(head)).toBe(true);
    expect(r.stderr.split("has invalid keys").length).toBe(2);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("exits 0 for a collector file with warnings only", () => {
    const y = path.join(dir, "warn.yaml");
    writeFileSync(y, "receivers:\n  otlp:\n  nosuchreceiver:\n    x: 1\nexporters:\n  debug:\nservice:\n  pipelines:\n    traces:\n      receivers: [otlp]\n      exporters: [debug]\n");
    const r = run("validate", "--source-format=otelcol", y);
    expect(r.stderr).toContain('Warning: ');
    expect(r.stderr).toContain('receiver "nosuchreceiver" is defined but is not used by any pipeline');
    expect(r.stderr).toContain('the settings of 1 component type(s) are not checked (no published schema, not known to the converter): receiver "nosuchreceiver"');
    expect(r.stderr).not.toContain("validation failed");
    expect(r.status).toBe(0);
  });

  it("refuses what convert refuses: excessive aliasing, bad encodings", () => {
    let lol = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n';
    for (let i = 1; i < 10; i++) lol += `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(",")}]\n`;
    const cases: [string, string | Buffer, string][] = [
      ["lol.yaml", lol, "excessive aliasing"],
      ["utf16.yaml", Buffer.from("\ufeffreceivers:\n  otlp:\n", "utf16le"), "invalid UTF-8"],
      ["latin1.yaml", Buffer.from("receivers:\n  otlp:\n    x: caf\xe9\n", "latin1"), "invalid UTF-8"],
    ];
    for (const [name, content, text] of cases) {
      const y = path.join(dir, name);
      writeFileSync(y, content);
      const v = run("validate", "--source-format=otelcol", y);
      const c = run("convert", "--source-format=otelcol", y);
      expect([v.status, c.status], name).toEqual([1, 1]);
      expect(v.stderr, name).toContain(text);
      expect(c.stderr, name).toContain(text);
    }
  });

  it("lists and describes components", () => {
    const list = JSON.parse(run("tools", "components", "--json").stdout);
    expect(list.length).toBeGreaterThanOrEqual(180);
    const d = run("tools", "describe", "otelcol.exporter.prometheus");
    expect(d.stdout).toContain("forward_to = list(MetricsReceiver) (required)");
    expect(d.stdout).toContain("input otelcol.Consumer (accepts metrics)");
    expect(run("tools", "describe", "nope").stderr).toContain('Error: unknown component "nope"');
  });
});
