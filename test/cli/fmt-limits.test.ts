/**
 * Hostile inputs at the command line: `fmt --compat=upstream` against the default, the input size limit, and
 * expressions past the nesting limit (a 5,000-term `1 + 1 + …` chain) in every command that walks the tree.
 */
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { analyze, allDiagnostics, defaultServiceContext } from "@alloy-ts/lsp";
import { cliBuilt, runAlloy } from "../support/cli.js";

const chain = `otelcol.processor.batch "default" {\n  send_batch_size = ${Array(5000).fill("1").join(" + ")}\n  output {}\n}\n`;
// The first operator past the limit of 500 levels (the block is one of them): the 500th, on line 2 at column
// 23 + 4 × 499.
const position = `2:${23 + 4 * 499}`;

describe.skipIf(!cliBuilt)("alloy fmt limits and compatibility (built command)", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "alloy-fmt-limits-"));
  const file = (name: string, text: string): string => {
    const f = path.join(dir, name);
    writeFileSync(f, text);
    return f;
  };

  it("keeps tabs inside strings by default and reproduces upstream's padding under --compat=upstream", () => {
    const f = file("tab.alloy", 'a = "x\ty"\nbb = 2\n');
    expect(runAlloy(["fmt", f])).toMatchObject({ code: 0, stdout: 'a  = "x\ty"\nbb = 2\n' });
    expect(runAlloy(["fmt", "--compat=upstream", f])).toMatchObject({ code: 0, stdout: 'a  = "x y"\nbb = 2\n' });
    const bad = runAlloy(["fmt", "--compat=newest", f]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('Error: invalid value "newest" for --compat: only "upstream" is supported\n');
  });

  it.skipIf(!existsSync("/dev/zero"))("stops reading an endless input at the size limit in fmt, validate and convert", () => {
    for (const args of [["fmt", "/dev/zero"], ["validate", "/dev/zero"], ["validate", "--source-format=otelcol", "/dev/zero"], ["convert", "--source-format=otelcol", "/dev/zero"]]) {
      const r = runAlloy(args);
      expect(r.code, args.join(" ")).toBe(1);
      expect(r.stdout).toBe("");
      expect(r.stderr.split("input is larger than the 128 MiB limit").length, args.join(" ")).toBe(2);
      expect(r.stderr).toContain("/dev/zero: input is larger than the 128 MiB limit\n");
    }
  });

  it.skipIf(!existsSync("/dev/zero"))("reports an import.file module past the size limit at its filename, not as a failure of the validator", () => {
    const f = file("imports.alloy", 'import.file "m" {\n  filename = "/dev/zero"\n}\n');
    const r = runAlloy(["validate", f]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${f}:2:14: import.file "m": /dev/zero: input is larger than the 128 MiB limit\n`);
    expect(r.stderr).not.toContain("internal validator error");
  });

  it("refuses an over-long operator chain with a nesting diagnostic at line:col in fmt, validate, convert and run", () => {
    const f = file("chain.alloy", chain);
    for (const args of [["fmt", f], ["validate", f], ["convert", "--source-format=alloy", "--target=otelcol", f], ["run", f]]) {
      const r = runAlloy(args);
      expect(r.code, args[0]).toBe(1);
      expect(r.stderr, args[0]).toContain("nesting depth exceeds the limit of 500 levels");
      expect(r.stderr, args[0]).not.toContain("Maximum call stack");
      if (args[0] === "fmt" || args[0] === "validate") expect(r.stderr).toContain(`${f}:${position}: nesting depth`);
      if (args[0] === "convert") expect(r.stderr).toContain(`(at ${f}:${position})`);
    }
  });

  it("handles the deepest trees the limit lets through (brackets, then an operator chain) without overflowing", () => {
    const deep = (inner: string): string => `otelcol.processor.batch "default" {\n  send_batch_size = ${inner}\n  output {}\n}\n`;
    const cases = {
      parens: deep("(".repeat(498) + "1" + ")".repeat(498) + " + 1".repeat(499)),
      unary: deep("-".repeat(499) + "1" + " + 1".repeat(499)),
      nested: deep("1 + (".repeat(249) + "1" + ")".repeat(249)),
    };
    for (const [name, text] of Object.entries(cases)) {
      const f = file(`${name}.alloy`, text);
      for (const args of [["fmt", f], ["validate", f], ["convert", "--source-format=alloy", "--target=otelcol", f]]) {
        const r = runAlloy(args);
        expect(r.stderr, `${args[0]} ${name}`).not.toMatch(/Maximum call stack|internal/);
        if (args[0] !== "convert") expect(r.code, `${args[0]} ${name}`).toBe(0);
      }
    }
  });
});

describe("language service and nesting", () => {
  it("reports an over-long operator chain as a syntax diagnostic instead of overflowing the stack", () => {
    const analysis = analyze("file:///chain.alloy", 1, chain);
    const diags = allDiagnostics(analysis, defaultServiceContext());
    expect(diags.map((d) => d.message)).toContain("nesting depth exceeds the limit of 500 levels");
    const d = diags.find((x) => x.message.startsWith("nesting depth"))!;
    expect(d.range.start).toEqual({ line: 1, character: 22 + 4 * 499 });
  });
});
