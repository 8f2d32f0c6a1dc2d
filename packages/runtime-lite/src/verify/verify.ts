/**
 * Equivalence checking: runs the collector graph and the Alloy graph on the same telemetry and compares, per
 * collector exporter, what it received with what the corresponding Alloy exporters received (spec
 * otelcol-conversion.md §4 gives the label each exporter gets in each pipeline group).
 */
import { sanitizeIdentifier } from "@alloy-ts/grammar";
import type { Tap } from "../tap.js";
import { Engine } from "../engine.js";
import { upstreamOf } from "../engine.js";
import type { Graph, RuntimeDiagnostic } from "../graph/types.js";
import { flatten } from "../pdata/canonical.js";
import { generateTelemetry } from "../pdata/generate.js";
import { SIGNALS, type Telemetry, type TelemetrySet } from "../pdata/types.js";
import type { RuntimeEnvironment } from "../components/api.js";

export type Verdict = "equivalent" | "different" | "unverified";

export interface ExporterReport {
  /** Collector exporter ID (`otlp`, `otlphttp/backend`), or the Alloy node ID for an exporter with no collector counterpart. */
  exporter: string;
  /** The Alloy exporters compared with it. */
  alloy: string[];
  verdict: Verdict;
  /** Items received on each side. */
  expectedItems: number;
  actualItems: number;
  /** For `different`: the first item only the collector side has, and the first only the Alloy side has. */
  onlyInCollector?: string;
  onlyInAlloy?: string;
  /** For `unverified`: the components without semantics on the path. */
  reasons?: string[];
}

export interface VerifyReport {
  /** True when every verifiable exporter is equivalent and both graphs were built without errors. */
  ok: boolean;
  exporters: ExporterReport[];
  diagnostics: RuntimeDiagnostic[];
}

/** Alloy label of a collector component in a pipeline group (spec otelcol-conversion.md §4). */
export function alloyLabel(group: string, componentId: string): string {
  const slash = componentId.indexOf("/");
  const name = slash < 0 ? "" : componentId.slice(slash + 1);
  const raw = group === "" && name === "" ? "default" : `${group || "default"}_${name || "default"}`;
  const label = sanitizeIdentifier(raw);
  return label.ok ? label.value : raw; // `raw` is never empty
}

/**
 * Collector exporter types whose Alloy conversion is a component of another type (docs/native-mappings.md:
 * `prometheusremotewrite` becomes `otelcol.exporter.prometheus` feeding `prometheus.remote_write`).
 */
const ALLOY_EXPORTER_TYPES: Record<string, string[]> = { prometheusremotewrite: ["prometheus"] };

/** Alloy spells some types without the collector's underscores (`splunkhec` for `splunk_hec`). */
const sameType = (alloy: string, collector: string) =>
  alloy.replace(/_/g, "") === collector.replace(/_/g, "") || (ALLOY_EXPORTER_TYPES[collector] ?? []).includes(alloy);

function feed(engine: Engine, input: TelemetrySet): void {
  for (const r of engine.receivers())
    for (const s of SIGNALS)
      for (const data of input[s]) engine.receive(r.id, structuredClone({ signal: s, data }) as Telemetry);
}

function countItems(lines: string[]): number {
  return lines.length;
}

/** Multiset difference: first line of `a` not matched in `b`. */
function firstOnly(a: string[], b: string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const x of b) counts.set(x, (counts.get(x) ?? 0) + 1);
  for (const x of a) {
    const n = counts.get(x) ?? 0;
    if (n === 0) return x;
    counts.set(x, n - 1);
  }
  return undefined;
}

/** Runs both graphs on `input` (default: the built-in generated set) in the same environment and compares exporters. */
export async function verifyGraphs(
  collector: Graph,
  alloy: Graph,
  input: TelemetrySet = generateTelemetry(),
  environment: RuntimeEnvironment = {},
  /** Records what each component of each side took in and emitted (`alloy verify --show`). */
  taps: { collector?: Tap; alloy?: Tap } = {},
): Promise<VerifyReport> {
  const diagnostics = [...collector.diagnostics.map((d) => ({ ...d, message: `collector: ${d.message}` })), ...alloy.diagnostics.map((d) => ({ ...d, message: `alloy: ${d.message}` }))];
  const a = new Engine(collector, { capture: true, environment, tap: taps.collector });
  const b = new Engine(alloy, { capture: true, environment, tap: taps.alloy });
  feed(a, input);
  feed(b, input);
  await a.shutdown();
  await b.shutdown();
  diagnostics.push(...a.diagnostics, ...b.diagnostics);

  const groupOf = (pipeline: string) => (pipeline.includes("/") ? pipeline.slice(pipeline.indexOf("/") + 1) : "");

  const reports: ExporterReport[] = [];
  const matchedAlloy = new Set<string>();
  const unverifiedReasons = (g: Graph, e: Engine, id: string) => [...upstreamOf(g, id)].filter((n) => e.unverified.has(n)).map((n) => e.unverified.get(n)!);
  for (const node of collector.nodes.values()) {
    if (node.kind !== "exporter") continue;
    const groups = new Set((node.pipelines ?? []).map(groupOf));
    const labels = new Set([...groups].map((g) => alloyLabel(g, node.name)));
    const partners = [...alloy.nodes.values()].filter((n) => n.kind === "exporter" && sameType(n.type, node.type) && labels.has(n.name)).map((n) => n.id);
    partners.forEach((p) => matchedAlloy.add(p));
    const expected = flatten(a.captured(node.id));
    const actual = flatten(partners.flatMap((p) => b.captured(p)));
    const reasons = [...unverifiedReasons(collector, a, node.id), ...partners.flatMap((p) => unverifiedReasons(alloy, b, p))];
    const report: ExporterReport = { exporter: node.name, alloy: partners, verdict: "equivalent", expectedItems: countItems(expected), actualItems: countItems(actual) };
    const onlyA = firstOnly(expected, actual);
    const onlyB = firstOnly(actual, expected);
    if (partners.length === 0) {
      report.verdict = "different";
      report.onlyInCollector = onlyA ?? "(no Alloy exporter corresponds to this exporter)";
    } else if (reasons.length) {
      report.verdict = "unverified";
      report.reasons = [...new Set(reasons)];
    } else if (onlyA !== undefined || onlyB !== undefined) {
      report.verdict = "different";
      report.onlyInCollector = onlyA;
      report.onlyInAlloy = onlyB;
    }
    reports.push(report);
  }
  for (const n of alloy.nodes.values()) {
    if (n.kind !== "exporter" || matchedAlloy.has(n.id)) continue;
    const actual = flatten(b.captured(n.id));
    reports.push({ exporter: n.id, alloy: [n.id], verdict: "different", expectedItems: 0, actualItems: actual.length, onlyInAlloy: actual[0] ?? "(exporter has no collector counterpart)" });
  }
  const errors = diagnostics.some((d) => d.severity === "error");
  return { ok: !errors && reports.every((r) => r.verdict !== "different"), exporters: reports, diagnostics };
}

