/**
 * Shapes seen in real collector configurations that upstream converts wrongly or refuses as a whole
 * (fixtures/convert/wiring): the default mode converts what Alloy can carry and names the rest.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { convertOtelcol } from "@alloy-ts/converter";
import { parse } from "@alloy-ts/grammar";
import { validate } from "@alloy-ts/validator";
import { repoRoot } from "../support/shared.js";

const dir = path.join(repoRoot, "fixtures", "convert", "wiring");
const read = (f: string) => readFileSync(path.join(dir, f), "utf8");
const names = readdirSync(dir).filter((f) => f.endsWith(".yaml")).map((f) => f.slice(0, -5)).sort();
const summaries = (r: ReturnType<typeof convertOtelcol>, severity: string) =>
  r.diagnostics.filter((d) => d.severity === severity).map((d) => d.message);

describe("converted real-world shapes", () => {
  for (const name of names.filter((n) => existsSync(path.join(dir, `${n}.alloy`)))) {
    it(`${name} converts to the expected text, which validates`, () => {
      const r = convertOtelcol(read(`${name}.yaml`), { fileName: `${name}.yaml` });
      expect(summaries(r, "critical")).toEqual([]);
      expect(r.output).toBe(read(`${name}.alloy`));
      expect(validate([parse(r.output!, { name: `${name}.alloy` })], { stabilityLevel: "experimental" }).filter((d) => d.severity === "error")).toEqual([]);
      // Nothing without a fate, and every lost setting is named at its position.
      for (const f of r.ledger.filter((x) => x.fate === "not-carried")) expect(f.position).toBeDefined();
    });
  }

  it("duplicate labels: the later component gets a free label, said in an Info; upstream refuses the file", () => {
    const r = convertOtelcol(read("duplicate-labels.yaml"));
    expect(summaries(r, "info").filter((s) => s.startsWith("Labelled "))).toEqual([
      'Labelled otelcol.processor.transform.default_default_2 (the component "transform" in pipeline group "default"): the label "default_default" is already used by the component "transform/default" in pipeline group ""',
    ]);
    expect(summaries(convertOtelcol(read("duplicate-labels.yaml"), { compat: "upstream" }), "critical")[0]).toMatch(/^duplicate label after conversion/);
  });

  it("profiles pipelines: named, with the components only they use; the other pipelines convert", () => {
    const r = convertOtelcol(read("profiles-pipeline.yaml"));
    expect(summaries(r, "warning").filter((s) => /profiles/.test(s) && !/ not carried: /.test(s))).toEqual([
      "service::pipelines::profiles: profiles pipelines are not converted: no Alloy otelcol component carries profiles (run this pipeline with a collector or alloy otel)",
      "receiver/profiling is used only by profiles pipelines and was not converted",
      "exporter/otlp/profiles is used only by profiles pipelines and was not converted",
    ]);
  });

  it("service::telemetry processors: Warnings (upstream: Critical, the file is refused)", () => {
    const r = convertOtelcol(read("telemetry-processors.yaml"));
    expect(summaries(r, "warning")).toContain("the service/telemetry/logs/processors configuration is not supported");
    const upstream = convertOtelcol(read("telemetry-processors.yaml"), { compat: "upstream" });
    expect(summaries(upstream, "critical")).toContain("the service/telemetry/logs/processors configuration is not supported");
  });

  it("no service section: an error, no output (upstream: an empty file and success)", () => {
    const r = convertOtelcol(read("no-service.yaml"));
    expect(r.output).toBeUndefined();
    expect(summaries(r, "critical")).toEqual([
      "the configuration has no service section, so nothing would be converted: the collector refuses it too (service must have at least one pipeline)",
    ]);
    expect(summaries(convertOtelcol(read("no-service.yaml"), { compat: "upstream" }), "critical")).toEqual([]);
  });
});
