/**
 * Collector YAML → Graph, following the collector's own pipeline model (spec otel-config.md §1-§3): receivers and
 * exporters are shared instances, processors are instantiated once per pipeline, connectors join the pipelines
 * that export to them with the pipelines that receive from them.
 */
import { expandTree, loadCollectorConfig, positionOf, readYaml, type RawValue } from "@alloy-ts/otel";
import { SIGNALS, type Signal } from "../pdata/types.js";
import { RuntimeCode } from "./codes.js";
import { canonicalType, noOutputs, type ComponentKind, type Graph, type GraphNode, type RuntimeDiagnostic } from "./types.js";

interface Pipeline {
  id: string;
  signal: Signal;
  receivers: string[];
  processors: string[];
  exporters: string[];
}

const asRecord = (v: unknown): Record<string, unknown> =>
  v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

/** Component settings as plain objects (the processors read them as records). */
function toPlain(v: RawValue | unknown): unknown {
  if (v instanceof Map) return Object.fromEntries([...v].map(([k, x]) => [k, toPlain(x)]));
  if (Array.isArray(v)) return v.map(toPlain);
  return v;
}
const typeOf = (id: string): string => id.split("/")[0]!;

/** Node ID of a receiver, exporter or connector (shared instances). */
export const sharedNodeId = (kind: ComponentKind, id: string): string => `${kind}:${id}`;
/** Node ID of a processor instance inside one pipeline. */
export const processorNodeId = (pipeline: string, id: string): string => `${pipeline}/processor:${id}`;

/** Options for reading a collector configuration. */
export interface YamlGraphOptions {
  /** Environment for `${env:VAR}` expansion; defaults to process.env. */
  env?: Record<string, string | undefined>;
}

/** Parses collector YAML and builds its graph. Never throws; problems are diagnostics. */
export function graphFromCollectorYaml(text: string, options: YamlGraphOptions = {}): Graph {
  const diagnostics: RuntimeDiagnostic[] = [];
  const graph: Graph = { source: "otelcol", nodes: new Map(), diagnostics };
  const read = readYaml(text);
  if (!read.ok) {
    diagnostics.push({ severity: "error", code: RuntimeCode.yaml, message: `cannot parse YAML: ${read.message}` });
    return graph;
  }
  // The collector's confmap expansion, with the environment given (process.env by default).
  expandTree(read.value, options.env ?? process.env, (container, key, error) => {
    const p = positionOf(container, key);
    diagnostics.push({ severity: "error", code: RuntimeCode.reference, message: `${p ? `${p.line}:${p.column}: ` : ""}${error.error}`, ...(p ? { position: p } : {}) });
  });
  const { config } = loadCollectorConfig(read.value);
  const sections: Record<ComponentKind, Record<string, unknown>> = { receiver: {}, processor: {}, exporter: {}, connector: {} };
  for (const c of config.components) if (c.kind !== "extension") sections[c.kind][c.id] = toPlain(c.config);
  // Extensions (authenticators) are referred to by ID; the collector starts only those service.extensions lists.
  const enabled = new Set(config.extensions);
  for (const c of config.components) {
    if (c.kind === "extension") (graph.extensions ??= new Map()).set(c.id, { type: c.type, config: { ...asRecord(toPlain(c.config)) }, enabled: enabled.has(c.id) });
  }
  const pipelines: Pipeline[] = [];
  for (const p of config.pipelines) {
    const signal = p.signal as Signal;
    if (!SIGNALS.includes(signal)) {
      diagnostics.push({ severity: "error", code: RuntimeCode.pipelineType, message: `unknown pipeline type "${p.signal}" (pipeline "${p.id}")` });
      continue;
    }
    pipelines.push({
      id: p.id,
      signal,
      receivers: [...new Set(p.receivers)],
      processors: p.processors,
      exporters: [...new Set(p.exporters)],
    });
  }
  if (pipelines.length === 0) diagnostics.push({ severity: "error", code: RuntimeCode.noPipelines, message: "service must have at least one pipeline" });

  const isConnector = (id: string) => Object.prototype.hasOwnProperty.call(sections.connector, id);
  const ensure = (kind: ComponentKind, id: string, nodeId: string): GraphNode | undefined => {
    const existing = graph.nodes.get(nodeId);
    if (existing) return existing;
    if (kind === "processor" && !Object.prototype.hasOwnProperty.call(sections.processor, id)) {
      diagnostics.push({ severity: "error", code: RuntimeCode.undefinedComponent, message: `processor "${id}" is used by a pipeline but not defined`, subject: id });
      return undefined;
    }
    if (!Object.prototype.hasOwnProperty.call(sections[kind], id)) {
      diagnostics.push({ severity: "error", code: RuntimeCode.undefinedComponent, message: `${kind} "${id}" is used by a pipeline but not defined`, subject: id });
      return undefined;
    }
    const node: GraphNode = {
      id: nodeId,
      kind,
      type: canonicalType(kind, typeOf(id)),
      name: id,
      config: { ...asRecord(sections[kind][id]) },
      outputs: noOutputs(),
    };
    graph.nodes.set(nodeId, node);
    return node;
  };

  /** Where data entering pipeline `p` goes first. */
  const entryOf = (p: Pipeline): string[] => {
    if (p.processors.length > 0) return [processorNodeId(p.id, p.processors[0]!)];
    return p.exporters.map((e) => sharedNodeId(isConnector(e) ? "connector" : "exporter", e));
  };

  for (const p of pipelines) {
    for (const r of p.receivers) {
      const kind = isConnector(r) ? "connector" : "receiver";
      const node = ensure(kind, r, sharedNodeId(kind, r));
      // Each pipeline has its own entry point: a shared exporter listed by two pipelines of the same signal
      // receives the data once per pipeline, as in the collector.
      if (node) node.outputs[p.signal].push(...entryOf(p));
      if (node && kind === "connector") (node.pipelineTargets ??= {})[p.id] = entryOf(p);
    }
    p.processors.forEach((proc, i) => {
      const node = ensure("processor", proc, processorNodeId(p.id, proc));
      if (!node) return;
      const next =
        i + 1 < p.processors.length
          ? [processorNodeId(p.id, p.processors[i + 1]!)]
          : p.exporters.map((e) => sharedNodeId(isConnector(e) ? "connector" : "exporter", e));
      addAll(node.outputs[p.signal], next);
    });
    for (const e of p.exporters) {
      const node = ensure(isConnector(e) ? "connector" : "exporter", e, sharedNodeId(isConnector(e) ? "connector" : "exporter", e));
      if (node && !(node.pipelines ??= []).includes(p.id)) node.pipelines.push(p.id);
    }
    if (p.receivers.length === 0) diagnostics.push({ severity: "error", code: RuntimeCode.pipelineShape, message: `pipeline "${p.id}" must have at least one receiver` });
    if (p.exporters.length === 0) diagnostics.push({ severity: "error", code: RuntimeCode.pipelineShape, message: `pipeline "${p.id}" must have at least one exporter` });
  }
  return graph;
}

function addAll(into: string[], items: string[]): void {
  for (const i of items) if (!into.includes(i)) into.push(i);
}
