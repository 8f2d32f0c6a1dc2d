/**
 * Places a pipeline graph, data flowing left to right, each node with its input on its west side and its output
 * on its east side; containers (modules, signal lanes) are drawn around their contents. Trees are placed directly
 * (pack.ts); other components go to elkjs's layered algorithm in a graph of at most {@link ELK_MAX_NODES} nodes,
 * and to our own layered placement (layered.ts, bands.ts) in a larger one. elkjs's bundled build runs in the
 * calling thread (no worker), so the same code runs in Node and in a browser; it is loaded when first needed, so
 * a graph of trees, or a large graph, never loads it.
 *
 * Deterministic: everything is built in graph order, sizes come from character counts (not from font
 * measurement, which differs by machine), and elk's layered algorithm is seeded; every coordinate is rounded.
 */
import type { ELK, ElkExtendedEdge, ElkNode } from "elkjs/lib/elk-api.js";
import type { GraphEdge, PipelineGraph } from "./model.js";
import { components, CONTAINER_PADDING, packRows, placeTree, ROOT_PADDING, type Link, type Placed, type Rect, type XY } from "./pack.js";
import { nodeWidth, NODE_HEIGHT } from "./metrics.js";
import { kindLine } from "./style.js";
import { placeLayered } from "./layered.js";
import { layoutAcrossInBands } from "./bands.js";

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
 * elk, loaded when a graph first needs it: a graph of trees, or one past {@link ELK_MAX_NODES}, never loads its
 * 1.5 MB of code (about 80–150 ms to evaluate). The bundled build is CommonJS whose export is the constructor,
 * with itself as `default`; how it arrives depends on the loader (Node, esbuild, a browser bundler, the bundles'
 * stand-ins that load it later still), so take whichever is the constructor.
 */
type ElkConstructor = new () => ELK;
let elk: Promise<ELK> | undefined;
function loadElk(): Promise<ELK> {
  return (elk ??= import("elkjs/lib/elk.bundled.js").then((m) => {
    let ctor = (m as unknown as { default?: unknown }).default ?? m;
    ctor = (ctor as { default?: unknown }).default ?? ctor;
    return new (ctor as ElkConstructor)();
  }));
}

/**
 * Largest graph laid out: the layered placement takes well under a second at these bounds (elkjs, which runs in
 * the calling thread and cannot be interrupted, is given at most {@link ELK_MAX_NODES} nodes; a single connected
 * component of 2,000 nodes and 3,000 edges would take it about 15 s on one core).
 */
export const MAX_LAYOUT_NODES = 5_000;
export const MAX_LAYOUT_EDGES = 10_000;

/**
 * Largest graph whose non-tree components go to elk. Elk's first layout in a process runs its code unoptimised
 * and costs 140 ms for 10 nodes, 250 ms for 100, 320 ms for 200 and 580 ms for 400 (and about 150 ms more to load
 * it); a larger graph also costs more to model and render, so past this size elk's time would not fit in a
 * drawing's budget, and every component of the graph is placed by our own layered placement (layered.ts)
 * instead, which draws 1,000 nodes in tens of milliseconds. Elk's crossing minimisation and node placement are
 * more thorough than ours, so small graphs keep it (and the drawings they had: no configuration of the corpus
 * has more than 140 nodes).
 */
export const ELK_MAX_NODES = 200;

/** Why a graph is not laid out, or undefined when it is within the bounds. */
export function tooLargeToLayOut(graph: PipelineGraph): string | undefined {
  if (graph.nodes.length <= MAX_LAYOUT_NODES && graph.edges.length <= MAX_LAYOUT_EDGES) return undefined;
  return `${graph.nodes.length} nodes and ${graph.edges.length} edges are more than a drawing is laid out for (${MAX_LAYOUT_NODES} nodes, ${MAX_LAYOUT_EDGES} edges)`;
}

/**
 * Lays a graph out; throws when it is past the bounds of {@link tooLargeToLayOut}.
 *
 * Pipelines are mostly independent of each other, and a layered layout costs more than linearly in the size of
 * the graph it is given (and, in a fresh process, elkjs's code runs unoptimised at first), so a graph is laid out
 * by parts: each container's nodes are split into connected components; a component that is a tree is placed
 * directly (see pack.ts), the others are laid out by elk's layered algorithm (all of them in one call, which lays
 * out each connected component on its own) or, past {@link ELK_MAX_NODES}, by layered.ts; then each container's
 * components and sub-containers are packed in rows in the written order, innermost containers first. When edges
 * cross containers (a connector between signal lanes, a reference out of a module), the components they join are
 * laid out with the whole hierarchy at once, each container holding them and one box of its other components
 * packed as above: by elk (see {@link layoutAcross}), or past {@link ELK_MAX_NODES} in bands (see bands.ts).
 */
