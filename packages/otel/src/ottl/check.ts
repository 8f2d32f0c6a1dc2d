/**
 * Checks OTTL statements and conditions the way upstream's parser does when a component starts: syntax,
 * function names and argument counts, paths valid for the context, enum symbols. Each problem carries the
 * offset range inside the statement's text it is about.
 */
import { CONTEXT_CHAIN, CONTEXT_DOC, CONTEXT_ENUMS, CONTEXT_FIELDS, CONTEXT_WORDS, type ContextName } from "./contexts.js";
import { CONVERTERS, EDITORS, METRIC_EDITORS, ROUTING_EDITORS, type Arity } from "./functions.js";
import { parseCondition, parseStatement, type OttlExpr, type OttlParseError } from "./parser.js";

export interface OttlProblem {
  readonly message: string;
  /** Offsets in the statement's text. */
  readonly pos: number;
  readonly end: number;
}

/** Which editors a statement may call: the transform processor's, the routing connector's `route()`. */
export type EditorSet = "transform" | "routing";

export interface OttlCheckOptions {
  /** The statement's context; when absent it is inferred from the paths, and paths are not checked if none names one. */
  readonly context?: ContextName;
  /** Contexts inference may choose from (the signal's). */
  readonly contexts?: readonly ContextName[];
  readonly editors?: EditorSet;
}

const COMPARISONS: ReadonlySet<string> = new Set(["==", "!=", "<", "<=", ">", ">="]);

const DOC = "https://github.com/open-telemetry/opentelemetry-collector-contrib/blob/main/pkg/ottl/contexts";

function pathError(segment: string, path: string, ctx: ContextName): string {
  return `segment "${segment}" from path "${path}" is not a valid path nor a valid OTTL keyword for the ${ctx} context - review ${DOC}/${CONTEXT_DOC[ctx]}/README.md to see all valid paths`;
}

function arityError(a: Arity, n: number): string | undefined {
  return n < a[0] || n > a[1] ? `incorrect number of arguments. Expected: ${a[1]} Received: ${n}` : undefined;
}

class Checker {
  readonly out: OttlProblem[] = [];
  constructor(
    private readonly src: string,
    private readonly ctx: ContextName | undefined,
  ) {}

  private add(message: string, pos: number, end: number): void {
    this.out.push({ message, pos, end: Math.max(end, pos + 1) });
  }

  editor(name: string, args: readonly OttlExpr[], pos: number, set: EditorSet): void {
    const table = set === "routing" ? ROUTING_EDITORS : EDITORS;
    const metric = set === "transform" && (this.ctx === undefined || this.ctx === "metric" || this.ctx === "datapoint");
    const a = table[name] ?? (metric ? METRIC_EDITORS[name] : undefined);
    if (!a) this.add(`undefined function "${name}"`, pos, pos + name.length);
    else {
      const e = arityError(a, args.length);
      if (e) this.add(e, pos, pos + name.length);
    }
    for (const x of args) this.value(x, true);
  }

  /** A position that must be a boolean: comparisons, `and`/`or`/`not`, `true`/`false`, converter calls. */
  boolean(e: OttlExpr): void {
    switch (e.kind) {
      case "bin":
        if (e.op === "and" || e.op === "or") {
          this.boolean(e.left);
          this.boolean(e.right);
          return;
        }
        if (COMPARISONS.has(e.op)) {
          this.value(e.left, false);
          this.value(e.right, false);
          return;
        }
        break;
      case "not":
        this.boolean(e.operand);
        return;
      case "call":
        this.value(e, false);
        return;
      case "lit":
        if (typeof e.value === "boolean") return;
        break;
    }
    this.add("a condition must be a comparison, true, false, or a converter call", e.pos, e.end);
    this.value(e, false);
  }

  value(e: OttlExpr, argument: boolean): void {
    switch (e.kind) {
      case "lit":
        return;
      case "enum":
        if (argument && Object.hasOwn(CONVERTERS, e.name)) return;
        if (this.ctx && !CONTEXT_ENUMS[this.ctx].has(e.name)) this.add(`enum symbol, ${e.name}, not found`, e.pos, e.end);
        return;
      case "fn":
        if (!Object.hasOwn(CONVERTERS, e.name)) this.add(`undefined function "${e.name}"`, e.pos, e.end);
        return;
      case "path":
        this.path(e);
        for (const k of e.keys) this.value(k, false);
        return;
      case "call": {
        if (!/^[A-Z]/.test(e.name)) this.add(`converter names must start with an uppercase letter but got '${e.name}'`, e.pos, e.pos + e.name.length);
        else {
          const a = CONVERTERS[e.name];
          const err = a ? arityError(a, e.args.length) : `undefined function "${e.name}"`;
          if (err) this.add(err, e.pos, e.pos + e.name.length);
        }
        for (const x of e.args) this.value(x, true);
        for (const k of e.keys) this.value(k, false);
        return;
      }
      case "list":
        for (const x of e.items) this.value(x, false);
        return;
      case "map":
        for (const [, x] of e.entries) this.value(x, false);
        return;
      case "not":
        this.boolean(e.operand);
        return;
      case "neg":
        this.value(e.operand, false);
        return;
      case "bin":
        if (e.op === "and" || e.op === "or" || COMPARISONS.has(e.op)) this.boolean(e);
        else {
          this.value(e.left, false);
          this.value(e.right, false);
        }
    }
  }

