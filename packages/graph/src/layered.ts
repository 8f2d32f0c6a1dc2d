/**
 * A layered (Sugiyama-style) placement for components that are not trees, drawn the way elk's layered algorithm
 * draws them: layers left to right, every edge from the east side of its source to the west side of its target,
 * orthogonal, through one point per layer it passes. It is used for graphs too large for elk to lay out within a
 * drawing's budget in a fresh process (see layout.ts); it costs time linear in the nodes, edges and the points of
 * long edges, times a fixed number of sweeps.
 *
 * The steps: (1) cycles broken by reversing the edges a depth-first search in written order finds going back;
 * (2) longest-path layers, then each source moved next to its first successor; (3) a point ("dummy") per layer an
 * edge spans; (4) the order within each layer from a depth-first order, improved by barycenter sweeps, keeping the
 * order with the fewest crossings; (5) vertical positions that keep the items of a layer apart and put each item
 * as near as they allow to the mean of its neighbours (a weighted isotonic regression per layer, exact and linear,
 * with long edges weighted so that they run straight), then steps of a few pixels straightened where there is
 * room; (6) columns, tracks and edge routes (route.ts). A reversed edge (or one whose span would cost more points
 * than the bound allows) is drawn around the top: out of its source's east side, over the component, down into
 * its target's west side; a self-loop bends around its node's top.
 *
 * Items may belong to bands (containers drawn one below the other, see bands.ts): the order of a layer keeps the
 * bands in order and vertical positions are computed per band; the caller stacks the bands, then routes.
 * Deterministic: every order is a sort with explicit tie-breaks on written order, and vertical positions are
 * whole numbers (horizontal ones follow from node widths).
 */
import { NODE_HEIGHT } from "./metrics.js";
import { NODE_SPACING, type Link, type Placed, type Rect, type XY } from "./pack.js";
import { EDGE_SPACING, routeLayered } from "./route.js";

/** Points of long edges allowed per component, beyond the nodes and edges: past it, long edges go around the top. */
const MAX_DUMMIES = 50_000;
/** Ordering sweeps (each one down and one up) and vertical placement passes. */
const ORDER_ROUNDS = 4;
const PLACE_ROUNDS = 4;

export interface LayeredInput {
  /** Width of each node (nodes are 0..n-1; every node is NODE_HEIGHT high). */
  readonly widths: readonly number[];
  readonly links: readonly { readonly from: number; readonly to: number }[];
  /** Band of each node (0 when absent); bands are drawn in increasing order, top to bottom. */
  readonly bands?: readonly number[];
}

/** Layers, order and vertical positions within each band; {@link routeLayered} finishes the drawing. */
export interface Arrangement {
  readonly nodeCount: number;
  readonly widths: readonly number[];
  /** Layer of every item (nodes first, then the points of long edges). */
  readonly layer: readonly number[];
  readonly band: readonly number[];
  /** Top of every item within its band (its band's top is 0). */
  readonly y: readonly number[];
  /** Height of every band (0 for a band without items). */
  readonly bandHeight: readonly number[];
  readonly layers: readonly (readonly number[])[];
  /** Each drawn edge: its items from source to target, or around the top, or a self-loop. */
  readonly edges: readonly Drawn[];
  /** Index of the drawn edge of each input link. */
  readonly edgeOfLink: readonly number[];
}

export type Drawn =
  | { readonly kind: "chain"; readonly items: readonly number[] }
  | { readonly kind: "around"; readonly from: number; readonly to: number }
  | { readonly kind: "loop"; readonly node: number };

const maxOf = (values: Iterable<number>, start: number) => {
  let m = start;
  for (const v of values) if (v > m) m = v;
  return m;
};

