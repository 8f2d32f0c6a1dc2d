/**
 * The layout's own placement: trees placed directly (boxes apart, edges orthogonal from the east side of one node
 * to the west side of the next, flowing right), other shapes refused, blocks packed without overlap, and a whole
 * graph of containers, trees and a shared exporter drawn with every node inside its lane.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { graphOfCollector, layoutGraph } from "./index.js";
import { NODE_HEIGHT } from "./metrics.js";
import { BLOCK_SPACING, components, packRows, placeTree, type Link, type Rect } from "./pack.js";

const overlap = (a: Rect, b: Rect) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const inside = (inner: Rect, outer: Rect) =>
  inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.width <= outer.x + outer.width && inner.y + inner.height <= outer.y + outer.height;

/** A tree of up to 30 nodes, as links from each node to a random earlier one (or from it), some links doubled. */
const tree = fc
  .record({
    parents: fc.array(fc.nat(), { minLength: 0, maxLength: 29 }),
    inward: fc.boolean(),
    doubled: fc.array(fc.nat(), { maxLength: 4 }),
    widths: fc.array(fc.integer({ min: 150, max: 340 }), { minLength: 30, maxLength: 30 }),
  })
  .map(({ parents, inward, doubled, widths }) => {
    const nodes = Array.from({ length: parents.length + 1 }, (_, i) => i);
    const links: Link[] = parents.map((p, k) => {
      const child = k + 1;
      const parent = p % child;
      return inward ? { id: `e${k}`, from: child, to: parent } : { id: `e${k}`, from: parent, to: child };
    });
    for (const d of doubled) if (links.length > 0) links.push({ ...links[d % links.length]!, id: `d${links.length}` });
    return { nodes, links, widthOf: (n: number) => widths[n]! };
  });

