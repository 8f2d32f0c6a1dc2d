/**
 * Reads the collector YAML into plain data (Map for mappings, arrays, scalars) while remembering where every
 * mapping key and sequence item came from, so diagnostics can name a line and column. Alias expansion is
 * bounded (a "billion laughs" document is refused quickly), `<<` merge keys are applied, and keys containing
 * `::` are split into nested mappings as OTel's key-path syntax does (otelcol-conversion.md §2.1).
 */
import { LineCounter, isAlias, isMap, isScalar, isSeq, parseDocument, type Document, type Node } from "yaml";
import { hasDuplicateKey } from "./duplicate-keys.js";
import { fastRead } from "./fast-read.js";
import { MAX_ALIAS_NODES, MAX_DEPTH } from "./limits.js";
import { LineStarts, setPositions, type Position, type Span } from "./positions.js";
import { applyMerges, setKey, YamlTreeError, type RawMap, type RawValue } from "./tree.js";
import { resolvePlainScalar } from "./scalars.js";

export type { RawMap, RawValue } from "./tree.js";
export { positionOf, spanOf, type Position, type Span } from "./positions.js";

export type ReadResult = { ok: true; value: RawValue } | { ok: false; message: string; position?: Position };

export { MAX_DEPTH } from "./limits.js";

const PARSE_OPTIONS = { version: "1.2", schema: "core", prettyErrors: false } as const;

/**
 * Reads the bytes of a configuration file: invalid UTF-8 and NUL bytes are errors at their line and column (go-yaml
 * refuses both), never silently replaced; then as {@link readYaml}.
 */
export function readYamlBytes(bytes: Uint8Array, options: ReadOptions = {}): ReadResult {
  const bad = firstInvalidByte(bytes);
  if (bad !== undefined) {
    const before = Buffer.from(bytes.subarray(0, bad.offset)).toString("utf8");
    const lines = before.split("\n");
    const position = { line: lines.length, column: Buffer.byteLength(lines[lines.length - 1]!) + 1 };
    return { ok: false, message: `yaml: line ${position.line}: ${bad.message}`, position };
  }
  return readYaml(Buffer.from(bytes).toString("utf8"), options);
}

/** The first byte go-yaml's reader refuses: a NUL, or the start of an invalid UTF-8 sequence. */
function firstInvalidByte(bytes: Uint8Array): { offset: number; message: string } | undefined {
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      if (b === 0) return { offset: i, message: "control characters are not allowed" };
      i++;
      continue;
    }
    const len = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (len === 0) return { offset: i, message: "invalid leading UTF-8 octet" };
    if (i + len > n) return { offset: i, message: "incomplete UTF-8 octet sequence" };
    for (let k = 1; k < len; k++) {
      if ((bytes[i + k]! & 0xc0) !== 0x80) return { offset: i, message: "invalid trailing UTF-8 octet" };
    }
    // Overlong forms, surrogates and code points past U+10FFFF.
    const b1 = bytes[i + 1]!;
    if ((b === 0xe0 && b1 < 0xa0) || (b === 0xed && b1 > 0x9f) || (b === 0xf0 && b1 < 0x90) || (b === 0xf4 && b1 > 0x8f)) {
      return { offset: i, message: "invalid UTF-8 octet sequence" };
    }
    i += len;
  }
  return undefined;
}

/** Parses YAML text into plain data. Never throws. */
export interface ReadOptions {
  /** Also record offsets ({@link spanOf}), for consumers that report ranges rather than line:col. */
  readonly spans?: boolean;
}

export function readYaml(text: string, options: ReadOptions = {}): ReadResult {
  // Most files are read straight from the lexer's tokens; what that reader does not take on (an error, ranges, a
  // rare construct) is read again through the `yaml` package's document, whose messages are the ones reported.
  if (options.spans !== true) {
    const fast = fastRead(text);
    if (fast !== undefined) return { ok: true, value: fast };
  }
  return readYamlDocument(text, options);
}

/** {@link readYaml} through the `yaml` package's document (exported for the test that compares both readers). */
export function readYamlDocument(text: string, options: ReadOptions = {}): ReadResult {
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
    const message = e instanceof RangeError ? `nesting deeper than ${MAX_DEPTH} levels is not supported` : (e as Error).message;
    return { ok: false, message: `yaml: ${message}` };
  }
  if (doc.errors.length > 0) {
    const err = doc.errors[0]!;
    const p = lineCounter.linePos(err.pos[0]);
    const message = err.code === "MULTIPLE_DOCS"
      ? "the file holds more than one YAML document (a \"---\" separator); a collector configuration is one document"
      : err.message.split("\n")[0];
    return { ok: false, message: `yaml: line ${p.line}: ${message}`, position: { line: p.line, column: p.col } };
  }
  const builder = new TreeBuilder(doc, LineStarts.of(text), options.spans === true);
  try {
    return { ok: true, value: builder.build(doc.contents as Node | null) };
  } catch (e) {
    if (e instanceof YamlTreeError) return { ok: false, message: e.message, position: e.position };
    if (e instanceof RangeError) return { ok: false, message: `yaml: nesting deeper than ${MAX_DEPTH} levels is not supported` };
    throw e;
  }
}

