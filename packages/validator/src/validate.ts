/**
 * `validate`: the semantic checks of `alloy validate` (syntax spec section 8), modelled on upstream
 * internal/validator. Blocks are classified into declares, config blocks, components and services; each scope
 * (root, declare body, foreach template) gets a graph whose nodes are checked in insertion order, then
 * references are resolved, then cycles are reported.
 */
import { type Block, nameSpanOf, parse, type ParseResult, type Range, rangeOf, SourceFile, type Statement, unquote } from "@alloy-ts/grammar";
import { Code, makeDiag, type ValidationDiagnostic } from "./diagnostic.js";
import { checkWiring, type ResolveRef } from "./check/wiring.js";
import { checkReferenceTypes } from "./check/reference-types.js";
import { Graph } from "./check/graph.js";
import { didYouMean } from "./check/suggest.js";
import { traversalsFromBody, traversalString, type Traversal } from "./check/traversal.js";
import { typecheckBlock } from "./check/typecheck.js";
import { getRegistry, type ComponentSchema, type Registry, type SchemaNode, type Stability } from "./registry.js";
import { isStdlibDeprecated, isStdlibExperimental, STDLIB_TOP_LEVEL, stdlibFunction } from "./stdlib.js";
import { checkStdlibCalls } from "./check/calls.js";
import { bridgeTargetNotes, checkBridge, isBridgeComponent } from "./bridge.js";
import { checkRules } from "./rules/engine.js";
import { checkOttl } from "./check/ottl.js";

export interface ValidateOptions {
  /** Minimum stability level (`--stability.level`); default `generally-available`. */
  readonly stabilityLevel?: Stability;
  /** Allow community components (`--feature.community-components.enabled`). */
  readonly communityComponents?: boolean;
  /** Registry to use (defaults to the generated schemas of this repository). */
  readonly registry?: Registry;
  /**
   * When set, only these OpenTelemetry component names (`otelcol.*`) are available, as in a custom collector
   * distribution; other otelcol components are reported as missing from the distribution.
   */
  readonly allowedOtelcolComponents?: ReadonlySet<string>;
  /** Extra checks beyond upstream (stdlib arity, capsule wiring). Default true. */
  readonly extraChecks?: boolean;
  /**
   * `upstream`: an error on every block below the stability level or a community component, as Alloy prints
   * them. By default each file gets one error naming the flags Alloy needs (the blocks are listed in it, and,
   * as upstream, not checked further until the flags are given).
   */
  readonly compat?: "upstream";
  /**
   * Add Info diagnostics about where the files can run (a file with `otel.*` bridge or hybrid blocks loads
   * in `alloy run` or an `alloy build` distribution, not in stock Alloy). Off by default: library callers
   * asking "is this valid" get errors and warnings only; the CLI and the language server turn it on.
   */
  readonly targetNotes?: boolean;
  /**
   * Reads the module an `import.file` block names, so the declares it defines are known: `filename` as
   * written, and the file holding the import. Returns the module's files (several for a directory), undefined
   * when there is no such file (the namespace then accepts any component, as without a reader), or why a file that
   * is there cannot be read (reported at `filename`).
   * `import.string` modules are read from their `content` literal without a reader.
   */
  readonly readImport?: (filename: string, fromFile: string) => readonly { readonly name: string; readonly text: string }[] | { readonly error: string } | undefined;
}

export type ValidateInput = readonly ParseResult[] | readonly { readonly name: string; readonly text: string }[];

export interface ValidationResult {
  readonly diagnostics: ValidationDiagnostic[];
  /** Source files by name (for rendering positions and context lines). */
  readonly sources: Map<string, SourceFile>;
}

const STABILITY_ORDER: Record<Stability, number> = { undefined: 0, experimental: 1, "public-preview": 2, "generally-available": 3 };
const CONFIG_BLOCKS = new Set(["foreach", "argument", "export", "logging", "tracing", "import.file", "import.string", "import.http", "import.git"]);
const SERVICES = new Set(["cluster", "http", "labelstore", "livedebugging", "otel", "remotecfg", "ui"]);

