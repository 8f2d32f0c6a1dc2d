/**
 * Alloy configuration → Graph: every `otelcol.receiver|processor|exporter|connector.*` block becomes a node with
 * evaluated arguments; its `output` block's consumer references become typed edges. Other blocks (auth
 * extensions, `logging`, non-OTel components) are evaluated for errors but are not part of the data path.
 * Files in the bridge dialect (`otel.pipeline` blocks) are compiled by bridge/bridge-graph.ts instead.
 */
import { parse, type Block, type Statement } from "@alloy-ts/grammar";
import { SIGNALS } from "../pdata/types.js";
import { RuntimeCode } from "../graph/codes.js";
import { canonicalType, noOutputs, type ComponentKind, type Graph, type GraphNode, type RuntimeDiagnostic } from "../graph/types.js";
import { evaluate, type Scope } from "./evaluate.js";
import { stdlib } from "./stdlib.js";
import { isCapsule, type AlloyValue } from "./values.js";
import { toCollectorShape, type Body } from "./normalize.js";
import { graphFromBridge, isBridgeDialect } from "../bridge/bridge-graph.js";
import { authTypeOfAlloy } from "../auth/authenticators.js";

const KINDS: Record<string, ComponentKind> = { receiver: "receiver", processor: "processor", exporter: "exporter", connector: "connector" };

export interface AlloyGraphOptions {
  env?: Record<string, string | undefined>;
  fileName?: string;
}

// A label is an identifier (the parser reports any other), so its text needs no decoding.
const identity = (b: Block) => (b.label === undefined ? b.name : `${b.name}.${b.label}`);

function evalBody(stmts: Statement[], scope: Scope, diags: RuntimeDiagnostic[], where: string): Body {
  const body: Body = { attrs: {}, blocks: {} };
  for (const s of stmts) {
    if (s.kind === "Attribute") {
      try {
        body.attrs[s.name] = evaluate(s.value, scope);
      } catch (e) {
        diags.push({ severity: "error", code: RuntimeCode.arguments, message: `${where}: ${s.name}: ${(e as Error).message}`, subject: where });
      }
    } else {
      const name = s.name;
      (body.blocks[name] ??= []).push(evalBody(s.body, scope, diags, where));
    }
  }
  return body;
}

/** Parses Alloy text and builds its graph. Never throws; problems are diagnostics. */
export function graphFromAlloy(text: string, options: AlloyGraphOptions = {}): Graph {
  const diagnostics: RuntimeDiagnostic[] = [];
  const graph: Graph = { source: "alloy", nodes: new Map(), diagnostics };
  const parsed = parse(text, { name: options.fileName });
  for (const d of parsed.diagnostics)
    if (d.severity === "error") diagnostics.push({ severity: "error", code: RuntimeCode.parse, message: `parse error: ${d.message}`, range: d.range, ...(options.fileName !== undefined ? { file: options.fileName } : {}) });
  if (diagnostics.length) return graph;
  const blocks = parsed.file.body.filter((s): s is Block => s.kind === "Block");
  // The bridge dialect (otel.* + otel.pipeline blocks) is the collector configuration in Alloy syntax: it runs as one.
  if (isBridgeDialect(blocks)) return graphFromBridge(text, options);
  for (const s of parsed.file.body)
    if (s.kind === "Attribute") diagnostics.push({ severity: "error", code: RuntimeCode.statement, message: `unrecognized attribute ${s.name}`, range: { start: s.start, end: s.end } });
  const scope: Scope = { names: stdlib(options.env ?? process.env), components: new Set(blocks.filter((b) => b.label !== undefined).map(identity)) };

  for (const b of blocks) {
    const name = b.name;
    const id = identity(b);
    const body = evalBody(b.body, scope, diagnostics, id);
    const parts = name.split(".");
    // `otelcol.<kind>.<type>` components, and the hybrid dialect's `otel.<kind>.<type>` blocks, which carry the
    // collector component's own configuration and are wired with `output` blocks like `otelcol.*` ones.
    const hybrid = parts[0] === "otel";
    // `otelcol.auth.<type>` components are extensions that receivers and exporters refer to by `<id>.handler`.
    if (parts[0] === "otelcol" && parts[1] === "auth" && parts.length === 3) {
      (graph.extensions ??= new Map()).set(id, { type: authTypeOfAlloy(parts[2]!), config: toCollectorShape(`auth.${parts[2]}`, body), enabled: true });
      continue;
    }
    if ((parts[0] !== "otelcol" && !hybrid) || !(parts[1]! in KINDS) || parts.length !== 3) continue;
    const kind = KINDS[parts[1]!]!;
    const alloyType = parts[2]!;
    const type = hybrid ? alloyType : canonicalType(kind, alloyType);
    const config = hybrid ? collectorMapOf(body) : toCollectorShape(`${kind}.${type}`, body);
    const node: GraphNode = { id, kind, type, name: b.label ?? "", config, outputs: noOutputs() };
    const output = body.blocks.output?.[0];
    if (output)
      for (const s of SIGNALS) {
        const refs = output.attrs[s];
        if (refs === undefined || refs === null) continue;
        if (!Array.isArray(refs)) {
          diagnostics.push({ severity: "error", code: RuntimeCode.wiring, message: `${id}: output.${s} must be a list of consumers`, subject: id });
          continue;
        }
        for (const r of refs as AlloyValue[]) {
          if (isCapsule(r) && r.export === "input") node.outputs[s].push(r.component);
          else diagnostics.push({ severity: "error", code: RuntimeCode.wiring, message: `${id}: output.${s} element is not a component input`, subject: id });
        }
      }
    graph.nodes.set(id, node);
  }
  for (const n of graph.nodes.values())
    for (const s of SIGNALS)
      for (const t of n.outputs[s])
        if (!graph.nodes.has(t)) diagnostics.push({ severity: "error", code: RuntimeCode.wiring, message: `${n.id}: output.${s} refers to ${t}, which is not an otelcol component`, subject: n.id });
  return graph;
}

/**
 * The collector configuration a hybrid `otel.<kind>.<type>` block carries (docs/dialects.md): attributes are
 * settings, a block is a nested map (repeated blocks a list of maps), `__extra` holds keys that are not
 * identifiers, `__id` the original component ID; the `output` block is wiring, not configuration.
 */
function collectorMapOf(body: Body): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(body.attrs)) {
    if (k === "__id") continue;
    if (k === "__extra" && v !== null && typeof v === "object" && !Array.isArray(v)) Object.assign(out, v);
    else out[k] = v;
  }
  for (const [k, bodies] of Object.entries(body.blocks)) {
    if (k === "output") continue;
    out[k] = bodies.length === 1 ? collectorMapOf(bodies[0]!) : bodies.map(collectorMapOf);
  }
  return out;
}
