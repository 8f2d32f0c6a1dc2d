/**
 * Equivalence of the collector YAML and the converted Alloy configuration for every conformance input whose path is
 * fully covered by semantics; inputs that use components without semantics must say so ("unverified").
 */
import { readdirSync, readFileSync, existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { graphFromAlloy, graphFromCollectorYaml, verifyGraphs } from "@alloy-ts/runtime-lite";
import { shared, sharedDir } from "../support/shared.js";

const env = { PATH: "/bin" };

/** Upstream's output gives these receivers no `output` block (otelcol-conversion.md §18.1): their data is lost. */
const KNOWN_LOSSY = new Set(["fileexporter.yaml", "fluentforwarder.yaml", "syslog.yaml", "tcplog.yaml"]);

function cases(): string[] {
  const dir = shared("conformance", "otelcol");
  const out: string[] = [];
  const walk = (d: string) => {
    for (const f of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, f.name);
      if (f.isDirectory()) walk(p);
      else if (f.name.endsWith(".yaml") && existsSync(p.replace(/\.yaml$/, ".alloy"))) out.push(p);
    }
  };
  walk(dir);
  return out.sort();
}

describe.skipIf(!sharedDir)("alloy verify on the conformance inputs", () => {
  const all = sharedDir ? cases() : [];
  it.each(all.map((p) => [path.relative(shared("conformance", "otelcol"), p), p]))("%s", async (_name, file) => {
    const yaml = readFileSync(file, "utf8");
    const alloy = readFileSync(file.replace(/\.yaml$/, ".alloy"), "utf8");
    const report = await verifyGraphs(graphFromCollectorYaml(yaml, { env }), graphFromAlloy(alloy, { env }));
    const summary = report.exporters.map((e) => `${e.exporter}:${e.verdict}`);
    const different = report.exporters.filter((e) => e.verdict === "different");
    if (KNOWN_LOSSY.has(_name)) {
      expect(different.map((e) => e.actualItems)).toEqual(report.exporters.map(() => 0));
      return;
    }
    expect(different, JSON.stringify({ summary, different, diags: report.diagnostics }, null, 1)).toEqual([]);
    expect(report.exporters.length).toBeGreaterThan(0);
  });
});