/** Validates configuration files; returns diagnostics (empty = valid). Never throws on bad input. */
export function validate(files: ValidateInput, options: ValidateOptions = {}): ValidationDiagnostic[] {
  return validateDetailed(files, options).diagnostics;
}

/** Like `validate`, also returning the parsed sources. */
export function validateDetailed(files: ValidateInput, options: ValidateOptions = {}): ValidationResult {
  const results: ParseResult[] = files.map((f) => ("file" in f && "source" in f ? f : parse((f as { text: string }).text, { name: (f as { name: string }).name })));
  results.sort((a, b) => (a.source.name < b.source.name ? -1 : a.source.name > b.source.name ? 1 : 0));
  const sources = new Map(results.map((r) => [r.source.name, r.source]));
  try {
    return { diagnostics: run(results, options), sources };
  } catch (err) {
    // Defensive: a bug must not crash callers; report it as a diagnostic on the first file.
    const name = results[0]?.source.name ?? "";
    return { diagnostics: [makeDiag(name, { start: 0, end: 0 }, `internal validator error: ${(err as Error).message}`, Code.internal)], sources };
  }
}

interface Node {
  readonly id: string;
  readonly kind: "node" | "component" | "module" | "foreach";
  readonly block: Block;
  readonly file: string;
  readonly diags: ValidationDiagnostic[];
  /** Body used for type checks and references (declare bodies are emptied, foreach drops `template`). */
  body: Statement[];
  /** Schema to type check against (config blocks, services). */
  schema?: { node: SchemaNode; root: ComponentSchema };
  state?: State;
}

interface CustomComponent {
  readonly schema?: ComponentSchema;
  /** For an import whose module was read: its declares (`<namespace>.<declare>`), by name. */
  readonly module?: ReadonlyMap<string, ComponentSchema>;
}

interface State {
  readonly root: boolean;
  readonly foreach: boolean;
  readonly graph: Graph<Node>;
  readonly declares: Block[];
  readonly configs: Block[];
  readonly components: Block[];
  readonly services: Block[];
  readonly customs: Map<string, CustomComponent>;
  readonly parentCustoms?: State["customs"][];
  readonly arguments: Block[];
}

interface Run {
  readonly opts: ValidateOptions;
  readonly registry: Registry;
  readonly minStability: Stability;
  /** Scope variables, shared by every scope as upstream does (spec 8.5). */
  readonly vars: Set<string>;
  /** File of each block (blocks from several files are merged into one root scope). */
  readonly fileOf: Map<Block, string>;
  readonly sourceFiles: Map<string, SourceFile>;
  /** Blocks that need a run flag (stability level or community components), gathered for one summary per file. */
  readonly flagged: FlagUse[];
}

interface FlagUse {
  readonly file: string;
  readonly range: Range;
  readonly what: string;
  /** The stability level the block needs, or "community". */
  readonly needs: Stability | "community";
}

function run(results: ParseResult[], opts: ValidateOptions): ValidationDiagnostic[] {
  const parseDiags: ValidationDiagnostic[] = [];
  for (const r of results) for (const d of r.diagnostics) parseDiags.push({ ...d, file: r.source.name });
  if (parseDiags.length) return parseDiags;

  const rt: Run = {
    opts,
    registry: opts.registry ?? getRegistry(),
    minStability: opts.stabilityLevel ?? "generally-available",
    vars: new Set(["module_path"]),
    fileOf: new Map(),
    sourceFiles: new Map(results.map((r) => [r.source.name, r.source])),
    flagged: [],
  };

  const declares: Block[] = [];
  const configs: Block[] = [];
  const components: Block[] = [];
  const services: Block[] = [];
  for (const r of results) {
    for (const s of r.file.body) {
      if (s.kind === "Attribute") {
        return [makeDiag(r.source.name, rangeOf(nameSpanOf(s)), `unrecognized attribute ${s.name}`, Code.topLevelAttribute)];
      }
      rt.fileOf.set(s, r.source.name);
      const name = s.name;
      if (name === "declare") declares.push(s);
      else if (CONFIG_BLOCKS.has(name)) configs.push(s);
      else if (SERVICES.has(blockId(s))) services.push(s);
      else components.push(s);
    }
  }
  const root: State = { root: true, foreach: false, graph: new Graph(), declares, configs, components, services, customs: new Map(), arguments: [] };
  build(rt, root);
  const out: ValidationDiagnostic[] = [];
  check(rt, root, out);
  out.push(...flagSummaries(rt.flagged));
  out.push(...checkBridge(results));
  if (opts.targetNotes) out.push(...bridgeTargetNotes(results));
  return out;
}

