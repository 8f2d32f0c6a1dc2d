/**
 * `alloy fmt` runs from its own CommonJS bundle with a V8 code cache (bin/alloy.cjs). These tests pin what makes
 * that path worth having: the cache written by the build is accepted by this Node, and the fast path behaves
 * exactly like the full command (same output, messages and exit codes).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import { createRequire } from "node:module";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { alloyBin, cliBuilt } from "../support/cli.js";
import { repoRoot } from "../support/shared.js";

const fullBundle = path.join(repoRoot, "packages/cli/dist/bundle/alloy.mjs");

function run(entry: string[], args: string[], input?: string) {
  const r = spawnSync(process.execPath, [...entry, ...args], { input, encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr.replace(/^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d /gm, "") };
}

describe.skipIf(!cliBuilt)("the start-up path of fmt, validate, convert and lsp", () => {
  it.each(["fmt", "validate", "validate-collector", "convert", "lsp", "lsp-service"])("has a code cache for the %s bundle that this Node accepts", (name) => {
    const { compileBundle, CACHE_SUFFIX } = createRequire(import.meta.url)(path.join(repoRoot, "packages/cli/bin/load-bundle.cjs"));
    const bundle = path.join(repoRoot, `packages/cli/dist/fast/${name}.cjs`);
    expect(existsSync(bundle + CACHE_SUFFIX)).toBe(true);
    expect(compileBundle(bundle).cachedDataRejected).toBe(false);
  });

  it.each([
    ["formatted input", ["fmt"], 'a = 1\nb   = "x"\n'],
    ["a syntax error", ["fmt"], "a = \n"],
    ["--test on unformatted input", ["fmt", "--test"], "a=1\n"],
    ["the format alias and a flag first", ["--", "format"], "x {\n}\n"],
    ["help", ["fmt", "--help"], ""],
    ["an unknown flag", ["fmt", "--nope"], ""],
  ])("answers like the full command on %s", (_name, args, input) => {
    const fast = run([alloyBin], args, input);
    const full = run([fullBundle], args, input);
    expect(fast).toEqual(full);
  });

  // RE2's parser is a file of its own beside the fast bundles, loaded by the first pattern outside the syntax RE2
  // and JavaScript share; stdout and stderr are written without Node's streams.
  const relabel = (regex: string) => `prometheus.relabel "x" {\n  forward_to = []\n  rule {\n    regex = ${JSON.stringify(regex)}\n    action = "keep"\n  }\n}\n`;
  it.each([
    ["a pattern only RE2 can judge", relabel("a{2}**"), ["--format=text"]],
    ["a pattern both syntaxes share", relabel("a+"), []],
    ["findings as JSON on stdout", relabel("a{2}**"), ["--format=json"]],
  ])("validates like the full command: %s", (_name, text, flags) => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "alloy-fast-"));
    try {
      const file = path.join(dir, "config.alloy");
      writeFileSync(file, text);
      const fast = run([alloyBin], ["validate", ...flags, file]);
      const full = run([fullBundle], ["validate", ...flags, file]);
      expect(fast).toEqual(full);
      if (text.includes("**")) expect(fast.stdout + fast.stderr).toMatch(/invalid nested repetition operator/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  // The collector YAML checks are a bundle of their own, which validate loads for these flags.
  it.each([
    ["--source-format=otelcol", ["--source-format=otelcol"], "collector.yaml", "receivers:\n  otlp:\n    protocols:\n      grpc:\n        endpont: x\nexporters:\n  debug:\nservice:\n  pipelines:\n    traces:\n      receivers: [otlp]\n      exporters: [debug]\n"],
    ["--config.format=otelcol", ["--config.format=otelcol"], "collector.yaml", "receivers:\n  otlp:\n    protocols:\n      grpc:\nexporters:\n  debug:\nservice:\n  pipelines:\n    traces:\n      receivers: [otlp]\n      exporters: [debug]\n"],
    ["--distribution=alloy-otel", ["--distribution=alloy-otel"], "config.alloy", 'otelcol.exporter.debug "d" {}\n'],
  ])("validates like the full command with %s", (_name, flags, fileName, text) => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "alloy-fast-"));
    try {
      const file = path.join(dir, fileName);
      writeFileSync(file, text);
      const fast = run([alloyBin], ["validate", ...flags, file]);
      const full = run([fullBundle], ["validate", ...flags, file]);
      expect(fast).toEqual(full);
      if (text.includes("endpont")) expect(fast.stderr).toMatch(/invalid keys: endpont/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("converts like the full command, to stdout and with its messages on stderr", () => {
    const yaml = "receivers:\n  otlp:\n    protocols:\n      grpc:\nexporters:\n  otlp:\n    endpoint: tempo:4317\nservice:\n  pipelines:\n    traces:\n      receivers: [otlp]\n      exporters: [otlp]\n";
    const dir = mkdtempSync(path.join(os.tmpdir(), "alloy-fast-"));
    try {
      const file = path.join(dir, "collector.yaml");
      writeFileSync(file, yaml);
      const fast = run([alloyBin], ["convert", "--source-format=otelcol", file]);
      const full = run([fullBundle], ["convert", "--source-format=otelcol", file]);
      expect(fast).toEqual(full);
      expect(fast.code).toBe(0);
      expect(fast.stdout).toMatch(/otelcol\.receiver\.otlp "default"/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
