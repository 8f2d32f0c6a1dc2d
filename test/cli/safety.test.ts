/**
 * The built `alloy` command under faults: a full disk (a small tmpfs, when this runs as root and may mount one),
 * a user who is not root (child processes with another uid), signals in the middle of `fmt --write`, and error
 * output (said once, clear, with input made safe).
 */
import { spawn, spawnSync } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { alloyBin, cliBuilt, runAlloy } from "../support/cli.js";

const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
const NOBODY = 65534;
const tempsIn = (d: string) => readdirSync(d).filter((n) => n.endsWith(".tmp"));
/** An Alloy text whose formatting is about twice as long as itself. */
const compact = (lines: number) => Array.from({ length: lines }, (_, i) => `b${i}{a=1}\n`).join("");

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "alloy-safety-"));
  chmodSync(dir, 0o755);
});

/** Mounts a tmpfs of `size` at a new directory; undefined when that is not possible here (not root, no mount). */
function mountTmpfs(size: string): string | undefined {
  if (!isRoot || process.platform !== "linux") return undefined;
  const at = mkdtempSync(path.join(os.tmpdir(), "alloy-tmpfs-"));
  const r = spawnSync("mount", ["-t", "tmpfs", "-o", `size=${size}`, "tmpfs", at]);
  if (r.status !== 0) {
    rmSync(at, { recursive: true, force: true });
    return undefined;
  }
  return at;
}
/** Fills the file system at `at` to the last byte. */
function fillUp(at: string): void {
  try {
    writeFileSync(path.join(at, "filler"), Buffer.alloc(1 << 20));
  } catch {
    /* ENOSPC: full now */
  }
}
function unmount(at: string | undefined): void {
  if (!at) return;
  spawnSync("umount", [at]);
  rmSync(at, { recursive: true, force: true });
}

describe.skipIf(!cliBuilt)("a full disk", () => {
  let disk: string | undefined;
  beforeAll(() => {
    disk = mountTmpfs("96k");
  });
  afterAll(() => unmount(disk));

  it("fmt --write and convert --output fail with exit 1 and leave the old file whole (96 KB tmpfs)", (ctx) => {
    if (!disk) return ctx.skip("needs root and a tmpfs mount");
    const f = path.join(disk, "big.alloy");
    const text = compact(4500); // about 45 KB, formatted about 77 KB: does not fit beside the original
    writeFileSync(f, text);
    const r = runAlloy(["fmt", "--write", f]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`Error: write ${f}: no space left on device\n`);
    expect(readFileSync(f, "utf8")).toBe(text);
    expect(tempsIn(disk)).toEqual([]);

    fillUp(disk);
    const yaml = path.join(dir, "c.yaml");
    writeFileSync(yaml, "receivers:\n  otlp:\n    protocols:\n      grpc:\nexporters:\n  debug:\nservice:\n  pipelines:\n    traces:\n      receivers: [otlp]\n      exporters: [debug]\n");
    const c = runAlloy(["convert", "-f", "otelcol", "-o", path.join(disk, "out.alloy"), yaml]);
    expect(c.code).toBe(1);
    expect(c.stderr).toMatch(/^Error: write .*out\.alloy: no space left on device\n$/);
    expect(existsSync(path.join(disk, "out.alloy"))).toBe(false);
    expect(tempsIn(disk)).toEqual([]);
  });

  it("report leaves no truncated report file when the disk fills", (ctx) => {
    if (!disk) return ctx.skip("needs root and a tmpfs mount");
    rmSync(path.join(disk, "filler"), { force: true });
    rmSync(path.join(disk, "big.alloy"), { force: true });
    mkdirSync(path.join(disk, "rep"));
    fillUp(disk);
    mkdirSync(path.join(dir, "configs"));
    writeFileSync(path.join(dir, "configs", "a.yaml"), "receivers:\n  otlp:\n    protocols:\n      http:\nexporters:\n  debug:\nservice:\n  pipelines:\n    logs:\n      receivers: [otlp]\n      exporters: [debug]\n");
    const out = path.join(disk, "rep");
    const r = runAlloy(["report", path.join(dir, "configs"), "--out", out, "--format", "html,json"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^Error: write .*report\.(html|json): no space left on device\n$/);
    for (const name of readdirSync(out)) {
      expect(name.endsWith(".tmp")).toBe(false);
      if (name === "report.json") expect(() => JSON.parse(readFileSync(path.join(out, name), "utf8"))).not.toThrow();
    }
  });
});

describe.skipIf(!cliBuilt || !isRoot)("fmt --write as a user who is not root", () => {
  const asNobody = (args: string[]) => {
    const r = spawnSync(process.execPath, [alloyBin, ...args], { uid: NOBODY, gid: NOBODY, encoding: "utf8", timeout: 60_000, cwd: dir });
    return { code: r.status, stderr: r.stderr };
  };

  it("refuses a read-only (0444) file, as root also does", () => {
    const f = path.join(dir, "ro.alloy");
    writeFileSync(f, "a=1\n");
    chownSync(f, NOBODY, NOBODY);
    chmodSync(f, 0o444);
    chownSync(dir, NOBODY, NOBODY);
    for (const r of [asNobody(["fmt", "--write", f]), runAlloy(["fmt", "--write", f])]) {
      expect(r.code).toBe(1);
      expect(r.stderr).toBe(`Error: open ${f}: permission denied (the file is read-only)\n`);
    }
    expect(readFileSync(f, "utf8")).toBe("a=1\n");
  });

  it("writes a writable file in place when its directory is read-only", () => {
    const sub = path.join(dir, "ro-dir");
    mkdirSync(sub);
    const f = path.join(sub, "w.alloy");
    writeFileSync(f, "a=1\n");
    chownSync(f, NOBODY, NOBODY);
    chmodSync(sub, 0o555);
    const r = asNobody(["fmt", "--write", f]);
    expect(r).toEqual({ code: 0, stderr: "" });
    expect(readFileSync(f, "utf8")).toBe("a = 1\n");
    expect(readdirSync(sub)).toEqual(["w.alloy"]);
  });
});

describe.skipIf(!cliBuilt || process.platform === "win32")("signals during fmt --write", () => {
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    it(`${signal} removes the temporary file and leaves every file either old or fully formatted`, async () => {
      const text = compact(60_000); // about 0.9 MB each: each file takes a noticeable time to format
      const files = Array.from({ length: 12 }, (_, i) => path.join(dir, `f${String(i).padStart(2, "0")}.alloy`));
      for (const f of files) writeFileSync(f, text);
      const child = spawn(process.execPath, [alloyBin, "fmt", "--write", ...files], { stdio: "ignore" });
      const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on("exit", (code, sig) => resolve({ code, signal: sig })));
      // Signal once the first file has been rewritten: the run is then busy with the rest.
      const started = Date.now();
      while (readFileSync(files[0]!, "utf8") === text && Date.now() - started < 30_000) await new Promise((r) => setTimeout(r, 5));
      child.kill(signal);
      const { signal: got } = await exited;
      expect(got).toBe(signal);
      expect(tempsIn(dir)).toEqual([]);
      const formatted = readFileSync(files[0]!, "utf8");
      expect(formatted).not.toBe(text);
      const states = files.map((f) => readFileSync(f, "utf8")).map((t) => (t === text ? "old" : t === formatted ? "new" : "corrupt"));
      expect(states).not.toContain("corrupt");
      expect(states).toContain("old"); // the signal stopped the run
    });
  }
});