/**
 * One error per file naming every run flag its blocks need, instead of one per block: the fix is one
 * command line, not one edit per block. The blocks are listed in the hint.
 */
function flagSummaries(uses: readonly FlagUse[]): ValidationDiagnostic[] {
  const byFile = new Map<string, FlagUse[]>();
  for (const u of uses) byFile.set(u.file, [...(byFile.get(u.file) ?? []), u]);
  const out: ValidationDiagnostic[] = [];
  for (const [file, us] of byFile) {
    const levels = us.map((u) => u.needs).filter((n): n is Stability => n !== "community");
    const lowest = levels.sort((a, b) => STABILITY_ORDER[a] - STABILITY_ORDER[b])[0];
    const flags = [...(lowest ? [`--stability.level=${lowest}`] : []), ...(us.some((u) => u.needs === "community") ? ["--feature.community-components.enabled"] : [])];
    const groups = new Map<string, string[]>();
    for (const u of us) groups.set(u.needs, [...new Set([...(groups.get(u.needs) ?? []), u.what])]);
    const uses = [...groups].map(([needs, names]) => `${names.length} ${needs === "community" ? "community" : needs} ${names.length === 1 ? "block" : "blocks"} (${names.join(", ")})`);
    out.push(makeDiag(file, us[0]!.range, `Alloy loads this file only when run with ${flags.join(" ")}: it uses ${uses.join(" and ")}`, Code.runFlags, "error", "validate with the same flags to check these blocks as Alloy will run them"));
  }
  return out;
}

const NO_RULES = { rulesFor: () => [], sources: new Set<string>() };

/** The registry's component rules (a registry given by a caller may have none). */
function ruleIndex(rt: Run): Parameters<typeof checkRules>[4] {
  return typeof rt.registry.rules === "function" ? rt.registry.rules() : NO_RULES;
}

/** Block identity: name fragments and label joined by `.` (spec 5). */
function blockId(b: Block): string {
  const n = b.name;
  return b.label ? `${n}.${b.label}` : n;
}

function nameRange(b: Block, len = b.name.length): Range {
  return { start: b.start, end: b.start + Math.max(1, len) };
}

function fileOf(rt: Run, b: Block): string {
  return rt.fileOf.get(b) ?? "";
}

function newNode(rt: Run, b: Block, kind: Node["kind"]): Node {
  return { id: blockId(b), kind, block: b, file: fileOf(rt, b), diags: [], body: b.body };
}

function formatPos(rt: Run, b: Block): string {
  const src = rt.sourceFiles.get(fileOf(rt, b));
  return src ? src.formatPosition(b.start) : fileOf(rt, b);
}

/** Registers a block in `mem`; returns the "already declared" diagnostic for a duplicate. */
function alreadyDefined(rt: Run, mem: Map<string, Block>, b: Block): ValidationDiagnostic | undefined {
  const id = blockId(b);
  const orig = mem.get(id);
  if (orig) {
    return makeDiag(fileOf(rt, b), nameRange(b, id.length), `block ${id} already declared at ${formatPos(rt, orig)}`, Code.duplicateBlock);
  }
  mem.set(id, b);
  return undefined;
}