class TreeBuilder {
  private aliasNodes = 0;
  private aliasDepth = 0;
  private depth = 0;
  private readonly active = new Set<Node>();
  /** Alias targets, resolved once each (resolving searches the whole document). */
  private readonly targets = new Map<Node, Node | undefined>();

  constructor(
    private readonly doc: Document.Parsed,
    private readonly lines: LineStarts,
    private readonly withSpans: boolean,
  ) {}

  private span(node: Node | null | undefined): Span {
    const r = node?.range;
    return r ? { start: r[0], end: Math.max(r[1], r[0] + 1) } : { start: 0, end: 1 };
  }

  private offset(node: Node | null | undefined): number {
    return node?.range?.[0] ?? 0;
  }

  private pos(node: Node | null | undefined): Position {
    return this.lines.position(this.offset(node));
  }

  build(node: Node | null | undefined): RawValue {
    if (this.aliasDepth > 0 && ++this.aliasNodes > MAX_ALIAS_NODES) {
      throw new YamlTreeError("yaml: document contains excessive aliasing (too many nodes after expanding aliases)");
    }
    if (node === null || node === undefined) return null;
    if (++this.depth > MAX_DEPTH) {
      const p = this.pos(node);
      throw new YamlTreeError(`yaml: line ${p.line}: nesting deeper than ${MAX_DEPTH} levels is not supported`, p);
    }
    try {
      return this.buildNode(node);
    } finally {
      this.depth--;
    }
  }

  private buildNode(node: Node): RawValue {
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
      if (isScalar(node)) return node.type === "PLAIN" && !node.tag ? plainScalar(node) : scalar(node.value);
      if (isSeq(node)) {
        const out: RawValue[] = [];
        const items: number[] = [];
        const spans = this.withSpans ? { self: this.span(node), keys: new Map<string, Span>(), items: [] as Span[] } : undefined;
        for (const item of node.items) {
          items.push(this.offset(item as Node));
          spans?.items.push(this.span(item as Node));
          out.push(this.build(item as Node));
        }
        setPositions(out, { lines: this.lines, self: this.offset(node), items, spans });
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
    const keys = new Map<string, number>();
    const spans = this.withSpans ? { self: this.span(node), keys: new Map<string, Span>(), items: [] as Span[] } : undefined;
    setPositions(out, { lines: this.lines, self: this.offset(node), keys, spans });
    const merges: RawValue[] = [];
    for (const pair of node.items) {
      const keyNode = pair.key as Node | null;
      const key = isScalar(keyNode) ? scalarKeyText(keyNode) : keyText(keyNode === null ? null : this.build(keyNode));
      const value = this.build(pair.value as Node | null);
      if (key === "<<" && isScalar(keyNode) && keyNode.source === "<<") {
        merges.push(value);
        continue;
      }
      if (spans && !spans.keys.has(key)) spans.keys.set(key.split("::")[0]!, this.span(keyNode));
      setKey(out, key, value, this.offset(keyNode), keys, this.lines);
    }
    applyMerges(out, merges);
    return out;
  }
}

/** A plain scalar read with go-yaml's rules from its text (the core schema reads `50_000` or `017` otherwise). */
function plainScalar(node: { value: unknown; source?: string }): RawValue {
  const text = typeof node.value === "string" ? node.value : (node.source ?? String(node.value));
  return resolvePlainScalar(text);
}

function scalar(v: unknown): RawValue {
  if (v === null || v === undefined) return null;
  if (typeof v === "string" || typeof v === "boolean") return v;
  if (typeof v === "number") return v;
  if (typeof v === "bigint") return Number(v);
  return String(v);
}

/**
 * A mapping key as the collector reads it: go-yaml decodes keys into strings, and a plain scalar decoded into a
 * string keeps its text as written (`0o17`, `1_000` and `1.0` stay so; only a null key becomes empty).
 */
function scalarKeyText(n: Node & { value: unknown; type?: string; source?: string; tag?: string }): string {
  if (n.type === "PLAIN" && n.tag === undefined && n.value !== null && typeof n.source === "string") return n.source;
  return keyText(n.value);
}

function keyText(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (v instanceof Map || Array.isArray(v)) return JSON.stringify(v);
  return String(v);
}
