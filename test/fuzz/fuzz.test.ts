/**
 * A short run of the fuzz campaigns of `npm run fuzz` (scripts/fuzz.mjs) over the packages' sources: every
 * regression seed in scripts/fuzz-seeds, then a few hundred generated inputs per campaign, with the same
 * invariants (no crash or internal error, no hang; format keeps the meaning, parses and settles).
 */
import { describe, expect, it } from "vitest";
import * as grammar from "@alloy-ts/grammar";
import * as validator from "@alloy-ts/validator";
import * as lsp from "@alloy-ts/lsp";
import * as converter from "@alloy-ts/converter";
import * as runtime from "@alloy-ts/runtime-lite";
// @ts-expect-error: plain JavaScript module without type declarations
import { createCampaigns, runCampaign } from "../../scripts/fuzz/campaigns.mjs";
// @ts-expect-error: plain JavaScript module without type declarations
import { readSeeds } from "../../scripts/fuzz/seeds.mjs";

interface Finding {
  kind: string;
  message: string;
  input: string;
}
interface Result {
  tried: number;
  findings: Finding[];
}

const INPUTS = Number(process.env.FUZZ_INPUTS ?? 150);
const { campaigns } = createCampaigns({ grammar, validator, lsp, converter, runtime });

describe("fuzz campaigns (short run)", () => {
  it.each(["parse", "format", "validate", "lsp", "convert", "convert-yaml", "validate-yaml", "otlp"])("%s: seeds and generated inputs find nothing", (name) => {
    const seeds: string[] = readSeeds(name);
    const r: Result = runCampaign(campaigns[name], name, { inputs: INPUTS, seconds: 10, seed: 20261207, seeds });
    expect(r.tried).toBeGreaterThanOrEqual(seeds.length);
    expect(r.findings.map((f) => `${f.kind}: ${f.message} in ${JSON.stringify(f.input)}`)).toEqual([]);
  });
});