function disallowed(rt: Run, s: State, b: Block): ValidationDiagnostic | undefined {
  const id = blockId(b);
  if (!s.root) return makeDiag(fileOf(rt, b), nameRange(b, id.length), `${id} not allowed in module`, Code.notAllowedHere);
  if (s.foreach) return makeDiag(fileOf(rt, b), nameRange(b, id.length), `${id} not allowed in foreach`, Code.notAllowedHere);
  return undefined;
}

function missingLabel(rt: Run, b: Block): ValidationDiagnostic | undefined {
  if (b.label) return undefined;
  return makeDiag(fileOf(rt, b), nameRange(b), `${b.name} block must have a label`, Code.missingLabel);
}

function blockSchema(rt: Run, name: string): Node["schema"] {
  const s = rt.registry.getBlock(name);
  return s ? { node: s, root: s } : undefined;
}

/** Builds the graph of one scope: the `validate` phase of upstream (declares, configs, components, services). */
function build(rt: Run, s: State): void {
  buildDeclares(rt, s);
  buildConfigs(rt, s);
  buildComponents(rt, s);
  buildServices(rt, s);
}

function extractBlocks(rt: Run, node: Node, body: Statement[]): Pick<State, "configs" | "declares" | "services" | "components"> {
  const configs: Block[] = [];
  const declares: Block[] = [];
  const services: Block[] = [];
  const components: Block[] = [];
  for (const stmt of body) {
    if (stmt.kind !== "Block") {
      node.diags.push(makeDiag(node.file, rangeOf(stmt), "unsupported statement type *ast.AttributeStmt", Code.unsupportedStatement));
      continue;
    }
    rt.fileOf.set(stmt, node.file);
    const name = stmt.name;
    if (CONFIG_BLOCKS.has(name)) configs.push(stmt);
    else if (name === "declare") declares.push(stmt);
    else if (SERVICES.has(blockId(stmt))) services.push(stmt);
    else components.push(stmt);
  }
  return { configs, declares, services, components };
}

function buildDeclares(rt: Run, s: State): void {
  const mem = new Map<string, Block>();
  s.declares.forEach((d, i) => {
    const node = newNode(rt, d, "module");
    if (!d.label) node.diags.push(makeDiag(node.file, nameRange(d), "declare block must have a label", Code.missingLabel));
    const dup = alreadyDefined(rt, mem, d);
    if (dup) {
      node.diags.push(dup);
      (node as { id: string }).id = `${node.id}-${i}`;
    }
    const parts = extractBlocks(rt, node, d.body);
    node.body = [];
    const moduleState: State = {
      root: false,
      foreach: false,
      graph: new Graph(),
      ...parts,
      customs: new Map(),
      parentCustoms: [s.customs, ...(s.parentCustoms ?? [])],
      arguments: [],
    };
    build(rt, moduleState);
    node.state = moduleState;
    s.graph.add(node);
    if (d.label) {
      rt.vars.add("argument");
      s.customs.set(d.label, { schema: argumentsSchema(d.label, moduleState.arguments) });
    }
  });
}

/** The string value of a literal attribute of a block. */
function literalString(b: Block, name: string): string | undefined {
  const a = b.body.find((x) => x.kind === "Attribute" && x.name === name);
  if (a?.kind !== "Attribute" || a.value.kind !== "Literal" || a.value.literal !== "string") return undefined;
  return unquote(a.value.raw);
}

/**
 * The declares of an imported module (import.file through the caller's reader, import.string from its
 * literal content), each as a component schema of its arguments. Undefined when the module is not known.
 */
