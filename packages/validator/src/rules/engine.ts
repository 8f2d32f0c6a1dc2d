/**
 * Component rules: the checks upstream components make in their `Validate()` methods (enumerations, ranges,
 * mutually exclusive or jointly required fields, cross-field comparisons), kept as data in schemas/rules and
 * applied to the literal values of a block. A rule is attached to a component or config block by name, or to
 * a Go struct by its `$defs` key; a struct's rules apply wherever it is used as a block or squashed into a body
 * (`x-alloy-embeds`), as its `Validate()` runs there upstream.
 */
import { type Block, type Expr as AstExpr, formatGoDuration, parseGoDuration, type Range, rangeOf, type Statement } from "@alloy-ts/grammar";
import { Code, makeDiag, type ValidationDiagnostic } from "../diagnostic.js";
import { deref, type ComponentSchema, type SchemaNode } from "../registry.js";
import { literalValue, unaryValue } from "../check/literal.js";
import { evaluate, parseCondition, pathsOf, UNKNOWN, type Expr, type Scope, type Value } from "./expr.js";
import { re2Error, re2ErrorFragment } from "../regex/re2.js";

/** One rule as written in schemas/rules/*.json. */
export interface RuleData {
  readonly id: string;
  /** Component or block name, or a Go struct's `$defs` key. */
  readonly on: string;
  /** Upstream file and function the rule comes from (`path/file.go#Type.Validate`). */
  readonly source: string;
  /** Upstream's error text; `{path}` and `{path|q}` insert values, `{=expr}` an evaluated expression. */
  readonly message: string;
  readonly when?: string;
  readonly path?: string;
  readonly enum?: readonly (string | number)[];
  readonly minimum?: number | string;
  readonly exclusiveMinimum?: number | string;
  readonly maximum?: number | string;
  readonly exclusiveMaximum?: number | string;
  readonly oneOf?: readonly string[];
  readonly anyOf?: readonly string[];
  readonly atMostOne?: readonly string[];
  readonly dependentRequired?: Readonly<Record<string, readonly string[]>>;
  /** A path whose string value must compile with Go's RE2 (`message` may use `{=re2error(path)}`). */
  readonly regex?: string;
  /** Text upstream wraps the pattern in before compiling (`^(?:%s)$` for Prometheus relabel rules). */
  readonly regexWrap?: string;
  /** Attribute or block the diagnostic points at when it is written; else the block the rule belongs to. */
  readonly at?: string;
  readonly severity?: "error" | "warning";
  /** How to break the rule in a valid file (used by the mutation tests). */
  readonly example?: RuleExample;
}

export interface RuleExample {
  /** Attributes to write (path → Alloy expression); missing blocks on the way are added. */
  readonly set?: Readonly<Record<string, string>>;
  /** Attributes or blocks to remove. */
  readonly remove?: readonly string[];
  /** The message expected, when it differs from `message` (templates filled in). */
  readonly message?: string;
}

export interface CompiledRule {
  readonly data: RuleData;
  readonly cond: Expr;
  readonly at?: string;
}

const lit = (v: number | string): string => (typeof v === "number" ? String(v) : v);
const list = (xs: readonly (string | number)[]): string => `[${xs.map((x) => (typeof x === "string" ? `'${x}'` : String(x))).join(", ")}]`;

/** The condition a rule's keywords stand for. */
export function conditionOf(r: RuleData): string {
  if (r.when) return r.when;
  if (r.regex) return `has(${r.regex}) && re2error(${r.regex}) != null`;
  const p = r.path;
  if (p && r.enum) return `has(${p}) && !(${p} in ${list(r.enum)})`;
  if (p && r.minimum !== undefined) return `has(${p}) && ${p} < ${lit(r.minimum)}`;
  if (p && r.exclusiveMinimum !== undefined) return `has(${p}) && ${p} <= ${lit(r.exclusiveMinimum)}`;
  if (p && r.maximum !== undefined) return `has(${p}) && ${p} > ${lit(r.maximum)}`;
  if (p && r.exclusiveMaximum !== undefined) return `has(${p}) && ${p} >= ${lit(r.exclusiveMaximum)}`;
  if (r.oneOf) return `count(${r.oneOf.join(", ")}) != 1`;
  if (r.anyOf) return `count(${r.anyOf.join(", ")}) == 0`;
  if (r.atMostOne) return `count(${r.atMostOne.join(", ")}) > 1`;
  if (r.dependentRequired) {
    return Object.entries(r.dependentRequired)
      .map(([k, vs]) => `(set(${k}) && !(${vs.map((v) => `set(${v})`).join(" && ")}))`)
      .join(" || ");
  }
  throw new Error(`rule ${r.id}: no condition`);
}

export function compileRule(r: RuleData): CompiledRule {
  const cond = parseCondition(conditionOf(r));
  return { data: r, cond, at: r.at ?? r.path ?? r.regex };
}