describe.skipIf(!cliBuilt)("error output", () => {
  const yaml = "receivers:\n  otlp:\n    protocols:\n      grpc:\nexporters:\n  debug:\nservice:\n  pipelines:\n    traces:\n      receivers: [otlp]\n      exporters: [debug]\n";

  it("an error is printed once; --compat=upstream adds upstream's timestamped line", () => {
    const f = path.join(dir, "bad.yaml");
    writeFileSync(f, "receivers: [\n");
    const r = runAlloy(["convert", "-f", "otelcol", f]);
    expect(r.code).toBe(1);
    expect(r.stderr.match(/Error: /g)).toHaveLength(1);
    expect(r.stderr).not.toContain("collector server run finished with error");
    const u = runAlloy(["convert", "-f", "otelcol", "--compat=upstream", f]);
    expect(u.code).toBe(1);
    expect(u.stderr).toMatch(/\n\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d collector server run finished with error: /);
  });

  it("-o into a missing directory names it", () => {
    const f = path.join(dir, "c.yaml");
    writeFileSync(f, yaml);
    const out = path.join(dir, "nope", "out.alloy");
    const r = runAlloy(["convert", "-f", "otelcol", "-o", out, f]);
    expect(r).toMatchObject({ code: 1, stdout: "" });
    expect(r.stderr).toBe(`Error: open ${out}: no such file or directory (the directory ${path.dirname(out)} does not exist)\n`);
  });

  it("invalid UTF-8 in collector YAML is an error at line:col, not silently replaced", () => {
    const f = path.join(dir, "latin1.yaml");
    writeFileSync(f, Buffer.concat([Buffer.from("receivers:\n  otlp:\n    protocols:\n      grpc:\n        endpoint: caf"), Buffer.from([0xe9]), Buffer.from("\n")]));
    const r = runAlloy(["convert", "-f", "otelcol", f]);
    expect(r).toMatchObject({ code: 1, stdout: "" });
    expect(r.stderr).toBe(`Error: ${f}:5:22: invalid UTF-8 encoding\n`);
    const v = runAlloy(["validate", "--source-format=otelcol", f]);
    expect(v.stderr).toBe(`Error: ${f}:5:22: invalid UTF-8 encoding\n`);
  });

  it("control bytes of the input are escaped in messages", () => {
    // The converter quotes the component ID as it was read, escape sequence included.
    const f = path.join(dir, "esc.yaml");
    writeFileSync(f, 'receivers:\n  "otlp\x1b[2J\x07":\nservice:\n  pipelines:\n    traces:\n      receivers: ["otlp\x1b[2J\x07"]\n');
    const r = runAlloy(["convert", "-f", "otelcol", f]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('invalid component ID "otlp\\x1b[2J\\x07"');
    expect(r.stderr).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f]/);
  });
});
