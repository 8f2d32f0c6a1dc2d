/**
 * The layered placement: boxes apart, every edge drawn orthogonally from its source's east side to its target's
 * west side without passing through a node, layers left to right for a graph without cycles, cycles and
 * self-loops drawn without hanging, the same drawing for the same input; and whole graphs past elk's size drawn
 * with it, lanes and a connector included.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ELK_MAX_NODES, graphOfAlloy, graphOfCollector, layoutGraph, renderSvg, type GraphLayout, type PipelineGraph } from "./index.js";
import { placeLayered } from "./layered.js";
import { NODE_HEIGHT } from "./metrics.js";
import { NODE_SPACING, type Link, type Placed, type Rect, type XY } from "./pack.js";

const overlap = (a: Rect, b: Rect) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** Whether the axis-parallel segment p–q passes through the inside of box b (touching its sides is not). */
function crosses(p: XY, q: XY, b: Rect): boolean {
  const [x0, x1] = [Math.min(p.x, q.x), Math.max(p.x, q.x)];
  const [y0, y1] = [Math.min(p.y, q.y), Math.max(p.y, q.y)];
  const inX = (x: number) => x > b.x && x < b.x + b.width;
  const inY = (y: number) => y > b.y && y < b.y + b.height;
  if (y0 === y1) return inY(y0) && x0 < b.x + b.width && x1 > b.x && (x1 - x0 > 0 || inX(x0));
  return inX(x0) && y0 < b.y + b.height && y1 > b.y;
}

/** Checks that hold for every placement; `dag` adds that every edge runs left to right between layers. */
function checkPlacement(nodes: readonly number[], links: readonly Link[], widthOf: (n: number) => number, placed: Placed, dag: boolean): void {
  const boxes = nodes.map((n) => placed.nodes.get(n)!);
  boxes.forEach((b, i) => {
    expect(b.width).toBe(widthOf(nodes[i]!));
    expect(b.height).toBe(NODE_HEIGHT);
    expect(b.x).toBeGreaterThanOrEqual(0);
    expect(b.y).toBeGreaterThanOrEqual(0);
    expect(b.x + b.width).toBeLessThanOrEqual(placed.width);
    expect(b.y + b.height).toBeLessThanOrEqual(placed.height);
    for (let j = i + 1; j < boxes.length; j++) expect(overlap(b, boxes[j]!)).toBe(false);
  });
  for (const l of links) {
    const pts = placed.edges.get(l.id)!;
    const a = placed.nodes.get(l.from)!;
    const b = placed.nodes.get(l.to)!;
    expect(pts.length).toBeGreaterThanOrEqual(2);
    expect(pts[0]).toEqual({ x: a.x + a.width, y: a.y + NODE_HEIGHT / 2 });
    expect(pts[pts.length - 1]).toEqual({ x: b.x, y: b.y + NODE_HEIGHT / 2 });
    if (dag && l.from !== l.to) expect(a.x + a.width).toBeLessThan(b.x);
    for (let i = 1; i < pts.length; i++) {
      const p = pts[i - 1]!;
      const q = pts[i]!;
      expect(p.x === q.x || p.y === q.y).toBe(true);
      for (const pt of [p, q]) {
        expect(pt.x).toBeGreaterThanOrEqual(0);
        expect(pt.y).toBeGreaterThanOrEqual(0);
        expect(pt.x).toBeLessThanOrEqual(placed.width);
        expect(pt.y).toBeLessThanOrEqual(placed.height);
      }
      for (const box of boxes) expect(crosses(p, q, box)).toBe(false);
    }
  }
}

/** A graph of up to 40 nodes and 80 links; without `cycles`, every link goes from a lower index to a higher. */
const graph = (cycles: boolean) =>
  fc
    .record({
      size: fc.integer({ min: 1, max: 40 }),
      pairs: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 80 }),
      widths: fc.array(fc.integer({ min: 150, max: 340 }), { minLength: 40, maxLength: 40 }),
    })
    .map(({ size, pairs, widths }) => {
      const nodes = Array.from({ length: size }, (_, i) => i);
      const links: Link[] = [];
      pairs.forEach(([a, b], k) => {
        let from = a % size;
        let to = b % size;
        if (!cycles) {
          if (from === to) return;
          if (from > to) [from, to] = [to, from];
        }
        links.push({ id: `e${k}`, from, to });
      });
      return { nodes, links, widthOf: (n: number) => widths[n]! };
    });

