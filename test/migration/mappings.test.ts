/**
 * Native mappings (docs/native-mappings.md), one fixture pair each: fixtures/migration/mappings/NAME.yaml converts
 * in the default mode to NAME.alloy exactly, the output validates, the runtime finds no difference between the
 * collector YAML and the Alloy output where it has semantics for both, and upstream compatibility mode still
 * refuses the input (the mapping exists only beyond upstream's table). `UPDATE_FIXTURES=1` rewrites the .alloy files.
 */
import { existsSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { convertOtelcol, NATIVE_MAPPINGS } from "@alloy-ts/converter";
import { graphFromAlloy, graphFromCollectorYaml, verifyGraphs, type Graph } from "@alloy-ts/runtime-lite";
import { read, validationErrors, yamlFixtures } from "./support.js";

const fixtures = yamlFixtures("mappings");

/**
 * The runtime pairs exporters by type; a native mapping may change the exporter's type (`prometheusremotewrite` is
 * `otelcol.exporter.prometheus`), so the Alloy side's exporters are given back the collector type they come from.
 */
function withCollectorExporterTypes(alloy: Graph, collector: Graph): Graph {
  const collectorTypes = new Set([...collector.nodes.values()].filter((n) => n.kind === "exporter").map((n) => n.type));
  for (const node of alloy.nodes.values()) {
    if (node.kind !== "exporter" || collectorTypes.has(node.type)) continue;
    const mapping = NATIVE_MAPPINGS.find((d) => d.kind === "exporter" && d.alloyName === `otelcol.exporter.${node.type}` && d.otelTypes.some((t) => collectorTypes.has(t)));
    if (mapping) node.type = mapping.otelTypes.find((t) => collectorTypes.has(t))!;
  }
  return alloy;
}

describe("native mappings: fixture pairs", () => {
  it("has a fixture for every mapping family", () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(10);
  });

  for (const [name, file] of fixtures) {
    describe(name, () => {
      const yaml = read(file);
      const expectedFile = file.replace(/\.yaml$/, ".alloy");
      const result = convertOtelcol(yaml);

      it("converts in the default mode to the committed Alloy", () => {
        const blocking = result.diagnostics.filter((d) => d.severity === "critical" || d.severity === "error");
        expect(blocking).toEqual([]);
        if (process.env.UPDATE_FIXTURES === "1") writeFileSync(expectedFile, result.output ?? "");
        expect(existsSync(expectedFile)).toBe(true);
        expect(result.output).toBe(read(expectedFile));
      });

      it("validates", () => {
        expect(validationErrors(result.output ?? "")).toEqual([]);
      });

      it("is refused under --compat=upstream", () => {
        const upstream = convertOtelcol(yaml, { compat: "upstream" });
        expect(upstream.output).toBeUndefined();
        expect(upstream.diagnostics.some((d) => d.severity === "critical")).toBe(true);
      });

      it("shows no difference at runtime where both sides have semantics", async () => {
        const env = { PATH: "/bin" };
        const collector = graphFromCollectorYaml(yaml, { env });
        const report = await verifyGraphs(collector, withCollectorExporterTypes(graphFromAlloy(result.output ?? "", { env }), collector));
        const different = report.exporters.filter((e) => e.verdict === "different");
        if (process.env.SHOW_VERDICTS) console.log(name, report.exporters.map((e) => `${e.exporter}:${e.verdict}`).join(" "));
        expect(different, JSON.stringify(report, null, 1)).toEqual([]);
      });
    });
  }
});
