/**
 * `alloy build` on upstream's converter inputs: the manifest lists exactly the Go modules of the component types
 * each collector configuration defines (computed here independently from the YAML and the module table), and a
 * manifest generated from a set of configurations is a distribution that accepts exactly those configurations:
 * `alloy validate --source-format=otelcol --distribution=<manifest>` passes for them and fails, naming the missing
 * type, for a configuration that needs more.
 */
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { manifestModules, requiredModules } from "@alloy-ts/converter";
import { moduleForType, OTEL_KINDS, renderManifest, type OtelModule } from "@alloy-ts/otel";
import { shared, sharedDir } from "../support/shared.js";
import { cliBuilt, runAlloy } from "../support/cli.js";

const INVALID = new Set(["corrupt_config.yaml", "invalid_config.yaml", "unknown_scheme.yaml"]);

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? yamlFiles(p) : f.endsWith(".yaml") && !INVALID.has(f) ? [p] : [];
  });
}

/** The modules a collector configuration needs: one per distinct (kind, type) it defines. */
function expectedModules(text: string): string[] {
  const doc = (parseYaml(text) ?? {}) as Record<string, Record<string, unknown> | undefined>;
  const out = new Set<string>();
  for (const kind of OTEL_KINDS) {
    for (const id of Object.keys(doc[kind] ?? {})) {
      const m = moduleForType(kind, id.split("/")[0]!);
      expect(m, `${kind} ${id} has a module`).toBeDefined();
      out.add(m!.module);
    }
  }
  return [...out].sort();
}

const files = sharedDir ? yamlFiles(shared("conformance", "otelcol")).sort() : [];

describe.skipIf(!sharedDir)("alloy build on the conformance inputs", () => {
  it("covers the 64 valid inputs", () => {
    expect(files.length).toBe(64);
  });

  it.each(files.map((f) => [path.relative(shared("conformance", "otelcol"), f), f]))("%s: exactly the modules it uses", (_name, file) => {
    const text = readFileSync(file, "utf8");
    const req = requiredModules([{ name: file, text, format: "otelcol" }]);
    expect(req.diagnostics).toEqual([]);
    const modules: Partial<Record<(typeof OTEL_KINDS)[number], OtelModule[]>> = {};
    for (const r of req.requirements) (modules[r.kind] ??= []).push(r.module);
    const manifest = renderManifest({ modules });
    const listed = manifestModules(manifest);
    expect(listed.errors).toEqual([]);
    const components = [...listed.modules].filter((m) => !m.includes("/confmap/provider/")).sort();
    expect(components).toEqual(expectedModules(text));
  });
});

describe.skipIf(!sharedDir || !cliBuilt)("a generated distribution accepts exactly its configurations", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "alloy-dist-"));
  const chosen = files.filter((f) => /\/(batch|otlp|attributes)\.yaml$/.test(f));
  const needsMore = files.find((f) => f.endsWith("/kafka.yaml"))!;
  const manifest = path.join(dir, "builder-config.yaml");

  let built: ReturnType<typeof runAlloy>;
  beforeAll(() => {
    built = runAlloy(["build", "-o", manifest, ...chosen]);
  });

  it("builds a manifest for a few configurations", () => {
    expect(chosen.length).toBe(3);
    expect(built.stderr).toBe("");
    expect(built.code).toBe(0);
  });

  it.each(["batch", "otlp", "attributes"])("accepts %s.yaml", (name) => {
    const r = runAlloy(["validate", "--source-format=otelcol", `--distribution=${manifest}`, chosen.find((f) => f.endsWith(`/${name}.yaml`))!]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
  });

  it("rejects a configuration that needs a component the distribution lacks, naming it", () => {
    const r = runAlloy(["validate", "--source-format=otelcol", `--distribution=${manifest}`, needsMore]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/kafka/);
  });

  it("writes nothing else into the folder", () => {
    writeFileSync(path.join(dir, ".keep"), "");
    expect(readdirSync(dir).sort()).toEqual([".keep", "builder-config.yaml"]);
  });
});