function importedModule(rt: Run, c: Block, file: string, diags: ValidationDiagnostic[]): Map<string, ComponentSchema> | undefined {
  let files: readonly { name: string; text: string }[] | undefined;
  if (c.name === "import.string") {
    const content = literalString(c, "content");
    files = content === undefined ? undefined : [{ name: `${file}#${c.label}`, text: content }];
  } else if (c.name === "import.file") {
    const filename = literalString(c, "filename");
    const read = filename === undefined ? undefined : rt.opts.readImport?.(filename, file);
    if (read !== undefined && "error" in read) {
      const at = c.body.find((x) => x.kind === "Attribute" && x.name === "filename");
      diags.push(makeDiag(file, rangeOf(at?.kind === "Attribute" ? at.value : c), `import.file "${c.label}": ${read.error}`, Code.importUnreadable));
      return undefined;
    }
    files = read;
  }
  if (!files) return undefined;
  const out = new Map<string, ComponentSchema>();
  for (const f of files) {
    const r = parse(f.text, { name: f.name });
    // A module that does not parse is reported when Alloy loads it; here its namespace stays open.
    if (r.diagnostics.some((d) => d.severity === "error")) return undefined;
    for (const d of r.file.body) {
      if (d.kind !== "Block" || d.name !== "declare" || !d.label) continue;
      const args = d.body.filter((x): x is Block => x.kind === "Block" && x.name === "argument" && !!x.label);
      out.set(d.label, argumentsSchema(`${c.label}.${d.label}`, args));
    }
  }
  return out;
}

/** A declare's arguments as a schema: every argument is `any`, required unless `optional = true`. */
function argumentsSchema(label: string, args: Block[]): ComponentSchema {
  const properties: Record<string, SchemaNode> = {};
  const required: string[] = [];
  for (const a of args) {
    properties[a.label!] = { "x-alloy-kind": "attr", "x-alloy-type": "any" };
    const opt = a.body.find((x) => x.kind === "Attribute" && x.name === "optional");
    const isOptional = opt?.kind === "Attribute" && opt.value.kind === "Literal" && opt.value.raw === "true";
    if (!isOptional) required.push(a.label!);
  }
  return {
    $id: `custom:${label}`,
    title: label,
    description: `Custom component ${label}.`,
    "x-alloy": { kind: "component", name: label, stability: "generally-available", label: "required" },
    type: "object",
    properties,
    required,
    additionalProperties: false,
    "x-alloy-exports": {},
  };
}

function buildConfigs(rt: Run, s: State): void {
  const mem = new Map<string, Block>();
  s.configs.forEach((c, i) => {
    const node = newNode(rt, c, "node");
    let register = false;
    const dup = alreadyDefined(rt, mem, c);
    if (dup) {
      node.diags.push(dup);
      (node as { id: string }).id = `${node.id}-${i}`;
    } else register = true;
    const name = c.name;
    switch (name) {
      case "logging":
      case "tracing": {
        node.schema = blockSchema(rt, name);
        const d = disallowed(rt, s, c);
        if (d) node.diags.push(d);
        s.graph.add(node);
        return;
      }
      case "foreach":
        buildForeach(rt, s, node);
        return;
      case "argument":
      case "export": {
        node.schema = blockSchema(rt, name);
        if (s.root) node.diags.push(makeDiag(node.file, rangeOf(c), `${name} blocks only allowed inside a module`, Code.notAllowedHere));
        const ml = missingLabel(rt, c);
        if (ml) node.diags.push(ml);
        else if (register && name === "argument") s.arguments.push(c);
        s.graph.add(node);
        return;
      }
      default: {
        const ml = missingLabel(rt, c);
        if (ml) {
          register = false;
          node.diags.push(ml);
        }
        node.schema = blockSchema(rt, name);
        s.graph.add(node);
        if (register) s.customs.set(c.label!, { module: importedModule(rt, c, node.file, node.diags) });
      }
    }
  });
}

function stabilityError(feature: string, stability: Stability, min: Stability): string | undefined {
  if (stability === "undefined" || min === "undefined") {
    return `stability levels must be defined: got "${stability}" as stability of ${feature} and "${min}" as the minimum stability level`;
  }
  if (STABILITY_ORDER[stability] < STABILITY_ORDER[min]) {
    return `${feature} is at stability level "${stability}", which is below the minimum allowed stability level "${min}". Use --stability.level command-line flag to enable "${stability}" features`;
  }
  return undefined;
}

