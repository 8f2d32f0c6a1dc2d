/**
 * The generic engine: evaluates a component description against an OTel config and writes the Alloy body with
 * the defaults rule of otelcol-conversion.md §11.1 (optional arguments only when different from Alloy's default;
 * nested blocks omitted when equal to the enclosing default, otherwise compared with their own defaults).
 */
import type { RawMap, RawValue } from "@alloy-ts/otel";
import { attr, block, type Statement } from "../alloy/ir.js";
import type { AttrRow, BlockRow, OtelPath, OutputRow, RepeatedBlockRow, Row, Source } from "./description.js";
import { decode, deepEqual, encode, Expr, zeroOf, type Internal } from "./values.js";
import { ReadTracker, type Attribution } from "../ledger/tracker.js";
import { base2Bytes, goDuration } from "../alloy/go-text.js";
import { interpretReferences } from "./env-values.js";

/** What the engine needs from the conversion around it. */
export interface EngineContext {
  readonly compat: boolean;
  /** Alloy label of the component being converted (for references to blocks emitted with it). */
  readonly label?: string;
  /** Reference text for an extension ID (`otelcol.auth.basic.default.handler`), or undefined after reporting. */
  extensionRef(id: string, path: readonly string[], container: unknown): Expr | undefined;
  /** Reports a value OTel could not decode. */
  decodeError(path: readonly string[], message: string, container: unknown): void;
  /** Records which settings the evaluation reads (the settings ledger; default mode only). */
  readonly tracker?: ReadTracker;
  /** Values are read with their `${...}` references as expressions (default mode; ./env-values.ts). */
  readonly references?: boolean;
  /** The YAML config of an extension by ID (see {@link Source.extension}). */
  extensionConfig?(id: string): RawValue | undefined;
}

type Entry =
  | { readonly kind: "attr"; readonly row: AttrRow; readonly value: Internal; readonly attribution?: Attribution; readonly compat: boolean }
  | { readonly kind: "block"; readonly row: BlockRow; readonly value: Entry[] | undefined }
  | { readonly kind: "blocks"; readonly row: RepeatedBlockRow; readonly items: Entry[][] }
  | { readonly kind: "output" };

/** Dotted paths come from the (static) component descriptions, so their split form is cached. */
const splitCache = new Map<string, readonly string[]>();
const splitPath = (p: OtelPath): readonly string[] => {
  if (typeof p !== "string") return p;
  let parts = splitCache.get(p);
  if (parts === undefined) splitCache.set(p, (parts = p === "" ? [] : p.split(".")));
  return parts;
};

const MISSING: unique symbol = Symbol("missing");

/** A view onto one OTel map, remembering its path for messages. */
export class MapSource implements Source {
  readonly root: Source;
  constructor(
    readonly map: RawMap | undefined,
    readonly path: readonly string[],
    readonly compat: boolean,
    root?: Source,
    label = "",
    tracker?: ReadTracker,
    references = false,
    private readonly extensions?: (id: string) => RawValue | undefined,
  ) {
    this.root = root ?? this;
    this.label = root?.label ?? label;
    this.tracker = tracker ?? (root instanceof MapSource ? root.tracker : undefined);
    this.references = references || (root instanceof MapSource && root.references);
  }

  readonly label: string;
  readonly tracker: ReadTracker | undefined;
  readonly references: boolean;

  extension(id: string): RawValue | undefined {
    return this.root === this ? this.extensions?.(id) : this.root.extension?.(id);
  }

