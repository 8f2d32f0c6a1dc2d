/**
 * `alloy report` over hostile trees (built command): dangling links, link loops and links out of the root are
 * reported per entry and the report goes on; a file that takes too long is marked and the report goes on;
 * secrets in diagnostics do not reach the report files.
 */
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { cliBuilt, runAlloy } from "../support/cli.js";

const config = (exporter = "debug:") =>
  `receivers:\n  otlp:\n    protocols:\n      http:\nexporters:\n  ${exporter}\nservice:\n  pipelines:\n    traces:\n      receivers: [otlp]\n      exporters: [${exporter.split(":")[0]}]\n`;

interface Entry {
  file: string;
  status: string;
  diagnostics: { stage: string; message: string }[];
}
const readReport = (out: string) => JSON.parse(readFileSync(path.join(out, "report.json"), "utf8")) as { files: Entry[] };

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "alloy-report-safety-"));
});

describe.skipIf(!cliBuilt || process.platform === "win32")("alloy report on a tree with bad links", () => {
  it("reports each dangling link, loop and link out of the root, never reads outside the root, and goes on", () => {
    const root = path.join(dir, "root");
    mkdirSync(path.join(root, "sub"), { recursive: true });
    mkdirSync(path.join(dir, "outside"));
    writeFileSync(path.join(root, "good.yaml"), config());
    writeFileSync(path.join(dir, "outside", "secret.yaml"), config());
    symlinkSync("missing.yaml", path.join(root, "dangling.yaml"));
    symlinkSync("loop-b.yaml", path.join(root, "loop-a.yaml"));
    symlinkSync("loop-a.yaml", path.join(root, "loop-b.yaml"));
    symlinkSync("../outside/secret.yaml", path.join(root, "out.yaml"));
    symlinkSync("../outside", path.join(root, "outdir"));
    symlinkSync("..", path.join(root, "sub", "up"));
    symlinkSync("../good.yaml", path.join(root, "sub", "alias.yaml"));
    const out = path.join(dir, "rep");
    const r = runAlloy(["report", root, "--out", out, "--format", "json,md"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const entries = Object.fromEntries(readReport(out).files.map((f) => [f.file, f]));
    expect(Object.keys(entries).sort()).toEqual(["dangling.yaml", "good.yaml", "loop-a.yaml", "loop-b.yaml", "out.yaml", "outdir", "sub/alias.yaml", "sub/up"]);
    expect(entries["good.yaml"]!.status).not.toBe("failed");
    expect(entries["sub/alias.yaml"]!.status).toBe(entries["good.yaml"]!.status); // a link inside the root is followed
    expect(entries["dangling.yaml"]!.diagnostics[0]).toMatchObject({ stage: "read", code: "report/unreadable", message: "dangling symbolic link (to missing.yaml)" });
    expect(entries["loop-a.yaml"]!.diagnostics[0]!.message).toMatch(/^symbolic link loop/);
    expect(entries["out.yaml"]!.diagnostics[0]!.message).toMatch(/outside .*: not followed$/);
    expect(entries["outdir"]!.diagnostics[0]!.message).toMatch(/outside .*: not followed$/);
    expect(entries["sub/up"]!.diagnostics[0]!.message).toMatch(/^symbolic link loop/);
    for (const e of Object.values(entries)) expect(e.file).not.toContain("secret");
  });
});

describe.skipIf(!cliBuilt)("alloy report time limit per file", () => {
  it("marks a file that takes too long and analyses the others", () => {
    const root = path.join(dir, "root");
    mkdirSync(root);
    // Several megabytes of attribute actions: many seconds of work, far beyond the 3 s limit.
    let slow = "receivers:\n  otlp:\n    protocols:\n      http:\nprocessors:\n  attributes:\n    actions:\n";
    for (let i = 0; i < 100_000; i++) slow += `      - key: k${i}\n        value: v${i}\n        action: insert\n`;
    slow += "exporters:\n  debug:\nservice:\n  pipelines:\n    traces:\n      receivers: [otlp]\n      processors: [attributes]\n      exporters: [debug]\n";
    writeFileSync(path.join(root, "b-slow.yaml"), slow);
    for (const n of ["a", "c", "d"]) writeFileSync(path.join(root, `${n}.yaml`), config());
    const out = path.join(dir, "rep");
    const started = Date.now();
    const r = runAlloy(["report", root, "--out", out, "--format", "json", "--jobs", "2", "--file-time-limit", "3"]);
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(r.code).toBe(0);
    const files = readReport(out).files;
    expect(files.map((f) => f.file)).toEqual(["a.yaml", "b-slow.yaml", "c.yaml", "d.yaml"]);
    const slowEntry = files[1]!;
    expect(slowEntry.status).toBe("failed");
    expect(slowEntry.diagnostics[0]!.message).toBe("analysis took longer than the time limit of 3 s per file (--file-time-limit); not analysed");
    for (const f of [files[0]!, files[2]!, files[3]!]) expect(f.status).not.toBe("failed");
  });

  it("refuses a time limit that is not a positive number", () => {
    const r = runAlloy(["report", dir, "--file-time-limit", "soon"]);
    expect(r).toMatchObject({ code: 1, stderr: 'Error: invalid value "soon" for --file-time-limit: a number of seconds above 0\n' });
  });
});

describe.skipIf(!cliBuilt)("secrets in reports", () => {
  it("convert --report and alloy report hide URL credentials from diagnostics", () => {
    const f = path.join(dir, "c.yaml");
    // An invalid duration is quoted in the diagnostic: here a URL with credentials pasted in the wrong place.
    const yaml = config("otlphttp:\n    endpoint: http://collector:4318\n    timeout: http://bob:hunter2@x");
    writeFileSync(f, yaml);
    const rep = path.join(dir, "convert-report.txt");
    const c = runAlloy(["convert", "-f", "otelcol", "-r", rep, "-b", f]);
    expect(c.stderr).toContain('invalid duration "http://xxxxx@x"');
    expect(c.stderr).not.toContain("hunter2");
    expect(readFileSync(rep, "utf8")).toContain('invalid duration "http://xxxxx@x"');
    expect(readFileSync(rep, "utf8")).not.toContain("hunter2");
    const root = path.join(dir, "root");
    mkdirSync(root);
    writeFileSync(path.join(root, "c.yaml"), yaml);
    const out = path.join(dir, "rep");
    runAlloy(["report", root, "--out", out]);
    for (const n of ["report.json", "report.md", "report.html"]) {
      const text = readFileSync(path.join(out, n), "utf8");
      expect(text).toContain("http://xxxxx@x");
      expect(text).not.toContain("hunter2");
    }
  });
});