export async function layoutGraph(graph: PipelineGraph): Promise<GraphLayout> {
  const tooLarge = tooLargeToLayOut(graph);
  if (tooLarge) throw new RangeError(tooLarge);
  const containerIds = new Set(graph.containers.map((c) => c.id));
  const parentOf = new Map(graph.nodes.map((n) => [n.id, n.parent !== undefined && containerIds.has(n.parent) ? n.parent : undefined]));
  const drawn = graph.edges.filter((e) => parentOf.has(e.from) && parentOf.has(e.to));
  const crossing = drawn.some((e) => parentOf.get(e.from) !== parentOf.get(e.to));
  return crossing ? layoutAcross(graph, containerIds, parentOf, drawn) : layoutByParts(graph, containerIds, parentOf, drawn);
}

/** The parent of each container that is drawn inside another: none when it names no container, or when following parents comes back to it. */
function containerParents(graph: PipelineGraph, containerIds: ReadonlySet<string>): Map<string, string | undefined> {
  const declared = new Map(graph.containers.map((c) => [c.id, c.parent !== undefined && containerIds.has(c.parent) ? c.parent : undefined]));
  const out = new Map<string, string | undefined>();
  for (const c of graph.containers) {
    const seen = new Set([c.id]);
    let p = declared.get(c.id);
    while (p !== undefined && !seen.has(p)) {
      seen.add(p);
      p = declared.get(p);
    }
    out.set(c.id, p === undefined ? declared.get(c.id) : undefined);
  }
  return out;
}

interface Scope {
  readonly nodes: number[];
  readonly links: Link[];
  readonly containers: string[];
  /** Laid-out components, in the order of their first node. */
  readonly parts: (Placed | undefined)[];
}

/**
 * Lays out the components of each scope into its `parts`, in the order of their first node: trees at once, the
 * other components in one elk call.
 */
async function placeComponents(graph: PipelineGraph, widths: readonly number[], scopes: Iterable<Scope>): Promise<void> {
  const useElk = graph.nodes.length <= ELK_MAX_NODES;
  const pending: { readonly parts: (Placed | undefined)[]; readonly at: number; readonly nodes: number[]; readonly links: Link[] }[] = [];
  for (const s of scopes) {
    const linksFrom = new Map<number, Link[]>();
    for (const l of s.links) {
      const list = linksFrom.get(l.from);
      if (list) list.push(l);
      else linksFrom.set(l.from, [l]);
    }
    for (const nodes of components(s.nodes, s.links)) {
      const links = nodes.flatMap((n) => linksFrom.get(n) ?? []);
      let placed = placeTree(nodes, links, (n) => widths[n]!);
      if (!placed && !useElk) placed = placeLayered(nodes, links, (n) => widths[n]!);
      if (!placed) pending.push({ parts: s.parts, at: s.parts.length, nodes, links });
      s.parts.push(placed);
    }
  }
  if (pending.length > 0) {
    const laid = await layoutParts(graph, widths, pending);
    pending.forEach((p, k) => (p.parts[p.at] = laid[k]));
  }
}

/** Copies a laid-out component's boxes and edges into the layout, moved by (dx, dy) and rounded. */
function emit(graph: PipelineGraph, part: Placed, dx: number, dy: number, nodes: Record<string, Box>, edges: Record<string, Point[]>): void {
  for (const [n, b] of part.nodes) nodes[graph.nodes[n]!.id] = { x: r(dx + b.x), y: r(dy + b.y), width: r(b.width), height: r(b.height) };
  for (const [id, pts] of part.edges) edges[id] = pts.map((pt) => ({ x: r(dx + pt.x), y: r(dy + pt.y) }));
}

