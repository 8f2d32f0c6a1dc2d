/** Connectors: forward, routing, count and spanmetrics. */
import { anyValueAsString, getAttr, stableKey } from "../pdata/attributes.js";
import { metricPoints, type KeyValue, type Metric, type Resource, type ResourceMetrics, type Telemetry } from "../pdata/types.js";
import { compileCondition, type CompiledCondition, type OttlContextName, type OttlCtx } from "../ottl/eval.js";
import { globToRegExp } from "../ottl/values.js";
import { asArray, asRecord, asStrings, durationMs, emitDetached, type ComponentFactory } from "./api.js";
import { mergeTelemetry } from "./processors-flow.js";

export const forwardConnector: ComponentFactory = {
  kind: "connector",
  type: "forward",
  signals: ["traces", "metrics", "logs"],
  create: (_c, ctx) => ({ consume: (t) => ctx.emit(t) }),
};

/**
 * routing connector: each resource goes to the pipelines of the first matching route (`match_once` semantics of
 * current versions), or to `default_pipelines`. Conditions and `route()` statements are OTTL in resource context.
 */
export const routingConnector: ComponentFactory = {
  kind: "connector",
  type: "routing",
  signals: ["traces", "metrics", "logs"],
  create(config, ctx) {
    const routes: { cond: CompiledCondition; pipelines: string[] }[] = [];
    for (const raw of asArray(config.table)) {
      const r = asRecord(raw);
      let src = typeof r.condition === "string" ? r.condition : undefined;
      if (src === undefined && typeof r.statement === "string") {
        const m = /^route\(\)\s+where\s+(.*)$/s.exec(r.statement.trim());
        if (!m) return { unsupported: `routing statement ${r.statement}` };
        src = m[1];
      }
      if (r.context !== undefined && r.context !== "resource") return { unsupported: `routing context ${String(r.context)}` };
      const c = compileCondition("resource", src ?? "false");
      if ("error" in c) return { unsupported: c.error };
      routes.push({ cond: c, pipelines: asStrings(r.pipelines) });
    }
    const defaults = asStrings(config.default_pipelines);
    return {
      consume(t) {
        const byPipeline = new Map<string, Telemetry[]>();
        const send = (pipes: string[], piece: Telemetry) => {
          for (const p of pipes) byPipeline.set(p, [...(byPipeline.get(p) ?? []), structuredClone(piece)]);
        };
        const split = splitByResource(t);
        for (const { resource, piece } of split) {
          const hit = routes.find((r) => r.cond({ resource }));
          send(hit ? hit.pipelines : defaults, piece);
        }
        for (const [p, items] of byPipeline) {
          const m = mergeTelemetry(items);
          if (m) ctx.emitToPipeline(p, m);
        }
      },
    };
  },
};

function splitByResource(t: Telemetry): { resource: Resource; piece: Telemetry }[] {
  if (t.signal === "traces") return t.data.resourceSpans.map((r) => ({ resource: r.resource, piece: { signal: "traces", data: { resourceSpans: [r] } } }));
  if (t.signal === "metrics")
    return t.data.resourceMetrics.map((r) => ({ resource: r.resource, piece: { signal: "metrics", data: { resourceMetrics: [r] } } }));
  return t.data.resourceLogs.map((r) => ({ resource: r.resource, piece: { signal: "logs", data: { resourceLogs: [r] } } }));
}

interface CountMetric {
  name: string;
  description: string;
  conditions: CompiledCondition[];
  attributes: { key: string; dflt?: unknown }[];
}

const COUNT_DEFAULTS: Record<string, [string, string]> = {
  spans: ["trace.span.count", "The number of spans observed."],
  spanevents: ["trace.span.event.count", "The number of span events observed."],
  metrics: ["metric.count", "The number of metrics observed."],
  datapoints: ["metric.datapoint.count", "The number of data points observed."],
  logs: ["log.record.count", "The number of log records observed."],
};
const COUNT_CONTEXT: Record<string, OttlContextName> = { spans: "span", spanevents: "spanevent", metrics: "metric", datapoints: "datapoint", logs: "log" };

