/**
 * The parts of a layout that need no layout library: splitting a container's nodes into connected components,
 * placing a component that is a tree (the usual shape of a pipeline: a chain, a chain that forks to several
 * exporters, or several sources that feed one writer), and packing laid-out blocks in rows.
 *
 * A tree is drawn the way elk's layered algorithm draws one: one layer per step from the root, each layer as wide
 * as its widest node, every edge from the east side of a node to the west side of the next, straight when the two
 * are level and otherwise bent once just past the layer it leaves; leaves one above the other in the written
 * order, each parent level with its middle child. Subtrees occupy disjoint vertical ranges, so no two edges cross
 * and the bends of one gap never overlap.
 */
import { CONTAINER_HEADER, NODE_HEIGHT } from "./metrics.js";

/** Spacing between nodes of a layer, between layers, and between packed blocks (the same as the ELK options). */
export const NODE_SPACING = 18;
export const LAYER_SPACING = 48;
export const BLOCK_SPACING = 28;
/** Room around the drawing, and inside a container around its contents (its title above them). */
export const ROOT_PADDING = 12;
export const CONTAINER_PADDING = { top: CONTAINER_HEADER + 8, left: 12, bottom: 12, right: 12 } as const;
/** Where an edge bends: this far past the layer it leaves (elk's default edge-to-node spacing between layers). */
const EDGE_NODE_SPACING = 10;
/** Width over height that row packing aims at (ELK's default aspect ratio). */
const ASPECT_RATIO = 1.6;

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface XY {
  x: number;
  y: number;
}

/** A link between two node indexes, with the edge id it draws. */
export interface Link {
  readonly id: string;
  readonly from: number;
  readonly to: number;
}

/** A laid-out component, with coordinates relative to its own top left corner. */
export interface Placed {
  readonly width: number;
  readonly height: number;
  readonly nodes: ReadonlyMap<number, Rect>;
  readonly edges: ReadonlyMap<string, XY[]>;
}

/**
 * Connected components of `nodes` (indexes, in written order) under `links` (both ends among `nodes`), each a
 * list of node indexes in written order; components in the order of their first node.
 */
export function components(nodes: readonly number[], links: readonly Link[]): number[][] {
  const parent = new Map<number, number>(nodes.map((n) => [n, n]));
  const find = (n: number): number => {
    let root = n;
    while (parent.get(root)! !== root) root = parent.get(root)!;
    for (let m = n; m !== root; ) {
      const next = parent.get(m)!;
      parent.set(m, root);
      m = next;
    }
    return root;
  };
  for (const l of links) {
    const a = find(l.from);
    const b = find(l.to);
    // The smaller index becomes the root, so a component is keyed by its first node.
    if (a !== b) parent.set(Math.max(a, b), Math.min(a, b));
  }
  const byRoot = new Map<number, number[]>();
  for (const n of nodes) {
    const r = find(n);
    const list = byRoot.get(r);
    if (list) list.push(n);
    else byRoot.set(r, [n]);
  }
  return [...byRoot.values()];
}

/**
 * Places a component when it is a tree — every node has at most one distinct successor (sources feeding a sink)
 * or at most one distinct predecessor (a source fanning out), with one link fewer than nodes — and returns
 * undefined otherwise (a shared node with several inputs and outputs, a cycle, a self-loop), which is left to
 * the layered layout. Parallel edges between the same two nodes are drawn on one line.
 */
