/**
 * The steps both readers (./fast-read.ts and the `yaml` document reader in ./load.ts) take to turn what YAML wrote
 * into the collector's view of it: `key::path` keys become nested mappings (otelcol-conversion.md §2.1) and `<<`
 * merge keys are applied, never overriding keys written in the mapping itself.
 */
import { setPositions, positionsOf, type LineStarts } from "./positions.js";

/** A value read from YAML. */
export type RawValue = string | number | boolean | null | RawValue[] | RawMap;
export type RawMap = Map<string, RawValue>;

/** A problem that ends a read: its message, and where when known. */
export class YamlTreeError extends Error {
  constructor(message: string, readonly position?: { line: number; column: number }) {
    super(message);
  }
}

/** Sets `key` (split at `::`) written at `offset` in `target`, whose key offsets are `keys`. */
export function setKey(target: RawMap, key: string, value: RawValue, offset: number, keys: Map<string, number>, lines: LineStarts): void {
  if (!key.includes("::")) {
    setOne(target, key, value, offset, keys);
    return;
  }
  const parts = key.split("::");
  let map = target;
  let mapKeys = keys;
  for (let i = 0; i < parts.length - 1; i++) {
    const head = parts[i]!;
    let child = map.get(head);
    if (!(child instanceof Map)) {
      child = new Map();
      setPositions(child, { lines, self: offset, keys: new Map() });
      map.set(head, child);
    }
    if (!mapKeys.has(head)) mapKeys.set(head, offset);
    map = child;
    mapKeys = positionsOf(child)?.keys ?? new Map();
  }
  setOne(map, parts[parts.length - 1]!, value, offset, mapKeys);
}

function setOne(target: RawMap, head: string, value: RawValue, offset: number, keys: Map<string, number>): void {
  const existing = target.get(head);
  if (existing instanceof Map && value instanceof Map) for (const [k, v] of value) existing.set(k, v);
  else target.set(head, value);
  if (!keys.has(head)) keys.set(head, offset);
}

/** Applies the values of `<<` keys to `out`: merge keys never override keys written in the mapping itself. */
export function applyMerges(out: RawMap, merges: readonly RawValue[]): void {
  for (const m of merges) {
    for (const source of Array.isArray(m) ? m : [m]) {
      if (!(source instanceof Map)) throw new YamlTreeError("yaml: map merge requires map or sequence of maps as the value");
      for (const [k, v] of source) if (!out.has(k)) out.set(k, v);
    }
  }
}
