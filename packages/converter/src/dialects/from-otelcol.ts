/**
 * Alloy `otelcol.*` components → collector configuration, by inverting the converter's component descriptions
 * (engine/description.ts): each attribute row's Alloy value (written, or Alloy's default) is written to its OTel
 * key when it differs from OTel's default; nested and repeated blocks become maps and lists; `output` blocks
 * become pipelines. Rows with converter-specific mappings (`map`, computed `items`, `before` blocks) cannot be
 * inverted and are reported. Component IDs come from labels: `default` is the bare type, `default_NAME` (the
 * otelcol converter's label for a component outside named pipelines) is `type/NAME`, any other label `type/LABEL`.
 */
import { fieldKey, traversalName, type Block, type Expr, type Statement, type Diagnostic } from "@alloy-ts/grammar";
import { parseBase2Bytes, goDuration } from "../alloy/go-text.js";
import { COMPONENTS } from "../components/registry.js";
import { convertDiagnostic } from "../diagnostics.js";
import type { AttrRow, BlockRow, ComponentDescription, ComponentKind, Conversion, OtelPath, RepeatedBlockRow, Row } from "../engine/description.js";
import { decode, deepEqual, zeroOf } from "../engine/values.js";
import { MapSource } from "../engine/engine.js";
import type { RawMap, RawValue } from "@alloy-ts/otel";
import type { CollectorComponent, CollectorConfig, CollectorPipeline } from "./collector-model.js";
import { envRef, joinReferences as joinEnvParts, type Part as StringPart } from "@alloy-ts/otel";
import { decodeNumberLiteral, decodeStringLiteral } from "./literals.js";

/** A component reference inside an Alloy value. */
class Ref {
  constructor(readonly path: string) {}
}
type Value = RawValue | Ref | Value[] | Map<string, Value>;

const SIGNALS = ["metrics", "logs", "traces"] as const;
const pathOf = (p: OtelPath): string[] => (typeof p === "string" ? (p === "" ? [] : p.split(".")) : [...p]);

/** The otelcol.* blocks of a file, inverted into the collector model. */
export interface OtelcolInversion {
  readonly components: CollectorComponent[];
  readonly pipelines: CollectorPipeline[];
  readonly extensions: string[];
}

interface Node {
  readonly block: Block;
  readonly description: ComponentDescription;
  readonly identity: string;
  readonly id: string;
}

/** Inverts `otelcol.*` blocks; others are ignored (the caller handles them). */
export function invertOtelcolBlocks(blocks: readonly Block[], report: (d: Diagnostic) => void, position: (offset: number) => { line: number; column: number }): OtelcolInversion {
  const warn = (message: string, offset: number) => report(convertDiagnostic("warning", message, position(offset)));
  const nodes = new Map<string, Node>();
  for (const b of blocks) {
    const name = b.name;
    if (!name.startsWith("otelcol.")) continue;
    const description = COMPONENTS.find((d) => d.alloyName === name);
    if (!description || b.label === undefined) {
      report(convertDiagnostic("error", `${name} has no description to invert; it was left out`, position(b.start)));
      continue;
    }
    const label = b.label; // an identifier (the parser reports any other label), so nothing to decode
    const type = description.otelTypes[0]!;
    const name2 = label === "default" ? "" : label.startsWith("default_") ? label.slice("default_".length) : label;
    nodes.set(`${name}.${label}`, { block: b, description, identity: `${name}.${label}`, id: name2 === "" ? type : `${type}/${name2}` });
  }
  const extensionId = (r: Ref): string | undefined => {
    const target = r.path.split(".").slice(0, -1).join(".");
    const n = nodes.get(target);
    return n?.description.kind === "extension" ? n.id : undefined;
  };
  const components: CollectorComponent[] = [];
  const extensions: string[] = [];
  for (const n of nodes.values()) {
    if (n.description.before) warn(`${n.identity}: the blocks written before this component cannot be inverted; check its settings`, n.block.start);
    const inverter = new BodyInverter(warn, extensionId, n.identity);
    const config = inverter.body(n.description.rows, n.block.body);
    const slash = n.id.indexOf("/");
    components.push({
      kind: n.description.kind, id: n.id, type: n.id.slice(0, slash === -1 ? undefined : slash), name: slash === -1 ? "" : n.id.slice(slash + 1),
      config: config.size === 0 ? null : config, position: position(n.block.start),
    });
    if (n.description.kind === "extension") extensions.push(n.id);
  }
  return { components, extensions, pipelines: pipelinesFromOutputs([...nodes.values()], warn) };
}

