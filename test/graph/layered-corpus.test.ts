/**
 * The package's own layered placement on the shapes of real configurations: every file of the shared corpus
 * (../shared/corpus), its whole graph placed as one (no file of the corpus is large enough for layoutGraph to
 * choose this placement over elkjs, so it is called directly): boxes apart, every edge orthogonal from its
 * source's east side to its target's west side, through no node. Skips when the corpus is absent.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { graphOfAlloy, graphOfCollector, nodeWidth, type PipelineGraph } from "@alloy-ts/graph";
import { placeLayered } from "../../packages/graph/src/layered.js";
import { NODE_HEIGHT } from "../../packages/graph/src/metrics.js";
import { kindLine } from "../../packages/graph/src/style.js";
import { filesUnder, shared, sharedDir } from "../support/shared.js";

const corpus = sharedDir ? shared("corpus") : undefined;
const files = corpus ? filesUnder(corpus).filter((f) => /\.(alloy|river|ya?ml)$/.test(f)) : [];
if (!corpus) console.warn("graph layered-corpus test: skipped: ../shared/corpus is not available");

type Box = { x: number; y: number; width: number; height: number };
const overlap = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
/** Whether the axis-parallel segment p–q passes through the inside of box b. */
function crosses(p: { x: number; y: number }, q: { x: number; y: number }, b: Box): boolean {
  const [x0, x1] = [Math.min(p.x, q.x), Math.max(p.x, q.x)];
  const [y0, y1] = [Math.min(p.y, q.y), Math.max(p.y, q.y)];
  if (y0 === y1) return y0 > b.y && y0 < b.y + b.height && x0 < b.x + b.width && x1 > b.x;
  return x0 > b.x && x0 < b.x + b.width && y0 < b.y + b.height && y1 > b.y;
}

/** What is wrong with the placement of a file's graph (nothing, when all is well). */
function problems(graph: PipelineGraph, file: string): string[] {
  const index = new Map(graph.nodes.map((n, i) => [n.id, i]));
  const nodes = graph.nodes.map((_, i) => i);
  const links = graph.edges.filter((e) => index.has(e.from) && index.has(e.to)).map((e) => ({ id: e.id, from: index.get(e.from)!, to: index.get(e.to)! }));
  const widths = graph.nodes.map((n) => nodeWidth(n.title, kindLine(n.kind, n.marks)));
  const placed = placeLayered(nodes, links, (n) => widths[n]!);
  const out: string[] = [];
  const boxes = nodes.map((n) => placed.nodes.get(n)!);
  boxes.forEach((b, i) => {
    for (let j = i + 1; j < boxes.length; j++) if (overlap(b, boxes[j]!)) out.push(`${file}: ${graph.nodes[i]!.id} overlaps ${graph.nodes[j]!.id}`);
  });
  for (const l of links) {
    const pts = placed.edges.get(l.id);
    const a = placed.nodes.get(l.from)!;
    const b = placed.nodes.get(l.to)!;
    if (!pts || pts.length < 2) {
      out.push(`${file}: ${l.id} not drawn`);
      continue;
    }
    if (pts[0]!.x !== a.x + a.width || pts[0]!.y !== a.y + NODE_HEIGHT / 2) out.push(`${file}: ${l.id} does not leave its source's east side`);
    if (pts[pts.length - 1]!.x !== b.x || pts[pts.length - 1]!.y !== b.y + NODE_HEIGHT / 2) out.push(`${file}: ${l.id} does not reach its target's west side`);
    for (let i = 1; i < pts.length; i++) {
      if (pts[i]!.x !== pts[i - 1]!.x && pts[i]!.y !== pts[i - 1]!.y) out.push(`${file}: ${l.id} has a slanted segment`);
      boxes.forEach((box, n) => {
        if (crosses(pts[i - 1]!, pts[i]!, box)) out.push(`${file}: ${l.id} passes through ${graph.nodes[n]!.id}`);
      });
    }
  }
  return out;
}

describe.skipIf(!corpus)("the layered placement over the corpus", () => {
  it("places every file's graph with boxes apart and every edge from east to west side, through no node", () => {
    expect(files.length).toBeGreaterThan(200);
    for (const file of files) {
      const text = readFileSync(file, "utf8");
      expect(problems(/\.ya?ml$/.test(file) ? graphOfCollector(text, file) : graphOfAlloy(text, file), file)).toEqual([]);
    }
  });
});