export function arrangeLayered(input: LayeredInput): Arrangement {
  const n = input.widths.length;
  const bandOf = (v: number) => input.bands?.[v] ?? 0;

  // Distinct edges in written order; parallel links share one drawing.
  const edgeOfLink: number[] = [];
  const distinct: { from: number; to: number }[] = [];
  const seen = new Map<number, number>();
  for (const l of input.links) {
    const key = l.from * n + l.to;
    let e = seen.get(key);
    if (e === undefined) {
      seen.set(key, (e = distinct.length));
      distinct.push({ from: l.from, to: l.to });
    }
    edgeOfLink.push(e);
  }

  // (1) Back edges: those a depth-first search (sources first, then any node left, both in written order; edges
  // in written order) finds pointing at a node still on its stack.
  const out: number[][] = Array.from({ length: n }, () => []);
  const indeg = new Array<number>(n).fill(0);
  distinct.forEach((e, k) => {
    if (e.from === e.to) return;
    out[e.from]!.push(k);
    indeg[e.to]!++;
  });
  const reversed = new Array<boolean>(distinct.length).fill(false);
  const state = new Uint8Array(n);
  const starts = [...Array.from({ length: n }, (_, v) => v).filter((v) => indeg[v] === 0), ...Array.from({ length: n }, (_, v) => v)];
  for (const s of starts) {
    if (state[s] !== 0) continue;
    const stack: [number, number][] = [[s, 0]];
    state[s] = 1;
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const [v, at] = top;
      if (at === out[v]!.length) {
        state[v] = 2;
        stack.pop();
        continue;
      }
      top[1]++;
      const k = out[v]![at]!;
      const w = distinct[k]!.to;
      if (state[w] === 1) reversed[k] = true;
      else if (state[w] === 0) {
        state[w] = 1;
        stack.push([w, 0]);
      }
    }
  }

  // (2) Longest-path layers over the edges with back edges turned round, then each source moved right to just
  // before its nearest successor (a source feeding a late layer would otherwise draw a long edge).
  const succ: number[][] = Array.from({ length: n }, () => []);
  const pred: number[][] = Array.from({ length: n }, () => []);
  distinct.forEach((e, k) => {
    if (e.from === e.to) return;
    const [a, b] = reversed[k] ? [e.to, e.from] : [e.from, e.to];
    succ[a]!.push(b);
    pred[b]!.push(a);
  });
  const remaining = pred.map((p) => p.length);
  const topo: number[] = [];
  for (let v = 0; v < n; v++) if (remaining[v] === 0) topo.push(v);
  for (let i = 0; i < topo.length; i++) for (const w of succ[topo[i]!]!) if (--remaining[w]! === 0) topo.push(w);
  const rank = new Array<number>(n).fill(0);
  for (const v of topo) for (const w of succ[v]!) rank[w] = Math.max(rank[w]!, rank[v]! + 1);
  for (let i = topo.length - 1; i >= 0; i--) {
    const v = topo[i]!;
    if (pred[v]!.length === 0 && succ[v]!.length > 0) rank[v] = Math.min(...succ[v]!.map((w) => rank[w]!)) - 1;
  }
  // Layers without nodes (left by moved sources) are dropped.
  const low = maxOf(rank.map((r) => -r), -Infinity);
  const occupied = new Uint8Array(n === 0 ? 0 : maxOf(rank, 0) + low + 1);
  for (const r of rank) occupied[r + low] = 1;
  const remap = new Int32Array(occupied.length);
  for (let r = 0, next = 0; r < occupied.length; r++) if (occupied[r]) remap[r] = next++;
  const layer: number[] = rank.map((r) => remap[r + low]!);
  const band: number[] = Array.from({ length: n }, (_, v) => bandOf(v));

  // (3) A point per layer an edge passes; edges turned round, and those past the bound, go around the top.
  const up: number[][] = Array.from({ length: n }, () => []);
  const down: number[][] = Array.from({ length: n }, () => []);
  const edges: Drawn[] = [];
  let dummies = 0;
  distinct.forEach((e, k) => {
    if (e.from === e.to) return void edges.push({ kind: "loop", node: e.from });
    const span = layer[e.to]! - layer[e.from]!;
    if (reversed[k] || span < 1 || dummies + span - 1 > MAX_DUMMIES) return void edges.push({ kind: "around", from: e.from, to: e.to });
    const items = [e.from];
    for (let l = layer[e.from]! + 1; l < layer[e.to]!; l++) {
      const d = layer.length;
      layer.push(l);
      band.push(band[e.from]!);
      up.push([]);
      down.push([]);
      items.push(d);
      dummies++;
    }
    items.push(e.to);
    for (let i = 1; i < items.length; i++) {
      down[items[i - 1]!]!.push(items[i]!);
      up[items[i]!]!.push(items[i - 1]!);
    }
    edges.push({ kind: "chain", items });
  });
  const total = layer.length;
  const layerCount = maxOf(layer, -1) + 1;

  // (4) Order: depth-first from the nodes in written order, then barycenter sweeps.
  const dfs = new Array<number>(total).fill(-1);
  let counter = 0;
  for (let s = 0; s < n; s++) {
    if (dfs[s] !== -1) continue;
    const stack = [s];
    while (stack.length > 0) {
      const v = stack.pop()!;
      if (dfs[v] !== -1) continue;
      dfs[v] = counter++;
      const next = down[v]!;
      for (let i = next.length - 1; i >= 0; i--) if (dfs[next[i]!] === -1) stack.push(next[i]!);
    }
  }
  for (let v = 0; v < total; v++) if (dfs[v] === -1) dfs[v] = counter++;
  let layers: number[][] = Array.from({ length: layerCount }, () => []);
  for (let v = 0; v < total; v++) layers[layer[v]!]!.push(v);
  const pos = new Float64Array(total);
  const index = (ls: number[][]) => ls.forEach((items) => items.forEach((v, i) => (pos[v] = i)));
  for (const items of layers) items.sort((a, b) => band[a]! - band[b]! || dfs[a]! - dfs[b]!);
  index(layers);
  const sortBy = (items: number[], neighbours: number[][]) => {
    const key = new Float64Array(items.length);
    items.forEach((v, i) => {
      const nb = neighbours[v]!;
      let sum = 0;
      for (const w of nb) sum += pos[w]!;
      key[i] = nb.length > 0 ? sum / nb.length : pos[v]!;
    });
    const order = items.map((_, i) => i);
    order.sort((a, b) => band[items[a]!]! - band[items[b]!]! || key[a]! - key[b]! || pos[items[a]!]! - pos[items[b]!]!);
    const sorted = order.map((i) => items[i]!);
    sorted.forEach((v, i) => (pos[v] = i));
    return sorted;
  };
  let best = layers.map((items) => [...items]);
  let bestCrossings = crossings(layers, down, pos);
  for (let round = 0; round < ORDER_ROUNDS && bestCrossings > 0; round++) {
    for (let l = 1; l < layerCount; l++) layers[l] = sortBy(layers[l]!, up);
    for (let l = layerCount - 2; l >= 0; l--) layers[l] = sortBy(layers[l]!, down);
    const c = crossings(layers, down, pos);
    if (c < bestCrossings) {
      bestCrossings = c;
      best = layers.map((items) => [...items]);
    }
  }
  layers = best;
  index(layers);

  // (5) Vertical positions, per band.
  const height = (v: number) => (v < n ? NODE_HEIGHT : 0);
  const gap = (a: number, b: number) => (a < n && b < n ? NODE_SPACING : EDGE_SPACING);
  const y = new Float64Array(total);
  const runs: number[][] = [];
  for (const items of layers) {
    for (let i = 0; i < items.length; ) {
      let j = i;
      while (j < items.length && band[items[j]!] === band[items[i]!]) j++;
      runs.push(items.slice(i, j));
      i = j;
    }
  }
  for (const run of runs) for (let i = 0, at = 0; i < run.length; at += height(run[i]!) + (i + 1 < run.length ? gap(run[i]!, run[i + 1]!) : 0), i++) y[run[i]!] = at;
  const runsOfLayer: number[][][] = Array.from({ length: layerCount }, () => []);
  for (const run of runs) runsOfLayer[layer[run[0]!]!]!.push(run);
  const centre = (v: number) => y[v]! + height(v) / 2;
  const place = (run: number[], neighbours: readonly (readonly number[][])[]) => {
    const target = new Float64Array(run.length);
    const weight = new Float64Array(run.length);
    let offset = 0;
    run.forEach((v, i) => {
      if (i > 0) offset += height(run[i - 1]!) + gap(run[i - 1]!, v);
      let sum = 0;
      let count = 0;
      // Only neighbours in the same band: other bands are placed on their own and stacked afterwards.
      for (const list of neighbours) for (const w of list[v]!) if (band[w] === band[v]) (sum += centre(w)), count++;
      const wanted = count > 0 ? sum / count : centre(v);
      // Points of long edges weigh more, so that a long edge runs straight and nodes move to meet it.
      weight[i] = count === 0 ? 0.01 : count * (v >= n ? 4 : 1);
      target[i] = wanted - height(v) / 2 - offset;
    });
    const z = isotonic(target, weight);
    offset = 0;
    run.forEach((v, i) => {
      if (i > 0) offset += height(run[i - 1]!) + gap(run[i - 1]!, v);
      y[v] = z[i]! + offset;
    });
  };
  for (let round = 0; round < PLACE_ROUNDS; round++) {
    for (let l = 1; l < layerCount; l++) for (const run of runsOfLayer[l]!) place(run, [up]);
    for (let l = layerCount - 2; l >= 0; l--) for (const run of runsOfLayer[l]!) place(run, [down]);
  }
  for (let l = 0; l < layerCount; l++) for (const run of runsOfLayer[l]!) place(run, [up, down]);
  // Integers, still apart.
  for (const run of runs) {
    for (let i = 0; i < run.length; i++) {
      const v = run[i]!;
      y[v] = Math.round(y[v]!);
      if (i > 0) y[v] = Math.max(y[v]!, y[run[i - 1]!]! + height(run[i - 1]!) + gap(run[i - 1]!, v));
    }
  }
  // Small steps straightened: an item with one neighbour on a side, a little above or below it, moves level with
  // it where its layer leaves room (the mean placement leaves steps of a few pixels along long edges and chains).
  for (const [neighbours, from, to, step] of [[up, 1, layerCount, 1], [down, layerCount - 2, -1, -1]] as const) {
    for (let l = from; l !== to; l += step) {
      for (const run of runsOfLayer[l]!) {
        for (let i = 0; i < run.length; i++) {
          const v = run[i]!;
          const nb = neighbours[v]!;
          if (nb.length !== 1 || band[nb[0]!] !== band[v]) continue;
          const want = centre(nb[0]!) - height(v) / 2;
          if (want === y[v] || Math.abs(want - y[v]!) > NODE_SPACING) continue;
          const prev = run[i - 1];
          const next = run[i + 1];
          if (prev !== undefined && want < y[prev]! + height(prev) + gap(prev, v)) continue;
          if (next !== undefined && want + height(v) + gap(v, next) > y[next]!) continue;
          y[v] = want;
        }
      }
    }
  }
  const bandCount = maxOf(band, 0) + 1;
  const top = new Array<number>(bandCount).fill(Infinity);
  const bottom = new Array<number>(bandCount).fill(-Infinity);
  for (let v = 0; v < total; v++) {
    top[band[v]!] = Math.min(top[band[v]!]!, y[v]!);
    bottom[band[v]!] = Math.max(bottom[band[v]!]!, y[v]! + height(v));
  }
  const yOut = Array.from(y, (t, v) => t - top[band[v]!]!);
  const bandHeight = top.map((t, b) => (t === Infinity ? 0 : bottom[b]! - t));
  return { nodeCount: n, widths: input.widths, layer, band, y: yOut, bandHeight, layers, edges, edgeOfLink };
}

