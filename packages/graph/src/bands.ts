/**
 * A graph whose edges cross containers (a connector between signal lanes, a reference out of a module), drawn
 * without elk: the components those edges join are placed by the layered placement (layered.ts) with each
 * container as a band, and every container is drawn as wide as the drawing, below the one before it, holding its
 * own nodes of those components, then at their right the block of its other components (packed as in pack.ts),
 * then its sub-containers. Edges between bands run through the gaps between layers, so they pass no node and no
 * block; each container's contents are in its box, and no two boxes of one level overlap.
 */
import type { Box, GraphLayout, Point } from "./layout.js";
import type { PipelineGraph } from "./model.js";
import { arrangeLayered, type Arrangement } from "./layered.js";
import { routeLayered } from "./route.js";
import { BLOCK_SPACING, CONTAINER_PADDING, ROOT_PADDING, type Link, type Placed, type XY } from "./pack.js";

export interface AcrossInput {
  readonly graph: PipelineGraph;
  readonly widths: readonly number[];
  /** Container of each node id (undefined at the top level). */
  readonly parentOf: ReadonlyMap<string, string | undefined>;
  /** Container of each container (undefined at the top level), in the graph's order. */
  readonly parents: ReadonlyMap<string, string | undefined>;
  /** Nodes (indexes) of the components that cross containers, and their links. */
  readonly nodes: readonly number[];
  readonly links: readonly Link[];
  /** Each container's other components, laid out and packed. */
  readonly blocks: ReadonlyMap<string | undefined, { readonly pack: { positions: XY[]; width: number; height: number }; readonly parts: readonly Placed[] }>;
}

export function layoutAcrossInBands(input: AcrossInput): Omit<GraphLayout, "graph"> {
  const { graph, widths, parentOf, parents, blocks } = input;
  // Bands in depth-first order of the containers, the top level first.
  const childrenOf = new Map<string | undefined, string[]>([[undefined, []]]);
  for (const c of graph.containers) childrenOf.set(c.id, []);
  for (const [c, parent] of parents) childrenOf.get(parent)!.push(c);
  const bandOf = new Map<string | undefined, number>();
  const depthOf = new Map<string | undefined, number>();
  let deepest = 0;
  const number = (key: string | undefined, depth: number) => {
    bandOf.set(key, bandOf.size);
    depthOf.set(key, depth);
    deepest = Math.max(deepest, depth);
    for (const c of childrenOf.get(key)!) number(c, depth + 1);
  };
  number(undefined, 0);

  const local = new Map(input.nodes.map((n, i) => [n, i]));
  const arrangement = arrangeLayered({
    widths: input.nodes.map((n) => widths[n]!),
    links: input.links.map((l) => ({ from: local.get(l.from)!, to: local.get(l.to)! })),
    bands: input.nodes.map((n) => bandOf.get(parentOf.get(graph.nodes[n]!.id))!),
  });

  // Vertical: each container's title, its band beside its block, its sub-containers, its bottom padding.
  const bandTop = new Array<number>(bandOf.size).fill(0);
  const boxTop = new Map<string, { top: number; bottom: number }>();
  const stack = (key: string | undefined, top: number): number => {
    let y = top + (key === undefined ? 0 : CONTAINER_PADDING.top);
    const band = bandOf.get(key)!;
    bandTop[band] = y;
    const block = blocks.get(key);
    const region = Math.max(arrangement.bandHeight[band] ?? 0, block && block.parts.length > 0 ? block.pack.height : 0);
    const children = childrenOf.get(key)!;
    y += region;
    children.forEach((c, k) => {
      if (region > 0 || k > 0) y += BLOCK_SPACING;
      const start = y;
      y = stack(c, y);
      boxTop.set(c, { top: start, bottom: y });
    });
    return y + (key === undefined ? 0 : CONTAINER_PADDING.bottom);
  };
  const contentBottom = stack(undefined, 0);
  const routed = routeLayered(arrangement, bandTop);

  // Horizontal: the layered part from 0, blocks at its right (where no edge between bands passes them), each
  // container its padding wider than its contents. A band with none of the layered nodes, past which no edge
  // runs, has its block at the left instead.
  const passed = bandsPassed(arrangement, bandOf.size);
  const blockLeft = (band: number) => (routed.width > 0 && (arrangement.bandHeight[band]! > 0 || passed[band]) ? routed.width + BLOCK_SPACING : 0);
  let contentWidth = routed.width;
  for (const [key, b] of blocks) if (b.parts.length > 0) contentWidth = Math.max(contentWidth, blockLeft(bandOf.get(key)!) + b.pack.width);
  const inset = (depth: number) => (deepest - depth + 1) * CONTAINER_PADDING.left;
  const dx = ROOT_PADDING + (deepest > 0 ? inset(1) : 0);
  const dy = ROOT_PADDING - Math.min(0, routed.top);

  const nodes: Record<string, Box> = {};
  const containers: Record<string, Box> = {};
  const edges: Record<string, Point[]> = {};
  input.nodes.forEach((n, i) => {
    const b = routed.nodes[i]!;
    nodes[graph.nodes[n]!.id] = { x: b.x + dx, y: b.y + dy, width: b.width, height: b.height };
  });
  input.links.forEach((l, k) => (edges[l.id] = routed.edges[arrangement.edgeOfLink[k]!]!.map((pt) => ({ x: pt.x + dx, y: pt.y + dy }))));
  for (const [key, block] of blocks) {
    const top = bandTop[bandOf.get(key)!]!;
    block.parts.forEach((part, k) => {
      const at = block.pack.positions[k]!;
      const ox = dx + blockLeft(bandOf.get(key)!) + at.x;
      const oy = dy + top + at.y;
      for (const [n, b] of part.nodes) nodes[graph.nodes[n]!.id] = { x: ox + b.x, y: oy + b.y, width: b.width, height: b.height };
      for (const [id, pts] of part.edges) edges[id] = pts.map((pt) => ({ x: ox + pt.x, y: oy + pt.y }));
    });
  }
  for (const c of graph.containers) {
    const { top, bottom } = boxTop.get(c.id)!;
    const out = inset(depthOf.get(c.id)!);
    containers[c.id] = { x: dx - out, y: dy + top, width: contentWidth + 2 * out, height: bottom - top };
  }
  const bottom = Math.max(contentBottom, routed.bottom);
  return { width: dx + contentWidth + dx, height: dy + bottom + ROOT_PADDING, nodes, containers, edges };
}

/**
 * Bands that an edge runs past on its way between two others (bands are stacked in their order, so those in
 * between), or on its way down from above the drawing (an edge drawn around the top passes every band above its
 * ends; a self-loop stays beside its node).
 */
function bandsPassed(a: Arrangement, count: number): boolean[] {
  const change = new Array<number>(count + 1).fill(0);
  const pass = (lo: number, hi: number) => {
    if (lo >= hi) return;
    change[lo]!++;
    change[hi]!--;
  };
  for (const e of a.edges) {
    if (e.kind === "chain") {
      let lo = Infinity;
      let hi = -Infinity;
      for (const v of e.items) (lo = Math.min(lo, a.band[v]!)), (hi = Math.max(hi, a.band[v]!));
      pass(lo + 1, hi);
    } else if (e.kind === "around") pass(0, Math.max(a.band[e.from]!, a.band[e.to]!));
  }
  const out: boolean[] = [];
  for (let b = 0, depth = 0; b < count; b++) out.push((depth += change[b]!) > 0);
  return out;
}
