/**
 * The diagnostic catalogues, merged: every code is listed once, every code the sources spell out is listed, every
 * code that input can reach is reached by its example, and the message reported there is one its template produces.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { LSP_DIAGNOSTICS } from "@alloy-ts/lsp";
import { repoRoot } from "../support/shared.js";
import { alloyOtelManifest, BUILD_DIAGNOSTICS, CONVERTER_DIAGNOSTICS, convertOtelcol, requiredModules } from "@alloy-ts/converter";
import { OTEL_DIAGNOSTICS } from "@alloy-ts/otel";
import { getRegistry, readDistribution, validate, validateOtelcolYaml, VALIDATOR_DIAGNOSTICS } from "@alloy-ts/validator";
import { RUNTIME_DIAGNOSTICS, graphFromAlloy, graphFromBridge, graphFromCollectorYaml } from "@alloy-ts/runtime-lite";
import { GRAMMAR_DIAGNOSTICS, matchesTemplate, mergeCatalogues, parse, type Catalogue, type Diagnostic, type DiagnosticExample, type ExampleRunner } from "@alloy-ts/grammar";
import { readImportFromDisk } from "../../packages/cli/src/commands/validate.js";

/** Every package's catalogue; a package that reports codes adds its catalogue here and in the page script. */
export const CATALOGUES: readonly Catalogue[] = [GRAMMAR_DIAGNOSTICS, OTEL_DIAGNOSTICS, VALIDATOR_DIAGNOSTICS, CONVERTER_DIAGNOSTICS, BUILD_DIAGNOSTICS, RUNTIME_DIAGNOSTICS, LSP_DIAGNOSTICS];

const NAMED: Record<string, Catalogue> = { GRAMMAR_DIAGNOSTICS, OTEL_DIAGNOSTICS, VALIDATOR_DIAGNOSTICS, CONVERTER_DIAGNOSTICS, BUILD_DIAGNOSTICS, RUNTIME_DIAGNOSTICS, LSP_DIAGNOSTICS };

/** `alloy validate`'s flags as the examples use them (the command line's names, the command's options). */
function validateOptions(flags: readonly string[] = []): Parameters<typeof validate>[1] {
  const value = (name: string) => flags.find((f) => f.startsWith(`--${name}=`))?.slice(name.length + 3);
  const level = value("stability.level");
  const distribution = value("distribution");
  return {
    targetNotes: true,
    // `alloy validate`'s own reader of import.file modules.
    readImport: readImportFromDisk,
    ...(level ? { stabilityLevel: level as "experimental" } : {}),
    ...(flags.includes("--feature.community-components.enabled") ? { communityComponents: true } : {}),
    ...(value("compat") === "upstream" ? { compat: "upstream" as const } : {}),
    ...(distribution === "alloy-otel"
      ? { allowedOtelcolComponents: readDistribution(alloyOtelManifest(), getRegistry().listComponents().map((c) => c.name)).alloyComponents }
      : {}),
  };
}

/** One runner per kind of example: the entry point that reads the example's text. */
const RUNNERS: Partial<Record<ExampleRunner, (e: DiagnosticExample) => readonly Diagnostic[]>> = {
  parse: (e) => parse(e.text).diagnostics,
  // `alloy run`'s choice: collector YAML, the bridge dialect when the file has an otel.pipeline block, else Alloy.
  run: (e) =>
    (e.file.endsWith(".alloy") ? (/^otel\.pipeline /m.test(e.text) ? graphFromBridge(e.text) : graphFromAlloy(e.text)) : graphFromCollectorYaml(e.text)).diagnostics,
  validate: (e) => validate([{ name: e.file, text: e.text }], validateOptions(e.flags)),
  "validate-otelcol": (e) =>
    validateOtelcolYaml(e.text, e.file, e.flags?.includes("--distribution=alloy-otel") ? { knownTypes: readDistribution(alloyOtelManifest(), getRegistry().listComponents().map((c) => c.name)).types } : {}).diagnostics,
  requirements: (e) => requiredModules([{ name: e.file, text: e.text, format: e.file.endsWith(".alloy") ? "alloy" : "otelcol" }]).diagnostics,
  convert: (e) => convertOtelcol(e.text, { strict: e.flags?.includes("--strict") }).diagnostics,
};

describe("diagnostic catalogues", () => {
  const items = mergeCatalogues(CATALOGUES);

  it("list each code once, named <area>/<problem>", () => {
    const seen = new Set<string>();
    for (const i of items) {
      expect(i.code).toMatch(/^[a-z]+(\/[a-z0-9-]+)+$/);
      expect(seen.has(i.code), i.code).toBe(false);
      seen.add(i.code);
    }
  });

  it("hold every code the packages' sources spell out", () => {
    const listed = new Set(items.map((i) => i.code));
    const spelled = new Set<string>();
    const visit = (dir: string): void => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) {
          if (e.name !== "node_modules" && e.name !== "dist") visit(p);
        } else if (e.name.endsWith(".ts") && !e.name.endsWith(".test.ts")) {
          for (const m of readFileSync(p, "utf8").matchAll(/"((?:syntax|validator|otelcol|convert|ledger|report|build|run|bridge|lsp)\/[a-z0-9-]+)"/g)) spelled.add(m[1]!);
        }
      }
    };
    visit(path.join(repoRoot, "packages"));
    expect([...spelled].filter((c) => !listed.has(c)), "list these codes in their package's catalogue").toEqual([]);
  });

  it("refuse a code listed by two packages", () => {
    const twice = { ...GRAMMAR_DIAGNOSTICS, source: "other" };
    expect(() => mergeCatalogues([GRAMMAR_DIAGNOSTICS, twice])).toThrow(/listed by @alloy-ts\/grammar and by other/);
  });

  for (const item of items) {
    const example = item.example;
    if ("unreachable" in example) {
      it(`${item.code}: says why no input reaches it`, () => expect(example.unreachable.length).toBeGreaterThan(20));
      continue;
    }
    it(`${item.code}: its example reports it with a message of its template`, () => {
      const run = RUNNERS[example.runner];
      expect(run, `no runner for ${example.runner}`).toBeDefined();
      const found = run!(example).filter((d) => d.code === item.code);
      expect(found.length, `${example.text} does not report ${item.code}`).toBeGreaterThan(0);
      for (const d of found) expect(matchesTemplate(item, d.message), `"${d.message}" is not of "${item.message}"`).toBe(true);
      expect(found.map((d) => d.severity), "the example reports it with its catalogued severity").toContain(item.severity);
    });
  }
});

describe.skipIf(!existsSync(path.join(repoRoot, "packages", "converter", "dist", "index.js")))("docs/diagnostics.md", () => {
  const script = path.join(repoRoot, "scripts", "gen-diagnostics-docs.mjs");

  it("is what scripts/gen-diagnostics-docs.mjs generates", async () => {
    const { diagnosticsPageIsCurrent } = (await import(script)) as { diagnosticsPageIsCurrent(): Promise<boolean> };
    expect(await diagnosticsPageIsCurrent(), "run: npm run build && node scripts/gen-diagnostics-docs.mjs").toBe(true);
  });

  it("is generated from the catalogues this test runs", async () => {
    const { CATALOGUE_EXPORTS } = (await import(script)) as { CATALOGUE_EXPORTS: [string, string][] };
    expect(CATALOGUE_EXPORTS.map(([, name]) => name).sort()).toEqual(Object.keys(NAMED).sort());
    for (const [, name] of CATALOGUE_EXPORTS) expect(CATALOGUES).toContain(NAMED[name]);
  });
});
