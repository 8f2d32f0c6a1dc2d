/**
 * Places a pipeline graph with elkjs's layered algorithm, data flowing left to right, each node with one input
 * port on its west side and one output port on its east side; containers (modules, signal lanes) are compound
 * nodes laid out with their contents. elkjs's bundled build runs in the calling thread (no worker), so the same
 * code runs in Node and in a browser.
 *
 * Deterministic: the input to elk is built in graph order, sizes come from character counts (not from font
 * measurement, which differs by machine), and elk's layered algorithm is seeded; every coordinate is rounded.
 */
import ElkBundled from "elkjs/lib/elk.bundled.js";
import type { ELK, ElkExtendedEdge, ElkNode } from "elkjs/lib/elk-api.js";
import type { PipelineGraph } from "./model.js";
import { CONTAINER_HEADER, nodeWidth, NODE_HEIGHT } from "./metrics.js";
import { kindLine } from "./style.js";

export { nodeWidth } from "./metrics.js";

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface GraphLayout {
  readonly graph: PipelineGraph;
  readonly width: number;
  readonly height: number;
  /** Absolute boxes, by node id (every node of the graph has one). */
  readonly nodes: Readonly<Record<string, Box>>;
  readonly containers: Readonly<Record<string, Box>>;
  /** Absolute polyline of each edge, by edge id. */
  readonly edges: Readonly<Record<string, readonly Point[]>>;
}

const LAYOUT_OPTIONS: Record<string, string> = {
  "elk.algorithm": "layered",
  "elk.direction": "RIGHT",
  "elk.randomSeed": "1",
  "elk.spacing.nodeNode": "18",
  "elk.layered.spacing.nodeNodeBetweenLayers": "48",
  "elk.spacing.componentComponent": "28",
  "elk.layered.thoroughness": "4",
  // Lanes and unconnected pipelines in the order they are written. (Model order inside a component,
  // `considerModelOrder.strategy`, is left out: on a large connected component it takes minutes.)
  "elk.layered.considerModelOrder.components": "MODEL_ORDER",
  "elk.json.edgeCoords": "ROOT",
  "elk.json.shapeCoords": "ROOT",
};

/**
 * The bundled build is CommonJS whose export is the constructor, with itself as `default`; how a default import
 * of it arrives depends on the loader (Node, esbuild, a browser bundler), so take whichever is the constructor.
 */
type ElkConstructor = new () => ELK;
const ElkClass: ElkConstructor = ((ElkBundled as unknown as { default?: ElkConstructor }).default ?? ElkBundled) as unknown as ElkConstructor;

let elk: ELK | undefined;

/**
 * Largest graph laid out. elkjs runs in the calling thread and cannot be interrupted; these bounds keep a drawing
 * within seconds (a single connected component of 2,000 nodes and 3,000 edges takes about 15 s on one core).
 */
export const MAX_LAYOUT_NODES = 5_000;
export const MAX_LAYOUT_EDGES = 10_000;

/** Why a graph is not laid out, or undefined when it is within the bounds. */
export function tooLargeToLayOut(graph: PipelineGraph): string | undefined {
  if (graph.nodes.length <= MAX_LAYOUT_NODES && graph.edges.length <= MAX_LAYOUT_EDGES) return undefined;
  return `${graph.nodes.length} nodes and ${graph.edges.length} edges are more than a drawing is laid out for (${MAX_LAYOUT_NODES} nodes, ${MAX_LAYOUT_EDGES} edges)`;
}

