/**
 * The graph form both configuration languages compile to: component instances with evaluated arguments (in the
 * collector's YAML shape, see components/normalize.ts) and typed edges per signal.
 */
import type { Diagnostic } from "@alloy-ts/grammar";
import { moduleForType, type OtelKind } from "@alloy-ts/otel";
import type { Signal } from "../pdata/types.js";

export type ComponentKind = "receiver" | "processor" | "exporter" | "connector";

/**
 * A problem found while building or running a graph; never thrown. The one diagnostic model, with the component
 * it is about (when there is one) as its `subject`; codes from the runtime's catalogue (codes.ts).
 */
export type RuntimeDiagnostic = Diagnostic & { readonly severity: "error" | "warning" };

export interface GraphNode {
  /** Unique within the graph: `exporter:otlp`, `traces/processor:batch` (YAML) or `otelcol.exporter.otlp.default`. */
  id: string;
  kind: ComponentKind;
  /** Canonical collector type (`otlp`, `otlphttp`, `batch`, `spanmetrics`, ...). */
  type: string;
  /** The collector component ID this node comes from (`attributes/example`), or the Alloy label. */
  name: string;
  /** Arguments in the collector's YAML shape. */
  config: Record<string, unknown>;
  /** Downstream node IDs for each signal this node emits. */
  outputs: Record<Signal, string[]>;
  /** Routing connector only: downstream node IDs per pipeline ID it may route to. */
  pipelineTargets?: Record<string, string[]>;
  /** Collector graphs: the pipelines that list this component. */
  pipelines?: string[];
}

/** An extension (authenticators, storage): not on the data path, referred to by components. */
export interface Extension {
  /** Collector type (`basicauth`, `bearertokenauth`, `headers_setter`, `file_storage`, ...). */
  type: string;
  config: Record<string, unknown>;
  /** Collector YAML: listed in service.extensions (Alloy components are always enabled). */
  enabled: boolean;
}

export interface Graph {
  source: "otelcol" | "alloy";
  nodes: Map<string, GraphNode>;
  diagnostics: RuntimeDiagnostic[];
  /** Extensions by the ID components use for them (`basicauth/client`, `otelcol.auth.basic.creds`). */
  extensions?: Map<string, Extension>;
}

/** An empty output table. */
export function noOutputs(): Record<Signal, string[]> {
  return { traces: [], metrics: [], logs: [] };
}

/**
 * Canonical collector type for a type name: every spelling of a renamed type (`otlp_http`/`otlphttp`,
 * `file_log`/`filelog`, ...) comes from the one type table of `@alloy-ts/otel`; the runtime keys its components by
 * the long-standing spelling (the last one the table lists). The removed `logging` exporter runs as `debug`.
 */
export function canonicalType(kind: ComponentKind, type: string): string {
  if (kind === "exporter" && type === "logging") return "debug";
  const spellings = moduleForType(`${kind}s` as OtelKind, type)?.types;
  return spellings === undefined ? type : spellings[spellings.length - 1]!;
}
