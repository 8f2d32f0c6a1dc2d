/**
 * Horizontal positions and edge routes of a layered arrangement (layered.ts): each layer a column as wide as its
 * widest node, every edge from its source's east side to its target's west side, level through the layers it
 * passes and bent in the gaps between them, on one vertical track per group of bends (the bends out of one node,
 * or into one node, share one); a gap widened when its tracks need more room. Edges turned round by the cycle
 * breaking (or past the bound of points) go around the top on lanes of their own; a self-loop bends over its node.
 */
import { NODE_HEIGHT } from "./metrics.js";
import { LAYER_SPACING, type Rect, type XY } from "./pack.js";
import type { Arrangement, Drawn } from "./layered.js";

/** Where an edge bends: this far past the layer it leaves, as in pack.ts; tracks of one gap this far apart. */
export const EDGE_NODE_SPACING = 10;
export const EDGE_SPACING = 10;
/** Room above a node for its self-loop. */
export const LOOP_RISE = 5;

const maxOf = (values: Iterable<number>, start: number) => {
  let m = start;
  for (const v of values) if (v > m) m = v;
  return m;
};

export interface Routed {
  /** Box of every node, with its band's top added. */
  readonly nodes: readonly Rect[];
  /** Points of every drawn edge. */
  readonly edges: readonly XY[][];
  /** Extent of the nodes and edges (left is 0; top may be above 0 for edges drawn around the top). */
  readonly width: number;
  readonly top: number;
  readonly bottom: number;
}