async function layoutByParts(graph: PipelineGraph, containerIds: ReadonlySet<string>, parentOf: ReadonlyMap<string, string | undefined>, drawn: readonly GraphEdge[]): Promise<GraphLayout> {
  const index = new Map(graph.nodes.map((n, i) => [n.id, i]));
  const widths = graph.nodes.map((n) => nodeWidth(n.title, kindLine(n.kind, n.marks)));
  const scopes = new Map<string | undefined, Scope>();
  const scope = (key: string | undefined): Scope => {
    let s = scopes.get(key);
    if (!s) scopes.set(key, (s = { nodes: [], links: [], containers: [], parts: [] }));
    return s;
  };
  scope(undefined);
  graph.nodes.forEach((n, i) => scope(parentOf.get(n.id)).nodes.push(i));
  for (const [id, parent] of containerParents(graph, containerIds)) {
    scope(id);
    scope(parent).containers.push(id);
  }
  for (const e of drawn) scope(parentOf.get(e.from)).links.push({ id: e.id, from: index.get(e.from)!, to: index.get(e.to)! });

  await placeComponents(graph, widths, scopes.values());

  // Sizes, innermost containers first: a container is its packed contents and its padding.
  const sizes = new Map<string, { width: number; height: number }>();
  const packed = new Map<string | undefined, ReturnType<typeof packRows>>();
  const sizeOf = (key: string | undefined): { width: number; height: number } => {
    const s = scopes.get(key)!;
    const blocks = [...s.parts.map((p) => p!), ...s.containers.map((c) => sizeOf(c))];
    const pack = packRows(blocks);
    packed.set(key, pack);
    const pad = key === undefined ? { top: ROOT_PADDING, left: ROOT_PADDING, bottom: ROOT_PADDING, right: ROOT_PADDING } : CONTAINER_PADDING;
    const size = { width: pack.width + pad.left + pad.right, height: pack.height + pad.top + pad.bottom };
    if (key !== undefined) sizes.set(key, size);
    return size;
  };
  const total = sizeOf(undefined);

  const nodes: Record<string, Box> = {};
  const containers: Record<string, Box> = {};
  const edges: Record<string, Point[]> = {};
  const place = (key: string | undefined, x: number, y: number) => {
    const s = scopes.get(key)!;
    const pad = key === undefined ? { top: ROOT_PADDING, left: ROOT_PADDING } : CONTAINER_PADDING;
    const { positions } = packed.get(key)!;
    s.parts.forEach((part, k) => {
      const dx = x + pad.left + positions[k]!.x;
      const dy = y + pad.top + positions[k]!.y;
      emit(graph, part!, dx, dy, nodes, edges);
    });
    s.containers.forEach((c, k) => {
      const at = positions[s.parts.length + k]!;
      const cx = x + pad.left + at.x;
      const cy = y + pad.top + at.y;
      const size = sizes.get(c)!;
      containers[c] = { x: r(cx), y: r(cy), width: r(size.width), height: r(size.height) };
      place(c, cx, cy);
    });
  };
  place(undefined, 0, 0);
  return { graph, width: r(total.width), height: r(total.height), nodes, containers, edges };
}

/** The elk input of one node: its size, and one port on the west side for what comes in and one on the east for what goes out. */
function elkNode(id: string, width: number): ElkNode {
  return {
    id,
    width,
    height: NODE_HEIGHT,
    layoutOptions: { "elk.portConstraints": "FIXED_SIDE" },
    ports: [
      { id: `${id}\u0000in`, layoutOptions: { "elk.port.side": "WEST" } },
      { id: `${id}\u0000out`, layoutOptions: { "elk.port.side": "EAST" } },
    ],
  };
}

const elkEdge = (e: { id: string; from: string; to: string }): ElkExtendedEdge => ({ id: e.id, sources: [`${e.from}\u0000out`], targets: [`${e.to}\u0000in`] });

/**
 * Components that are not trees, laid out by elk in one call: elk's layered algorithm lays out each connected
 * component of its input on its own and packs them; each is taken back out by its bounding box (its nodes and
 * the points of its edges) and returned relative to its own corner, for packing with the trees. Nodes are given
 * without ports and elk merges the edges that meet at a node into one point on its west or east side, the same
 * drawing as one port on each side at less cost (a quarter less for a 1,000-node input).
 */