/** A body being checked: its block, statements and schema. */
interface Body {
  readonly block: Block;
  readonly stmts: readonly Statement[];
  readonly schema: SchemaNode;
}

class BodyScope implements Scope {
  constructor(
    private readonly body: Body,
    private readonly root: ComponentSchema,
  ) {}

  /** The wrapping of patterns of the rule being evaluated (set per rule). */
  wrap: string | undefined;

  re2Error = (p: string): string | undefined => re2Error(this.wrap ? this.wrap.replace("%s", p) : p);

  /** Walks a path: the statement (attribute or block) written there, and its schema. */
  resolve(path: string): { stmt?: Statement; blocks?: Block[]; schema?: SchemaNode } {
    const parts = path.split(".");
    let stmts: readonly Statement[] | undefined = this.body.stmts;
    let schema: SchemaNode | undefined = this.body.schema;
    for (let i = 0; i < parts.length; i++) {
      const name = parts[i]!;
      const p: SchemaNode | undefined = schema?.properties?.[name];
      const last = i === parts.length - 1;
      if (p?.["x-alloy-kind"] === "block") {
        const blocks: Block[] = (stmts ?? []).filter((s): s is Block => s.kind === "Block" && s.name === name);
        const item = deref(p["x-alloy-repeat"] === "single" || !p.items ? p : p.items, this.root);
        if (last) return { blocks, schema: item };
        schema = item;
        stmts = blocks[0]?.body;
        continue;
      }
      const stmt = (stmts ?? []).find((s) => s.kind === "Attribute" && s.name === name);
      if (last) return { stmt, schema: p ? deref(p, this.root) : undefined };
      return {};
    }
    return {};
  }

  value(path: string): Value {
    const r = this.resolve(path);
    if (r.blocks) return r.blocks.length ? true : null;
    if (r.stmt?.kind === "Attribute") return exprValue(r.stmt.value, r.schema);
    const d = r.schema?.default;
    if (d === undefined) return UNKNOWN;
    return jsonValue(d, r.schema);
  }

  /** For messages: an absent value without a default is Go's zero value, as upstream prints it. */
  valueOrZero(path: string): Value {
    const v = this.value(path);
    if (v !== UNKNOWN || this.isWritten(path)) return v;
    const s = this.resolve(path).schema;
    switch (s?.type) {
      case "string":
        return s.format === "duration" ? 0 : "";
      case "integer":
      case "number":
        return 0;
      case "boolean":
        return false;
      default:
        return v;
    }
  }

  isWritten(path: string): boolean {
    const r = this.resolve(path);
    return r.blocks ? r.blocks.length > 0 : r.stmt !== undefined;
  }

  isSet(path: string): boolean | typeof UNKNOWN {
    const r = this.resolve(path);
    if (r.blocks) return r.blocks.length > 0;
    if (r.stmt?.kind !== "Attribute") return false;
    const v = exprValue(r.stmt.value, r.schema);
    if (v === UNKNOWN) return true;
    return !(v === null || v === "" || v === 0 || v === false || (Array.isArray(v) && v.length === 0));
  }

  length(path: string): number | typeof UNKNOWN {
    const r = this.resolve(path);
    if (r.blocks) return r.blocks.length;
    const v = this.value(path);
    if (v === UNKNOWN) return UNKNOWN;
    if (typeof v === "string" || Array.isArray(v)) return v.length;
    return v === null ? 0 : UNKNOWN;
  }

  /** The range a diagnostic about `path` covers, when that path is written. */
  rangeOf(path: string): Range | undefined {
    const r = this.resolve(path);
    if (r.blocks?.[0]) return { start: r.blocks[0].start, end: r.blocks[0].lCurly + 1 };
    return r.stmt ? rangeOf(r.stmt) : undefined;
  }

  /** Inside a string literal, the offending part of a pattern RE2 rejects. */
  regexRange(path: string): Range | undefined {
    const r = this.resolve(path);
    if (r.stmt?.kind !== "Attribute" || r.stmt.value.kind !== "Literal") return undefined;
    const lit = r.stmt.value;
    const v = this.value(path);
    if (typeof v !== "string") return undefined;
    const frag = re2ErrorFragment(this.re2Error(v) ?? "");
    if (!frag) return undefined;
    const raw = lit.raw;
    // The fragment as written: raw strings hold it verbatim, quoted ones with backslashes and quotes escaped.
    const written = raw.startsWith("`") ? frag : JSON.stringify(frag).slice(1, -1);
    const i = raw.indexOf(written, 1);
    if (i < 0) return undefined;
    return { start: lit.start + i, end: lit.start + i + written.length };
  }

  isDuration(path: string): boolean {
    return this.resolve(path).schema?.format === "duration";
  }
}

