import { describe, expect, it, beforeEach } from "vitest";
import { chmodSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync, mkdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { format } from "@alloy-ts/grammar";
import { cliBuilt, runAlloy } from "../support/cli.js";

const messy = 'logging { level="debug" }\n';
const clean = 'logging {\n\tlevel = "debug"\n}\n';

describe.skipIf(!cliBuilt)("alloy fmt (built command)", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), "alloy-fmt-"));
  });

  it("prints the canonical formatting on stdout", () => {
    const f = path.join(dir, "a.alloy");
    writeFileSync(f, messy);
    const r = runAlloy(["fmt", f]);
    expect(r).toMatchObject({ code: 0, stdout: clean, stderr: "" });
  });

  it("reads standard input with no argument and with -", () => {
    expect(runAlloy(["fmt"], { input: messy })).toMatchObject({ code: 0, stdout: clean });
    expect(runAlloy(["fmt", "-"], { input: messy })).toMatchObject({ code: 0, stdout: clean });
  });

  it("reports every syntax error as FILE:LINE:COL: MESSAGE and exits 1 with nothing on stdout", () => {
    const f = path.join(dir, "bad.alloy");
    writeFileSync(f, 'a = 1 +\nb = "x" "y"\nc = \n');
    const r = runAlloy(["fmt", f]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    const lines = r.stderr.split("\n").filter(Boolean);
    expect(lines.length).toBeGreaterThanOrEqual(3);
    for (const l of lines.slice(0, -2)) expect(l).toMatch(new RegExp(`^${f.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:\\d+:\\d+: `));
    expect(r.stderr).toContain("Error: encountered errors during formatting\n");
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it("prints a file many output pieces long as format does, and nothing when its last line has a syntax error", () => {
    // About 400 KB: the output is printed in pieces of 64 KiB, ASCII and not.
    const stmt = (i: number) => `// block ${i}\nprometheus.scrape "s${i}" {\n  targets=[{"__address__"="h${i}:9090"}] // t\n  job_name = "j${i}"\n}\n\nattr_${i}=${i}\n`;
    const ascii = Array.from({ length: 4000 }, (_, i) => stmt(i)).join("");
    const wide = ascii.replace(/job_name = "j(\d+)"/g, 'job_name = "é—$1"');
    for (const [name, text] of [["ascii.alloy", ascii], ["wide.alloy", wide]] as const) {
      const f = path.join(dir, name);
      writeFileSync(f, text);
      const expected = format(text);
      expect(expected.ok).toBe(true);
      const r = runAlloy(["fmt", f]);
      expect(r.code).toBe(0);
      expect(r.stdout === (expected.ok && expected.text)).toBe(true);
      writeFileSync(f, `${text}z = \n`);
      const bad = runAlloy(["fmt", f]);
      expect(bad.code).toBe(1);
      expect(bad.stdout).toBe("");
      expect(bad.stderr).toBe(`${f}:${text.split("\n").length + 1}:1: expected expression, got EOF\nError: encountered errors during formatting\n`);
    }
  });

  it("holds a large output in a temporary file until the input has formatted, and removes it", () => {
    // Past the 1 MiB the output is held in memory: the rest goes to a temporary file, then to stdout.
    const stmt = (i: number) => `prometheus.scrape "s${i}" {\n  targets=[{"__address__"="h${i}:9090"}]\n  job_name = "j${i}"\n}\n\n`;
    const text = Array.from({ length: 60_000 }, (_, i) => stmt(i)).join("");
    const tmp = mkdtempSync(path.join(os.tmpdir(), "alloy-fmt-tmp-"));
    const f = path.join(dir, "large.alloy");
    writeFileSync(f, text);
    const expected = format(text);
    expect(expected.ok && expected.text.length).toBeGreaterThan(1 << 20);
    const env = { ...process.env, TMPDIR: tmp };
    const r = runAlloy(["fmt", f], { env });
    expect(r.code).toBe(0);
    expect(r.stdout === (expected.ok && expected.text)).toBe(true);
    writeFileSync(f, `${text}z = \n`);
    const bad = runAlloy(["fmt", f], { env });
    expect(bad.code).toBe(1);
    expect(bad.stdout).toBe("");
    expect(readdirSync(tmp)).toEqual([]);
  });

  it("names standard input <stdin> in diagnostics", () => {
    const r = runAlloy(["fmt"], { input: "a = \n" });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^<stdin>:2:1: expected expression, got EOF\n/);
  });

  it("--write rewrites the file atomically, keeps its mode, and leaves no temporary file", () => {
    const f = path.join(dir, "w.alloy");
    writeFileSync(f, messy);
    chmodSync(f, 0o640);
    const r = runAlloy(["fmt", "--write", f]);
    expect(r).toMatchObject({ code: 0, stdout: "" });
    expect(readFileSync(f, "utf8")).toBe(clean);
    expect(statSync(f).mode & 0o777).toBe(0o640);
    expect(readdirSync(dir)).toEqual(["w.alloy"]);
  });

  it("--write leaves a file with syntax errors untouched", () => {
    const f = path.join(dir, "broken.alloy");
    const text = "a = [1,\n";
    writeFileSync(f, text);
    const r = runAlloy(["fmt", "-w", f]);
    expect(r.code).toBe(1);
    expect(readFileSync(f, "utf8")).toBe(text);
    expect(readdirSync(dir)).toEqual(["broken.alloy"]);
  });

  it("formats several files in one run", () => {
    const a = path.join(dir, "a.alloy");
    const b = path.join(dir, "b.alloy");
    writeFileSync(a, messy);
    writeFileSync(b, messy);
    expect(runAlloy(["fmt", "-w", a, b]).code).toBe(0);
    expect(readFileSync(a, "utf8")).toBe(clean);
    expect(readFileSync(b, "utf8")).toBe(clean);
  });

  it("-t fails with upstream's message when the file is not formatted, and passes when it is", () => {
    const f = path.join(dir, "t.alloy");
    writeFileSync(f, messy);
    const r = runAlloy(["fmt", "-t", f]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`Error: file ${f} is not formatted correctly\n`);
    writeFileSync(f, clean);
    expect(runAlloy(["fmt", "--test", f])).toMatchObject({ code: 0, stdout: "", stderr: "" });
  });

  it("--check lists exactly the files that would change", () => {
    const a = path.join(dir, "a.alloy");
    const b = path.join(dir, "b.alloy");
    writeFileSync(a, messy);
    writeFileSync(b, clean);
    const r = runAlloy(["fmt", "--check", a, b]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(`${a}\n`);
    expect(readFileSync(a, "utf8")).toBe(messy);
    expect(runAlloy(["fmt", "--check", b])).toMatchObject({ code: 0, stdout: "" });
  });

  it("rejects upstream's invalid flag combinations with upstream's messages", () => {
    const f = path.join(dir, "x.alloy");
    writeFileSync(f, clean);
    expect(runAlloy(["fmt", "-w", "-t", f]).stderr).toContain("Error: cannot use -w/--write and -t/--test at the same time\n");
    expect(runAlloy(["fmt", "-w"], { input: clean }).stderr).toContain("Error: cannot use -w with standard input\n");
    const d = path.join(dir, "sub");
    mkdirSync(d);
    expect(runAlloy(["fmt", d]).stderr).toContain("Error: cannot format a directory\n");
    const missing = runAlloy(["fmt", "nope.alloy"]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("Error: stat nope.alloy: no such file or directory\n");
    expect(runAlloy(["fmt", "--foo"]).stderr).toContain("Error: unknown flag: --foo\n");
    expect(runAlloy(["fmt", "-x"]).stderr).toContain("Error: unknown shorthand flag: 'x' in -x\n");
  });

  it("reports invalid UTF-8 and NUL bytes as diagnostics, never a crash", () => {
    const f = path.join(dir, "bytes.alloy");
    writeFileSync(f, Buffer.from([0x61, 0x20, 0x3d, 0x20, 0x22, 0xff, 0x22, 0x0a, 0x62, 0x20, 0x3d, 0x20, 0x00, 0x0a]));
    const r = runAlloy(["fmt", f]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${f}:1:6: illegal UTF-8 encoding`);
    expect(r.stderr).toContain(`${f}:2:5: illegal character NUL`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("drops a leading byte order mark", () => {
    const r = runAlloy(["fmt"], { input: "\uFEFF" + messy });
    expect(r).toMatchObject({ code: 0, stdout: clean });
  });
});
