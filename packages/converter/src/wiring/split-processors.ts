/**
 * Per-signal processors where one shared block would close a cycle (default mode only).
 *
 * Upstream emits one Alloy block per processor and pipeline group, fed by every pipeline of the group that lists
 * it (otelcol-conversion.md §5-§6). The collector instead runs one processor instance per pipeline, so the common
 * layout `traces: [batch] → spanmetrics`, `metrics: spanmetrics → [batch]` is fine there but becomes the Alloy cycle
 * `batch → spanmetrics → batch`, which Alloy refuses to load. The plan below names the processors that must be
 * emitted once per signal instead, and the label of each copy. Processors not on a cycle keep their single block,
 * so every other output stays as upstream prints it.
 */
import type { Signal } from "../engine/description.js";
import { findCycleNodes } from "./cycles.js";

/** A processor as emitted in one pipeline group. */
export interface ProcessorUse {
  readonly group: string;
  /** OTel component ID (`batch`, `batch/traces`). */
  readonly id: string;
  /** Alloy component name (`otelcol.processor.batch`): labels only need to be unique within it. */
  readonly alloyName: string;
  /** The label upstream gives the single block (§4). */
  readonly label: string;
  /** Signals of the group's pipelines that list the processor, in `metrics`, `logs`, `traces` order. */
  readonly signals: readonly Signal[];
}

/** Processors emitted per signal, keyed by {@link splitKey}: the label of each signal's copy. */
export type SplitPlan = ReadonlyMap<string, ReadonlyMap<Signal, string>>;

/**
 * The component graph for a plan: node name (`<alloy name>.<label>`) → node names its `output` block references.
 * Processors appear under the labels the plan gives them.
 */
export type WiringGraph = (plan: SplitPlan) => ReadonlyMap<string, readonly string[]>;

/** Key of a processor of a pipeline group in a {@link SplitPlan}. */
export function splitKey(group: string, id: string): string {
  return `${group}\u0000${id}`;
}

/** Node name of a processor's single (unsplit) block. */
const nodeName = (u: ProcessorUse) => `${u.alloyName}.${u.label}`;

/**
 * Splits, round after round, every processor that is used by pipelines of several signals and lies on a cycle of
 * the graph, until no such processor is left. A remaining cycle (one the collector would reject as well) is left
 * to `alloy validate` to report.
 */
export function planProcessorSplits(uses: readonly ProcessorUse[], graph: WiringGraph): SplitPlan {
  const plan = new Map<string, ReadonlyMap<Signal, string>>();
  const taken = new Map<string, Set<string>>();
  for (const u of uses) (taken.get(u.alloyName) ?? taken.set(u.alloyName, new Set()).get(u.alloyName)!).add(u.label);
  for (;;) {
    const onCycle = findCycleNodes(graph(plan));
    const split = uses.filter((u) => u.signals.length > 1 && !plan.has(splitKey(u.group, u.id)) && onCycle.has(nodeName(u)));
    if (split.length === 0) return plan;
    for (const u of split) plan.set(splitKey(u.group, u.id), perSignalLabels(u, taken.get(u.alloyName)!));
  }
}

/**
 * Labels of the per-signal copies: `<label>_<signal>` (`default_traces`, `_2_default_metrics`), or, when another
 * block of the same Alloy component already has that label (e.g. an OTel `batch/traces` in group `""` is
 * `default_traces` too), `<label>_<signal>_2`, `_3`, ... so that no label is ever produced twice.
 */
function perSignalLabels(u: ProcessorUse, taken: Set<string>): Map<Signal, string> {
  const labels = new Map<Signal, string>();
  for (const signal of u.signals) {
    let label = `${u.label}_${signal}`;
    for (let n = 2; taken.has(label); n++) label = `${u.label}_${signal}_${n}`;
    taken.add(label);
    labels.set(signal, label);
  }
  return labels;
}
