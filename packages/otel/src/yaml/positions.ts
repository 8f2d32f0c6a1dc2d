/**
 * Where the keys and items of every mapping and sequence read from YAML were written.
 *
 * Why offsets: a large configuration has a key or an item on nearly every line, and a `{line, column}` object for
 * each (plus an empty map or array for the kind of container it is not) was a large share of the memory a read
 * keeps. Each container keeps one record with the offsets of its keys or items, and line and column are computed
 * when asked from one index of line starts shared by the whole document.
 */

/** 1-based line and column. */
export interface Position {
  readonly line: number;
  readonly column: number;
}

/** Offsets [start, end) in the text. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** Offsets at which the lines of one text start (the first is 0). */
export class LineStarts {
  private constructor(private readonly starts: Uint32Array) {}

  static of(text: string): LineStarts {
    let count = 1;
    for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) count++;
    const starts = new Uint32Array(count);
    let k = 1;
    for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts[k++] = i + 1;
    return new LineStarts(starts);
  }

  /** Line and column of `offset`, both 1-based (the column counts UTF-16 units, as the `yaml` package does). */
  position(offset: number): Position {
    const s = this.starts;
    let low = 0;
    let high = s.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (offset < s[mid]!) high = mid;
      else low = mid + 1;
    }
    return { line: low, column: offset - s[low - 1]! + 1 };
  }
}

/** Offsets of the places one container's parts were written; line and column come from `lines`. */
export interface ContainerPositions {
  readonly lines: LineStarts;
  /** Offset of the container itself. */
  readonly self: number;
  /** Offset of each key of a mapping (first writing wins). */
  readonly keys?: Map<string, number>;
  /** Offset of each item of a sequence. */
  readonly items?: number[];
  /** Ranges of the same places, for consumers that report ranges (kept only when asked for). */
  readonly spans?: { self: Span; keys: Map<string, Span>; items: Span[] };
}

const positions = new WeakMap<object, ContainerPositions>();

export function setPositions(container: object, record: ContainerPositions): void {
  positions.set(container, record);
}

export function positionsOf(container: object): ContainerPositions | undefined {
  return positions.get(container);
}

/** Span of `key` (a mapping key, or an array item) inside `container`, or of the container itself. */
export function spanOf(container: unknown, key?: string | number): Span | undefined {
  if (typeof container !== "object" || container === null) return undefined;
  const s = positions.get(container)?.spans;
  if (!s) return undefined;
  if (key === undefined) return s.self;
  return (typeof key === "number" ? s.items[key] : s.keys.get(key)) ?? s.self;
}

/** Position of `key` (a mapping key or an array index) inside `container`, or of the container itself. */
export function positionOf(container: unknown, key?: string | number): Position | undefined {
  if (typeof container !== "object" || container === null) return undefined;
  const p = positions.get(container);
  if (!p) return undefined;
  const at = key === undefined ? undefined : typeof key === "number" ? p.items?.[key] : p.keys?.get(key);
  return p.lines.position(at ?? p.self);
}
