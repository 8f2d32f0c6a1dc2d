/** `alloy verify` end to end through the built CLI bundle (skipped when it is not built). */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot, shared, sharedDir } from "../support/shared.js";

import { bundle, haveBundle } from "./support/alloy-process.js";
const run = (...args: string[]) => spawnSync(process.execPath, [bundle, ...args], { encoding: "utf8", timeout: 30_000 });

describe.skipIf(!sharedDir || !haveBundle)("alloy verify CLI", () => {
  it("converts and reports equivalence with exit status 0", () => {
    const r = run("verify", shared("conformance", "otelcol", "attributes.yaml"));
    expect(r.stdout).toContain("equivalent");
    expect(r.status).toBe(0);
  });

  it("reports a mutated Alloy file as different with exit status 1, as JSON too", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "alloy-verify-"));
    try {
      const alloy = readFileSync(shared("conformance", "otelcol", "attributes.alloy"), "utf8").replace('action = "delete"', 'action = "hash"');
      const file = path.join(dir, "mutated.alloy");
      writeFileSync(file, alloy);
      const text = run("verify", shared("conformance", "otelcol", "attributes.yaml"), "--alloy", file);
      expect(text.status).toBe(1);
      expect(text.stdout).toMatch(/different/);
      expect(text.stdout).toMatch(/only in collector: /);
      const json = run("verify", shared("conformance", "otelcol", "attributes.yaml"), "--alloy", file, "--json");
      expect(JSON.parse(json.stdout).exporters[0].verdict).toBe("different");
      const input = run("verify", shared("conformance", "otelcol", "attributes.yaml"), "--input", path.join(repoRoot, "fixtures", "telemetry", "one-span.json"), "--json");
      expect(JSON.parse(input.stdout).exporters[0]).toMatchObject({ verdict: "equivalent", expectedItems: 1 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("--strict fails when an exporter is unverified, and passes when everything is verified", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "alloy-verify-"));
    try {
      const yaml = path.join(dir, "unverified.yaml");
      // interval has no semantics here, so the exporter behind it cannot be checked.
      writeFileSync(yaml, "receivers:\n  otlp:\n    protocols:\n      grpc:\nprocessors:\n  interval:\nexporters:\n  debug:\nservice:\n  pipelines:\n    metrics:\n      receivers: [otlp]\n      processors: [interval]\n      exporters: [debug]\n");
      const lenient = run("verify", yaml);
      expect(lenient.stdout).toMatch(/unverified/);
      expect(lenient.status).toBe(0);
      const strict = run("verify", yaml, "--strict");
      expect(strict.stdout).toMatch(/unverified/);
      expect(strict.status).toBe(1);
      expect(run("verify", shared("conformance", "otelcol", "attributes.yaml"), "--strict").status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.skipIf(!haveBundle)("alloy verify --show", () => {
  const config = path.join(repoRoot, "examples", "otlp-gateway", "collector.yaml");
  it("prints what a component received and emitted on both sides, as text and JSON", () => {
    const text = run("verify", config, "--show", "batch");
    expect(text.status).toBe(0);
    expect(text.stdout).toMatch(/^collector traces\/processor:batch \(processor batch\): traces in (\d+) out \1$/m);
    expect(text.stdout).toMatch(/^alloy otelcol\.processor\.batch\.default \(processor batch\): traces in (\d+) out \1$/m);
    expect(text.stdout).toMatch(/^ {2}emitted traces \(\d+ items\): \{"resourceSpans"/m);
    const json = JSON.parse(run("verify", config, "--show", "batch", "--json").stdout);
    const shown = json.shown.batch;
    expect(shown["collector traces/processor:batch"].counts.traces.in).toBe(shown["alloy otelcol.processor.batch.default"].counts.traces.in);
  });
  it("fails with a clear message for a component that neither side has", () => {
    const r = run("verify", config, "--show", "nope");
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("--show nope: no component of either side has this ID");
  });
});