class BodyInverter {
  constructor(
    private readonly warn: (summary: string, offset: number) => void,
    private readonly extensionId: (r: Ref) => string | undefined,
    private readonly where: string,
  ) {}

  body(rows: readonly Row[], stmts: readonly Statement[]): RawMap {
    const out: RawMap = new Map();
    const used = new Set<Statement>();
    for (const row of rows) {
      if ("output" in row) {
        for (const s of stmts) if (s.kind === "Block" && s.name === "output") used.add(s);
      } else if ("attr" in row) this.attr(row, stmts, out, used);
      else if ("block" in row) this.block(row, stmts, out, used);
      else this.repeated(row, stmts, out, used);
    }
    for (const s of stmts) {
      if (!used.has(s)) this.warn(`${this.where}: ${s.name} has no collector counterpart in the description; it was left out`, s.start);
    }
    return out;
  }

  private attr(row: AttrRow, stmts: readonly Statement[], out: RawMap, used: Set<Statement>): void {
    const s = stmts.find((x) => x.kind === "Attribute" && x.name === row.attr);
    if (s) used.add(s);
    if (row.otel === null) return;
    if (row.map) {
      if (s && s.kind === "Attribute") this.mapped(row, evaluate(s.value), out, s.start);
      return;
    }
    let internal: unknown;
    if (s && s.kind === "Attribute") {
      const v = evaluate(s.value);
      if (v instanceof Ref) {
        internal = row.as === "extension" ? this.extensionId(v) : undefined;
        if (internal === undefined) this.warn(`${this.where}: ${row.attr} refers to ${v.path}, which is not an inverted extension`, s.start);
      } else internal = fromAlloy(row.as, v);
    } else internal = row.alloyDefault === undefined ? zeroOf(row.as) : decodeOr(row.as, row.alloyDefault);
    const otelDefault = decodeOr(row.as, row.otelDefault);
    if (internal === undefined || deepEqual(internal, otelDefault) || (row.otelDefault === undefined && isZero(internal))) return;
    setPath(out, pathOf(row.otel ?? row.attr), toYaml(row.as, internal));
  }

  /**
   * A row whose value the converter derives with its own function: candidate OTel values (the Alloy value and its
   * case variants) are run forward through that function, and the one giving back the Alloy value is kept.
   */
  private mapped(row: AttrRow, v: Value, out: RawMap, offset: number): void {
    const wanted = v instanceof Ref ? undefined : fromAlloy(row.as, v);
    const raw = toRawDeep(v) as RawValue;
    const candidates: RawValue[] = typeof raw === "string"
      ? [...new Set([raw, raw.toLowerCase(), raw.charAt(0).toUpperCase() + raw.slice(1).toLowerCase(), raw.toUpperCase()])]
      : [raw];
    const src = new MapSource(out, [], false);
    for (const candidate of candidates) {
      let forward: unknown;
      try {
        forward = row.map!(candidate, src);
      } catch {
        continue;
      }
      if (wanted === undefined || !deepEqual(decodeOr(row.as, forward), wanted)) continue;
      if (!deepEqual(candidate, row.otelDefault)) setPath(out, pathOf(row.otel ?? row.attr), candidate);
      return;
    }
    this.warn(`${this.where}: ${row.attr} is derived by the converter and could not be inverted; it was left out`, offset);
  }

