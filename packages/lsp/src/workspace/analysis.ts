/**
 * The analysed form of one document: parse tree, syntax diagnostics and a symbol index of component instances
 * and the references between them. Computed once per document version and shared by every service function.
 */
import { parse, traversalParts } from "@alloy-ts/grammar";
import type { Block, RangedDiagnostic as Diagnostic, Expr, File, NamedSpan, SourceFile, Statement } from "@alloy-ts/grammar";
import { LineIndex, type PositionEncoding } from "../line-index.js";
import { atStatementEnd, recover } from "./recovery.js";

/** A labelled block that other expressions can refer to (`otelcol.exporter.otlp "tempo"`). */
export interface ComponentInstance {
  /** Identity as upstream forms it: name fragments and label joined by `.` (spec alloy-syntax §5). */
  readonly id: string;
  /** Joined block name (`otelcol.exporter.otlp`). */
  readonly name: string;
  readonly label: string;
  readonly block: Block;
  /** The `declare` block whose body holds this instance; undefined at the top level. */
  readonly scope: Block | undefined;
}

/** A dotted traversal `a.b.c` written in an expression, possibly resolved to a component instance. */
export interface Reference {
  /** Identifier fragments in order; the first one is the root identifier. */
  readonly parts: readonly NamedSpan[];
  /** Source range of the whole traversal. */
  readonly start: number;
  readonly end: number;
  /** The instance the traversal names, when one matches. */
  readonly target: ComponentInstance | undefined;
  /** Index in `parts` of the fragment that spells the target's label. */
  readonly labelIndex: number;
  /** Enclosing declare block (scope of resolution). */
  readonly scope: Block | undefined;
}

/**
 * Documents longer than this (in UTF-16 units, about 5 MB of ASCII) get basic service: the parse and what follows
 * from it alone (syntax errors, outline, folding, navigation), and one diagnostic that says so, but no validator
 * checks and no semantic tokens, whose cost and answer size grow past what an editor can use.
 */
export const LARGE_DOCUMENT = 5 * 1024 * 1024;

/** Everything the language service knows about one version of a document. */
export interface Analysis {
  readonly uri: string;
  readonly version: number;
  readonly text: string;
  readonly source: SourceFile;
  /** LSP positions (line ends and encoding as negotiated); every position in or out goes through it. */
  readonly lines: LineIndex;
  readonly file: File;
  readonly syntax: readonly Diagnostic[];
  readonly instances: readonly ComponentInstance[];
  readonly references: readonly Reference[];
  /**
   * Top-level statements that failed to parse and were stubbed so that the rest keeps its tree (recovery.ts);
   * empty when the document parses, or when its errors could not be isolated.
   */
  readonly broken: readonly (readonly [number, number])[];
  /**
   * Ranges whose checks say nothing while recovery is in effect: the broken statements, and the instances of a
   * broken `declare` (its arguments are unknown until it parses again).
   */
  readonly unchecked: readonly (readonly [number, number])[];
  /** Over {@link LARGE_DOCUMENT}: basic service only. */
  readonly large: boolean;
  /** Instances by scope (undefined = top level) and identity. */
  lookup(scope: Block | undefined, id: string): ComponentInstance | undefined;
}