  /**
   * The value at `path`; `MISSING` when a key on the way is absent (no result object: this runs per row). With a
   * tracker, every key on the way is marked read, the last one `deep` when its whole value is consumed.
   */
  private lookup(path: OtelPath, deep: boolean): RawValue | undefined | typeof MISSING {
    let cur: RawValue | undefined = this.map;
    const keys = splitPath(path);
    const t = this.tracker;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      if (!(cur instanceof Map)) return MISSING;
      const next = cur.get(key);
      if (next === undefined && !cur.has(key)) return MISSING;
      if (t !== undefined) t.mark(cur, key, deep && i === keys.length - 1);
      cur = next;
    }
    return cur;
  }

  get(path: OtelPath): RawValue | undefined {
    const v = this.lookup(path, true);
    if (v === MISSING) return undefined;
    return this.references ? (interpretReferences(v) as RawValue) : v;
  }

  has(path: OtelPath): boolean {
    return this.lookup(path, false) !== MISSING;
  }

  /** The value at `path` with its keys marked as visited but not consumed (navigation into blocks and lists). */
  visit(path: OtelPath): RawValue | undefined {
    const v = this.lookup(path, false);
    return v === MISSING ? undefined : v;
  }

  /** The source for a sub-map (absent or null sub-maps give an empty source: OTel defaults apply). */
  child(path: OtelPath, ctx: EngineContext): MapSource {
    const segments = splitPath(path);
    if (segments.length === 0) return this;
    const v = this.visit(segments);
    if (v !== undefined && v !== null && !(v instanceof Map)) {
      ctx.decodeError([...this.path, ...segments], "expected a map, got '" + (Array.isArray(v) ? "slice" : typeof v) + "'", this.map);
    }
    return new MapSource(v instanceof Map ? v : undefined, [...this.path, ...segments], this.compat, this.root);
  }
}

/** Evaluates rows against a source: the converted (not yet compared) values. */
const OUTPUT_ENTRY: Entry = { kind: "output" };

function evaluate(rows: readonly Row[], src: MapSource, ctx: EngineContext): Entry[] {
  const out = new Array<Entry>(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    if ("attr" in row) out[i] = evaluateAttrEntry(row, src, ctx);
    else if ("block" in row) out[i] = { kind: "block", row, value: evaluateBlock(row, src, ctx) };
    else if ("output" in row) out[i] = OUTPUT_ENTRY;
    else out[i] = { kind: "blocks", row, items: evaluateBlocks(row, src, ctx) };
  }
  return out;
}

/** An attribute's entry; with a tracker, every setting read for it is attributed to it. */
function evaluateAttrEntry(row: AttrRow, src: MapSource, ctx: EngineContext): Entry {
  const t = src.tracker;
  if (t === undefined) return { kind: "attr", row, value: evaluateAttr(row, src, ctx), compat: src.compat };
  const attribution: Attribution = { alloyPath: [...t.blocks, row.attr].join("."), defaultText: defaultText(row) };
  const outer = t.current;
  t.current = attribution;
  try {
    return { kind: "attr", row, value: evaluateAttr(row, src, ctx), attribution, compat: src.compat };
  } finally {
    t.current = outer;
  }
}

/** Alloy's default of an attribute, as a reader would write it. */
function defaultText(row: AttrRow): string {
  const d = defaultOf(row);
  if (d === undefined || d === null) return "null";
  if (row.as === "duration") return JSON.stringify(goDuration(Number(d)));
  if (row.as === "bytes" || row.as === "mib") return JSON.stringify(base2Bytes(Number(d)));
  if (d instanceof Expr) return d.text;
  if (d instanceof Map) return d.size === 0 ? "{}" : "an object";
  return JSON.stringify(d);
}

function evaluateAttr(row: AttrRow, src: MapSource, ctx: EngineContext): Internal {
  let raw: unknown;
  const path = row.otel === null ? undefined : (row.otel ?? row.attr);
  if (path !== undefined) {
    const t = src.tracker;
    if (t !== undefined) t.own = true;
    const v = src.get(path);
    if (t !== undefined) t.own = false;
    raw = v === undefined || v === null ? row.otelDefault : v;
  }
  if (row.map) raw = row.map(raw as RawValue | undefined, src);
  const decoded = decode(row.as, raw);
  if (!decoded.ok) {
    ctx.decodeError(attrPath(row, src, path), decoded.message, src.map);
    return zeroOf(row.as);
  }
  if (row.as === "extension" && typeof decoded.value === "string" && decoded.value !== "") {
    return ctx.extensionRef(decoded.value, attrPath(row, src, path), src.map);
  }
  return decoded.value;
}

