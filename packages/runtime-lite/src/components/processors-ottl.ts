/** The OTTL-driven processors: filter (drop what matches) and transform (run statements per context). */
import { compileCondition, compileStatement, type CompiledCondition, type CompiledStatement, type OttlContextName, type OttlCtx } from "../ottl/eval.js";
import { metricPoints, setMetricPoints, type Telemetry } from "../pdata/types.js";
import { asArray, asRecord, asStrings, type ComponentFactory } from "./api.js";

function conditions(ctx: OttlContextName, list: unknown): CompiledCondition[] | { unsupported: string } {
  const out: CompiledCondition[] = [];
  for (const src of asStrings(list)) {
    const c = compileCondition(ctx, src);
    if ("error" in c) return { unsupported: c.error };
    out.push(c);
  }
  return out;
}

const anyOf = (cs: CompiledCondition[]) => (c: OttlCtx) => cs.some((f) => f(c));

/** Removes empty scopes and resources after items were dropped (upstream does the same). */
export function pruneEmpty(t: Telemetry): boolean {
  if (t.signal === "traces") {
    for (const rs of t.data.resourceSpans) rs.scopeSpans = rs.scopeSpans.filter((s) => s.spans.length > 0);
    t.data.resourceSpans = t.data.resourceSpans.filter((r) => r.scopeSpans.length > 0);
    return t.data.resourceSpans.length > 0;
  }
  if (t.signal === "metrics") {
    for (const rm of t.data.resourceMetrics) {
      for (const sm of rm.scopeMetrics) sm.metrics = sm.metrics.filter((m) => metricPoints(m).length > 0);
      rm.scopeMetrics = rm.scopeMetrics.filter((s) => s.metrics.length > 0);
    }
    t.data.resourceMetrics = t.data.resourceMetrics.filter((r) => r.scopeMetrics.length > 0);
    return t.data.resourceMetrics.length > 0;
  }
  for (const rl of t.data.resourceLogs) rl.scopeLogs = rl.scopeLogs.filter((s) => s.logRecords.length > 0);
  t.data.resourceLogs = t.data.resourceLogs.filter((r) => r.scopeLogs.length > 0);
  return t.data.resourceLogs.length > 0;
}

/** filter processor with OTTL conditions (upstream processor/filterprocessor); the legacy include/exclude form is not modelled. */
export const filterProcessor: ComponentFactory = {
  kind: "processor",
  type: "filter",
  signals: ["traces", "metrics", "logs"],
  create(config, ctx) {
    for (const legacy of ["spans", "include", "exclude"]) if (config[legacy] !== undefined) return { unsupported: `legacy "${legacy}" matching` };
    for (const k of ["trace_conditions", "metric_conditions", "log_conditions"]) if (asArray(config[k]).length) return { unsupported: k };
    const tr = asRecord(config.traces);
    const me = asRecord(config.metrics);
    const lo = asRecord(config.logs);
    if (me.metric === undefined && me.datapoint === undefined && Object.keys(me).length) return { unsupported: "legacy metrics matching" };
    if (lo.log_record === undefined && Object.keys(lo).length) return { unsupported: "legacy logs matching" };
    const span = conditions("span", tr.span);
    const event = conditions("spanevent", tr.spanevent);
    const metric = conditions("metric", me.metric);
    const dp = conditions("datapoint", me.datapoint);
    const log = conditions("log", lo.log_record);
    for (const c of [span, event, metric, dp, log]) if ("unsupported" in c) return c;
    const compiled = (c: unknown) => anyOf(c as CompiledCondition[]);
    const [fSpan, fEvent, fMetric, fDp, fLog] = [compiled(span), compiled(event), compiled(metric), compiled(dp), compiled(log)];
    const has = (c: unknown) => (c as CompiledCondition[]).length > 0;
    return {
      consume(t) {
        if (t.signal === "traces" && (has(span) || has(event))) {
          for (const rs of t.data.resourceSpans)
            for (const ss of rs.scopeSpans) {
              ss.spans = ss.spans.filter((s) => !(has(span) && fSpan({ resource: rs.resource, scope: ss.scope, span: s })));
              if (has(event))
                for (const s of ss.spans) if (s.events) s.events = s.events.filter((e) => !fEvent({ resource: rs.resource, scope: ss.scope, span: s, event: e }));
            }
        } else if (t.signal === "metrics" && (has(metric) || has(dp))) {
          for (const rm of t.data.resourceMetrics)
            for (const sm of rm.scopeMetrics) {
              sm.metrics = sm.metrics.filter((m) => !(has(metric) && fMetric({ resource: rm.resource, scope: sm.scope, metric: m })));
              if (has(dp))
                for (const m of sm.metrics)
                  setMetricPoints(
                    m,
                    metricPoints(m).filter((p) => !fDp({ resource: rm.resource, scope: sm.scope, metric: m, dp: p as never })),
                  );
            }
        } else if (t.signal === "logs" && has(log)) {
          for (const rl of t.data.resourceLogs)
            for (const sl of rl.scopeLogs) sl.logRecords = sl.logRecords.filter((l) => !fLog({ resource: rl.resource, scope: sl.scope, log: l }));
        }
        if (pruneEmpty(t)) ctx.emit(t);
      },
    };
  },
};

