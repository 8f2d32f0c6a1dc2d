/**
 * Streams for the temporality processors: a data point's identity is its resource, scope, metric (name, unit, type,
 * monotonicity) and point attributes; `include`/`exclude` select metrics by name (`strict` or `regexp`).
 */
import { stableKey } from "../pdata/attributes.js";
import { goRegExp } from "../ottl/values.js";
import type { Metric, MetricsData, Resource, Scope } from "../pdata/types.js";
import { metricType } from "../pdata/types.js";
import { asRecord, asStrings } from "./api.js";

/** The stream key of one data point. */
export function streamKey(resource: Resource, scope: Scope | undefined, metric: Metric, attributes: unknown): string {
  return stableKey([resource.attributes, scope?.name ?? "", scope?.version ?? "", metric.name, metric.unit ?? "", metricType(metric), metric.sum?.isMonotonic ?? false, attributes]);
}

/** Compiles `include`/`exclude` into a metric-name predicate, or explains what is not modelled. */
export function metricSelector(config: Record<string, unknown>): ((m: Metric) => boolean) | { unsupported: string } {
  const compile = (raw: unknown): ((m: Metric) => boolean) | undefined | { unsupported: string } => {
    if (raw === undefined || raw === null) return undefined;
    const r = asRecord(raw);
    const names = asStrings(r.metrics);
    const types = asStrings(r.metric_types).map((t) => t.toLowerCase());
    const matchType = String(r.match_type ?? (names.length ? "strict" : "strict"));
    if (matchType !== "strict" && matchType !== "regexp") return { unsupported: `match_type ${matchType}` };
    const res = matchType === "regexp" ? names.map((n) => goRegExp(n)) : [];
    return (m) =>
      (names.length === 0 || (matchType === "strict" ? names.includes(m.name) : res.some((re) => re.test(m.name)))) &&
      (types.length === 0 || types.includes(metricType(m).toLowerCase()));
  };
  const include = compile(config.include);
  const exclude = compile(config.exclude);
  if (include && "unsupported" in include) return include;
  if (exclude && "unsupported" in exclude) return exclude;
  return (m) => (include ? include(m) : true) && !(exclude ? exclude(m) : false);
}

/** Calls `f` for every metric of a payload with its resource and scope. */
export function forEachMetric(data: MetricsData, f: (m: Metric, resource: Resource, scope: Scope | undefined) => void): void {
  for (const rm of data.resourceMetrics) for (const sm of rm.scopeMetrics) for (const m of sm.metrics) f(m, rm.resource, sm.scope);
}
