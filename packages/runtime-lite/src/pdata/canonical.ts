/**
 * Order-insensitive comparison of what two exporters received: each span, data point or log record is flattened
 * with its resource and scope into one canonical line (keys sorted), and the sorted lines are compared. Batching
 * and regrouping therefore do not count as differences; any change of content, count or placement does.
 */
import { stableKey } from "./attributes.js";
import { metricPoints, type KeyValue, type Telemetry } from "./types.js";

const sortAttrs = (a: KeyValue[] | undefined) => [...(a ?? [])].sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));

function scopeKey(s: { name?: string; version?: string; attributes?: KeyValue[] } | undefined) {
  return { name: s?.name ?? "", version: s?.version ?? "", attributes: sortAttrs(s?.attributes) };
}

/** One canonical line per item. */
export function flatten(payloads: Telemetry[]): string[] {
  const lines: string[] = [];
  for (const t of payloads) {
    if (t.signal === "traces")
      for (const rs of t.data.resourceSpans)
        for (const ss of rs.scopeSpans)
          for (const sp of ss.spans)
            lines.push(
              stableKey({
                signal: "span",
                resource: sortAttrs(rs.resource.attributes),
                scope: scopeKey(ss.scope),
                span: { ...sp, attributes: sortAttrs(sp.attributes), events: (sp.events ?? []).map((e) => ({ ...e, attributes: sortAttrs(e.attributes) })), links: sp.links ?? [], status: { code: sp.status?.code ?? 0, message: sp.status?.message ?? "" } },
              }),
            );
    else if (t.signal === "metrics")
      for (const rm of t.data.resourceMetrics)
        for (const sm of rm.scopeMetrics)
          for (const m of sm.metrics) {
            const { gauge, sum, histogram, exponentialHistogram, summary, ...meta } = m;
            const kind = gauge ? "gauge" : sum ? "sum" : histogram ? "histogram" : exponentialHistogram ? "exponentialHistogram" : "summary";
            const { dataPoints: _dp, ...kindMeta } = (gauge ?? sum ?? histogram ?? exponentialHistogram ?? summary ?? { dataPoints: [] }) as { dataPoints: unknown[] };
            void _dp;
            for (const p of metricPoints(m))
              lines.push(
                stableKey({
                  signal: "datapoint",
                  resource: sortAttrs(rm.resource.attributes),
                  scope: scopeKey(sm.scope),
                  metric: { name: meta.name, description: meta.description ?? "", unit: meta.unit ?? "", kind, ...kindMeta },
                  point: { ...p, attributes: sortAttrs(p.attributes) },
                }),
              );
          }
    else
      for (const rl of t.data.resourceLogs)
        for (const sl of rl.scopeLogs)
          for (const lr of sl.logRecords)
            lines.push(stableKey({ signal: "log", resource: sortAttrs(rl.resource.attributes), scope: scopeKey(sl.scope), log: { ...lr, attributes: sortAttrs(lr.attributes) } }));
  }
  return lines.sort();
}

export interface Difference {
  /** Line only in the first (expected) side, if any. */
  expected?: string;
  /** Line only in the second (actual) side, if any. */
  actual?: string;
  expectedCount: number;
  actualCount: number;
}

/** The first difference between two multisets of canonical lines, or undefined when equal. */
export function firstDifference(expected: string[], actual: string[]): Difference | undefined {
  let i = 0;
  let j = 0;
  while (i < expected.length || j < actual.length) {
    const a = expected[i];
    const b = actual[j];
    if (a === b) {
      i++;
      j++;
      continue;
    }
    if (b === undefined || (a !== undefined && a < b)) return { expected: a, expectedCount: expected.length, actualCount: actual.length };
    return { actual: b, expectedCount: expected.length, actualCount: actual.length };
  }
  return undefined;
}