/** count connector: emits delta sums counting spans, span events, metrics, data points and log records per resource. */
export const countConnector: ComponentFactory = {
  kind: "connector",
  type: "count",
  signals: ["traces", "metrics", "logs"],
  create(config, ctx) {
    const defs: Record<string, CountMetric[]> = {};
    for (const kind of Object.keys(COUNT_DEFAULTS)) {
      const entries = Object.entries(asRecord(config[kind]));
      if (entries.length === 0) entries.push([COUNT_DEFAULTS[kind]![0], { description: COUNT_DEFAULTS[kind]![1] }]);
      defs[kind] = [];
      for (const [name, raw] of entries) {
        const r = asRecord(raw);
        const conditions: CompiledCondition[] = [];
        for (const src of asStrings(r.conditions)) {
          const c = compileCondition(COUNT_CONTEXT[kind]!, src);
          if ("error" in c) return { unsupported: c.error };
          conditions.push(c);
        }
        const attributes = asArray(r.attributes).map((a) => ({ key: String(asRecord(a).key), dflt: asRecord(a).default_value }));
        defs[kind].push({ name, description: String(r.description ?? ""), conditions, attributes });
      }
    }
    return {
      consume(t) {
        const out: ResourceMetrics[] = [];
        const now = ctx.now().toString();
        const perResource = (resource: Resource, visit: (count: (kind: string, c: OttlCtx, attrs: KeyValue[]) => void) => void) => {
          const counts = new Map<string, { def: CountMetric; groups: Map<string, { attrs: KeyValue[]; n: number }> }>();
          visit((kind, c, attrs) => {
            for (const def of defs[kind]!) {
              if (def.conditions.length && !def.conditions.some((f) => f(c))) continue;
              const key: KeyValue[] = [];
              let ok = true;
              for (const a of def.attributes) {
                const v = getAttr(attrs, a.key) ?? getAttr(c.scope?.attributes ?? [], a.key) ?? getAttr(resource.attributes, a.key);
                if (v) key.push({ key: a.key, value: structuredClone(v) });
                else if (a.dflt !== undefined && a.dflt !== null) key.push({ key: a.key, value: { stringValue: String(a.dflt) } });
                else ok = false;
              }
              if (!ok) continue;
              let m = counts.get(def.name);
              if (!m) counts.set(def.name, (m = { def, groups: new Map() }));
              const gk = stableKey(key);
              const g = m.groups.get(gk) ?? { attrs: key, n: 0 };
              g.n++;
              m.groups.set(gk, g);
            }
          });
          if (counts.size === 0) return;
          const metrics: Metric[] = [...counts.values()].map(({ def, groups }) => ({
            name: def.name,
            description: def.description,
            unit: "1",
            sum: {
              aggregationTemporality: 1,
              isMonotonic: true,
              dataPoints: [...groups.values()].map((g) => ({ attributes: g.attrs, timeUnixNano: now, startTimeUnixNano: now, asInt: String(g.n) })),
            },
          }));
          out.push({ resource: structuredClone(resource), scopeMetrics: [{ scope: { name: "github.com/open-telemetry/opentelemetry-collector-contrib/connector/countconnector" }, metrics }] });
        };
        if (t.signal === "traces")
          for (const rs of t.data.resourceSpans)
            perResource(rs.resource, (count) => {
              for (const ss of rs.scopeSpans)
                for (const span of ss.spans) {
                  count("spans", { resource: rs.resource, scope: ss.scope, span }, span.attributes);
                  for (const event of span.events ?? []) count("spanevents", { resource: rs.resource, scope: ss.scope, span, event }, event.attributes);
                }
            });
        else if (t.signal === "metrics")
          for (const rm of t.data.resourceMetrics)
            perResource(rm.resource, (count) => {
              for (const sm of rm.scopeMetrics)
                for (const metric of sm.metrics) {
                  count("metrics", { resource: rm.resource, scope: sm.scope, metric }, []);
                  for (const dp of metricPoints(metric)) count("datapoints", { resource: rm.resource, scope: sm.scope, metric, dp: dp as never }, dp.attributes);
                }
            });
        else
          for (const rl of t.data.resourceLogs)
            perResource(rl.resource, (count) => {
              for (const sl of rl.scopeLogs) for (const log of sl.logRecords) count("logs", { resource: rl.resource, scope: sl.scope, log }, log.attributes);
            });
        if (out.length) ctx.emit({ signal: "metrics", data: { resourceMetrics: out } });
      },
    };
  },
};

const DEFAULT_BUCKETS_MS = [2, 4, 6, 8, 10, 50, 100, 200, 400, 800, 1000, 1400, 2000, 5000, 10000, 15000];
const SPAN_KIND_NAMES = ["SPAN_KIND_UNSPECIFIED", "SPAN_KIND_INTERNAL", "SPAN_KIND_SERVER", "SPAN_KIND_CLIENT", "SPAN_KIND_PRODUCER", "SPAN_KIND_CONSUMER"];
const STATUS_NAMES = ["STATUS_CODE_UNSET", "STATUS_CODE_OK", "STATUS_CODE_ERROR"];

/**
 * spanmetrics connector: `calls` (sum) and `duration` (explicit histogram, ms) per resource and dimension set,
 * cumulative, flushed every `metrics_flush_interval` when live and on shutdown.
 */
