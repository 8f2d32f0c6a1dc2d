/**
 * Alloy in the bridge dialect (`otel.<kind>.<type> "<label>"` blocks and `otel.pipeline` blocks, docs/dialects.md)
 * → Graph. The bridge dialect is the collector configuration written in Alloy syntax, so it runs with the
 * collector's own pipeline model: the file is read back into collector YAML by the converter (the same path as
 * `alloy convert --target=otelcol`) and compiled by graphFromCollectorYaml. Node IDs and names are then rewritten
 * to the Alloy side's vocabulary, so reports name the bridge blocks and verifyGraphs pairs exporters with the
 * collector's.
 */
import { collectorFromAlloy, printCollectorYaml, type CollectorConfig } from "@alloy-ts/converter";
import { parse, type Block, type Diagnostic } from "@alloy-ts/grammar";
import { graphFromCollectorYaml } from "../graph/yaml-graph.js";
import { RuntimeCode } from "../graph/codes.js";
import type { ComponentKind, Graph, GraphNode, RuntimeDiagnostic } from "../graph/types.js";
import { alloyLabel } from "../verify/verify.js";

/** Options for building a bridge-dialect graph. */
export interface BridgeGraphOptions {
  /** Environment for `sys.env(...)`; defaults to process.env. */
  env?: Record<string, string | undefined>;
  fileName?: string;
}

/**
 * True when top-level blocks are in the bridge dialect, which wires components through `otel.pipeline` blocks.
 * Files whose `otel.*` blocks are wired through `output` blocks instead (the hybrid dialect) are not; the
 * `otelcol.*` path reads them and runs only their `otelcol.*` components.
 */
export function isBridgeDialect(blocks: readonly Block[]): boolean {
  return blocks.some((b) => b.name === "otel.pipeline");
}

/** The converter's severities as runtime ones; Info diagnostics say nothing about running the file. */
function runtimeDiagnostic(d: Diagnostic): RuntimeDiagnostic | undefined {
  if (d.severity === "info") return undefined;
  const where = d.position ? ` (line ${d.position.line})` : "";
  return { severity: d.severity === "warning" ? "warning" : "error", code: RuntimeCode.bridge, message: `bridge dialect: ${d.message}${where}`, ...(d.position ? { position: d.position } : {}) };
}

/** Parses bridge-dialect Alloy text and builds its graph. Never throws; problems are diagnostics. */
export function graphFromBridge(text: string, options: BridgeGraphOptions = {}): Graph {
  const read = collectorFromAlloy(text, { fileName: options.fileName });
  const diagnostics = read.diagnostics.map(runtimeDiagnostic).filter((d): d is RuntimeDiagnostic => d !== undefined);
  if (!read.config) {
    if (!diagnostics.some((d) => d.severity === "error")) diagnostics.push({ severity: "error", code: RuntimeCode.bridge, message: "bridge dialect: the configuration could not be read" });
    return { source: "alloy", nodes: new Map(), diagnostics };
  }
  let yaml: string;
  try {
    yaml = printCollectorYaml(read.config);
  } catch (e) {
    diagnostics.push({ severity: "error", code: RuntimeCode.bridge, message: `bridge dialect: ${(e as Error).message}` });
    return { source: "alloy", nodes: new Map(), diagnostics };
  }
  const collector = graphFromCollectorYaml(yaml, { env: options.env });
  const graph = renameNodes(collector, read.config, blockIdentities(text, options.fileName, read.config));
  graph.diagnostics.unshift(...diagnostics);
  return graph;
}

/**
 * Block identity (`otel.exporter.otlphttp.backend_eu`) of each collector component, `kind:id` → identity.
 * Components are matched to their blocks by source position (collectorFromAlloy records where each block starts),
 * so the label rules of docs/dialects.md "Names" (`__id`, sanitised labels) are not restated here.
 */
function blockIdentities(text: string, fileName: string | undefined, config: CollectorConfig): Map<string, string> {
  const parsed = parse(text, { name: fileName });
  const at = new Map<string, string>();
  for (const s of parsed.file.body) {
    if (s.kind !== "Block" || s.label === undefined) continue;
    const p = parsed.source.position(s.start);
    at.set(`${p.line}:${p.column}`, `${s.name}.${s.label}`);
  }
  const out = new Map<string, string>();
  for (const c of config.components) {
    const identity = c.position ? at.get(`${c.position.line}:${c.position.column}`) : undefined;
    out.set(`${c.kind}:${c.id}`, identity ?? `${c.kind}:${c.id}`);
  }
  return out;
}

const groupOf = (pipeline: string) => (pipeline.includes("/") ? pipeline.slice(pipeline.indexOf("/") + 1) : "");

/**
 * Rewrites the collector graph's node IDs (`exporter:otlp`, `traces/processor:batch`) to block identities
 * (`otel.exporter.otlp.default`, `otel.pipeline.traces/otel.processor.batch.default`), and node names to the label
 * the `otelcol.*` conversion gives the component in the first pipeline group that uses it (spec
 * otelcol-conversion.md §4): verifyGraphs pairs exporters by that label, whichever Alloy dialect the file is in.
 */
function renameNodes(graph: Graph, config: CollectorConfig, identities: Map<string, string>): Graph {
  const firstPipeline = (kind: ComponentKind, id: string): string => {
    const lists = kind === "receiver" ? ["receivers"] : kind === "exporter" ? ["exporters"] : kind === "processor" ? ["processors"] : ["exporters", "receivers"];
    return config.pipelines.find((p) => lists.some((l) => (p[l as "receivers" | "processors" | "exporters"] as string[]).includes(id)))?.id ?? "";
  };
  const newIds = new Map<string, string>();
  const names = new Map<string, string>();
  for (const n of graph.nodes.values()) {
    const sep = n.id.indexOf(":");
    const prefix = n.id.slice(0, sep);
    if (n.kind === "processor") {
      const pipeline = prefix.slice(0, prefix.length - "/processor".length);
      newIds.set(n.id, `otel.pipeline.${pipeline}/${identities.get(`processor:${n.name}`) ?? n.id}`);
      names.set(n.id, alloyLabel(groupOf(pipeline), n.name));
    } else {
      newIds.set(n.id, identities.get(`${n.kind}:${n.name}`) ?? n.id);
      names.set(n.id, alloyLabel(groupOf(firstPipeline(n.kind, n.name)), n.name));
    }
  }
  const rename = (id: string) => newIds.get(id) ?? id;
  const nodes = new Map<string, GraphNode>();
  for (const n of graph.nodes.values()) {
    const node: GraphNode = {
      ...n,
      id: rename(n.id),
      name: names.get(n.id) ?? n.name,
      outputs: { traces: n.outputs.traces.map(rename), metrics: n.outputs.metrics.map(rename), logs: n.outputs.logs.map(rename) },
    };
    if (n.pipelineTargets) node.pipelineTargets = Object.fromEntries(Object.entries(n.pipelineTargets).map(([p, ids]) => [p, ids.map(rename)]));
    nodes.set(node.id, node);
  }
  return { source: "alloy", nodes, diagnostics: graph.diagnostics };
}
