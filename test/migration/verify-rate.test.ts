/**
 * `alloy verify --strict` over fixtures/migration/configs: of the configurations the default mode converts, at
 * least 80% verify with every exporter equivalent, and none is reported different (the conversions are correct).
 * A path holding a setting the conversion did not carry is unverified, as `alloy verify` reports it (two fixtures:
 * `tls.insecure` of a Prometheus remote-write exporter, and the kafka receiver's top-level `topic`/`encoding`,
 * which current collectors no longer accept).
 * The measured rate is printed with SHOW_VERDICTS=1.
 */
import { describe, expect, it } from "vitest";
import { blocksOutput, convertOtelcol } from "@alloy-ts/converter";
import { graphFromAlloy, graphFromCollectorYaml, verifyGraphs } from "@alloy-ts/runtime-lite";
import { read, yamlFixtures } from "./support.js";
import { withLedger } from "../../packages/cli/src/commands/verify-ledger.js";

describe("alloy verify on the migration fixtures", () => {
  it("passes --strict on at least 80% of the natively converted configurations and never reports different", async () => {
    const env = { PATH: "/bin" };
    const verdicts: { name: string; strict: boolean; different: string[]; unverified: string[] }[] = [];
    for (const [name, file] of yamlFixtures("configs")) {
      const yaml = read(file);
      const converted = convertOtelcol(yaml);
      if (converted.output === undefined || blocksOutput(converted.diagnostics, false)) continue;
      // As `alloy verify` does: a path holding a setting the conversion did not carry is unverified.
      const run = await verifyGraphs(graphFromCollectorYaml(yaml, { env }), graphFromAlloy(converted.output, { env }));
      const report = withLedger(run, converted.ledger, yaml, file);
      const different = report.exporters.filter((e) => e.verdict === "different").map((e) => e.exporter);
      const unverified = report.exporters.filter((e) => e.verdict === "unverified").flatMap((e) => e.reasons ?? []);
      verdicts.push({ name, strict: report.ok && unverified.length === 0 && report.exporters.length > 0, different, unverified });
    }
    const passing = verdicts.filter((v) => v.strict).length;
    if (process.env.SHOW_VERDICTS) console.log(`strict: ${passing}/${verdicts.length}`, verdicts.filter((v) => !v.strict));
    expect(verdicts.length).toBeGreaterThanOrEqual(20);
    expect(verdicts.filter((v) => v.different.length > 0)).toEqual([]);
    expect(passing / verdicts.length).toBeGreaterThanOrEqual(0.8);
  });
});