export const spanMetricsConnector: ComponentFactory = {
  kind: "connector",
  type: "spanmetrics",
  signals: ["traces"],
  create(config, ctx) {
    const hist = asRecord(config.histogram);
    if (hist.exponential !== undefined && hist.exponential !== null) return { unsupported: "exponential histograms" };
    if (hist.disable === true) return { unsupported: "histogram.disable" };
    if (asRecord(config.events).enabled === true) return { unsupported: "events" };
    if (asRecord(config.exemplars).enabled === true) return { unsupported: "exemplars" };
    const temporality = String(config.aggregation_temporality ?? "AGGREGATION_TEMPORALITY_CUMULATIVE");
    if (!/CUMULATIVE$/.test(temporality)) return { unsupported: `aggregation_temporality ${temporality}` };
    const explicit = asRecord(hist.explicit);
    const bounds = explicit.buckets === undefined ? DEFAULT_BUCKETS_MS : asArray(explicit.buckets).map((b) => durationMs(b, 0));
    const unit = String(hist.unit ?? "ms");
    if (unit !== "ms" && unit !== "s") return { unsupported: `histogram unit ${unit}` };
    const scale = unit === "s" ? 1000 : 1;
    const ns = config.namespace === undefined ? "traces.span.metrics" : String(config.namespace);
    const prefix = ns === "" ? "" : `${ns}.`;
    const excluded = new Set(asStrings(config.exclude_dimensions));
    const dims = asArray(config.dimensions).map((d) => {
      const r = asRecord(d);
      return { name: r.name === undefined ? undefined : String(r.name), dflt: r.default, glob: r.glob === undefined ? undefined : globToRegExp(String(r.glob)) };
    });
    type Series = { resource: Resource; attrs: KeyValue[]; calls: number; counts: number[]; sum: number };
    const series = new Map<string, Series>();
    const start = ctx.now().toString();
    const flush = () => {
      if (series.size === 0) return;
      const now = ctx.now().toString();
      const byResource = new Map<string, { resource: Resource; list: Series[] }>();
      for (const s of series.values()) {
        const rk = stableKey(s.resource.attributes);
        const g = byResource.get(rk) ?? { resource: s.resource, list: [] };
        g.list.push(s);
        byResource.set(rk, g);
      }
      const out: ResourceMetrics[] = [...byResource.values()].map(({ resource, list }) => ({
        resource: structuredClone(resource),
        scopeMetrics: [
          {
            scope: { name: "spanmetricsconnector" },
            metrics: [
              {
                name: `${prefix}calls`,
                sum: {
                  aggregationTemporality: 2,
                  isMonotonic: true,
                  dataPoints: list.map((s) => ({ attributes: structuredClone(s.attrs), startTimeUnixNano: start, timeUnixNano: now, asInt: String(s.calls) })),
                },
              },
              {
                name: `${prefix}duration`,
                unit,
                histogram: {
                  aggregationTemporality: 2,
                  dataPoints: list.map((s) => ({
                    attributes: structuredClone(s.attrs),
                    startTimeUnixNano: start,
                    timeUnixNano: now,
                    count: String(s.calls),
                    sum: s.sum,
                    bucketCounts: s.counts.map(String),
                    explicitBounds: bounds.map((b) => b / scale),
                  })),
                },
              },
            ],
          },
        ],
      }));
      emitDetached(ctx, { signal: "metrics", data: { resourceMetrics: out } }, out.length);
    };
    if (ctx.live) {
      const iv = setInterval(flush, durationMs(config.metrics_flush_interval, 60000));
      iv.unref?.();
    }
    return {
      consume(t) {
        if (t.signal !== "traces") return;
        for (const rs of t.data.resourceSpans)
          for (const ss of rs.scopeSpans)
            for (const span of ss.spans) {
              const attrs: KeyValue[] = [];
              const add = (key: string, value: KeyValue["value"]) => {
                if (!excluded.has(key) && !attrs.some((a) => a.key === key)) attrs.push({ key, value });
              };
              add("service.name", { stringValue: anyValueAsString(getAttr(rs.resource.attributes, "service.name")) });
              add("span.name", { stringValue: span.name });
              add("span.kind", { stringValue: SPAN_KIND_NAMES[span.kind ?? 0] ?? "SPAN_KIND_UNSPECIFIED" });
              add("status.code", { stringValue: STATUS_NAMES[span.status?.code ?? 0] ?? "STATUS_CODE_UNSET" });
              for (const d of dims) {
                if (d.glob) {
                  for (const kv of [...span.attributes, ...rs.resource.attributes]) if (d.glob.test(kv.key)) add(kv.key, structuredClone(kv.value));
                  continue;
                }
                const v = getAttr(span.attributes, d.name!) ?? getAttr(rs.resource.attributes, d.name!);
                if (v) add(d.name!, structuredClone(v));
                else if (d.dflt !== undefined && d.dflt !== null) add(d.name!, { stringValue: String(d.dflt) });
              }
              const key = stableKey([rs.resource.attributes, attrs]);
              let s = series.get(key);
              if (!s) series.set(key, (s = { resource: rs.resource, attrs, calls: 0, counts: new Array(bounds.length + 1).fill(0), sum: 0 }));
              const ms = Number(BigInt(span.endTimeUnixNano) - BigInt(span.startTimeUnixNano)) / 1e6;
              s.calls++;
              s.sum += ms / scale;
              let i = bounds.findIndex((b) => ms <= b);
              if (i < 0) i = bounds.length;
              s.counts[i]!++;
            }
      },
      shutdown: flush,
    };
  },
};

