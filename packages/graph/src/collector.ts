/**
 * The graph of an OpenTelemetry Collector configuration, drawn with the instances the collector itself builds
 * (its service graph), so that a shared component shows where it is shared and where it is not:
 *
 * - a receiver: one node per signal it receives (`receiver/otlp@traces`), shared by that signal's pipelines;
 * - a processor: one node per pipeline that lists it (`processor/batch@traces/2`), never shared;
 * - an exporter: one node per signal (`exporter/otlp@traces`);
 * - a connector: one node per (exporter-side signal, receiver-side signal) pair it joins
 *   (`connector/spanmetrics@traces>metrics`); listed on one side only, one node for that side;
 * - a component no pipeline lists, or an extension not in `service.extensions`: one node marked `unused`;
 *   an extension that is used: one node; a name a pipeline lists that no section defines: one node marked
 *   `undefined`.
 *
 * Edges are the pipeline links: in each pipeline, every receiver-side node to the first processor, each
 * processor to the next, the last to every exporter-side node; with no processors, every receiver-side node to
 * every exporter-side node. Receivers, processors and exporters sit in their signal's lane; connectors between.
 */
import { loadCollectorConfig, readYaml, positionOf, type CollectorComponent, type CollectorPipeline, type RawValue } from "@alloy-ts/otel";
import { isSecretKey, redactUrlCredentials, REDACTED } from "@alloy-ts/grammar";
import { attachDiagnostics } from "./diagnostics.js";
import type { GraphContainer, GraphEdge, GraphNode, GraphOptions, GraphProblem, Mark, NodeKind, PipelineGraph, Setting, Signal } from "./model.js";
import { SIGNALS } from "./model.js";

const MAX_SETTINGS = 40;
const MAX_VALUE = 80;

export function graphOfCollector(yamlText: string, file: string, options: GraphOptions = {}): PipelineGraph {
  const read = readYaml(yamlText);
  const empty = (problems: GraphProblem[]): PipelineGraph => ({ format: "otelcol", file, nodes: [], edges: [], containers: [], problems });
  if (!read.ok) return empty([{ line: read.position?.line ?? 1, column: read.position?.column ?? 1, message: read.message }]);
  const { config, problems: modelProblems } = loadCollectorConfig(read.value);
  const problems: GraphProblem[] = modelProblems
    // Only problems that keep the pipelines from being read stop the drawing; the rest are the validator's to report.
    .filter((p) => p.code === "otelcol/shape")
    .map((p) => ({ line: p.position?.line ?? 1, column: p.position?.column ?? 1, message: p.message }));
  const lastLine = yamlText.split("\n").length;
  const endLines = endLinesOf(config.components, config.pipelines, lastLine);
  const byId = new Map(config.components.map((c) => [`${c.kind}/${c.id}`, c]));
  const connectors = new Set(config.components.filter((c) => c.kind === "connector").map((c) => c.id));

  const nodes = new Map<string, GraphNode>();
  const edges: GraphEdge[] = [];
  const lanes = new Set<Signal>();
  const used = new Set<string>();

  const nodeFor = (kind: NodeKind, id: string, suffix: string, extra: Partial<GraphNode>): GraphNode => {
    const key = `${kind}/${id}${suffix}`;
    const existing = nodes.get(key);
    if (existing) return existing;
    const c = byId.get(`${kind}/${id}`);
    used.add(`${kind}/${id}`);
    const node: GraphNode = {
      id: key,
      kind,
      component: c?.type ?? id.split("/")[0]!,
      ...(c?.name || id.includes("/") ? { label: c?.name ?? id.slice(id.indexOf("/") + 1) } : {}),
      title: id,
      line: c?.position?.line ?? 1,
      column: c?.position?.column ?? 1,
      endLine: c ? endLines.get(c) ?? lastLine : 1,
      settings: c ? settingsOf(c.config) : [],
      ...(c ? {} : { marks: ["undefined" as Mark] }),
      ...extra,
    };
    nodes.set(key, node);
    return node;
  };

  // Which signals feed each connector (as an exporter) and which it feeds (as a receiver).
  const connectorIn = new Map<string, Set<Signal>>();
  const connectorOut = new Map<string, Set<Signal>>();
  for (const p of config.pipelines) {
    const s = p.signal as Signal;
    for (const id of p.exporters) if (connectors.has(id)) setAdd(connectorIn, id, s);
    for (const id of p.receivers) if (connectors.has(id)) setAdd(connectorOut, id, s);
  }
  const connectorNodes = (id: string, from: readonly Signal[], to: readonly Signal[]): GraphNode[] => {
    const pairs = from.length && to.length ? from.flatMap((a) => to.map((b) => [a, b] as const)) : from.length ? from.map((a) => [a, ""] as const) : to.map((b) => ["", b] as const);
    return pairs.map(([a, b]) => nodeFor("connector", id, `@${a}>${b}`, {}));
  };

  for (const p of config.pipelines) {
    const s = p.signal as Signal;
    lanes.add(s);
    const parent = `lane:${s}`;
    const sources = p.receivers.flatMap((id) =>
      connectors.has(id) ? connectorNodes(id, sorted(connectorIn.get(id)), [s]) : [nodeFor("receiver", id, `@${s}`, { lane: s, parent })],
    );
    const chain = p.processors.map((id) => nodeFor("processor", id, `@${p.id}`, { lane: s, parent, pipeline: p.id }));
    const sinks = p.exporters.flatMap((id) =>
      connectors.has(id) ? connectorNodes(id, [s], sorted(connectorOut.get(id))) : [nodeFor("exporter", id, `@${s}`, { lane: s, parent })],
    );
    const link = (from: GraphNode, to: GraphNode, list: "receivers" | "processors" | "exporters", index: number) => {
      const at = listPosition(p, list, index);
      edges.push({ id: `e${edges.length}`, from: from.id, to: to.id, signal: s, via: p.id, line: at.line, column: at.column });
    };
    if (chain.length > 0) {
      let ri = 0;
      p.receivers.forEach((id, listIndex) => {
        const n = connectors.has(id) ? Math.max(1, connectorIn.get(id)?.size ?? 0) : 1;
        for (let k = 0; k < n; k++) link(sources[ri + k]!, chain[0]!, "receivers", listIndex);
        ri += n;
      });
      for (let i = 1; i < chain.length; i++) link(chain[i - 1]!, chain[i]!, "processors", i);
      sinkIndexes(p, connectors, connectorOut).forEach((listIndex, k) => link(chain[chain.length - 1]!, sinks[k]!, "exporters", listIndex));
    } else {
      const sinkAt = sinkIndexes(p, connectors, connectorOut);
      for (const src of sources) sinks.forEach((dst, k) => link(src, dst, "exporters", sinkAt[k]!));
    }
  }

  // Extensions: used when `service.extensions` lists them.
  const enabled = new Set(config.extensions);
  for (const c of config.components) {
    if (c.kind === "extension") nodeFor("extension", c.id, "", enabled.has(c.id) ? {} : { marks: ["unused"] });
    else if (!used.has(`${c.kind}/${c.id}`)) nodeFor(c.kind, c.id, "", { marks: ["unused"] });
  }
  for (const id of config.extensions) if (!byId.has(`extension/${id}`)) nodeFor("extension", id, "", {});

  const containers: GraphContainer[] = SIGNALS.filter((s) => lanes.has(s)).map((s) => {
    const first = config.pipelines.find((p) => p.signal === s)!;
    return { id: `lane:${s}`, kind: "lane", title: s, line: first.position?.line ?? 1, column: first.position?.column ?? 1 };
  });
  const carried = options.carried;
  const marked = carried ? [...nodes.values()].map((n) => (isConverted(n.kind) && !n.marks?.length && !carried(n.kind, n.component) ? { ...n, marks: ["not-carried" as Mark] } : n)) : [...nodes.values()];
  return { format: "otelcol", file, nodes: attachDiagnostics(marked, options.diagnostics), edges, containers, problems };
}