interface StatementGroup {
  context: OttlContextName;
  statements: CompiledStatement[];
  conditions: CompiledCondition[];
}

const CONTEXTS: Record<string, OttlContextName[]> = {
  trace_statements: ["resource", "scope", "span", "spanevent"],
  metric_statements: ["resource", "scope", "metric", "datapoint"],
  log_statements: ["resource", "scope", "log"],
};

function groups(key: string, list: unknown): StatementGroup[] | { unsupported: string } {
  const out: StatementGroup[] = [];
  for (const raw of asArray(list)) {
    const g = asRecord(raw);
    const context = String(g.context ?? "") as OttlContextName;
    if (!CONTEXTS[key]!.includes(context)) return { unsupported: `${key} context "${context}"` };
    const statements: CompiledStatement[] = [];
    for (const src of asStrings(g.statements)) {
      const s = compileStatement(context, src);
      if ("error" in s) return { unsupported: s.error };
      statements.push(s);
    }
    const conds = conditions(context, g.conditions);
    if ("unsupported" in conds) return conds;
    out.push({ context, statements, conditions: conds });
  }
  return out;
}

function run(g: StatementGroup, c: OttlCtx): void {
  if (g.conditions.length && !g.conditions.some((f) => f(c))) return;
  for (const s of g.statements) s(c);
}

/** transform processor (upstream processor/transformprocessor), grouped statements per context. */
export const transformProcessor: ComponentFactory = {
  kind: "processor",
  type: "transform",
  signals: ["traces", "metrics", "logs"],
  create(config, ctx) {
    if (asArray(config.statements).length) return { unsupported: "context-inferred statements" };
    const tg = groups("trace_statements", config.trace_statements);
    const mg = groups("metric_statements", config.metric_statements);
    const lg = groups("log_statements", config.log_statements);
    for (const g of [tg, mg, lg]) if ("unsupported" in g) return g;
    return {
      consume(t) {
        if (t.signal === "traces")
          for (const g of tg as StatementGroup[])
            for (const rs of t.data.resourceSpans) {
              if (g.context === "resource") {
                run(g, { resource: rs.resource });
                continue;
              }
              for (const ss of rs.scopeSpans) {
                if (g.context === "scope") {
                  run(g, { resource: rs.resource, scope: (ss.scope ??= {}) });
                  continue;
                }
                for (const span of ss.spans) {
                  if (g.context === "span") run(g, { resource: rs.resource, scope: ss.scope, span });
                  else for (const event of span.events ?? []) run(g, { resource: rs.resource, scope: ss.scope, span, event });
                }
              }
            }
        else if (t.signal === "metrics")
          for (const g of mg as StatementGroup[])
            for (const rm of t.data.resourceMetrics) {
              if (g.context === "resource") {
                run(g, { resource: rm.resource });
                continue;
              }
              for (const sm of rm.scopeMetrics) {
                if (g.context === "scope") {
                  run(g, { resource: rm.resource, scope: (sm.scope ??= {}) });
                  continue;
                }
                for (const metric of sm.metrics) {
                  if (g.context === "metric") run(g, { resource: rm.resource, scope: sm.scope, metric });
                  else for (const dp of metricPoints(metric)) run(g, { resource: rm.resource, scope: sm.scope, metric, dp: dp as never });
                }
              }
            }
        else
          for (const g of lg as StatementGroup[])
            for (const rl of t.data.resourceLogs) {
              if (g.context === "resource") {
                run(g, { resource: rl.resource });
                continue;
              }
              for (const sl of rl.scopeLogs) {
                if (g.context === "scope") {
                  run(g, { resource: rl.resource, scope: (sl.scope ??= {}) });
                  continue;
                }
                for (const log of sl.logRecords) run(g, { resource: rl.resource, scope: sl.scope, log });
              }
            }
        ctx.emit(t);
      },
    };
  },
};
