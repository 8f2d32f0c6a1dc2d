/**
 * Reads the collector YAML into plain data (Map for mappings, arrays, scalars) while remembering where every
 * mapping key and sequence item came from, so diagnostics can name a line and column. Alias expansion is
 * bounded (a "billion laughs" document is refused quickly), `<<` merge keys are applied, and keys containing
 * `::` are split into nested mappings as OTel's key-path syntax does (otelcol-conversion.md §2.1).
 */
import { LineCounter, isAlias, isMap, isScalar, isSeq, parseDocument, type Document, type Node } from "yaml";
import { hasDuplicateKey } from "./duplicate-keys.js";

/** A value read from YAML. */
export type RawValue = string | number | boolean | null | RawValue[] | RawMap;
export type RawMap = Map<string, RawValue>;

/** 1-based line and column. */
export interface Position {
  readonly line: number;
  readonly column: number;
}

/** Where the keys and items of one container were written. */
interface ContainerPositions {
  readonly self: Position;
  readonly keys: Map<string, Position>;
  readonly items: Position[];
}

const positions = new WeakMap<object, ContainerPositions>();

/** Position of `key` (a mapping key or an array index) inside `container`, or of the container itself. */
export function positionOf(container: unknown, key?: string | number): Position | undefined {
  if (typeof container !== "object" || container === null) return undefined;
  const p = positions.get(container);
  if (!p) return undefined;
  if (key === undefined) return p.self;
  return (typeof key === "number" ? p.items[key] : p.keys.get(key)) ?? p.self;
}

export type ReadResult = { ok: true; value: RawValue } | { ok: false; message: string };

/** Upper bound on the number of nodes produced by expanding aliases (ordinary nodes are not counted). */
const MAX_ALIAS_NODES = 50_000;

const PARSE_OPTIONS = { version: "1.2", schema: "core", prettyErrors: false } as const;

/** Parses YAML text into plain data. Never throws. */
export function readYaml(text: string): ReadResult {
  let lineCounter = new LineCounter();
  let doc: Document.Parsed;
  try {
    // Repeated keys are found by a linear scan instead of the package's quadratic one (see ./duplicate-keys.ts).
    doc = parseDocument(text, { ...PARSE_OPTIONS, lineCounter, uniqueKeys: false });
    if (doc.errors.length > 0 || hasDuplicateKey(doc.contents)) {
      // Parse again with the package's own check, so that the first error (a repeated key or any other) is the
      // one the package reports, in document order.
      lineCounter = new LineCounter();
      doc = parseDocument(text, { ...PARSE_OPTIONS, lineCounter, uniqueKeys: true });
    }
  } catch (e) {
    return { ok: false, message: `yaml: ${(e as Error).message}` };
  }
  if (doc.errors.length > 0) {
    const err = doc.errors[0]!;
    const line = lineCounter.linePos(err.pos[0]).line;
    return { ok: false, message: `yaml: line ${line}: ${err.message.split("\n")[0]}` };
  }
  const builder = new TreeBuilder(doc, lineCounter);
  try {
    return { ok: true, value: builder.build(doc.contents as Node | null) };
  } catch (e) {
    if (e instanceof YamlTreeError) return { ok: false, message: e.message };
    throw e;
  }
}

class YamlTreeError extends Error {}

class TreeBuilder {
  private aliasNodes = 0;
  private aliasDepth = 0;
  private readonly active = new Set<Node>();
  /** Alias targets, resolved once each (resolving searches the whole document). */
  private readonly targets = new Map<Node, Node | undefined>();

  constructor(
    private readonly doc: Document.Parsed,
    private readonly lines: LineCounter,
  ) {}

  private pos(node: Node | null | undefined): Position {
    const offset = node?.range?.[0] ?? 0;
    const p = this.lines.linePos(offset);
    return { line: p.line, column: p.col };
  }

  build(node: Node | null | undefined): RawValue {
    if (this.aliasDepth > 0 && ++this.aliasNodes > MAX_ALIAS_NODES) {
      throw new YamlTreeError("yaml: document contains excessive aliasing (too many nodes after expanding aliases)");
    }
    if (node === null || node === undefined) return null;
    if (isAlias(node)) {
      if (!this.targets.has(node)) this.targets.set(node, node.resolve(this.doc) as Node | undefined);
      const target = this.targets.get(node);
      if (!target) throw new YamlTreeError(`yaml: unknown anchor '${node.source}' referenced`);
      if (this.active.has(target)) throw new YamlTreeError(`yaml: anchor '${node.source}' value contains itself`);
      this.aliasDepth++;
      try {
        return this.build(target);
      } finally {
        this.aliasDepth--;
      }
    }
    this.active.add(node);
    try {
      if (isScalar(node)) return scalar(node.value);
      if (isSeq(node)) {
        const out: RawValue[] = [];
        const items: Position[] = [];
        for (const item of node.items) {
          items.push(this.pos(item as Node));
          out.push(this.build(item as Node));
        }
        positions.set(out, { self: this.pos(node), keys: new Map(), items });
        return out;
      }
      if (isMap(node)) return this.buildMap(node);
      return null;
    } finally {
      this.active.delete(node);
    }
  }

  private buildMap(node: Node & { items: { key: unknown; value: unknown }[] }): RawMap {
    const out: RawMap = new Map();
    const keys = new Map<string, Position>();
    positions.set(out, { self: this.pos(node), keys, items: [] });
    const merges: RawValue[] = [];
    for (const pair of node.items) {
      const keyNode = pair.key as Node | null;
      const key = keyText(isScalar(keyNode) ? keyNode.value : keyNode === null ? null : this.build(keyNode));
      const value = this.build(pair.value as Node | null);
      if (key === "<<" && isScalar(keyNode) && keyNode.source === "<<") {
        merges.push(value);
        continue;
      }
      setPath(out, key.split("::"), value, this.pos(keyNode), keys);
    }
    // Merge keys never override keys written in the mapping itself.
    for (const m of merges) {
      for (const source of Array.isArray(m) ? m : [m]) {
        if (!(source instanceof Map)) throw new YamlTreeError("yaml: map merge requires map or sequence of maps as the value");
        for (const [k, v] of source) if (!out.has(k)) out.set(k, v);
      }
    }
    return out;
  }
}

function setPath(target: RawMap, parts: string[], value: RawValue, pos: Position, keys: Map<string, Position>): void {
  const [head, ...rest] = parts as [string, ...string[]];
  if (rest.length === 0) {
    const existing = target.get(head);
    if (existing instanceof Map && value instanceof Map) for (const [k, v] of value) existing.set(k, v);
    else target.set(head, value);
    if (!keys.has(head)) keys.set(head, pos);
    return;
  }
  let child = target.get(head);
  if (!(child instanceof Map)) {
    child = new Map();
    positions.set(child, { self: pos, keys: new Map(), items: [] });
    target.set(head, child);
  }
  if (!keys.has(head)) keys.set(head, pos);
  setPath(child, rest, value, pos, positions.get(child)?.keys ?? new Map());
}

function scalar(v: unknown): RawValue {
  if (v === null || v === undefined) return null;
  if (typeof v === "string" || typeof v === "boolean") return v;
  if (typeof v === "number") return v;
  if (typeof v === "bigint") return Number(v);
  return String(v);
}

function keyText(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (v instanceof Map || Array.isArray(v)) return JSON.stringify(v);
  return String(v);
}
