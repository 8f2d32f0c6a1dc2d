/**
 * Upstream's otelcol conversion cases (../shared/conformance/otelcol), run in-process the way upstream's test
 * harness runs them: compat mode must reproduce the expected bytes and non-Info diagnostics exactly; the default
 * mode may differ only by the documented fixes (docs/converter-differences.md), listed here as data.
 */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { convertOtelcol, renderDiagnostic, type ConvertDiagnostic } from "@alloy-ts/converter";
import { shared, sharedDir } from "../support/shared.js";

const IGNORED = [
  "(Warning) the service/telemetry/logs/sampling configuration is not supported",
  "(Warning) the service/telemetry/metrics/readers configuration is not supported - to gather Alloy's own telemetry refer to: https://grafana.com/docs/alloy/latest/collect/metamonitoring/",
];
const FOLDERS = ["", "envvars", "otelcol_dedup", "otelcol_errors", "otelcol_telemetry", "otelcol_without_validation"];

interface Case {
  readonly name: string;
  readonly folder: string;
  readonly yaml: string;
  readonly alloy?: string;
  readonly diags: string;
}

function loadCases(): Case[] {
  if (!sharedDir) return [];
  const root = shared("conformance", "otelcol");
  const cases: Case[] = [];
  for (const folder of FOLDERS) {
    const dir = path.join(root, folder);
    for (const file of readdirSync(dir).filter((f) => f.endsWith(".yaml")).sort()) {
      const base = path.join(dir, file.slice(0, -".yaml".length));
      const read = (p: string) => (existsSync(p) ? readFileSync(p, "utf8").replace(/\r\n/g, "\n") : undefined);
      cases.push({
        name: folder ? `${folder}/${file.slice(0, -5)}` : file.slice(0, -5),
        folder,
        yaml: readFileSync(base + ".yaml", "utf8"),
        alloy: read(base + ".alloy") || undefined,
        diags: read(base + ".diags") ?? "",
      });
    }
  }
  return cases;
}

/** The diagnostics text upstream's harness compares with `.diags`. */
function diagsText(c: Case, diagnostics: readonly ConvertDiagnostic[]): string {
  return diagnostics
    .filter((d) => d.severity !== "info")
    .map((d) => renderDiagnostic(d))
    .filter((t) => c.folder === "otelcol_telemetry" || !IGNORED.includes(t))
    .map((t) => t + "\n")
    .join("");
}

const cases = loadCases();

describe.skipIf(!sharedDir)("otelcol conversion conformance (--compat=upstream)", () => {
  it("finds the 67 upstream cases", () => {
    expect(cases.length).toBe(67);
  });

  for (const c of cases) {
    it(c.name, () => {
      const result = convertOtelcol(c.yaml, {
        compat: "upstream",
        skipSourceValidation: c.folder === "otelcol_without_validation",
      });
      expect(diagsText(c, result.diagnostics)).toBe(c.diags);
      if (c.alloy !== undefined) expect(result.output).toBe(c.alloy);
      else expect(result.diagnostics.some((d) => d.severity === "critical")).toBe(true);
    });
  }
});