  private block(row: BlockRow, stmts: readonly Statement[], out: RawMap, used: Set<Statement>): void {
    const found = stmts.filter((x): x is Block => x.kind === "Block" && x.name === row.block);
    for (const f of found) used.add(f);
    if (row.otel === null) return;
    const path = pathOf(row.otel ?? row.block);
    if (found.length === 0) {
      // An absent block with a non-nil default still carries Alloy's defaults.
      if (row.parentDefault === undefined || row.parentDefault === "nil" || row.build === "present" || typeof row.build === "function") return;
      const inner = this.body(row.rows, []);
      if (inner.size > 0) mergePath(out, path, inner);
      return;
    }
    const inner = this.body(row.rows, found[0]!.body);
    if (path.length === 0) for (const [k, v] of inner) out.set(k, v);
    else mergePath(out, path, inner);
  }

  private repeated(row: RepeatedBlockRow, stmts: readonly Statement[], out: RawMap, used: Set<Statement>): void {
    const found = stmts.filter((x): x is Block => x.kind === "Block" && x.name === row.blocks);
    for (const f of found) used.add(f);
    if (found.length === 0) return;
    if (row.items) {
      this.warn(`${this.where}: ${row.blocks} blocks are computed by the converter and cannot be inverted; they were left out`, found[0]!.start);
      return;
    }
    setPath(out, pathOf(row.otel ?? row.blocks), found.map((b) => this.body(row.rows, b.body)));
  }
}

function decodeOr(as: Conversion, v: unknown): unknown {
  const d = decode(as, v);
  return d.ok ? d.value : undefined;
}

function isZero(v: unknown): boolean {
  return v === undefined || v === "" || v === 0 || v === false;
}

/** An Alloy value in the engine's internal form for conversion `as` (durations in ns, sizes in bytes). */
function fromAlloy(as: Conversion, v: Value): unknown {
  if ((as === "bytes" || as === "mib") && typeof v === "string") return parseBase2Bytes(v);
  return decodeOr(as, toRawDeep(v));
}

function toRawDeep(v: Value): unknown {
  if (v instanceof Ref) return v.path;
  if (Array.isArray(v)) return v.map(toRawDeep);
  if (v instanceof Map) return new Map([...v].map(([k, x]) => [k, toRawDeep(x)]));
  return v;
}

/** The internal value as collector YAML. */
function toYaml(as: Conversion, v: unknown): RawValue {
  switch (as) {
    case "duration": return goDuration(Number(v));
    case "durations": return (v as number[]).map((x) => goDuration(x));
    case "mib": return Number(v) / 1048576;
    default: return v as RawValue;
  }
}

function setPath(out: RawMap, path: readonly string[], value: RawValue): void {
  let m = out;
  for (const p of path.slice(0, -1)) {
    let next = m.get(p);
    if (!(next instanceof Map)) m.set(p, (next = new Map()));
    m = next;
  }
  m.set(path[path.length - 1]!, value);
}

function mergePath(out: RawMap, path: readonly string[], inner: RawMap): void {
  let m = out;
  for (const p of path) {
    let next = m.get(p);
    if (!(next instanceof Map)) m.set(p, (next = new Map()));
    m = next;
  }
  for (const [k, v] of inner) m.set(k, v);
}

/** Evaluates data expressions: literals, arrays, objects, references, `sys.env`/`coalesce` and `+` of strings. */
function evaluate(e: Expr): Value {
  switch (e.kind) {
    case "Paren": return evaluate(e.inner);
    case "Literal":
      if (e.literal === "null") return null;
      if (e.literal === "bool") return e.raw === "true";
      if (e.literal === "string") return decodeStringLiteral(e.raw);
      return decodeNumberLiteral(e.raw);
    case "Unary": {
      const v = evaluate(e.operand);
      return e.op === "-" && typeof v === "number" ? -v : e.op === "!" && typeof v === "boolean" ? !v : null;
    }
    case "Array": return e.elements.map(evaluate);
    case "Object": return new Map(e.fields.map((f) => [fieldKey(f), evaluate(f.value)]));
    case "Identifier":
    case "Access": {
      const t = traversalName(e);
      return t === undefined ? null : new Ref(t);
    }
    case "Call":
    case "Binary": {
      const parts = stringParts(e);
      return parts === undefined ? null : joinEnvParts(parts);
    }
    default: return null;
  }
}

