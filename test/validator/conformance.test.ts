/**
 * Shared conformance data: every expected converter output (.alloy) must validate clean, except outputs for
 * which upstream's own validator reports a missing required block (asserted exactly), and the parser's valid
 * files produce only the diagnostics upstream gives for syntax that is not a configuration.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { validate } from "@alloy-ts/validator";
import { shared, sharedDir } from "../support/shared.js";

function alloyFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...alloyFiles(p));
    else if (e.name.endsWith(".alloy")) out.push(p);
  }
  return out.sort();
}

/**
 * Expected converter outputs that upstream's validator rejects too: the receiver's `output` block and
 * filelog's `ordering_criteria.sort_by` are required upstream (`alloy:"output,block"`, `alloy:"sort_by,block"`),
 * but the converter omits them when nothing is configured.
 */
const UPSTREAM_INVALID: Record<string, string[]> = {
  "fileexporter.alloy": ['missing required block "sort_by"', 'missing required block "output"'],
  "filelog.alloy": ['missing required block "output"'],
  "fluentforwarder.alloy": ['missing required block "output"'],
  "syslog.alloy": ['missing required block "output"'],
  "tcplog.alloy": ['missing required block "output"'],
  // memory_limiter's Validate() needs spike_limit_percentage with limit_percentage (upstream's converter omits it).
  "memorylimiter.alloy": ["limit_percentage and spike_limit_percentage must be greater than 0 and and less or equal than 100"],
};

describe.skipIf(!sharedDir)("expected otelcol conversions validate", () => {
  const files = sharedDir ? alloyFiles(shared("conformance", "otelcol")) : [];
  it("finds the data", () => expect(files.length).toBeGreaterThanOrEqual(60));
  it.each(files.map((f) => [path.relative(shared("conformance", "otelcol"), f), f]))("%s", (rel, f) => {
    const diags = validate([{ name: path.basename(f), text: readFileSync(f, "utf8") }], {
      stabilityLevel: "experimental",
      communityComponents: true,
    });
    expect(diags.map((d) => d.message)).toEqual(UPSTREAM_INVALID[rel] ?? []);
  });
});

describe.skipIf(!sharedDir)("parser valid files", () => {
  const dir = sharedDir ? shared("conformance", "syntax", "parser", "valid") : "";
  const files = sharedDir ? readdirSync(dir).filter((f) => f.endsWith(".alloy")) : [];
  // These files use top-level attributes and made-up block names: upstream rejects them as configurations.
  const allowed = new Set([
    "validator/top-level-attribute",
    "validator/missing-label",
    "validator/unknown-component",
    "validator/duplicate-block",
  ]);
  it.each(files)("%s produces only configuration-level diagnostics", (f) => {
    const diags = validate([{ name: f, text: readFileSync(path.join(dir, f), "utf8") }]);
    for (const d of diags) expect(allowed.has(d.code), `${d.code}: ${d.message}`).toBe(true);
  });
});