/**
 * Edge crossings between consecutive layers (each pair of segments between the same two layers that cross), by
 * counting inversions with a Fenwick tree.
 */
function crossings(layers: readonly (readonly number[])[], down: readonly (readonly number[])[], pos: Float64Array): number {
  let total = 0;
  for (let l = 0; l + 1 < layers.length; l++) {
    const next = layers[l + 1]!.length;
    const tree = new Int32Array(next + 1);
    let seen = 0;
    for (const v of layers[l]!) {
      const targets = down[v]!.map((w) => pos[w]!).sort((a, b) => a - b);
      for (const t of targets) {
        // Segments already seen that end below this one cross it.
        let atOrBelow = 0;
        for (let i = t + 1; i > 0; i -= i & -i) atOrBelow += tree[i]!;
        total += seen - atOrBelow;
      }
      for (const t of targets) {
        for (let i = t + 1; i <= next; i += i & -i) tree[i]!++;
        seen++;
      }
    }
  }
  return total;
}

/** The non-decreasing sequence nearest to `target` in weighted least squares (pool adjacent violators). */
function isotonic(target: Float64Array, weight: Float64Array): Float64Array {
  const value: number[] = [];
  const w: number[] = [];
  const size: number[] = [];
  for (let i = 0; i < target.length; i++) {
    let v = target[i]!;
    let ww = weight[i]!;
    let s = 1;
    while (value.length > 0 && value[value.length - 1]! >= v) {
      const pv = value.pop()!;
      const pw = w.pop()!;
      s += size.pop()!;
      v = (v * ww + pv * pw) / (ww + pw);
      ww += pw;
    }
    value.push(v);
    w.push(ww);
    size.push(s);
  }
  const out = new Float64Array(target.length);
  let i = 0;
  value.forEach((v, b) => {
    for (let k = 0; k < size[b]!; k++) out[i++] = v;
  });
  return out;
}

/** A component laid out on its own, relative to its own top left corner (for packing with the trees). */
export function placeLayered(nodes: readonly number[], links: readonly Link[], widthOf: (n: number) => number): Placed {
  const local = new Map(nodes.map((v, i) => [v, i]));
  const arrangement = arrangeLayered({
    widths: nodes.map((v) => widthOf(v)),
    links: links.map((l) => ({ from: local.get(l.from)!, to: local.get(l.to)! })),
  });
  const routed = routeLayered(arrangement, [0]);
  const dy = -routed.top;
  const boxes = new Map<number, Rect>();
  nodes.forEach((v, i) => boxes.set(v, { ...routed.nodes[i]!, y: routed.nodes[i]!.y + dy }));
  const edges = new Map<string, XY[]>();
  links.forEach((l, k) => edges.set(l.id, routed.edges[arrangement.edgeOfLink[k]!]!.map((p) => ({ x: p.x, y: p.y + dy }))));
  return { width: routed.width, height: routed.bottom - routed.top, nodes: boxes, edges };
}
