/**
 * The graph of an Alloy file. A node is every block written at the top level or in a `declare` body or a
 * `foreach` template (components, config blocks, `argument`, `export`, `import.*`, instances of custom
 * components); `declare` and `foreach` are drawn as containers around their blocks, not as nodes. An edge is
 * every reference to a node's export, written anywhere in a node's body: one edge per reference, drawn in the
 * direction data flows (see kinds.ts).
 */
import { parse, children, isSecretKey, redactUrlCredentials, REDACTED, SourceFile, type Block, type Expr, type Node, type Statement } from "@alloy-ts/grammar";
import { consumerExport, kindOfBlock, OUTPUT_SIGNALS } from "./kinds.js";
import type { GraphContainer, GraphEdge, GraphNode, GraphOptions, GraphProblem, PipelineGraph, Setting, Signal } from "./model.js";
import { attachDiagnostics } from "./diagnostics.js";

/** Blocks whose body is a scope of its own, drawn as a container; the value says where the inner blocks are. */
const CONTAINERS: Readonly<Record<string, (b: Block) => readonly Statement[]>> = {
  declare: (b) => b.body,
  foreach: (b) => b.body.filter((s): s is Block => s.kind === "Block" && s.name === "template").flatMap((t) => t.body),
};

const MAX_SETTINGS = 40;
const MAX_VALUE = 80;

interface Scope {
  readonly prefix: string;
  readonly parent: string | undefined;
  /** Nodes by their reference name (`prometheus.remote_write.default`). */
  readonly byName: Map<string, GraphNode>;
  readonly blocks: Array<{ block: Block; node: GraphNode }>;
  /** The scope names not found here are looked up in: a `foreach` template sees its surroundings, a `declare` body does not. */
  readonly outer: Scope | undefined;
}

export function graphOfAlloy(text: string, file: string, options: GraphOptions = {}): PipelineGraph {
  const source = new SourceFile(file, text);
  const parsed = parse(source);
  const problems: GraphProblem[] = parsed.diagnostics
    .filter((d) => d.severity === "error")
    .map((d) => ({ ...source.position(d.range.start), message: d.message }));
  const nodes: GraphNode[] = [];
  const containers: GraphContainer[] = [];
  const edges: GraphEdge[] = [];
  const ids = new Set<string>();
  const scopes: Scope[] = [];

  const collect = (body: readonly Statement[], scope: Scope) => {
    for (const st of body) {
      if (st.kind !== "Block") continue;
      const inner = CONTAINERS[st.name];
      if (inner) {
        const id = unique(ids, `${scope.prefix}${st.name}.${st.label ?? ""}`);
        const p = source.position(st.start);
        containers.push({ id, kind: st.name === "declare" ? "module" : "foreach", title: st.label !== undefined ? `${st.name} "${st.label}"` : st.name, line: p.line, column: p.column, ...(scope.parent ? { parent: scope.parent } : {}) });
        const child: Scope = { prefix: `${id}/`, parent: id, byName: new Map(), blocks: [], outer: st.name === "foreach" ? scope : undefined };
        scopes.push(child);
        collect(inner(st), child);
        continue;
      }
      const name = st.label !== undefined ? `${st.name}.${st.label}` : st.name;
      const p = source.position(st.start);
      const node: GraphNode = {
        id: unique(ids, scope.prefix + name),
        kind: kindOfBlock(st.name),
        component: st.name,
        ...(st.label !== undefined ? { label: st.label } : {}),
        title: st.label !== undefined ? `${st.name} "${st.label}"` : st.name,
        line: p.line,
        column: p.column,
        endLine: source.position(Math.max(st.start, st.end - 1)).line,
        settings: settingsOf(st, text),
        ...(scope.parent ? { parent: scope.parent } : {}),
        ...(st.name.startsWith("otel.") ? { marks: ["bridge" as const] } : {}),
      };
      nodes.push(node);
      // Only a labelled block has an identity others can name (upstream: a component without a label is an error).
      if (st.label !== undefined && !scope.byName.has(name)) scope.byName.set(name, node);
      scope.blocks.push({ block: st, node });
    }
  };
  const root: Scope = { prefix: "", parent: undefined, byName: new Map(), blocks: [], outer: undefined };
  scopes.unshift(root);
  collect(parsed.file.body, root);

  for (const scope of scopes) {
    for (const { block, node } of scope.blocks) {
      for (const ref of referencesIn(block)) {
        let target: ReturnType<typeof resolve>;
        for (let sc: Scope | undefined = scope; sc && !target; sc = sc.outer) target = resolve(sc.byName, ref.path);
        if (!target) continue;
        const consumer = target.field !== undefined ? consumerExport(target.node.component, target.field) : undefined;
        const signal: Signal | undefined = consumer ? consumer.signal ?? ref.outputSignal : undefined;
        const p = source.position(ref.start);
        edges.push({
          id: `e${edges.length}`,
          from: consumer ? node.id : target.node.id,
          to: consumer ? target.node.id : node.id,
          ...(signal ? { signal } : {}),
          via: ref.path.join("."),
          line: p.line,
          column: p.column,
        });
      }
    }
  }
  return { format: "alloy", file, nodes: attachDiagnostics(nodes, options.diagnostics), edges, containers, problems };
}