const isConverted = (k: NodeKind): k is "receiver" | "processor" | "exporter" | "connector" => k === "receiver" || k === "processor" || k === "exporter" || k === "connector";

function setAdd(m: Map<string, Set<Signal>>, id: string, s: Signal): void {
  let set = m.get(id);
  if (!set) m.set(id, (set = new Set()));
  set.add(s);
}

function sorted(set: Set<Signal> | undefined): Signal[] {
  return SIGNALS.filter((s) => set?.has(s));
}

/** For each exporter-side node of a pipeline, the index of the list entry it came from. */
function sinkIndexes(p: CollectorPipeline, connectors: Set<string>, out: Map<string, Set<Signal>>): number[] {
  return p.exporters.flatMap((id, i) => Array.from({ length: connectors.has(id) ? Math.max(1, out.get(id)?.size ?? 0) : 1 }, () => i));
}

function listPosition(p: CollectorPipeline, list: "receivers" | "processors" | "exporters", index: number): { line: number; column: number } {
  const l = p.listed?.[list][index];
  const at = l ? positionOf(l.container, l.index) : undefined;
  return at ?? p.position ?? { line: 1, column: 1 };
}

/** The last line of each component's body: the line before the next key written after it. */
function endLinesOf(components: readonly CollectorComponent[], pipelines: readonly CollectorPipeline[], lastLine: number): Map<CollectorComponent, number> {
  const starts = [...components.map((c) => c.position?.line ?? 0), ...pipelines.map((p) => p.position?.line ?? 0)].filter((l) => l > 0).sort((a, b) => a - b);
  const out = new Map<CollectorComponent, number>();
  for (const c of components) {
    const line = c.position?.line ?? 0;
    const next = starts.find((l) => l > line);
    out.set(c, next !== undefined ? next - 1 : lastLine);
  }
  return out;
}

/** The leaf settings of a component body, `a.b.c` each, secrets masked. */
function settingsOf(config: RawValue): Setting[] {
  const out: Setting[] = [];
  const visit = (v: RawValue, path: string, key: string) => {
    if (out.length >= MAX_SETTINGS) return;
    if (v instanceof Map && v.size > 0) for (const [k, x] of v) visit(x, path ? `${path}.${k}` : k, k);
    else if (Array.isArray(v) && v.length > 0 && v.some((x) => x instanceof Map || Array.isArray(x))) v.forEach((x, i) => visit(x, `${path}[${i}]`, key));
    else out.push({ name: path, value: shortValue(v, key) });
  };
  if (config instanceof Map) for (const [k, x] of config) visit(x, k, k);
  return out;
}

function shortValue(v: RawValue, key: string): string {
  if (v !== null && typeof v !== "object" && isSecretKey(key)) return REDACTED;
  const text = v instanceof Map ? "{}" : Array.isArray(v) ? `[${v.map((x) => String(x)).join(", ")}]` : v === null ? "null" : String(v);
  const masked = redactUrlCredentials(text.replace(/\s+/g, " "));
  return masked.length > MAX_VALUE ? `${masked.slice(0, MAX_VALUE - 1)}…` : masked;
}
