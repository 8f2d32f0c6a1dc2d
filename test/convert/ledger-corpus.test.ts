/**
 * The settings ledger over configurations written by others (../shared/corpus/collector) and our fixtures: every
 * leaf setting of every component and of service::telemetry has a fate, and every setting that is not carried
 * is named by a diagnostic at its YAML position.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { convertOtelcol, type ConvertResult } from "@alloy-ts/converter";
import { loadCollectorConfig, positionOf, readYaml, type RawValue } from "@alloy-ts/otel";
import { repoRoot, shared, sharedDir } from "../support/shared.js";

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? yamlFiles(p) : /\.ya?ml$/.test(e.name) ? [p] : [];
  });
}

/** Every leaf (owner, path) of the configuration, read independently of the converter. */
function leaves(text: string): Set<string> {
  const read = readYaml(text);
  if (!read.ok) return new Set();
  const { config } = loadCollectorConfig(read.value);
  const out = new Set<string>();
  const walk = (owner: string, v: RawValue, p: string) => {
    if (v instanceof Map && v.size > 0) for (const [k, x] of v) walk(owner, x, p === "" ? k : `${p}.${k}`);
    else if (Array.isArray(v) && v.length > 0) v.forEach((x, i) => walk(owner, x, `${p}[${i}]`));
    else if (p !== "") out.add(`${owner} ${p}`);
  };
  for (const c of config.components) walk(`${c.kind}/${c.id}`, c.config, "");
  walk("service::telemetry", config.service.get("telemetry") ?? null, "");
  return out;
}

function checkLedger(text: string, r: ConvertResult): void {
  const fated = new Set(r.ledger.map((f) => `${f.owner} ${f.path}`));
  expect([...leaves(text)].filter((l) => !fated.has(l))).toEqual([]);
  const at = new Set(r.diagnostics.filter((d) => d.position).map((d) => `${d.position!.line}:${d.position!.column}`));
  for (const f of r.ledger.filter((x) => x.fate === "not-carried")) {
    expect(f.position, `${f.owner} ${f.path}`).toBeDefined();
    // Named at the setting itself, or by the diagnostic of the part of the configuration that holds it.
    const named = at.has(`${f.position!.line}:${f.position!.column}`) ||
      r.diagnostics.some((d) => d.message.includes(f.owner) || d.message.includes(f.path.split(/[.[]/)[0]!));
    expect(named, `${f.owner} ${f.path}: ${f.detail}`).toBe(true);
  }
}

const corpus = sharedDir ? yamlFiles(shared("corpus", "collector")) : [];
const fixtures = ["fixtures", "examples"].flatMap((d) => yamlFiles(path.join(repoRoot, d))).filter((f) => /collector|convert|migration|defects|agent|gateway/.test(f));

describe.skipIf(!sharedDir)("settings ledger on the corpus", () => {
  it("has the corpus", () => expect(corpus.length).toBeGreaterThan(100));
  it.each(corpus.map((f) => [path.basename(f), f]))("%s: every setting has a fate (hybrid and default mode)", (_name, file) => {
    const text = readFileSync(file, "utf8");
    for (const dialect of ["hybrid", undefined] as const) {
      const r = convertOtelcol(text, { dialect, fileName: file });
      if (r.output === undefined) continue; // refused as a whole (named by its Critical)
      checkLedger(text, r);
    }
  });
});

describe("settings ledger on our fixtures", () => {
  it.each(fixtures.map((f) => [path.relative(repoRoot, f), f]))("%s", (_name, file) => {
    const text = readFileSync(file, "utf8");
    const r = convertOtelcol(text, { dialect: "hybrid" });
    if (r.output !== undefined) checkLedger(text, r);
  });
});

// Positions come from the same loader the converter uses; make sure they are the YAML's.
it("positions are the YAML's", () => {
  const read = readYaml("a:\n  b: 1\n");
  expect(read.ok && positionOf(read.value, "a")).toEqual({ line: 1, column: 1 });
});
