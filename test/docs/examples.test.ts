/**
 * examples/: each collector YAML has its converted Alloy committed beside it. This converts every one with the
 * shipped `alloy convert`, checks the committed Alloy is exactly what it prints today, validates that Alloy with
 * `alloy validate`, and checks `alloy build` knows a module for every component. A `<name>.validate.txt` file
 * lists validator errors that are expected (a known difference between converter output and the schemas);
 * when it is absent, validation must pass. A `<name>.flags` file holds extra `alloy convert` flags (a dialect).
 * Each committed Alloy file is also run against its YAML with `alloy verify`: nothing may be "different".
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../support/shared.js";
import { cliBuilt, runAlloy } from "../support/cli.js";

const examplesDir = path.join(repoRoot, "examples");
const dirs = readdirSync(examplesDir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
const cases = dirs.flatMap((d) =>
  readdirSync(path.join(examplesDir, d)).filter((f) => f.endsWith(".yaml")).sort().map((f) => path.join("examples", d, f)),
);

/** Warnings upstream prints for nearly every input (the collector's default telemetry settings). */
const IGNORED_WARNINGS = ["(Warning) the service/telemetry/logs/sampling", "(Warning) the service/telemetry/metrics/readers"];

/** Extra `alloy convert` flags of an example (from `<name>.flags`, whitespace-separated). */
const flagsOf = (yaml: string): string[] => {
  const file = path.join(repoRoot, yaml.replace(/\.yaml$/, ".flags"));
  return existsSync(file) ? readFileSync(file, "utf8").split(/\s+/).filter(Boolean) : [];
};

/** The first line of each `Error: ...` diagnostic, without the final summary. */
const errorLines = (stderr: string) => stderr.split("\n").filter((l) => l.startsWith("Error: ") && l !== "Error: validation failed").map((l) => l.slice(7));

describe("examples", () => {
  it("are complete: a README and at least one collector configuration each", () => {
    expect(dirs.length).toBeGreaterThanOrEqual(12);
    for (const d of dirs) expect(existsSync(path.join(examplesDir, d, "README.md")), `${d}/README.md`).toBe(true);
    expect(existsSync(path.join(examplesDir, "README.md"))).toBe(true);
  });

  describe.skipIf(!cliBuilt)("through the alloy command", () => {
    it.each(cases)("%s converts to the committed Alloy", (yaml) => {
      const alloyFile = yaml.replace(/\.yaml$/, ".alloy");
      const flags = flagsOf(yaml);
      const r = runAlloy(["convert", "--source-format=otelcol", ...flags, yaml]);
      // A successful conversion prints its diagnostics; an example loses no setting (a lost one is a Warning).
      // `<name>.convert-warnings.txt` lists the settings an example knowingly loses.
      const warningsFile = yaml.replace(/\.ya?ml$/, ".convert-warnings.txt");
      const expectedWarnings = existsSync(path.join(repoRoot, warningsFile)) ? readFileSync(path.join(repoRoot, warningsFile), "utf8").split("\n").filter((l) => l !== "") : [];
      expect(r.stderr.split("\n").filter((l) => /^\((Critical|Error|Warning)\)/.test(l) && !IGNORED_WARNINGS.some((w) => l.startsWith(w)))).toEqual(expectedWarnings);
      expect(r.code).toBe(0);
      expect(r.stdout, `regenerate with: alloy convert -f otelcol ${flags.join(" ")} -o ${alloyFile} ${yaml}`).toBe(readFileSync(path.join(repoRoot, alloyFile), "utf8"));
    });

    it.each(cases)("%s: the committed Alloy validates", (yaml) => {
      const alloyFile = yaml.replace(/\.yaml$/, ".alloy");
      const expectedFile = path.join(repoRoot, yaml.replace(/\.yaml$/, ".validate.txt"));
      const r = runAlloy(["validate", "--stability.level=experimental", alloyFile]);
      if (existsSync(expectedFile)) {
        const expected = readFileSync(expectedFile, "utf8").split("\n").filter((l) => l.trim() !== "");
        expect(errorLines(r.stderr)).toEqual(expected);
        expect(r.code).toBe(1);
      } else {
        expect(errorLines(r.stderr)).toEqual([]);
        expect(r.code).toBe(0);
      }
    });

    it.each(cases)("%s: the committed Alloy behaves like the YAML (alloy verify)", (yaml) => {
      const alloyFile = yaml.replace(/\.yaml$/, ".alloy");
      const r = runAlloy(["verify", yaml, "--alloy", alloyFile, "--json"]);
      expect(r.code, r.stdout + r.stderr).toBe(0);
      const report = JSON.parse(r.stdout) as { exporters: { verdict: string }[] };
      expect(report.exporters.length).toBeGreaterThan(0);
      expect(report.exporters.filter((e) => e.verdict === "different")).toEqual([]);
    });

    it.each(cases)("%s: alloy build knows every module", (yaml) => {
      const r = runAlloy(["build", yaml]);
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^receivers:\n {2}- gomod: /m);
    });
  });
});