/** Horizontal positions and edge routes of an arrangement whose bands start at `bandTop`. */
export function routeLayered(a: Arrangement, bandTop: readonly number[]): Routed {
  const n = a.nodeCount;
  const layerCount = a.layers.length;
  const height = (v: number) => (v < n ? NODE_HEIGHT : 0);
  const yAt = (v: number) => bandTop[a.band[v]!]! + a.y[v]!;
  const centre = (v: number) => yAt(v) + height(v) / 2;
  let top = Infinity;
  let bottom = -Infinity;
  for (let v = 0; v < a.layer.length; v++) {
    top = Math.min(top, yAt(v));
    bottom = Math.max(bottom, yAt(v) + height(v));
  }
  if (top === Infinity) top = bottom = 0;

  // Around-the-top edges take a lane each where they overlap (by the gaps they span); gap g is right of layer g.
  // (A reversed edge runs leftwards, from the gap right of its source's layer to the gap left of its target's; an
  // edge past the bound of points runs rightwards between the same two gaps.)
  const around = a.edges.flatMap((e, k) => {
    if (e.kind !== "around") return [];
    const out = a.layer[e.from]!;
    const into = a.layer[e.to]! - 1;
    return [{ k, lo: Math.min(out, into), hi: Math.max(out, into) }];
  });
  const lanes = firstFit(around.map((e) => ({ lo: e.lo, hi: e.hi, key: e.k })));
  const laneY = new Map<number, number>();
  let above = top;
  for (const e of around) {
    const y = top - EDGE_SPACING * (lanes.get(e.k)! + 1) - EDGE_NODE_SPACING;
    laneY.set(e.k, y);
    above = Math.min(above, y);
  }
  for (const e of a.edges) if (e.kind === "loop") above = Math.min(above, yAt(e.node) - LOOP_RISE);

  // Vertical segments of each gap: those leaving one node, and those reaching one node, share a track (a fork, or
  // several inputs of one node, drawn as one line, as elk draws merged edges): a union-find over the two ends of
  // every segment, each item keyed twice (as the source end of its gap on the right, the target end on the left).
  const segments: Segment[][] = Array.from({ length: layerCount + 1 }, () => []);
  const gapOf = (g: number) => segments[g + 1]!;
  const joined = new Int32Array(2 * a.layer.length).map((_, i) => i);
  const find = (k: number): number => {
    let root = k;
    while (joined[root] !== root) root = joined[root]!;
    while (joined[k] !== root) {
      const next = joined[k]!;
      joined[k] = root;
      k = next;
    }
    return root;
  };
  const bends = (e: Drawn & { kind: "chain" }, visit: (p: number, q: number, y1: number, y2: number) => void) => {
    for (let i = 1; i < e.items.length; i++) {
      const y1 = centre(e.items[i - 1]!);
      const y2 = centre(e.items[i]!);
      if (y1 !== y2) visit(e.items[i - 1]!, e.items[i]!, y1, y2);
    }
  };
  for (const e of a.edges) {
    if (e.kind !== "chain") continue;
    bends(e, (p, q) => {
      const x = find(2 * p);
      const y = find(2 * q + 1);
      // The smaller key becomes the root: the same groups whatever the order of the unions.
      if (x !== y) joined[Math.max(x, y)] = Math.min(x, y);
    });
  }
  const groups = new Map<number, Segment>();
  let uniqueKey = 2 * a.layer.length;
  a.edges.forEach((e, k) => {
    if (e.kind === "chain") {
      bends(e, (p, _q, y1, y2) => {
        const key = find(2 * p);
        const g = groups.get(key);
        if (g) (g.lo = Math.min(g.lo, y1, y2)), (g.hi = Math.max(g.hi, y1, y2)), (g.down &&= y1 < y2);
        else {
          const seg = { lo: Math.min(y1, y2), hi: Math.max(y1, y2), key, down: y1 < y2 };
          groups.set(key, seg);
          gapOf(a.layer[p]!).push(seg);
        }
      });
    } else if (e.kind === "around") {
      gapOf(a.layer[e.from]!).push({ lo: laneY.get(k)!, hi: centre(e.from), key: -1 - 2 * k, down: false });
      gapOf(a.layer[e.to]! - 1).push({ lo: laneY.get(k)!, hi: centre(e.to), key: -2 - 2 * k, down: true });
    } else {
      gapOf(a.layer[e.node]!).push({ lo: yAt(e.node) - LOOP_RISE, hi: centre(e.node), key: uniqueKey++, down: false });
      gapOf(a.layer[e.node]! - 1).push({ lo: yAt(e.node) - LOOP_RISE, hi: centre(e.node), key: uniqueKey++, down: true });
    }
  });
  // Of two overlapping segments that both go down, the one from higher up is on the right, and of two that go up
  // the one to higher up on the left: then neither crosses the other. So segments going up (and forks, whose
  // source is in the middle) take tracks from the left, in order of their tops; those going down the tracks after
  // them, in order of their bottoms from below.
  const tracks = segments.map((list) => {
    const rising = firstFit(list.filter((seg) => !seg.down));
    const count = maxOf(rising.values(), -1) + 1;
    const falling = firstFit(list.filter((seg) => seg.down).map((seg) => ({ lo: -seg.hi, hi: -seg.lo, key: seg.key })));
    for (const [key, t] of falling) rising.set(key, count + t);
    return rising;
  });
  const trackCount = tracks.map((t) => maxOf(t.values(), -1) + 1);

  // Layer columns, each as wide as its widest node; gaps as wide as their tracks need (outer gaps only then).
  const layerWidth = new Array<number>(layerCount).fill(0);
  for (let v = 0; v < n; v++) layerWidth[a.layer[v]!] = Math.max(layerWidth[a.layer[v]!]!, a.widths[v]!);
  const gapWidth = (g: number) => {
    const need = trackCount[g + 1]! === 0 ? 0 : 2 * EDGE_NODE_SPACING + (trackCount[g + 1]! - 1) * EDGE_SPACING;
    return g < 0 || g === layerCount - 1 ? need : Math.max(LAYER_SPACING, need);
  };
  const gapX: number[] = [0];
  const layerX: number[] = [];
  for (let l = 0, x = gapWidth(-1); l < layerCount; l++) {
    layerX.push(x);
    x += layerWidth[l]!;
    gapX.push(x);
    x += gapWidth(l);
  }
  const width = layerCount === 0 ? 0 : gapX[layerCount]! + gapWidth(layerCount - 1);
  const trackX = (g: number, key: number) => gapX[g + 1]! + EDGE_NODE_SPACING + tracks[g + 1]!.get(key)! * EDGE_SPACING;

  const nodes: Rect[] = [];
  const hasIn = new Array<boolean>(n).fill(false);
  const hasOut = new Array<boolean>(n).fill(false);
  for (const e of a.edges) {
    if (e.kind === "chain") (hasOut[e.items[0]!] = true), (hasIn[e.items[e.items.length - 1]!] = true);
    else if (e.kind === "around") (hasOut[e.from] = true), (hasIn[e.to] = true);
  }
  for (let v = 0; v < n; v++) {
    const l = a.layer[v]!;
    // As in pack.ts: a node with only outgoing edges at the right of its layer, only incoming at the left.
    const ratio = hasOut[v] && !hasIn[v] ? 1 : hasIn[v] && !hasOut[v] ? 0 : 0.5;
    nodes.push({ x: Math.round(layerX[l]! + (layerWidth[l]! - a.widths[v]!) * ratio), y: yAt(v), width: a.widths[v]!, height: NODE_HEIGHT });
  }
  const east = (v: number): XY => ({ x: nodes[v]!.x + nodes[v]!.width, y: centre(v) });
  const west = (v: number): XY => ({ x: nodes[v]!.x, y: centre(v) });
  const loopKeys = new Map<number, number>();
  uniqueKey = 2 * a.layer.length;
  a.edges.forEach((e, k) => {
    if (e.kind === "loop") loopKeys.set(k, uniqueKey), (uniqueKey += 2);
  });
  const edges: XY[][] = a.edges.map((e, k) => {
    if (e.kind === "chain") {
      const pts = [east(e.items[0]!)];
      for (let i = 1; i < e.items.length; i++) {
        const p = e.items[i - 1]!;
        const y1 = centre(p);
        const y2 = centre(e.items[i]!);
        if (y1 === y2) continue;
        const x = trackX(a.layer[p]!, find(2 * p));
        pts.push({ x, y: y1 }, { x, y: y2 });
      }
      pts.push(west(e.items[e.items.length - 1]!));
      return pts;
    }
    if (e.kind === "around") {
      const x1 = trackX(a.layer[e.from]!, -1 - 2 * k);
      const x2 = trackX(a.layer[e.to]! - 1, -2 - 2 * k);
      const ly = laneY.get(k)!;
      const s = east(e.from);
      const t = west(e.to);
      return [s, { x: x1, y: s.y }, { x: x1, y: ly }, { x: x2, y: ly }, { x: x2, y: t.y }, t];
    }
    const key = loopKeys.get(k)!;
    const s = east(e.node);
    const t = west(e.node);
    const x1 = trackX(a.layer[e.node]!, key);
    const x2 = trackX(a.layer[e.node]! - 1, key + 1);
    const ly = yAt(e.node) - LOOP_RISE;
    return [s, { x: x1, y: s.y }, { x: x1, y: ly }, { x: x2, y: ly }, { x: x2, y: t.y }, t];
  });
  return { nodes, edges, width, top: above, bottom };
}

/** A vertical segment (or a group sharing one track) in a gap, from `lo` down to `hi`; `down` when it runs from its source downwards. */
interface Segment {
  lo: number;
  hi: number;
  readonly key: number;
  down: boolean;
}

/**
 * Tracks for intervals, first fit in order of their low end (ties by high end, then key): an interval goes on the
 * lowest track whose last interval ends before it starts. Returns the track of each key.
 */
function firstFit(intervals: readonly { lo: number; hi: number; key: number }[]): Map<number, number> {
  const sorted = [...intervals].sort((a, b) => a.lo - b.lo || a.hi - b.hi || a.key - b.key);
  const ends: number[] = [];
  const out = new Map<number, number>();
  for (const iv of sorted) {
    let t = ends.findIndex((end) => end < iv.lo);
    if (t < 0) t = ends.push(iv.hi) - 1;
    else ends[t] = iv.hi;
    out.set(iv.key, t);
  }
  return out;
}