/** Parses and indexes a document. Never throws: a parser failure yields an empty tree and one diagnostic. */
export function analyze(uri: string, version: number, text: string, encoding: PositionEncoding = "utf-16", recovery = true): Analysis {
  const whole = parse(text, { name: uri });
  const recovered = recovery && whole.diagnostics.length && text.length <= LARGE_DOCUMENT ? recover(text, uri) : undefined;
  const parsed = recovered
    ? { file: recovered.file, source: recovered.source, diagnostics: recovered.syntax }
    : { ...whole, diagnostics: whole.diagnostics.map((d) => (d.code === "syntax/parser" ? atStatementEnd(text, d) : d)) };
  const instances: ComponentInstance[] = [];
  const scopes = new Map<Block | undefined, Map<string, ComponentInstance>>();
  const register = (block: Block, scope: Block | undefined): void => {
    if (block.label === undefined) return;
    const name = block.name;
    const inst: ComponentInstance = { id: `${name}.${block.label}`, name, label: block.label, block, scope };
    instances.push(inst);
    let map = scopes.get(scope);
    if (!map) scopes.set(scope, (map = new Map()));
    if (!map.has(inst.id)) map.set(inst.id, inst);
  };
  const collectInstances = (body: readonly Statement[], scope: Block | undefined): void => {
    for (const stmt of body) {
      if (stmt.kind !== "Block") continue;
      register(stmt, scope);
      if (stmt.name === "declare") collectInstances(stmt.body, stmt);
    }
  };
  collectInstances(parsed.file.body, undefined);

  const lookup = (scope: Block | undefined, id: string): ComponentInstance | undefined => scopes.get(scope)?.get(id);
  // No identity has more fragments than the longest one declared, so longer prefixes are never looked up: that
  // keeps resolving a traversal linear in its length (a 100,000-part chain would otherwise join every prefix).
  let maxParts = 0;
  for (const inst of instances) maxParts = Math.max(maxParts, inst.id.split(".").length);
  const references: Reference[] = [];
  const visitBody = (body: readonly Statement[], scope: Block | undefined): void => {
    for (const stmt of body) {
      if (stmt.kind === "Attribute") collectReferences(stmt.value, scope, lookup, maxParts, references);
      else visitBody(stmt.body, stmt.name === "declare" ? stmt : scope);
    }
  };
  visitBody(parsed.file.body, undefined);

  return {
    uri,
    version,
    text,
    source: parsed.source,
    lines: new LineIndex(text, encoding),
    file: parsed.file,
    syntax: parsed.diagnostics,
    instances,
    references,
    broken: recovered?.broken ?? [],
    unchecked: recovered ? [...recovered.broken, ...instancesOf(parsed.file.body, recovered.brokenDeclares)] : [],
    large: text.length > LARGE_DOCUMENT,
    lookup,
  };
}

/** Ranges of the blocks (at any depth) that instantiate a named custom component or a module's component. */
function instancesOf(body: readonly Statement[], declares: readonly string[]): [number, number][] {
  if (!declares.length) return [];
  const names = new Set(declares.filter((d) => !d.endsWith(".")));
  const namespaces = declares.filter((d) => d.endsWith("."));
  const out: [number, number][] = [];
  const stack: Statement[] = [...body];
  while (stack.length) {
    const s = stack.pop()!;
    if (s.kind !== "Block") continue;
    if (names.has(s.name) || namespaces.some((n) => s.name.startsWith(n))) out.push([s.start, s.end]);
    else stack.push(...s.body);
  }
  return out;
}

/** Matches the longest prefix `name.label` of a traversal against the instances in scope. */
function resolve(
  parts: readonly NamedSpan[],
  scope: Block | undefined,
  lookup: Analysis["lookup"],
  maxParts: number,
): { target: ComponentInstance | undefined; labelIndex: number } {
  for (let i = Math.min(parts.length, maxParts) - 1; i >= 1; i--) {
    const id = parts.slice(0, i + 1).map((p) => p.name).join(".");
    const hit = lookup(scope, id);
    if (hit) return { target: hit, labelIndex: i };
  }
  return { target: undefined, labelIndex: -1 };
}

/** Records every maximal traversal inside an expression (a traversal's own sub-chains are not recorded again). */
function collectReferences(expr: Expr, scope: Block | undefined, lookup: Analysis["lookup"], maxParts: number, out: Reference[]): void {
  const stack: Expr[] = [expr];
  while (stack.length) {
    const e = stack.pop()!;
    if (e.kind === "Access" || e.kind === "Identifier") {
      const parts = traversalParts(e);
      if (parts) {
        const { target, labelIndex } = resolve(parts, scope, lookup, maxParts);
        out.push({ parts, start: e.start, end: e.end, target, labelIndex, scope });
        continue;
      }
    }
    switch (e.kind) {
      case "Access":
        stack.push(e.value);
        break;
      case "Array":
        for (let i = e.elements.length - 1; i >= 0; i--) stack.push(e.elements[i]!);
        break;
      case "Object":
        for (let i = e.fields.length - 1; i >= 0; i--) stack.push(e.fields[i]!.value);
        break;
      case "Index":
        stack.push(e.index, e.value);
        break;
      case "Call":
        for (let i = e.args.length - 1; i >= 0; i--) stack.push(e.args[i]!);
        stack.push(e.callee);
        break;
      case "Unary":
        stack.push(e.operand);
        break;
      case "Binary":
        stack.push(e.right, e.left);
        break;
      case "Paren":
        stack.push(e.inner);
        break;
      default:
        break;
    }
  }
}