function buildForeach(rt: Run, s: State, node: Node): void {
  const b = node.block;
  const name = b.name;
  const st = stabilityError(`foreach block "${name}"`, "experimental", rt.minStability);
  if (st && rt.opts.compat !== "upstream") rt.flagged.push({ file: node.file, range: nameRange(b), what: "foreach", needs: "experimental" });
  else if (st) node.diags.push(makeDiag(node.file, nameRange(b), st, Code.stability));
  const ml = missingLabel(rt, b);
  if (ml) node.diags.push(ml);
  let template: Block | undefined;
  const body: Statement[] = [];
  for (const stmt of b.body) {
    if (stmt.kind === "Block" && stmt.name === "template") template = stmt;
    else body.push(stmt);
  }
  node.body = body;
  node.schema = blockSchema(rt, "foreach");
  (node as { kind: Node["kind"] }).kind = "foreach";
  if (!template) {
    node.diags.push(makeDiag(node.file, rangeOf(b), `missing required block "template"`, Code.missingBlock));
    s.graph.add(node);
    return;
  }
  const parts = extractBlocks(rt, node, template.body);
  const fs: State = {
    root: s.root,
    foreach: true,
    graph: new Graph(s.graph),
    ...parts,
    customs: new Map(),
    parentCustoms: [s.customs, ...(s.parentCustoms ?? [])],
    arguments: [],
  };
  const v = body.find((x) => x.kind === "Attribute" && x.name === "var");
  const varName = v?.kind === "Attribute" && v.value.kind === "Literal" && v.value.literal === "string" ? unquote(v.value.raw) : undefined;
  if (varName !== undefined) rt.vars.add(varName);
  build(rt, fs);
  node.state = fs;
  s.graph.add(node);
}

function buildComponents(rt: Run, s: State): void {
  const mem = new Map<string, Block>();
  s.components.forEach((c, i) => {
    const node = newNode(rt, c, "component");
    const name = c.name;
    if (!c.label) node.diags.push(makeDiag(node.file, nameRange(c), `component "${name}" must have a label`, Code.missingLabel));
    const dup = alreadyDefined(rt, mem, c);
    if (dup) {
      node.diags.push(dup);
      (node as { id: string }).id = `${node.id}-${i}`;
    }
    s.graph.add(node);
  });
}

function buildServices(rt: Run, s: State): void {
  const mem = new Map<string, Block>();
  s.services.forEach((c, i) => {
    const node = newNode(rt, c, "node");
    const dup = alreadyDefined(rt, mem, c);
    if (dup) {
      node.diags.push(dup);
      (node as { id: string }).id = `${node.id}-${i}`;
    }
    const d = disallowed(rt, s, c);
    if (d) node.diags.push(d);
    const schema = rt.registry.getBlock(blockId(c));
    if (!schema || schema["x-alloy"].configurable === false) {
      node.diags.push(makeDiag(node.file, rangeOf(c), `service "${blockId(c)}" does not support being configured`, Code.serviceNotConfigurable));
    } else node.schema = { node: schema, root: schema };
    s.graph.add(node);
  });
}