function unique(ids: Set<string>, id: string): string {
  let out = id;
  for (let n = 2; ids.has(out); n++) out = `${id}#${n}`;
  ids.add(out);
  return out;
}

interface Reference {
  readonly path: readonly string[];
  readonly start: number;
  /** The signal of the `output` block attribute the reference is written in (`output { traces = [...] }`). */
  readonly outputSignal: Signal | undefined;
}

/** Every identifier chain (`a.b.c`, possibly indexed afterwards) in a block's body, in source order. */
function referencesIn(block: Block): Reference[] {
  const out: Reference[] = [];
  // `inOutput`: the node sits directly in an `output` block, whose attribute names are signals.
  const visit = (node: Node, outputSignal: Signal | undefined, inOutput: boolean) => {
    if (node.kind === "Block") {
      for (const st of node.body) visit(st, outputSignal, node.name === "output");
      return;
    }
    if (node.kind === "Attribute") {
      visit(node.value, inOutput ? OUTPUT_SIGNALS[node.name] ?? outputSignal : outputSignal, false);
      return;
    }
    if (node.kind === "Identifier" || node.kind === "Access") {
      const path = chainOf(node);
      if (path) {
        out.push({ path, start: node.start, outputSignal });
        return;
      }
    }
    for (const c of children(node)) visit(c, outputSignal, false);
  };
  for (const st of block.body) visit(st, undefined, false);
  return out;
}

/** `a.b.c` as fragments, or undefined when the chain does not start at an identifier. */
function chainOf(e: Expr): string[] | undefined {
  const parts: string[] = [];
  let cur: Expr = e;
  while (cur.kind === "Access") {
    parts.push(cur.name);
    cur = cur.value;
  }
  if (cur.kind !== "Identifier") return undefined;
  parts.push(cur.name);
  return parts.reverse();
}

/** The node a chain names (the longest prefix that is a node's reference name) and the export field after it. */
function resolve(byName: Map<string, GraphNode>, path: readonly string[]): { node: GraphNode; field: string | undefined } | undefined {
  for (let n = path.length; n >= 1; n--) {
    const node = byName.get(path.slice(0, n).join("."));
    if (node) return { node, field: path[n] };
  }
  return undefined;
}

/** The block's attributes and inner blocks, one line each, with secret values masked. */
function settingsOf(block: Block, text: string): Setting[] {
  const out: Setting[] = [];
  for (const st of block.body) {
    if (out.length >= MAX_SETTINGS) break;
    if (st.kind === "Attribute") {
      const raw = text.slice(st.value.start, st.value.end).replace(/\s+/g, " ");
      const masked = isSecretKey(st.name) && st.value.kind === "Literal" && st.value.literal === "string" ? `"${REDACTED}"` : redactUrlCredentials(raw);
      out.push({ name: st.name, value: masked.length > MAX_VALUE ? `${masked.slice(0, MAX_VALUE - 1)}…` : masked });
    } else {
      out.push({ name: st.label !== undefined ? `${st.name} "${st.label}"` : st.name, value: "{ … }" });
    }
  }
  return out;
}