describe("the layered placement", () => {
  it("draws a graph without cycles left to right, boxes apart, every edge orthogonal and clear of the nodes", () => {
    fc.assert(
      fc.property(graph(false), ({ nodes, links, widthOf }) => checkPlacement(nodes, links, widthOf, placeLayered(nodes, links, widthOf), true)),
      { numRuns: 150 },
    );
  });

  it("draws graphs with cycles, self-loops and parallel edges, every edge from east to west side, clear of the nodes", () => {
    fc.assert(
      fc.property(graph(true), ({ nodes, links, widthOf }) => checkPlacement(nodes, links, widthOf, placeLayered(nodes, links, widthOf), false)),
      { numRuns: 150 },
    );
  });

  it("gives the same drawing for the same input, on whole-number coordinates", () => {
    fc.assert(
      fc.property(graph(true), ({ nodes, links, widthOf }) => {
        const a = placeLayered(nodes, links, widthOf);
        const b = placeLayered(nodes, links, widthOf);
        expect(JSON.stringify([...b.nodes, ...b.edges])).toBe(JSON.stringify([...a.nodes, ...a.edges]));
        for (const box of a.nodes.values()) expect(Number.isInteger(box.y) && Number.isInteger(box.x)).toBe(true);
      }),
      { numRuns: 50 },
    );
  });

  it("draws a shared source and a shared sink with the pipelines between them level, and the fork centred", () => {
    // discovery → 3 × (scrape → relabel) → remote_write, the shape of pipelines sharing their discovery and writer.
    const links: Link[] = [];
    for (let k = 0; k < 3; k++) {
      links.push({ id: `d${k}`, from: 0, to: 2 + 2 * k }, { id: `s${k}`, from: 2 + 2 * k, to: 3 + 2 * k }, { id: `w${k}`, from: 3 + 2 * k, to: 1 });
    }
    const nodes = [0, 1, 2, 3, 4, 5, 6, 7];
    const placed = placeLayered(nodes, links, () => 200);
    checkPlacement(nodes, links, () => 200, placed, true);
    const box = (n: number) => placed.nodes.get(n)!;
    expect([box(0).x, box(2).x, box(3).x, box(1).x]).toEqual([0, 248, 496, 744]);
    for (let k = 0; k < 3; k++) {
      expect(box(3 + 2 * k).y).toBe(box(2 + 2 * k).y);
      expect(placed.edges.get(`s${k}`)!.length).toBe(2);
    }
    // Each pipeline a row below the last, the shared nodes level with the middle one.
    expect(box(4).y - box(2).y).toBe(NODE_HEIGHT + NODE_SPACING);
    expect(box(0).y).toBe(box(4).y);
    expect(box(1).y).toBe(box(4).y);
  });

  it("draws a cycle with its edge back around the top, and a self-loop", () => {
    const links: Link[] = [
      { id: "a", from: 0, to: 1 },
      { id: "b", from: 1, to: 2 },
      { id: "back", from: 2, to: 0 },
      { id: "self", from: 1, to: 1 },
    ];
    const placed = placeLayered([0, 1, 2], links, () => 150);
    checkPlacement([0, 1, 2], links, () => 150, placed, false);
    const back = placed.edges.get("back")!;
    // Out of the east side of the last node, over everything, into the west side of the first.
    expect(Math.min(...back.map((p) => p.y))).toBeLessThan(Math.min(...[...placed.nodes.values()].map((b) => b.y)));
    expect(placed.nodes.get(0)!.x).toBeLessThan(placed.nodes.get(2)!.x);
  });

  it("places a graph at the size bound without giving up", () => {
    // 5,000 nodes and 10,000 edges, cycles included: the placement's cost is bounded (well under a second warm).
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
    const nodes = Array.from({ length: 5000 }, (_, i) => i);
    const links: Link[] = Array.from({ length: 10_000 }, (_, k) => ({ id: `e${k}`, from: next() % 5000, to: next() % 5000 }));
    const placed = placeLayered(nodes, links, () => 180);
    expect(placed.nodes.size).toBe(5000);
    expect(placed.edges.size).toBe(10_000);
  });
});