/** Looks a component up: custom components by first fragment, then the registry (spec 8.3). */
function lookupComponent(rt: Run, s: State, name: string): { schema?: ComponentSchema; error?: string; code?: string; hint?: string; needs?: FlagUse["needs"] } {
  const first = name.split(".", 1)[0]!;
  for (const m of [s.customs, ...(s.parentCustoms ?? [])]) {
    const c = m.get(first);
    if (c?.module) {
      const schema = c.module.get(name.slice(first.length + 1));
      if (schema) return { schema };
      return { error: `cannot find the definition of component name "${name}"`, code: Code.unknownComponent, hint: didYouMean(name, [...c.module.keys()].map((k) => `${first}.${k}`)) };
    }
    if (c) return { schema: c.schema };
  }
  const summary = rt.registry.hasComponent(name) ? rt.registry.getComponent(name) : undefined;
  if (!summary && isBridgeComponent(name)) return {};
  if (!summary) {
    const names = rt.registry.listComponents().map((c) => c.name);
    return { error: `cannot find the definition of component name "${name}"`, code: Code.unknownComponent, hint: didYouMean(name, names) };
  }
  const meta = summary["x-alloy"];
  if (rt.opts.allowedOtelcolComponents && name.startsWith("otelcol.") && !rt.opts.allowedOtelcolComponents.has(name)) {
    return { error: `component "${name}" is not included in the collector distribution`, code: Code.distribution };
  }
  if (meta.community) {
    if (!rt.opts.communityComponents) {
      if (rt.opts.compat !== "upstream") return { schema: summary, needs: "community" };
      return {
        error: `the component "${name}" is a community component. Use the --feature.community-components.enabled command-line flag to enable community components`,
        code: Code.community,
      };
    }
    return { schema: summary };
  }
  const st = stabilityError(`component "${name}"`, meta.stability, rt.minStability);
  if (st && rt.opts.compat !== "upstream" && meta.stability !== "undefined") return { schema: summary, needs: meta.stability };
  if (st) return { error: st, code: Code.stability };
  return { schema: summary };
}

/** The `validateGraph` phase: per node checks in insertion order, references, then cycles. */
function check(rt: Run, s: State, out: ValidationDiagnostic[]): void {
  for (const n of s.graph.nodes) {
    if (n.kind === "component") {
      const name = n.block.name;
      const found = lookupComponent(rt, s, name);
      if (found.error) {
        out.push(...n.diags, makeDiag(n.file, nameRange(n.block), found.error, found.code!, "error", found.hint));
        continue;
      }
      out.push(...n.diags);
      // Like upstream, a block Alloy refuses to load is not checked further: the summary names the flags, and
      // validating with them checks the block.
      if (found.needs) rt.flagged.push({ file: n.file, range: nameRange(n.block), what: name, needs: found.needs });
      else if (found.schema) {
        const typeErrors = typecheckBlock(n.block, found.schema, found.schema, n.file);
        out.push(...typeErrors);
        // Upstream runs Validate() only on a body that decoded; so do the component rules.
        if (!typeErrors.length && !found.schema.$id.startsWith("custom:")) {
          out.push(...checkRules(n.block, name, found.schema, n.file, ruleIndex(rt)));
          // Upstream parses a component's OTTL when it builds the component, after its arguments decoded.
          out.push(...checkOttl(n.block, name, n.file));
        }
        n.schema = { node: found.schema, root: found.schema };
      }
    } else {
      out.push(...n.diags);
      if (n.schema) {
        const typeErrors = typecheckBlock(n.block, n.schema.node, n.schema.root, n.file, n.body);
        out.push(...typeErrors);
        if (!typeErrors.length) out.push(...checkRules(n.block, n.schema.root.title, n.schema.root, n.file, ruleIndex(rt), n.body));
      }
      if (n.state) check(rt, n.state, out);
    }
    references(rt, s, n, out);
  }
  for (const comp of s.graph.stronglyConnected()) {
    if (comp.length < 2) continue;
    const ids = comp.map((n) => n.id).sort((a, b) => (a > b ? 1 : -1));
    const msg = `cycle detected: ${ids.join(", ")}`;
    for (const n of [...comp].sort((a, b) => (a.id > b.id ? 1 : -1))) {
      out.push(makeDiag(n.file, { start: n.block.start, end: n.block.lCurly + 1 }, msg, Code.cycle));
    }
  }
  for (const [from, to] of s.graph.edges()) {
    if (from === to) out.push(makeDiag(from.file, { start: from.block.start, end: from.block.lCurly + 1 }, "cannot reference self", Code.selfReference));
  }
}