/** Lays a graph out; throws when it is past the bounds of {@link tooLargeToLayOut}. */
export async function layoutGraph(graph: PipelineGraph): Promise<GraphLayout> {
  const tooLarge = tooLargeToLayOut(graph);
  if (tooLarge) throw new RangeError(tooLarge);
  elk ??= new ElkClass();
  const containerChildren = new Map<string | undefined, ElkNode[]>();
  const push = (parent: string | undefined, n: ElkNode) => {
    const list = containerChildren.get(parent);
    if (list) list.push(n);
    else containerChildren.set(parent, [n]);
  };
  for (const n of graph.nodes) {
    push(n.parent, {
      id: n.id,
      width: nodeWidth(n.title, kindLine(n.kind, n.marks)),
      height: NODE_HEIGHT,
      layoutOptions: { "elk.portConstraints": "FIXED_SIDE" },
      ports: [
        { id: `${n.id}\u0000in`, layoutOptions: { "elk.port.side": "WEST" } },
        { id: `${n.id}\u0000out`, layoutOptions: { "elk.port.side": "EAST" } },
      ],
    });
  }
  const containerIds = new Set(graph.containers.map((c) => c.id));
  for (const c of graph.containers) {
    push(c.parent !== undefined && containerIds.has(c.parent) ? c.parent : undefined, {
      id: c.id,
      layoutOptions: { "elk.padding": `[top=${CONTAINER_HEADER + 8},left=12,bottom=12,right=12]` },
    });
  }
  const known = new Set(graph.nodes.map((n) => n.id));
  const parentOf = new Map(graph.nodes.map((n) => [n.id, n.parent !== undefined && containerIds.has(n.parent) ? n.parent : undefined]));
  const drawn = graph.edges.filter((e) => known.has(e.from) && known.has(e.to));
  // An edge between two nodes of one container is laid out with that container; only when an edge crosses
  // containers (a connector between signal lanes) is the whole hierarchy laid out at once, which loses the
  // written order of the containers.
  const crossing = drawn.some((e) => parentOf.get(e.from) !== parentOf.get(e.to));
  const edgesIn = new Map<string | undefined, ElkExtendedEdge[]>();
  for (const e of drawn) {
    const where = crossing ? undefined : parentOf.get(e.from);
    const list = edgesIn.get(where) ?? [];
    list.push({ id: e.id, sources: [`${e.from}\u0000out`], targets: [`${e.to}\u0000in`] });
    edgesIn.set(where, list);
  }
  const inner = { ...LAYOUT_OPTIONS };
  const build = (parent: string | undefined): ElkNode[] =>
    (containerChildren.get(parent) ?? []).map((n) =>
      containerIds.has(n.id) ? { ...n, layoutOptions: { ...(crossing ? {} : inner), ...n.layoutOptions }, children: build(n.id), edges: edgesIn.get(n.id) ?? [] } : n,
    );
  const root: ElkNode = {
    id: "\u0000root",
    layoutOptions: { ...LAYOUT_OPTIONS, ...(crossing ? { "elk.hierarchyHandling": "INCLUDE_CHILDREN" } : {}) },
    children: build(undefined),
    edges: edgesIn.get(undefined) ?? [],
  };
  const out = await elk.layout(root);

  const nodes: Record<string, Box> = {};
  const containers: Record<string, Box> = {};
  const laidEdges: ElkExtendedEdge[] = [];
  const visit = (n: ElkNode) => {
    laidEdges.push(...(n.edges ?? []));
    for (const c of n.children ?? []) {
      const box = { x: r(c.x), y: r(c.y), width: r(c.width), height: r(c.height) };
      if (containerIds.has(c.id)) containers[c.id] = box;
      else nodes[c.id] = box;
      visit(c);
    }
  };
  visit(out);
  const edgePoints: Record<string, Point[]> = {};
  for (const e of laidEdges) {
    const pts: Point[] = [];
    for (const s of e.sections ?? []) {
      pts.push(p(s.startPoint), ...(s.bendPoints ?? []).map(p), p(s.endPoint));
    }
    edgePoints[e.id] = pts;
  }
  return { graph, width: r(out.width), height: r(out.height), nodes, containers, edges: edgePoints };
}

/** Coordinates to one decimal: the same layout prints the same bytes. */
const r = (v: number | undefined): number => Math.round((v ?? 0) * 10) / 10;
const p = (pt: { x: number; y: number }): Point => ({ x: r(pt.x), y: r(pt.y) });