/** Collector YAML of `groups` pipelines per signal that share nothing but, for traces, one connector into metrics. */
function largeCollector(groups: number): string {
  const lines = ["receivers:"];
  for (let g = 0; g < groups; g++) lines.push(`  otlp/g${g}:`, "    protocols:", "      grpc:");
  lines.push("processors:");
  for (let g = 0; g < groups; g++) lines.push(`  batch/g${g}:`);
  lines.push("connectors:", "  spanmetrics:", "exporters:");
  for (let g = 0; g < groups; g++) lines.push(`  debug/g${g}:`);
  lines.push("service:", "  pipelines:");
  for (const signal of ["traces", "metrics", "logs"]) {
    for (let g = 0; g < groups; g++) {
      const exporters = signal === "traces" && g === 0 ? `debug/g${g}, spanmetrics` : `debug/g${g}`;
      // Every third pipeline shares its exporter with the next one: components with a node of several inputs.
      lines.push(`    ${signal}/g${g}:`, `      receivers: [otlp/g${g}]`, `      processors: [batch/g${g}]`, `      exporters: [${exporters}${g % 3 === 0 && g + 1 < groups ? `, debug/g${g + 1}` : ""}]`);
    }
  }
  lines.push("    metrics/spanmetrics:", "      receivers: [spanmetrics]", "      processors: [batch/g1]", "      exporters: [debug/g0]");
  return `${lines.join("\n")}\n`;
}

const inside = (inner: Rect, outer: Rect) =>
  inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.width <= outer.x + outer.width && inner.y + inner.height <= outer.y + outer.height;

/**
 * What is wrong with a whole drawing (nothing, when all is well): nodes apart and within the drawing, each node
 * inside its container and that container's ancestors and no other, each container inside its parent, containers
 * of one parent apart, every edge from its source's east side to its target's west side, orthogonal, through no
 * node.
 */
function drawingProblems(g: PipelineGraph, layout: GraphLayout): string[] {
  const out: string[] = [];
  const boxes = g.nodes.map((n) => layout.nodes[n.id]!);
  boxes.forEach((b, i) => {
    if (!inside(b, { x: 0, y: 0, width: layout.width, height: layout.height })) out.push(`${g.nodes[i]!.id} outside the drawing`);
    for (let j = i + 1; j < boxes.length; j++) if (overlap(b, boxes[j]!)) out.push(`${g.nodes[i]!.id} overlaps ${g.nodes[j]!.id}`);
  });
  const parentOf = new Map<string, string | undefined>([...g.nodes, ...g.containers].map((x) => [x.id, x.parent]));
  const ancestors = (id: string) => {
    const found = new Set<string>();
    for (let p = parentOf.get(id); p !== undefined && !found.has(p); p = parentOf.get(p)) found.add(p);
    return found;
  };
  for (const n of g.nodes) {
    const around = ancestors(n.id);
    for (const [id, box] of Object.entries(layout.containers)) if (inside(layout.nodes[n.id]!, box) !== around.has(id)) out.push(`${n.id} ${around.has(id) ? "outside" : "inside"} ${id}`);
  }
  for (const c of g.containers) {
    if (c.parent !== undefined && !inside(layout.containers[c.id]!, layout.containers[c.parent]!)) out.push(`${c.id} outside ${c.parent}`);
    for (const d of g.containers) if (d.id < c.id && d.parent === c.parent && overlap(layout.containers[c.id]!, layout.containers[d.id]!)) out.push(`${c.id} overlaps ${d.id}`);
  }
  for (const e of g.edges) {
    const pts = layout.edges[e.id];
    if (!pts || pts.length < 2) {
      out.push(`${e.id} not drawn`);
      continue;
    }
    const a = layout.nodes[e.from]!;
    const b = layout.nodes[e.to]!;
    if (pts[0]!.x !== a.x + a.width || pts[0]!.y !== a.y + NODE_HEIGHT / 2) out.push(`${e.id} does not leave the east side of ${e.from}`);
    if (pts[pts.length - 1]!.x !== b.x || pts[pts.length - 1]!.y !== b.y + NODE_HEIGHT / 2) out.push(`${e.id} does not reach the west side of ${e.to}`);
    for (let i = 1; i < pts.length; i++) {
      if (pts[i]!.x !== pts[i - 1]!.x && pts[i]!.y !== pts[i - 1]!.y) out.push(`${e.id} has a slanted segment`);
      boxes.forEach((box, n) => {
        if (crosses(pts[i - 1]!, pts[i]!, box)) out.push(`${e.id} passes through ${g.nodes[n]!.id}`);
      });
    }
  }
  return out;
}

