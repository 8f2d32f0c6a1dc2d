/** Mutating the Alloy side of an equivalent pair must be detected as "different". */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { graphFromAlloy, graphFromCollectorYaml, verifyGraphs } from "@alloy-ts/runtime-lite";
import { shared, sharedDir } from "../support/shared.js";

const env = {};
const load = (name: string) => ({ yaml: readFileSync(shared("conformance", "otelcol", `${name}.yaml`), "utf8"), alloy: readFileSync(shared("conformance", "otelcol", `${name}.alloy`), "utf8") });

async function verdicts(yaml: string, alloy: string) {
  const r = await verifyGraphs(graphFromCollectorYaml(yaml, { env }), graphFromAlloy(alloy, { env }));
  return { ok: r.ok, verdicts: r.exporters.map((e) => e.verdict), report: r };
}

function mutate(text: string, from: string | RegExp, to: string): string {
  const out = text.replace(from, to);
  expect(out).not.toBe(text);
  return out;
}

describe.skipIf(!sharedDir)("verify detects differences on the Alloy side", () => {
  it("the unmodified pair is equivalent", async () => {
    const { yaml, alloy } = load("attributes");
    expect((await verdicts(yaml, alloy)).verdicts).toEqual(["equivalent"]);
  });

  it("a wrong attribute action (upsert instead of insert)", async () => {
    const { yaml, alloy } = load("attributes");
    const r = await verdicts(yaml, mutate(alloy, 'action = "insert"', 'action = "upsert"'));
    expect(r.ok).toBe(false);
    expect(r.verdicts).toEqual(["different"]);
    expect(r.report.exporters[0]!.onlyInCollector ?? r.report.exporters[0]!.onlyInAlloy).toContain("account_id");
  });

  it("a wrong attribute value", async () => {
    const { yaml, alloy } = load("attributes");
    expect((await verdicts(yaml, mutate(alloy, "value  = 2245", "value  = 2246"))).verdicts).toEqual(["different"]);
  });

  it("a dropped output edge", async () => {
    const { yaml, alloy } = load("attributes");
    const r = await verdicts(yaml, mutate(alloy, /\t\tlogs    = \[otelcol\.exporter\.otlp\.default\.input\]\n/, ""));
    expect(r.verdicts).toEqual(["different"]);
    expect(r.report.exporters[0]!.onlyInCollector).toContain('"signal":"log"');
  });

  it("a swapped signal (traces wired where metrics were)", async () => {
    const { yaml, alloy } = load("batch");
    const swapped = mutate(alloy, /metrics = \[([^\]]*)\]\n(\s*)logs\s*= \[([^\]]*)\]\n(\s*)traces\s*= \[([^\]]*)\]/, "metrics = [$1]\n$2logs = [$3]\n$4traces = [$3]");
    const r = await verdicts(yaml, mutate(swapped, /(otelcol\.processor\.batch "default" \{[\s\S]*?output \{\s*)metrics\s*= /, "$1traces = "));
    expect(r.verdicts).toEqual(["different"]);
  });

  it("a changed filter condition", async () => {
    const { yaml, alloy } = load("filter");
    expect((await verdicts(yaml, mutate(alloy, "app_container_1", "app_container_2"))).verdicts).toEqual(["different"]);
  });

  it("a changed groupbyattrs key", async () => {
    const { yaml, alloy } = load("groupbyattrs");
    expect((await verdicts(yaml, mutate(alloy, "k8s.deployment.name", "k8s.pod.name"))).verdicts).toEqual(["different"]);
  });

  it("an extra exporter on the Alloy side", async () => {
    const { yaml, alloy } = load("attributes");
    const extra = mutate(alloy, "metrics = [otelcol.exporter.otlp.default.input]", "metrics = [otelcol.exporter.otlp.default.input, otelcol.exporter.debug.extra.input]") + '\notelcol.exporter.debug "extra" { }\n';
    const r = await verdicts(yaml, extra);
    expect(r.verdicts).toContain("different");
  });

  it("a component without semantics makes the exporter unverified, not equivalent", async () => {
    const { yaml, alloy } = load("interval");
    expect((await verdicts(yaml, alloy)).verdicts).toEqual(["unverified"]);
  });
});
