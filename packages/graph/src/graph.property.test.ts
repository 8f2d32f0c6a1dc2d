/**
 * Properties over generated Alloy pipelines: one node per block and one edge per written reference, every edge
 * between drawn nodes, node boxes that never overlap, and the same SVG for the same text.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { graphOfAlloy, layoutGraph, renderSvg } from "./index.js";

/** A component family, how it is written and which of its exports a reference names. */
const FAMILIES = [
  { name: "prometheus.scrape", body: (refs: string[]) => `  targets = []\n  forward_to = [${refs.map((r) => `${r}`).join(", ")}]\n` },
  { name: "prometheus.relabel", body: (refs: string[]) => `  forward_to = [${refs.join(", ")}]\n`, export: "receiver" },
  { name: "prometheus.remote_write", body: () => `  endpoint {\n    url = "http://x"\n  }\n`, export: "receiver" },
  { name: "otelcol.processor.batch", body: (refs: string[]) => `  output {\n    traces = [${refs.join(", ")}]\n  }\n`, export: "input" },
] as const;

const pipeline = fc
  .array(fc.record({ family: fc.integer({ min: 0, max: FAMILIES.length - 1 }), targets: fc.array(fc.nat(40), { maxLength: 3 }) }), { minLength: 1, maxLength: 25 })
  .map((items) => {
    // References only to components that export a consumer handle of the same shape (receiver or input).
    const exportsOf = items.map((it) => ("export" in FAMILIES[it.family]! ? (FAMILIES[it.family] as { export: string }).export : undefined));
    let refCount = 0;
    const text = items
      .map((it, i) => {
        const fam = FAMILIES[it.family]!;
        const want = fam.name === "otelcol.processor.batch" ? "input" : "receiver";
        const refs = fam.name === "prometheus.remote_write" ? [] : it.targets
          .map((t) => t % items.length)
          .filter((t) => exportsOf[t] === want)
          .map((t) => `${FAMILIES[items[t]!.family]!.name}.c${t}.${want}`);
        refCount += refs.length;
        return `${fam.name} "c${i}" {\n${fam.body(refs)}}\n`;
      })
      .join("\n");
    return { text, blocks: items.length, refCount };
  });

const overlap = (a: { x: number; y: number; width: number; height: number }, b: typeof a) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe("graph properties", () => {
  it("one node per block, one edge per reference, non-overlapping boxes, stable SVG", async () => {
    await fc.assert(
      fc.asyncProperty(pipeline, async ({ text, blocks, refCount }) => {
        const g = graphOfAlloy(text, "gen.alloy");
        expect(g.problems).toEqual([]);
        expect(g.nodes).toHaveLength(blocks);
        expect(g.edges).toHaveLength(refCount);
        const ids = new Set(g.nodes.map((n) => n.id));
        for (const e of g.edges) expect(ids.has(e.from) && ids.has(e.to)).toBe(true);
        const layout = await layoutGraph(g);
        const boxes = g.nodes.map((n) => layout.nodes[n.id]!);
        for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) expect(overlap(boxes[i]!, boxes[j]!)).toBe(false);
        expect(renderSvg(await layoutGraph(graphOfAlloy(text, "gen.alloy")))).toBe(renderSvg(layout));
      }),
      { numRuns: 40 },
    );
  });
});