  private path(e: Extract<OttlExpr, { kind: "path" }>): void {
    const ctx = this.ctx;
    if (!ctx) return;
    const text = this.src.slice(e.pos, e.end);
    let i = 0;
    let target = ctx;
    const named = CONTEXT_WORDS[e.fields[0]!];
    if (named && e.fields.length > 1 && !Object.hasOwn(CONTEXT_FIELDS[ctx], e.fields[0]!)) {
      if (!CONTEXT_CHAIN[ctx].includes(named)) {
        this.add(pathError(e.fields[0]!, text, ctx), e.fieldPos[0]!, e.fieldPos[0]! + e.fields[0]!.length);
        return;
      }
      target = named;
      i = 1;
    }
    const field = e.fields[i]!;
    if (field === "cache" && e.fields.length === i + 1) return;
    const sub = CONTEXT_FIELDS[target][field];
    const at = (j: number): [number, number] => [e.fieldPos[j]!, e.fieldPos[j]! + e.fields[j]!.length];
    if (!sub) {
      this.add(pathError(field, text, target), ...at(i));
      return;
    }
    const next = e.fields[i + 1];
    if (next === undefined) return;
    if (sub === true || !sub.includes(next) || e.fields.length > i + 2) {
      const j = sub !== true && sub.includes(next) ? i + 2 : i + 1;
      this.add(pathError(e.fields[j]!, text, target), ...at(j));
    }
  }
}

/** The contexts the paths of an expression name by their first segment. */
function namedContexts(e: OttlExpr, out: Set<ContextName>): void {
  switch (e.kind) {
    case "path": {
      const c = CONTEXT_WORDS[e.fields[0]!];
      if (c && e.fields.length > 1) out.add(c);
      for (const k of e.keys) namedContexts(k, out);
      return;
    }
    case "call":
      for (const a of [...e.args, ...e.keys]) namedContexts(a, out);
      return;
    case "list":
      for (const a of e.items) namedContexts(a, out);
      return;
    case "map":
      for (const [, a] of e.entries) namedContexts(a, out);
      return;
    case "not":
    case "neg":
      namedContexts(e.operand, out);
      return;
    case "bin":
      namedContexts(e.left, out);
      namedContexts(e.right, out);
  }
}

/**
 * Upstream's context inference for statements written without a context: the lowest context any path names,
 * among those the signal offers. Undefined when no path names one.
 */
export function inferContext(exprs: readonly OttlExpr[], allowed: readonly ContextName[]): ContextName | undefined {
  const seen = new Set<ContextName>();
  for (const e of exprs) namedContexts(e, seen);
  let best: ContextName | undefined;
  for (const c of seen) {
    if (!allowed.includes(c)) continue;
    if (!best || CONTEXT_CHAIN[c].length > CONTEXT_CHAIN[best].length) best = c;
  }
  return best;
}

const syntax = (kind: "statement" | "condition", e: OttlParseError, src: string): OttlProblem[] => [
  { message: `${kind} has invalid syntax: 1:${e.pos + 1}: ${e.error}`, pos: e.pos, end: Math.min(src.length, e.pos + 1) },
];

/** Checks one statement. */
export function checkStatement(src: string, opts: OttlCheckOptions = {}): OttlProblem[] {
  const st = parseStatement(src);
  if ("error" in st) return syntax("statement", st, src);
  const exprs = [...st.editor.args, ...(st.where ? [st.where] : [])];
  const ctx = opts.context ?? (opts.contexts ? inferContext(exprs, opts.contexts) : undefined);
  const c = new Checker(src, ctx);
  c.editor(st.editor.name, st.editor.args, st.editor.pos, opts.editors ?? "transform");
  if (st.where) c.boolean(st.where);
  return c.out;
}

/** Checks one condition. */
export function checkCondition(src: string, opts: OttlCheckOptions = {}): OttlProblem[] {
  const e = parseCondition(src);
  if ("error" in e && !("kind" in e)) return syntax("condition", e, src);
  const expr = e as OttlExpr;
  const ctx = opts.context ?? (opts.contexts ? inferContext([expr], opts.contexts) : undefined);
  const c = new Checker(src, ctx);
  c.boolean(expr);
  return c.out;
}
