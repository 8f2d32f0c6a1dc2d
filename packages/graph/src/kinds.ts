/**
 * Which kind of node an Alloy block is, and which way data flows through a reference to one of its exports.
 * Tables, first match wins, so that a new component family is one row.
 */
import type { NodeKind, Signal } from "./model.js";

/** Block-name patterns, most specific first. `*` matches one or more name fragments. */
const KIND_TABLE: ReadonlyArray<readonly [RegExp, NodeKind]> = [
  [/^otelcol\.receiver\./, "receiver"],
  [/^otelcol\.processor\./, "processor"],
  [/^otelcol\.exporter\./, "exporter"],
  [/^otelcol\.connector\./, "connector"],
  [/^otelcol\.(extension|auth|storage)\./, "extension"],
  [/^otel\.receiver\./, "receiver"],
  [/^otel\.processor\./, "processor"],
  [/^otel\.exporter\./, "exporter"],
  [/^otel\.connector\./, "connector"],
  [/^otel\.extension\./, "extension"],
  [/^discovery\.relabel$/, "processor"],
  [/^discovery\./, "discovery"],
  [/^(prometheus|loki|pyroscope)\.(remote_write|write)$/, "write"],
  [/^(prometheus|loki|pyroscope)\.(relabel|process|enrich|secretfilter|echo)$/, "processor"],
  [/^(prometheus\.(scrape|exporter\..+|receive_http|operator\..+)|loki\.source\..+|pyroscope\.(scrape|ebpf|java|receive_http)|beyla\.ebpf|faro\.receiver|database_observability\..+)$/, "source"],
  [/^(local|remote|mimir|loki\.rules)\./, "value"],
  [/^(logging|tracing|http|livedebugging|remotecfg|cluster|labelstore|otel)$/, "config"],
  [/^declare$/, "module"],
  [/^import\./, "import"],
  [/^argument$/, "argument"],
  [/^export$/, "export"],
  [/^foreach$/, "module"],
];

/** The kind of a block by its name; a name no family claims is an instance of a custom (declared or imported) component. */
export function kindOfBlock(name: string): NodeKind {
  for (const [rx, kind] of KIND_TABLE) if (rx.test(name)) return kind;
  return "custom";
}

/**
 * Exports that are a consumer handle (a capsule the referencing component sends data into), so data flows from
 * the referencing component to the referenced one. `input` is otelcol's `otelcol.Consumer` (its signal comes from
 * the `output` attribute it is written in); the others carry one signal each. The table is checked against the
 * `x-alloy-capsule` annotations of schemas/ by a test.
 */
const CONSUMER_EXPORTS: ReadonlyArray<readonly [field: string, component: RegExp, signal: Signal | undefined]> = [
  ["input", /^otel(col)?\./, undefined],
  ["logs_receiver", /./, "logs"],
  ["receiver", /^(loki\.|otelcol\.receiver\.loki$)/, "logs"],
  ["receiver", /^(prometheus\.|otelcol\.receiver\.prometheus$)/, "metrics"],
  ["receiver", /^pyroscope\./, "profiles"],
];

/** Whether `component.field` is a consumer handle, and the signal it takes when it takes one only. */
export function consumerExport(component: string, field: string): { signal: Signal | undefined } | undefined {
  for (const [f, rx, signal] of CONSUMER_EXPORTS) if (f === field && rx.test(component)) return { signal };
  return undefined;
}

/** The signal of data leaving a component by its family, where the family carries one signal. */
export function familySignal(component: string): Signal | undefined {
  if (/^(prometheus|otelcol\.receiver\.prometheus$)/.test(component)) return "metrics";
  if (/^(loki|faro)\./.test(component)) return "logs";
  if (/^(pyroscope)\./.test(component)) return "profiles";
  return undefined;
}

/** Names of `output` block attributes of otelcol components: the signal each sends. */
export const OUTPUT_SIGNALS: Readonly<Record<string, Signal>> = { traces: "traces", metrics: "metrics", logs: "logs" };