function stringParts(e: Expr): StringPart[] | undefined {
  if (e.kind === "Paren") return stringParts(e.inner);
  if (e.kind === "Literal" && e.literal === "string") return [{ t: "text", text: decodeStringLiteral(e.raw) }];
  if (e.kind === "Binary" && e.op === "+") {
    const l = stringParts(e.left);
    const r = stringParts(e.right);
    return l && r ? [...l, ...r] : undefined;
  }
  if (e.kind === "Call") {
    const callee = traversalName(e.callee);
    const lit = (x: Expr | undefined) => (x?.kind === "Literal" && x.literal === "string" ? decodeStringLiteral(x.raw) : undefined);
    if (callee === "sys.env" && e.args.length === 1) {
      const name = lit(e.args[0]);
      return name === undefined ? undefined : [envRef(name)];
    }
    if (callee === "coalesce" && e.args.length === 2) {
      const [env] = stringParts(e.args[0]!) ?? [];
      const d = lit(e.args[1]);
      if (env?.t === "ref" && d !== undefined) return [envRef(env.name, d)];
    }
  }
  return undefined;
}

/**
 * Pipelines from `output` blocks: per signal, each chain entry (the first processor, or a receiver's exporter
 * set) with the receivers feeding it, the processors following it one by one, and the exporters at its end.
 */
function pipelinesFromOutputs(nodes: readonly Node[], warn: (summary: string, offset: number) => void): CollectorPipeline[] {
  const byIdentity = new Map(nodes.map((n) => [n.identity, n]));
  const targets = (n: Node, signal: string): Node[] => {
    const output = n.block.body.find((s): s is Block => s.kind === "Block" && s.name === "output");
    const a = output?.body.find((s) => s.kind === "Attribute" && s.name === signal);
    if (!a || a.kind !== "Attribute") return [];
    const v = evaluate(a.value);
    const refs = Array.isArray(v) ? v : [];
    const out: Node[] = [];
    for (const r of refs) {
      const target = r instanceof Ref ? byIdentity.get(r.path.replace(/\.input$/, "")) : undefined;
      if (target) out.push(target);
      else warn(`${n.identity}: output ${signal} target ${r instanceof Ref ? r.path : "?"} is not an inverted component`, a.start);
    }
    return out;
  };
  const pipelines: CollectorPipeline[] = [];
  for (const signal of SIGNALS) {
    const groups = new Map<string, { receivers: Set<string>; processors: string[]; exporters: string[] }>();
    for (const n of nodes) {
      const kind: ComponentKind = n.description.kind;
      if (kind !== "receiver" && kind !== "connector") continue;
      const direct = targets(n, signal);
      if (direct.length === 0) continue;
      const entries = direct.filter((t) => t.description.kind === "processor").map((t) => [t]);
      const sinks = direct.filter((t) => t.description.kind !== "processor");
      if (sinks.length > 0) entries.push(sinks);
      for (const entry of entries) {
        const processors: string[] = [];
        let current = entry;
        while (current.length === 1 && current[0]!.description.kind === "processor") {
          const p = current[0]!;
          if (processors.includes(p.id)) break;
          processors.push(p.id);
          current = targets(p, signal);
        }
        const exporters = current.filter((t) => t.description.kind === "exporter" || t.description.kind === "connector").map((t) => t.id);
        if (current.some((t) => t.description.kind === "processor")) warn(`${n.identity}: a processor fans out to several processors; that is not a collector pipeline`, n.block.start);
        const key = JSON.stringify([processors, exporters]);
        const g = groups.get(key) ?? { receivers: new Set<string>(), processors, exporters };
        g.receivers.add(n.id);
        groups.set(key, g);
      }
    }
    let i = 0;
    for (const g of groups.values()) {
      if (g.exporters.length === 0) continue;
      const id = i === 0 ? signal : `${signal}/${i + 1}`;
      i++;
      pipelines.push({ id, signal, name: id === signal ? "" : String(i), receivers: [...g.receivers], processors: g.processors, exporters: g.exporters });
    }
  }
  return pipelines;
}