/** 70 pipelines (scrape → relabel → remote_write), and a module whose foreach template writes to the module's writer. */
function largeAlloyWithModule(): string {
  const parts: string[] = [];
  for (let i = 0; i < 70; i++) {
    parts.push(`prometheus.scrape "s${i}" {\n  targets    = []\n  forward_to = [prometheus.relabel.r${i}.receiver]\n}\n`);
    parts.push(`prometheus.relabel "r${i}" {\n  forward_to = [prometheus.remote_write.w${i}.receiver]\n}\n`);
    parts.push(`prometheus.remote_write "w${i}" {\n  endpoint {\n    url = "http://w${i}"\n  }\n}\n`);
  }
  parts.push(`declare "m" {
  prometheus.remote_write "out" {
    endpoint {
      url = "http://out"
    }
  }
  prometheus.relabel "alone" {
    forward_to = [prometheus.remote_write.other.receiver]
  }
  prometheus.remote_write "other" {
    endpoint {
      url = "http://other"
    }
  }
  foreach "each" {
    collection = [1, 2]
    var        = "n"
    template {
      prometheus.scrape "inner" {
        targets    = []
        forward_to = [prometheus.remote_write.out.receiver, prometheus.relabel.keep.receiver]
      }
      prometheus.relabel "keep" {
        forward_to = [prometheus.remote_write.out.receiver]
      }
    }
  }
}
`);
  return parts.join("\n");
}

describe("a graph larger than elk lays out", () => {
  it("keeps every node in its lane, lanes apart, every edge from east to west, and the same SVG bytes twice", async () => {
    const text = largeCollector(30);
    const g = graphOfCollector(text, "big.yaml");
    expect(g.nodes.length).toBeGreaterThan(ELK_MAX_NODES);
    const parents = new Map(g.nodes.map((n) => [n.id, n.parent]));
    expect(g.edges.some((e) => parents.get(e.from) !== parents.get(e.to))).toBe(true);
    const layout = await layoutGraph(g);
    expect(drawingProblems(g, layout)).toEqual([]);
    expect(renderSvg(await layoutGraph(graphOfCollector(text, "big.yaml")))).toBe(renderSvg(layout));
  });

  it("keeps nested containers inside each other and their nodes inside them when a reference leaves a container", async () => {
    const text = largeAlloyWithModule();
    const g = graphOfAlloy(text, "big.alloy");
    expect(g.nodes.length).toBeGreaterThan(ELK_MAX_NODES);
    expect(g.containers.some((c) => c.parent !== undefined)).toBe(true);
    const parents = new Map(g.nodes.map((n) => [n.id, n.parent]));
    expect(g.edges.some((e) => parents.get(e.from) !== parents.get(e.to))).toBe(true);
    const layout = await layoutGraph(g);
    expect(drawingProblems(g, layout)).toEqual([]);
    expect(renderSvg(await layoutGraph(graphOfAlloy(text, "big.alloy")))).toBe(renderSvg(layout));
  });

  it("draws generated graphs with nested containers, edges between them and cycles: contained, apart, clear of the nodes", async () => {
    const node = (id: string, parent: string | undefined): PipelineGraph["nodes"][number] => ({
      id,
      kind: "processor",
      component: "prometheus.relabel",
      title: id,
      line: 1,
      column: 1,
      endLine: 1,
      settings: [],
      ...(parent !== undefined ? { parent } : {}),
    });
    const generated = fc.record({
      containerParents: fc.array(fc.nat(), { minLength: 1, maxLength: 4 }),
      core: fc.array(fc.nat(), { minLength: 1, maxLength: 25 }),
      pairs: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 50 }),
    });
    await fc.assert(
      fc.asyncProperty(generated, async ({ containerParents, core, pairs }) => {
        // Container k sits in an earlier one or at the top; nodes in a container or at the top (index 0).
        const containers = containerParents.map((p, k) => ({ id: `c${k}`, kind: "module" as const, title: `c${k}`, line: 1, column: 1, ...(p % (k + 1) > 0 ? { parent: `c${(p % (k + 1)) - 1}` } : {}) }));
        const where = (k: number) => (k % (containers.length + 1) === 0 ? undefined : `c${(k % (containers.length + 1)) - 1}`);
        const nodes = core.map((k, i) => node(`n${i}`, where(k)));
        const edges = pairs.map(([a, b], k) => ({ id: `e${k}`, from: `n${a % core.length}`, to: `n${b % core.length}`, via: "x", line: 1, column: 1 }));
        // Pipelines of two nodes in every container, so that the graph is past elk's size and containers hold blocks.
        for (let k = 0; nodes.length <= ELK_MAX_NODES; k++) {
          nodes.push(node(`f${k}a`, where(k)), node(`f${k}b`, where(k)));
          edges.push({ id: `f${k}`, from: `f${k}a`, to: `f${k}b`, via: "x", line: 1, column: 1 });
        }
        const g: PipelineGraph = { format: "alloy", file: "g.alloy", nodes, edges, containers, problems: [] };
        const layout = await layoutGraph(g);
        expect(drawingProblems(g, layout)).toEqual([]);
        expect(renderSvg(await layoutGraph(g))).toBe(renderSvg(layout));
      }),
      { numRuns: 25 },
    );
  });
});