/** The full OTel path of an attribute, for messages (built only when one is needed). */
function attrPath(row: AttrRow, src: MapSource, path: OtelPath | undefined): string[] {
  return [...src.path, ...(path === undefined ? [row.attr] : splitPath(path))];
}

function evaluateBlock(row: BlockRow, src: MapSource, ctx: EngineContext): Entry[] | undefined {
  const parentDefault = row.parentDefault ?? "zero";
  const build = row.build ?? (parentDefault === "nil" ? "present" : "always");
  const path = row.otel === null ? null : (row.otel ?? row.block);
  const built =
    typeof build === "function" ? build(src) : build === "always" || (path !== null && (src.has(path) || row.otelPresent === true));
  if (!built) return undefined;
  const sub = path === null ? new MapSource(undefined, [...src.path, row.block], src.compat, src.root) : src.child(path, ctx);
  const t = src.tracker;
  t?.blocks.push(row.block);
  try {
    return evaluate(row.rows, sub, ctx);
  } finally {
    t?.blocks.pop();
  }
}

function evaluateBlocks(row: RepeatedBlockRow, src: MapSource, ctx: EngineContext): Entry[][] {
  const path = row.otel ?? row.blocks;
  let items: readonly unknown[];
  if (row.items) items = row.items(src);
  else {
    const v = src.visit(path);
    if (v === undefined) items = row.otelDefault ?? [];
    else if (v === null) items = [];
    else if (Array.isArray(v)) items = v;
    else {
      ctx.decodeError([...src.path, ...splitPath(path)], "source data must be an array or slice, got map", src.map);
      items = [];
    }
  }
  const t = src.tracker;
  return items.map((item, i) => {
    const map = item instanceof Map ? (item as RawMap) : toMap(item);
    t?.blocks.push(row.blocks);
    try {
      return evaluate(row.rows, new MapSource(map, [...src.path, ...splitPath(path), `[${i}]`], src.compat, src.root), ctx);
    } finally {
      t?.blocks.pop();
    }
  });
}

function toMap(v: unknown): RawMap | undefined {
  if (v === null || typeof v !== "object" || Array.isArray(v)) return undefined;
  return new Map(Object.entries(v as Record<string, RawValue>));
}

const defaultCache = new WeakMap<AttrRow, Internal>();
const upstreamDefaultCache = new WeakMap<AttrRow, Internal>();

/** Alloy's default of an attribute; under --compat=upstream, the default upstream's converter assumes. */
function defaultOf(row: AttrRow, compat = false): Internal {
  const upstream = compat && "upstreamAlloyDefault" in row;
  const cache = upstream ? upstreamDefaultCache : defaultCache;
  if (!cache.has(row)) {
    const d = decode(row.as, upstream ? row.upstreamAlloyDefault : row.alloyDefault);
    cache.set(row, d.ok ? d.value : zeroOf(row.as));
  }
  return cache.get(row);
}

function isZero(entries: readonly Entry[]): boolean {
  return entries.every((e) => {
    switch (e.kind) {
      case "attr": return deepEqual(e.value, zeroOf(e.row.as));
      case "block": return e.value === undefined || ((e.row.parentDefault ?? "zero") !== "nil" && isZero(e.value));
      case "blocks": return e.items.length === 0;
      case "output": return true;
    }
  });
}

function isDeepZero(entries: readonly Entry[]): boolean {
  return entries.every((e) => {
    switch (e.kind) {
      case "attr": return deepEqual(e.value, zeroOf(e.row.as));
      case "block": return e.value === undefined || isDeepZero(e.value);
      case "blocks": return e.items.length === 0;
      case "output": return true;
    }
  });
}