async function layoutParts(graph: PipelineGraph, widths: readonly number[], parts: readonly { readonly nodes: number[]; readonly links: Link[] }[]): Promise<Placed[]> {
  const elk = await loadElk();
  const root: ElkNode = {
    id: "\u0000root",
    layoutOptions: { ...LAYOUT_OPTIONS, "elk.layered.mergeEdges": "true" },
    children: parts.flatMap((p) => p.nodes.map((n) => ({ id: graph.nodes[n]!.id, width: widths[n]!, height: NODE_HEIGHT }))),
    edges: parts.flatMap((p) => p.links.map((l) => ({ id: l.id, sources: [graph.nodes[l.from]!.id], targets: [graph.nodes[l.to]!.id] }))),
  };
  const out = await elk.layout(root);
  const nodeAt = new Map((out.children ?? []).map((n) => [n.id, n]));
  const edgeAt = new Map((out.edges ?? []).map((e) => [e.id, sectionPoints(e)]));
  return parts.map((p) => {
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    const grow = (x: number, y: number, w = 0, h = 0) => {
      minX = Math.min(minX, x);
      minY = Math.min(minY, y);
      maxX = Math.max(maxX, x + w);
      maxY = Math.max(maxY, y + h);
    };
    const boxes = p.nodes.map((n) => {
      const b = nodeAt.get(graph.nodes[n]!.id)!;
      const box = { x: b.x ?? 0, y: b.y ?? 0, width: b.width ?? 0, height: b.height ?? 0 };
      grow(box.x, box.y, box.width, box.height);
      return box;
    });
    const routes = p.links.map((l) => edgeAt.get(l.id) ?? []);
    for (const pts of routes) for (const pt of pts) grow(pt.x, pt.y);
    const nodes = new Map<number, Rect>();
    p.nodes.forEach((n, i) => nodes.set(n, { ...boxes[i]!, x: boxes[i]!.x - minX, y: boxes[i]!.y - minY }));
    const edges = new Map<string, XY[]>();
    p.links.forEach((l, i) => edges.set(l.id, routes[i]!.map((pt) => ({ x: pt.x - minX, y: pt.y - minY }))));
    return { width: maxX - minX, height: maxY - minY, nodes, edges };
  });
}

function sectionPoints(e: ElkExtendedEdge): { x: number; y: number }[] {
  const pts: { x: number; y: number }[] = [];
  for (const s of e.sections ?? []) pts.push(s.startPoint, ...(s.bendPoints ?? []), s.endPoint);
  return pts;
}

/**
 * A graph where edges cross containers. The components those edges join (a connector and the pipelines on both
 * of its sides) are laid out by elk with the whole hierarchy at once, so that each of their nodes stays in its
 * container; every other component stays in one container and is laid out as in {@link layoutByParts}, the
 * components of each container packed into one block that elk places as a single box among that container's
 * nodes. Elk's share of the work is then the crossing components only, however many other pipelines there are.
 * Past {@link ELK_MAX_NODES} nodes the same parts go to bands.ts instead, containers drawn as bands.
 */