const isDurationSchema = (s: SchemaNode | undefined): boolean => s?.format === "duration";

function jsonValue(d: unknown, schema: SchemaNode | undefined): Value {
  if (typeof d === "string") {
    if (isDurationSchema(schema)) return parseGoDuration(d) ?? UNKNOWN;
    return d;
  }
  if (typeof d === "number" || typeof d === "boolean" || d === null) return d;
  if (Array.isArray(d)) return d.map((x) => jsonValue(x, schema?.items));
  return UNKNOWN;
}

/** The value of an expression written in the file, when it is a literal (or a list of literals). */
function exprValue(e: AstExpr, schema: SchemaNode | undefined): Value {
  switch (e.kind) {
    case "Literal": {
      const v = literalValue(e);
      if (v === undefined) return UNKNOWN;
      if (v.t === "null") return null;
      if (v.t === "string") return isDurationSchema(schema) ? (parseGoDuration(v.v) ?? UNKNOWN) : v.v;
      return v.v;
    }
    case "Unary": {
      if (e.operand.kind !== "Literal") return UNKNOWN;
      const operand = literalValue(e.operand);
      const v = operand && unaryValue(e, operand);
      return v && v.t !== "null" && v.t !== "string" ? v.v : UNKNOWN;
    }
    case "Array":
      return e.elements.map((x) => exprValue(x, schema?.items));
    default:
      return UNKNOWN;
  }
}

function formatValue(v: Value, duration: boolean, quote: boolean): string {
  if (v === UNKNOWN) return "?";
  if (typeof v === "number" && duration) return quote ? JSON.stringify(formatGoDuration(v)) : formatGoDuration(v);
  if (Array.isArray(v)) return `[${v.map((x) => formatValue(x, duration, false)).join(" ")}]`;
  const s = v === null ? "<nil>" : String(v);
  return quote ? JSON.stringify(s) : s;
}

/** Fills `{path}`, `{path|q}` and `{=expr}` / `{=expr|q}` in a rule message. */
function render(msg: string, sc: BodyScope): string {
  return msg.replace(/\{(=?)([^{}|]+)(?:\|(q))?\}/g, (_m, isExpr: string, body: string, q?: string) => {
    if (isExpr) return formatValue(evaluate(parseCondition(body), sc), false, q === "q");
    return formatValue(sc.valueOrZero(body), sc.isDuration(body), q === "q");
  });
}

export interface RuleIndex {
  rulesFor(target: string): readonly CompiledRule[];
  /** Every rule source (upstream function) in the index. */
  readonly sources: ReadonlySet<string>;
}

/** Applies the rules of a component (or config block) to its body and nested blocks. */
export function checkRules(block: Block, name: string, schema: ComponentSchema, file: string, index: RuleIndex, stmts: readonly Statement[] = block.body): ValidationDiagnostic[] {
  const out: ValidationDiagnostic[] = [];
  walk({ block, stmts, schema }, [name], schema, file, index, out, 0);
  return out;
}

function walk(body: Body, targets: string[], root: ComponentSchema, file: string, index: RuleIndex, out: ValidationDiagnostic[], depth: number): void {
  if (depth > 32) return;
  for (const e of body.schema["x-alloy-embeds"] ?? []) targets.push(e);
  const sc = new BodyScope(body, root);
  const fired = new Set<string>();
  for (const t of targets) {
    for (const r of index.rulesFor(t)) {
      // Upstream's Validate returns its first error: one diagnostic per function and body.
      if (fired.has(r.data.source)) continue;
      sc.wrap = r.data.regexWrap;
      if (evaluate(r.cond, sc) !== true) continue;
      fired.add(r.data.source);
      // A value that does not decode (UnmarshalText) fails the block before any Validate() runs.
      if (r.data.source.endsWith(".UnmarshalText")) for (const x of index.sources) fired.add(x);
      const at = r.at ?? pathsOf(r.cond).find((p) => sc.isWritten(p));
      const range = (r.data.regex && sc.regexRange(r.data.regex)) || (at && sc.rangeOf(at)) || { start: body.block.start, end: body.block.lCurly + 1 };
      out.push(makeDiag(file, range, render(r.data.message, sc), Code.componentRule, r.data.severity ?? "error"));
    }
  }
  const props = body.schema.properties ?? {};
  for (const s of body.stmts) {
    if (s.kind !== "Block") continue;
    const p = props[s.name];
    if (!p || p["x-alloy-kind"] !== "block" || p["x-alloy-template"]) continue;
    const item = p["x-alloy-repeat"] === "single" || !p.items ? p : p.items;
    const key = item.$ref?.slice("#/$defs/".length);
    const schema = deref(item, root);
    if (schema["x-alloy-map-block"] || !schema.properties) continue;
    walk({ block: s, stmts: s.body, schema }, key ? [key] : [], root, file, index, out, depth + 1);
  }
}