function resolve(g: Graph<Node>, t: Traversal): { node: Node; rest: Traversal } | undefined {
  let id = t[0]!.name;
  for (let i = 1; ; i++) {
    const n = g.get(id);
    if (n) return { node: n, rest: t.slice(i) };
    if (i >= t.length) return undefined;
    id += "." + t[i]!.name;
  }
}

function traversalRange(t: Traversal): Range {
  return { start: t[0]!.range.start, end: t[t.length - 1]!.range.end };
}

/**
 * A reference to a field a component does not export: upstream fails evaluating it with "does not have field
 * named"; reported here at the field, with the exports to choose from.
 */
function missingExport(rt: Run, s: State, node: Node, rest: Traversal): { range: Range; message: string; hint?: string } | undefined {
  if (node.kind !== "component" || rest.length === 0) return undefined;
  const schema = node.schema?.root ?? lookupComponent(rt, s, node.block.name).schema;
  if (!schema || schema.$id.startsWith("custom:")) return undefined;
  const exports = schema["x-alloy-exports"];
  const field = rest[0]!;
  if (Object.hasOwn(exports, field.name)) return undefined;
  const names = Object.keys(exports);
  return {
    range: field.range,
    message: `${node.id} does not have field named ${JSON.stringify(field.name)}`,
    hint: didYouMean(field.name, names) ?? (names.length ? `exports: ${names.join(", ")}` : `${node.block.name} has no exports`),
  };
}

function references(rt: Run, s: State, n: Node, out: ValidationDiagnostic[]): void {
  if (n.body.length === 0) return;
  const ts = traversalsFromBody(n.body);
  for (const t of ts) {
    const first = t[0]!.name;
    const ref = resolve(s.graph, t);
    const scopeMatch = rt.vars.has(first) || STDLIB_TOP_LEVEL.has(first);
    if (!ref && !scopeMatch) {
      out.push(makeDiag(n.file, traversalRange(t), `component "${traversalString(t)}" does not exist or is out of scope`, Code.unresolvedReference));
      continue;
    }
    if (ref) {
      if (STDLIB_TOP_LEVEL.has(first)) {
        out.push(makeDiag(n.file, t[0]!.range, "a component is shadowing an existing stdlib name", Code.stdlibShadowed, "warning"));
      }
      if (!s.graph.isFromParent(ref.node)) s.graph.addEdge(n, ref.node);
      const missing = missingExport(rt, s, ref.node, ref.rest);
      if (missing) out.push(makeDiag(n.file, missing.range, missing.message, Code.unknownExport, "error", missing.hint));
    } else if (isStdlibDeprecated(first)) {
      const repl = stdlibFunction(first)?.deprecated?.replacement;
      out.push(makeDiag(n.file, traversalRange(t), "this stdlib function is deprecated; please refer to the documentation for updated usage and alternatives", Code.deprecated, "warning", repl ? `use ${repl} instead` : undefined));
    } else {
      const fname = traversalString(t);
      if (isStdlibExperimental(fname)) {
        const err = stabilityError(fname, "experimental", rt.minStability);
        if (err) out.push(makeDiag(n.file, traversalRange(t), err, Code.stability));
      }
    }
  }
  if (rt.opts.extraChecks !== false) {
    checkStdlibCalls(n.body, n.file, rt.vars, (id) => resolve(s.graph, [{ name: id, range: { start: 0, end: 0 } }]) !== undefined, out);
    if (n.schema) {
      const resolveRef: ResolveRef = (t) => {
        const r = resolve(s.graph, t);
        if (!r) return undefined;
        if (!r.node.schema && r.node.kind === "component") {
          const found = lookupComponent(rt, s, r.node.block.name).schema;
          if (found) r.node.schema = { node: found, root: found };
        }
        const schema = r.node.schema?.root;
        return schema ? { id: r.node.id, rest: r.rest, schema } : undefined;
      };
      checkWiring(n.body, n.schema.node, n.schema.root, n.file, resolveRef, out);
      checkReferenceTypes(n.body, n.schema.node, n.schema.root, n.file, resolveRef, out);
    }
  }
}