async function layoutAcross(graph: PipelineGraph, containerIds: ReadonlySet<string>, parentOf: ReadonlyMap<string, string | undefined>, drawn: readonly GraphEdge[]): Promise<GraphLayout> {
  const index = new Map(graph.nodes.map((n, i) => [n.id, i]));
  const widths = graph.nodes.map((n) => nodeWidth(n.title, kindLine(n.kind, n.marks)));
  const links = drawn.map((e) => ({ id: e.id, from: index.get(e.from)!, to: index.get(e.to)! }));
  const across = new Set<number>();
  const parts = components(graph.nodes.map((_, i) => i), links);
  const partOf = new Map<number, number>();
  parts.forEach((nodes, k) => nodes.forEach((n) => partOf.set(n, k)));
  for (const l of links) if (parentOf.get(graph.nodes[l.from]!.id) !== parentOf.get(graph.nodes[l.to]!.id)) across.add(partOf.get(l.from)!);
  const isAcross = (n: number) => across.has(partOf.get(n)!);

  // The components that stay in one container, laid out and packed per container.
  const scopes = new Map<string | undefined, Scope>();
  const scope = (key: string | undefined): Scope => {
    let s = scopes.get(key);
    if (!s) scopes.set(key, (s = { nodes: [], links: [], containers: [], parts: [] }));
    return s;
  };
  graph.nodes.forEach((n, i) => {
    if (!isAcross(i)) scope(parentOf.get(n.id)).nodes.push(i);
  });
  for (const l of links) if (!isAcross(l.from)) scope(parentOf.get(graph.nodes[l.from]!.id)).links.push(l);
  await placeComponents(graph, widths, scopes.values());
  const packed = new Map([...scopes].map(([key, s]) => [key, packRows(s.parts.map((p) => p!))]));
  if (graph.nodes.length > ELK_MAX_NODES) {
    const blocks = new Map([...packed].map(([key, pack]) => [key, { pack, parts: scopes.get(key)!.parts.map((part) => part!) }]));
    const acrossNodes = graph.nodes.flatMap((_, i) => (isAcross(i) ? [i] : []));
    const acrossLinks = links.filter((l) => isAcross(l.from));
    const laid = layoutAcrossInBands({ graph, widths, parentOf, parents: containerParents(graph, containerIds), nodes: acrossNodes, links: acrossLinks, blocks });
    return roundLayout(graph, laid);
  }
  const blockId = (key: string | undefined) => `\u0000block\u0000${key ?? ""}`;

  const elk = await loadElk();
  const containerChildren = new Map<string | undefined, ElkNode[]>();
  const push = (parent: string | undefined, n: ElkNode) => {
    const list = containerChildren.get(parent);
    if (list) list.push(n);
    else containerChildren.set(parent, [n]);
  };
  graph.nodes.forEach((n, i) => {
    if (isAcross(i)) push(parentOf.get(n.id), elkNode(n.id, widths[i]!));
  });
  for (const [key, pack] of packed) if (pack.positions.length > 0) push(key, { id: blockId(key), width: pack.width, height: pack.height });
  const parents = containerParents(graph, containerIds);
  for (const c of graph.containers) {
    push(parents.get(c.id), {
      id: c.id,
      layoutOptions: { "elk.padding": `[top=${CONTAINER_PADDING.top},left=${CONTAINER_PADDING.left},bottom=${CONTAINER_PADDING.bottom},right=${CONTAINER_PADDING.right}]` },
    });
  }
  const build = (parent: string | undefined): ElkNode[] =>
    (containerChildren.get(parent) ?? []).map((n) => (containerIds.has(n.id) ? { ...n, children: build(n.id), edges: [] } : n));
  const root: ElkNode = {
    id: "\u0000root",
    layoutOptions: { ...LAYOUT_OPTIONS, "elk.hierarchyHandling": "INCLUDE_CHILDREN" },
    children: build(undefined),
    edges: drawn.filter((e) => isAcross(index.get(e.from)!)).map(elkEdge),
  };
  const out = await elk.layout(root);

  const nodes: Record<string, Box> = {};
  const containers: Record<string, Box> = {};
  const edges: Record<string, Point[]> = {};
  const blocks = new Map([...packed.keys()].map((key) => [blockId(key), key]));
  const laidEdges: ElkExtendedEdge[] = [];
  const visit = (n: ElkNode) => {
    laidEdges.push(...(n.edges ?? []));
    for (const c of n.children ?? []) {
      if (blocks.has(c.id)) {
        const key = blocks.get(c.id);
        const { positions } = packed.get(key)!;
        scopes.get(key)!.parts.forEach((part, k) => emit(graph, part!, (c.x ?? 0) + positions[k]!.x, (c.y ?? 0) + positions[k]!.y, nodes, edges));
        continue;
      }
      const box = { x: r(c.x), y: r(c.y), width: r(c.width), height: r(c.height) };
      if (containerIds.has(c.id)) containers[c.id] = box;
      else nodes[c.id] = box;
      visit(c);
    }
  };
  visit(out);
  for (const e of laidEdges) edges[e.id] = sectionPoints(e).map(p);
  return { graph, width: r(out.width), height: r(out.height), nodes, containers, edges };
}

/** A layout with every coordinate rounded as {@link r} does. */
function roundLayout(graph: PipelineGraph, laid: Omit<GraphLayout, "graph">): GraphLayout {
  const box = (b: Box): Box => ({ x: r(b.x), y: r(b.y), width: r(b.width), height: r(b.height) });
  const nodes: Record<string, Box> = {};
  const containers: Record<string, Box> = {};
  const edges: Record<string, Point[]> = {};
  for (const [id, b] of Object.entries(laid.nodes)) nodes[id] = box(b);
  for (const [id, b] of Object.entries(laid.containers)) containers[id] = box(b);
  for (const [id, pts] of Object.entries(laid.edges)) edges[id] = pts.map(p);
  return { graph, width: r(laid.width), height: r(laid.height), nodes, containers, edges };
}

/** Coordinates to one decimal: the same layout prints the same bytes. */
const r = (v: number | undefined): number => Math.round((v ?? 0) * 10) / 10;
const p = (pt: { x: number; y: number }): Point => ({ x: r(pt.x), y: r(pt.y) });