describe("placing a tree", () => {
  it("keeps boxes apart and draws every edge orthogonally from east to west, left to right", () => {
    fc.assert(
      fc.property(tree, ({ nodes, links, widthOf }) => {
        const placed = placeTree(nodes, links, widthOf)!;
        expect(placed).toBeDefined();
        const boxes = nodes.map((n) => placed.nodes.get(n)!);
        const whole = { x: 0, y: 0, width: placed.width, height: placed.height };
        boxes.forEach((b, i) => {
          expect(b.width).toBe(widthOf(nodes[i]!));
          expect(inside(b, whole)).toBe(true);
          for (let j = i + 1; j < boxes.length; j++) expect(overlap(b, boxes[j]!)).toBe(false);
        });
        for (const l of links) {
          const pts = placed.edges.get(l.id)!;
          const a = placed.nodes.get(l.from)!;
          const b = placed.nodes.get(l.to)!;
          expect(pts[0]).toEqual({ x: a.x + a.width, y: a.y + NODE_HEIGHT / 2 });
          expect(pts[pts.length - 1]).toEqual({ x: b.x, y: b.y + NODE_HEIGHT / 2 });
          for (let i = 1; i < pts.length; i++) {
            expect(pts[i]!.x === pts[i - 1]!.x || pts[i]!.y === pts[i - 1]!.y).toBe(true);
            expect(pts[i]!.x).toBeGreaterThanOrEqual(pts[i - 1]!.x);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it("draws a chain on one line", () => {
    const placed = placeTree([0, 1, 2], [{ id: "a", from: 0, to: 1 }, { id: "b", from: 1, to: 2 }], () => 200)!;
    expect([...placed.nodes.values()].map((b) => b.y)).toEqual([0, 0, 0]);
    expect(placed.edges.get("a")).toEqual([{ x: 200, y: 23 }, { x: 248, y: 23 }]);
    expect(placed.height).toBe(NODE_HEIGHT);
  });

  it("leaves a shared node with inputs and outputs, a cycle and a self-loop to the layered layout", () => {
    const w = () => 150;
    // Two sources into one processor that feeds two exporters.
    const shared = [
      { id: "1", from: 0, to: 2 },
      { id: "2", from: 1, to: 2 },
      { id: "3", from: 2, to: 3 },
      { id: "4", from: 2, to: 4 },
    ];
    expect(placeTree([0, 1, 2, 3, 4], shared, w)).toBeUndefined();
    expect(placeTree([0, 1], [{ id: "a", from: 0, to: 1 }, { id: "b", from: 1, to: 0 }], w)).toBeUndefined();
    expect(placeTree([0], [{ id: "a", from: 0, to: 0 }], w)).toBeUndefined();
    // Two nodes in a cycle and one apart: as many links as a tree of three, but not connected.
    expect(placeTree([0, 1, 2], [{ id: "a", from: 0, to: 1 }, { id: "b", from: 1, to: 0 }], w)).toBeUndefined();
    // A diamond: one source, two paths, one sink.
    expect(placeTree([0, 1, 2, 3], [{ id: "a", from: 0, to: 1 }, { id: "b", from: 0, to: 2 }, { id: "c", from: 1, to: 3 }, { id: "d", from: 2, to: 3 }], w)).toBeUndefined();
  });
});

describe("components and packing", () => {
  it("splits nodes into connected components in the order of their first node", () => {
    const links = [{ id: "a", from: 4, to: 1 }, { id: "b", from: 2, to: 3 }, { id: "c", from: 3, to: 0 }];
    expect(components([0, 1, 2, 3, 4, 5], links)).toEqual([[0, 2, 3], [1, 4], [5]]);
  });

  it("packs blocks in order without overlap, spaced apart", () => {
    fc.assert(
      fc.property(fc.array(fc.record({ width: fc.integer({ min: 1, max: 2000 }), height: fc.integer({ min: 1, max: 800 }) }), { maxLength: 40 }), (sizes) => {
        const { positions, width, height } = packRows(sizes);
        const rects = sizes.map((s, i) => ({ ...positions[i]!, ...s }));
        const grown = rects.map((r) => ({ x: r.x, y: r.y, width: r.width + BLOCK_SPACING, height: r.height + BLOCK_SPACING }));
        rects.forEach((r, i) => {
          expect(inside(r, { x: 0, y: 0, width, height })).toBe(true);
          for (let j = i + 1; j < rects.length; j++) expect(overlap(grown[i]!, rects[j]!) || overlap(rects[i]!, grown[j]!)).toBe(false);
        });
      }),
    );
  });
});

const COLLECTOR = `receivers:
  otlp:
    protocols:
      grpc:
  filelog:
    include: [/var/log/*.log]
processors:
  batch:
  memory_limiter:
    check_interval: 1s
exporters:
  otlp:
    endpoint: tempo:4317
  debug:
extensions:
  health_check:
service:
  extensions: [health_check]
  pipelines:
    traces:
      receivers: [otlp]
      processors: [memory_limiter, batch]
      exporters: [otlp, debug]
    traces/2:
      receivers: [otlp]
      processors: [batch]
      exporters: [otlp]
    logs:
      receivers: [filelog, otlp]
      processors: [batch]
      exporters: [debug]
`;

describe("a whole graph", () => {
  it("draws trees and a shared component inside their lanes, apart, and the same way twice", async () => {
    const g = graphOfCollector(COLLECTOR, "c.yaml");
    const layout = await layoutGraph(g);
    const boxes = g.nodes.map((n) => layout.nodes[n.id]!);
    boxes.forEach((b, i) => {
      for (let j = i + 1; j < boxes.length; j++) expect(overlap(b, boxes[j]!)).toBe(false);
    });
    for (const n of g.nodes) {
      const lane = n.parent ? layout.containers[n.parent] : undefined;
      if (lane) expect(inside(layout.nodes[n.id]!, lane)).toBe(true);
      expect(inside(layout.nodes[n.id]!, { x: 0, y: 0, width: layout.width, height: layout.height })).toBe(true);
    }
    for (const e of g.edges) expect(layout.edges[e.id]!.length).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(await layoutGraph(graphOfCollector(COLLECTOR, "c.yaml")))).toBe(JSON.stringify(layout));
  });
});

const WITH_CONNECTOR = `receivers:
  otlp:
    protocols:
      grpc:
  filelog:
    include: [/var/log/*.log]
processors:
  batch:
connectors:
  spanmetrics:
exporters:
  otlp:
    endpoint: tempo:4317
  prometheusremotewrite:
    endpoint: http://mimir/api/v1/push
  debug:
service:
  pipelines:
    traces:
      receivers: [otlp]
      processors: [batch]
      exporters: [otlp, spanmetrics]
    metrics:
      receivers: [spanmetrics]
      exporters: [prometheusremotewrite]
    metrics/2:
      receivers: [otlp]
      processors: [batch]
      exporters: [debug]
    logs:
      receivers: [filelog]
      processors: [batch]
      exporters: [debug]
`;

describe("a graph whose edges cross containers", () => {
  it("keeps every node in its lane, the connector between lanes, boxes apart, every edge drawn, the same way twice", async () => {
    const g = graphOfCollector(WITH_CONNECTOR, "c.yaml");
    const parents = new Map(g.nodes.map((n) => [n.id, n.parent]));
    expect(g.edges.some((e) => parents.get(e.from) !== parents.get(e.to))).toBe(true);
    const layout = await layoutGraph(g);
    const boxes = g.nodes.map((n) => layout.nodes[n.id]!);
    boxes.forEach((b, i) => {
      for (let j = i + 1; j < boxes.length; j++) expect(overlap(b, boxes[j]!)).toBe(false);
    });
    for (const n of g.nodes) {
      const box = layout.nodes[n.id]!;
      for (const [id, lane] of Object.entries(layout.containers)) expect(inside(box, lane)).toBe(id === n.parent);
    }
    for (const e of g.edges) {
      const pts = layout.edges[e.id]!;
      expect(pts.length).toBeGreaterThanOrEqual(2);
      // Each edge leaves its source's east side and reaches its target's west side.
      expect(pts[0]!.x).toBeCloseTo(layout.nodes[e.from]!.x + layout.nodes[e.from]!.width, 0);
      expect(pts[pts.length - 1]!.x).toBeCloseTo(layout.nodes[e.to]!.x, 0);
    }
    expect(JSON.stringify(await layoutGraph(graphOfCollector(WITH_CONNECTOR, "c.yaml")))).toBe(JSON.stringify(layout));
  });
});
