/** Attribute lists of a payload, by level: the resources, and the items (spans, data points, log records). */
import { metricPoints, type KeyValue, type Telemetry } from "../pdata/types.js";

/** The resource attribute lists of a payload. */
export function resourceAttributeLists(t: Telemetry): KeyValue[][] {
  if (t.signal === "traces") return t.data.resourceSpans.map((r) => (r.resource ??= { attributes: [] }).attributes);
  if (t.signal === "metrics") return t.data.resourceMetrics.map((r) => (r.resource ??= { attributes: [] }).attributes);
  return t.data.resourceLogs.map((r) => (r.resource ??= { attributes: [] }).attributes);
}

/** The attribute lists of every span, metric data point or log record of a payload. */
export function itemAttributeLists(t: Telemetry): KeyValue[][] {
  const out: KeyValue[][] = [];
  if (t.signal === "traces") for (const rs of t.data.resourceSpans) for (const ss of rs.scopeSpans) for (const s of ss.spans) out.push(s.attributes);
  else if (t.signal === "metrics")
    for (const rm of t.data.resourceMetrics) for (const sm of rm.scopeMetrics) for (const m of sm.metrics) for (const p of metricPoints(m)) out.push(p.attributes);
  else for (const rl of t.data.resourceLogs) for (const sl of rl.scopeLogs) for (const l of sl.logRecords) out.push(l.attributes);
  return out;
}