export function placeTree(nodes: readonly number[], links: readonly Link[], widthOf: (n: number) => number): Placed | undefined {
  const succ = new Map<number, number[]>(nodes.map((n) => [n, []]));
  const pred = new Map<number, number[]>(nodes.map((n) => [n, []]));
  const seen = new Set<string>();
  for (const l of links) {
    if (l.from === l.to) return undefined;
    const key = `${l.from}>${l.to}`;
    if (seen.has(key)) continue;
    seen.add(key);
    succ.get(l.from)!.push(l.to);
    pred.get(l.to)!.push(l.from);
  }
  if (seen.size !== nodes.length - 1) return undefined;
  // An out-tree grows rightwards from its one source; an in-tree towards its one sink (a chain is both).
  const outTree = nodes.every((n) => pred.get(n)!.length <= 1);
  if (!outTree && !nodes.every((n) => succ.get(n)!.length <= 1)) return undefined;
  const children = outTree ? succ : pred;
  const root = nodes.find((n) => (outTree ? pred : succ).get(n)!.length === 0)!;
  for (const list of children.values()) list.sort((a, b) => a - b);

  // Depth from the root, and an order in which every child comes after its parent.
  const depth = new Map<number, number>([[root, 0]]);
  const order: number[] = [];
  for (const stack = [root]; stack.length > 0; ) {
    const n = stack.pop()!;
    order.push(n);
    for (const c of children.get(n)!) {
      depth.set(c, depth.get(n)! + 1);
      stack.push(c);
    }
  }
  // Not connected after all (a caller that passed more than one component): not a tree.
  if (order.length !== nodes.length) return undefined;
  const maxDepth = Math.max(...depth.values());
  const layerOf = (n: number) => (outTree ? depth.get(n)! : maxDepth - depth.get(n)!);
  const layerWidth = new Array<number>(maxDepth + 1).fill(0);
  for (const n of nodes) layerWidth[layerOf(n)] = Math.max(layerWidth[layerOf(n)]!, widthOf(n));
  const layerX: number[] = [];
  for (let i = 0, x = 0; i <= maxDepth; x += layerWidth[i]! + LAYER_SPACING, i++) layerX.push(x);

  // Vertical centres: leaves on consecutive rows in the written order (a subtree's leaves together), a parent
  // level with its middle child, the upper one of two (children are finished before their parent when `order`
  // is walked backwards). The middle child keeps a chain straight through a fork.
  const centre = new Map<number, number>();
  const leaves = new Map<number, number>();
  let row = 0;
  const leafOrder: number[] = [];
  for (const stack = [root]; stack.length > 0; ) {
    const n = stack.pop()!;
    const cs = children.get(n)!;
    if (cs.length === 0) leafOrder.push(n);
    for (let i = cs.length - 1; i >= 0; i--) stack.push(cs[i]!);
  }
  for (const n of leafOrder) leaves.set(n, row++);
  for (let i = order.length - 1; i >= 0; i--) {
    const n = order[i]!;
    const cs = children.get(n)!;
    centre.set(n, cs.length === 0 ? leaves.get(n)! * (NODE_HEIGHT + NODE_SPACING) + NODE_HEIGHT / 2 : centre.get(cs[(cs.length - 1) >> 1]!)!);
  }

  const boxes = new Map<number, Rect>();
  for (const n of nodes) {
    const w = widthOf(n);
    const l = layerOf(n);
    // Within its layer a node with only outgoing edges sits at the right, one with only incoming edges at the
    // left, any other in the middle: the edges stay short (elk's automatic alignment does the same).
    const hasIn = pred.get(n)!.length > 0;
    const hasOut = succ.get(n)!.length > 0;
    const ratio = hasOut && !hasIn ? 1 : hasIn && !hasOut ? 0 : 0.5;
    boxes.set(n, { x: layerX[l]! + (layerWidth[l]! - w) * ratio, y: centre.get(n)! - NODE_HEIGHT / 2, width: w, height: NODE_HEIGHT });
  }
  const edges = new Map<string, XY[]>();
  for (const link of links) {
    const a = boxes.get(link.from)!;
    const b = boxes.get(link.to)!;
    const start = { x: a.x + a.width, y: a.y + NODE_HEIGHT / 2 };
    const end = { x: b.x, y: b.y + NODE_HEIGHT / 2 };
    const l = layerOf(link.from);
    const bend = layerX[l]! + layerWidth[l]! + EDGE_NODE_SPACING;
    edges.set(link.id, start.y === end.y ? [start, end] : [start, { x: bend, y: start.y }, { x: bend, y: end.y }, end]);
  }
  const width = layerX[maxDepth]! + layerWidth[maxDepth]!;
  const height = (row - 1) * (NODE_HEIGHT + NODE_SPACING) + NODE_HEIGHT;
  return { width, height, nodes: boxes, edges };
}

/**
 * Positions of blocks packed in rows, in the given order: left to right, a new row when the next block would
 * pass a row width chosen so that the whole is about {@link ASPECT_RATIO} times as wide as high (never narrower
 * than the widest block); blocks top-aligned in their row.
 */
export function packRows(sizes: readonly { readonly width: number; readonly height: number }[]): { positions: XY[]; width: number; height: number } {
  let area = 0;
  let widest = 0;
  for (const s of sizes) {
    area += (s.width + BLOCK_SPACING) * (s.height + BLOCK_SPACING);
    widest = Math.max(widest, s.width);
  }
  const rowWidth = Math.max(widest, Math.sqrt(area * ASPECT_RATIO));
  const positions: XY[] = [];
  let x = 0;
  let y = 0;
  let rowHeight = 0;
  let width = 0;
  for (const s of sizes) {
    if (x > 0 && x + s.width > rowWidth) {
      y += rowHeight + BLOCK_SPACING;
      x = 0;
      rowHeight = 0;
    }
    positions.push({ x, y });
    width = Math.max(width, x + s.width);
    x += s.width + BLOCK_SPACING;
    rowHeight = Math.max(rowHeight, s.height);
  }
  return { positions, width, height: sizes.length > 0 ? y + rowHeight : 0 };
}
