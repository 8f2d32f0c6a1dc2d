/**
 * The pipeline graph as plain JSON data: what `graphOfAlloy` and `graphOfCollector` build, what `layoutGraph`
 * places and every renderer draws. Plain data so that the language server can send it, the playground can keep
 * it, and tests can compare it.
 */

import type { Diagnostic } from "@alloy-ts/grammar";

export type Signal = "traces" | "metrics" | "logs" | "profiles";
export const SIGNALS: readonly Signal[] = ["traces", "metrics", "logs", "profiles"];

/**
 * What a node is, for its shape and colour. Collector sections map onto the first five; Alloy components onto
 * all of them by their name (see kinds.ts).
 */
export type NodeKind =
  | "receiver"
  | "processor"
  | "exporter"
  | "connector"
  | "extension"
  | "source"
  | "discovery"
  | "write"
  | "value"
  | "config"
  | "module"
  | "import"
  | "argument"
  | "export"
  | "custom";

export type Mark =
  /** A collector component the collector does not start (in no pipeline, or an extension not in `service.extensions`). */
  | "unused"
  /** An `otel.*` block of the bridge dialect (a collector component carried as written). */
  | "bridge"
  /** A collector component that has no Alloy counterpart after conversion (`--compare`). */
  | "not-carried"
  /** A pipeline names a component that no section defines. */
  | "undefined";

export interface NodeDiagnostics {
  readonly severity: "error" | "warning" | "info";
  readonly count: number;
  /** The first few messages, for the tooltip and the details panel. */
  readonly messages: readonly string[];
}

export interface Setting {
  readonly name: string;
  /** A short, single-line rendering of the value; secrets are masked. */
  readonly value: string;
}

export interface GraphNode {
  /** Unique within the graph: Alloy `prometheus.scrape.default` (`declare.NAME/…` inside a module); collector `receiver/otlp@traces`. */
  readonly id: string;
  readonly kind: NodeKind;
  /** The component type: `prometheus.scrape`, or the collector's `otlp`. */
  readonly component: string;
  /** The block label or the collector component name (`otlp/2` → `2`), when there is one. */
  readonly label?: string;
  /** What the node shows as its title: `prometheus.scrape "default"`, or `otlp/2`. */
  readonly title: string;
  /** 1-based line and column where the component is written, and the last line of its body. */
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly settings: readonly Setting[];
  readonly diagnostics?: NodeDiagnostics;
  /** The id of the container (a `declare`, a `foreach`, a signal lane) the node is drawn inside. */
  readonly parent?: string;
  /** Collector graphs: the signal lane; connectors sit between two lanes and have none. */
  readonly lane?: Signal;
  /** Collector graphs: the pipeline a per-pipeline instance (a processor) belongs to. */
  readonly pipeline?: string;
  readonly marks?: readonly Mark[];
}

export interface GraphContainer {
  readonly id: string;
  readonly kind: "module" | "foreach" | "lane";
  readonly title: string;
  readonly line: number;
  readonly column: number;
  readonly parent?: string;
}

export interface GraphEdge {
  readonly id: string;
  /** Data flows from `from` to `to`. */
  readonly from: string;
  readonly to: string;
  readonly signal?: Signal;
  /** What made the edge: the Alloy reference (`prometheus.remote_write.default.receiver`) or the pipeline (`traces/2`). */
  readonly via: string;
  /** Where the reference or pipeline list entry is written. */
  readonly line: number;
  readonly column: number;
}

export interface PipelineGraph {
  readonly format: "alloy" | "otelcol";
  readonly file: string;
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
  readonly containers: readonly GraphContainer[];
  /** Problems that stopped part of the graph from being read (a syntax error, a YAML error), as `file:line:col: message`. */
  readonly problems: readonly GraphProblem[];
}

export interface GraphProblem {
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

/**
 * A diagnostic handed in by the caller (the validator's, the converter's) to badge the node it falls in: the one
 * model's severity and message, placed by its 1-based line (and column).
 */
export type InputDiagnostic = Pick<Diagnostic, "severity" | "message"> & { readonly line: number; readonly column?: number };

export interface GraphOptions {
  readonly diagnostics?: readonly InputDiagnostic[];
  /**
   * Collector graphs: whether the converter carries a component of this kind and type to Alloy. A started
   * component it does not carry is marked `not-carried`. Left out, nothing is marked (the graph package does not
   * know the converter).
   */
  readonly carried?: (kind: "receiver" | "processor" | "exporter" | "connector", type: string) => boolean;
}