function equalsOwnDefaults(entries: readonly Entry[]): boolean {
  return entries.every((e) => {
    switch (e.kind) {
      case "attr": return deepEqual(e.value, defaultOf(e.row, e.compat));
      case "block": return e.value === undefined || matchesParentDefault(e.row, e.value);
      case "blocks": return e.items.length === 0;
      case "output": return true;
    }
  });
}

/** True when the block's attributes equal `values` (by Alloy name, absent = zero) and everything else is zero. */
function equalsValues(entries: readonly Entry[], values: Readonly<Record<string, unknown>>): boolean {
  return entries.every((e) => {
    switch (e.kind) {
      case "attr": {
        const d = decode(e.row.as, values[e.row.attr]);
        return deepEqual(e.value, d.ok ? d.value : zeroOf(e.row.as));
      }
      case "block": return e.value === undefined || isZero(e.value);
      case "blocks": return e.items.length === 0;
      case "output": return true;
    }
  });
}

function matchesParentDefault(row: BlockRow, value: readonly Entry[]): boolean {
  switch (row.parentDefault ?? "zero") {
    case "nil": return false;
    case "zero": return isZero(value);
    case "own": return equalsOwnDefaults(value);
    case "empty": return isDeepZero(value);
    default: return equalsValues(value, row.parentDefault as Readonly<Record<string, unknown>>);
  }
}

function write(entries: readonly Entry[], output: Statement | undefined): Statement[] {
  const out: Statement[] = [];
  for (const e of entries) {
    switch (e.kind) {
      case "output":
        if (output) out.push(output);
        break;
      case "attr": {
        const written = e.row.required === true || !deepEqual(e.value, defaultOf(e.row, e.compat));
        if (e.attribution !== undefined) e.attribution.written = written;
        if (written) out.push(attr(e.row.attr, encode(e.row.as, e.value)));
        break;
      }
      case "block":
        if (e.value === undefined) break;
        if (!e.row.required && matchesParentDefault(e.row, e.value)) break;
        out.push(block(e.row.block, write(e.value, undefined)));
        break;
      case "blocks":
        for (const item of e.items) {
          if (e.row.skipZero && isZero(item)) continue;
          out.push(block(e.row.blocks, write(item, undefined)));
        }
        break;
    }
  }
  return out;
}

/**
 * Converts one OTel config map with `rows` into Alloy statements. `output` is placed at the description's output
 * row, or appended when there is none.
 */
export function convertBody(
  rows: readonly Row[],
  config: RawValue | undefined,
  path: readonly string[],
  ctx: EngineContext,
  output?: Statement,
): Statement[] {
  const entries = evaluateBody(rows, config, path, ctx);
  const hasOutputRow = rows.some((r) => "output" in (r as OutputRow));
  const body = write(entries, output);
  if (!hasOutputRow && output) body.push(output);
  return body;
}

/**
 * Decodes one OTel config map with `rows` as {@link convertBody} does, reporting the same decode errors through
 * `ctx`, without writing the Alloy statements (for the load-time check of every defined component).
 */
export function decodeBody(rows: readonly Row[], config: RawValue | undefined, path: readonly string[], ctx: EngineContext): void {
  evaluateBody(rows, config, path, ctx);
}

function evaluateBody(rows: readonly Row[], config: RawValue | undefined, path: readonly string[], ctx: EngineContext): Entry[] {
  const map = config instanceof Map ? config : undefined;
  if (config !== undefined && config !== null && !(config instanceof Map)) {
    ctx.decodeError(path, "expected a map, got '" + (Array.isArray(config) ? "slice" : typeof config) + "'", undefined);
  }
  return evaluate(
    rows,
    new MapSource(map, path, ctx.compat, undefined, ctx.label, ctx.tracker, ctx.references === true, ctx.extensionConfig),
    ctx,
  );
}
