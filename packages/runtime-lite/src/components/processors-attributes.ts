/** Processors that edit attributes and resources: attributes, resource, span, groupbyattrs. */
import { anyValueAsString, getAttr, putAttr, stableKey } from "../pdata/attributes.js";
import { metricPoints, type KeyValue, type Telemetry } from "../pdata/types.js";
import { goRegExp } from "../ottl/values.js";
import { asRecord, asStrings, type ComponentFactory } from "./api.js";
import { compileActions } from "./attr-actions.js";
import { includeExclude, type MatchSubject } from "./matching.js";

/** Calls `f` for each span, data point or log record with its match subject. */
export function forEachItem(t: Telemetry, f: (s: MatchSubject) => void): void {
  if (t.signal === "traces") {
    for (const rs of t.data.resourceSpans)
      for (const ss of rs.scopeSpans) for (const span of ss.spans) f({ resource: rs.resource, scope: ss.scope, span, attributes: span.attributes });
  } else if (t.signal === "metrics") {
    for (const rm of t.data.resourceMetrics)
      for (const sm of rm.scopeMetrics)
        for (const m of sm.metrics)
          for (const dp of metricPoints(m)) f({ resource: rm.resource, scope: sm.scope, metricName: m.name, attributes: dp.attributes });
  } else {
    for (const rl of t.data.resourceLogs)
      for (const sl of rl.scopeLogs) for (const log of sl.logRecords) f({ resource: rl.resource, scope: sl.scope, log, attributes: log.attributes });
  }
}

export const attributesProcessor: ComponentFactory = {
  kind: "processor",
  type: "attributes",
  signals: ["traces", "metrics", "logs"],
  create(config, ctx) {
    const actions = compileActions(config.actions);
    if ("unsupported" in actions) return actions;
    const match = includeExclude(config);
    if (typeof match !== "function") return match;
    const everything = config.include === undefined && config.exclude === undefined;
    return {
      consume(t) {
        if (everything && t.signal === "traces") {
          // Without include/exclude no match subject is needed: the hot path of span pipelines.
          for (const rs of t.data.resourceSpans) for (const ss of rs.scopeSpans) for (const span of ss.spans) for (const a of actions) a(span.attributes);
        } else
          forEachItem(t, (s) => {
            if (!match(s)) return;
            for (const a of actions) a(s.attributes);
          });
        ctx.emit(t);
      },
    };
  },
};

function resources(t: Telemetry): KeyValue[][] {
  if (t.signal === "traces") return t.data.resourceSpans.map((r) => r.resource.attributes);
  if (t.signal === "metrics") return t.data.resourceMetrics.map((r) => r.resource.attributes);
  return t.data.resourceLogs.map((r) => r.resource.attributes);
}

export const resourceProcessor: ComponentFactory = {
  kind: "processor",
  type: "resource",
  signals: ["traces", "metrics", "logs"],
  create(config, ctx) {
    const actions = compileActions(config.attributes);
    if ("unsupported" in actions) return actions;
    return {
      consume(t) {
        for (const attrs of resources(t)) for (const a of actions) a(attrs);
        ctx.emit(t);
      },
    };
  },
};

const STATUS_CODES: Record<string, number> = { Unset: 0, Ok: 1, Error: 2 };

/** The span processor (upstream processor/spanprocessor): rename from/to attributes, set status. */
export const spanProcessor: ComponentFactory = {
  kind: "processor",
  type: "span",
  signals: ["traces"],
  create(config, ctx) {
    const match = includeExclude(config);
    if (typeof match !== "function") return match;
    const name = asRecord(config.name);
    const fromAttrs = asStrings(name.from_attributes);
    const separator = typeof name.separator === "string" ? name.separator : "";
    const to = asRecord(name.to_attributes);
    const rules = asStrings(to.rules).map((r) => goRegExp(r));
    const breakAfter = to.break_after_match === true;
    const keepOriginal = to.keep_original_name === true;
    const status = config.status === undefined ? undefined : asRecord(config.status);
    if (status && STATUS_CODES[String(status.code)] === undefined) return { unsupported: `status code ${String(status.code)}` };
    return {
      consume(t) {
        if (t.signal !== "traces") return ctx.emit(t);
        forEachItem(t, (s) => {
          const span = s.span!;
          if (!match(s)) return;
          if (fromAttrs.length > 0) {
            const parts: string[] = [];
            let all = true;
            for (const k of fromAttrs) {
              const v = getAttr(span.attributes, k);
              if (v === undefined) {
                all = false;
                break;
              }
              parts.push(anyValueAsString(v));
            }
            if (all) span.name = parts.join(separator);
          }
          if (rules.length > 0) {
            for (const re of rules) {
              const m = re.exec(span.name);
              if (!m?.groups) continue;
              let renamed = "";
              let last = 0;
              // Each named group becomes an attribute and is replaced by {name} in the span name.
              const d = new RegExp(re.source, `${re.flags.replace("d", "")}d`).exec(span.name);
              const indices = (d as unknown as { indices?: { groups?: Record<string, [number, number]> } })?.indices?.groups ?? {};
              const ordered = Object.entries(indices).filter(([, r]) => r).sort((a, b) => a[1][0] - b[1][0]);
              for (const [gname, [st, en]] of ordered) {
                renamed += `${span.name.slice(last, st)}{${gname}}`;
                last = en;
                putAttr(span.attributes, gname, { stringValue: span.name.slice(st, en) });
              }
              renamed += span.name.slice(last);
              if (keepOriginal) putAttr(span.attributes, "original_span_name", { stringValue: span.name });
              span.name = renamed;
              if (breakAfter) break;
            }
          }
          if (status) {
            const code = STATUS_CODES[String(status.code)];
            span.status = { code, message: code === 2 && typeof status.description === "string" ? status.description : undefined };
            if (span.status.message === undefined) delete span.status.message;
          }
        });
        ctx.emit(t);
      },
    };
  },
};

/**
 * groupbyattrs: moves the listed record attributes up into the resource, regrouping records whose resources (after
 * the move) are equal; with no keys it only compacts equal resources (upstream processor/groupbyattrsprocessor).
 */
export const groupByAttrsProcessor: ComponentFactory = {
  kind: "processor",
  type: "groupbyattrs",
  signals: ["traces", "metrics", "logs"],
  create(config, ctx) {
    const keys = asStrings(config.keys);
    return {
      consume(t) {
        ctx.emit(regroup(t, keys));
      },
    };
  },
};

function regroup(t: Telemetry, keys: string[]): Telemetry {
  type Group = { resource: { attributes: KeyValue[] }; scopes: Map<string, { scope: unknown; items: unknown[] }> };
  const groups = new Map<string, Group>();
  const place = (resAttrs: KeyValue[], itemAttrs: KeyValue[], scope: unknown, item: unknown) => {
    const res = structuredClone(resAttrs);
    for (const k of keys) {
      const v = getAttr(itemAttrs, k);
      if (v === undefined) continue;
      putAttr(res, k, v);
    }
    const rest = itemAttrs.filter((kv) => !keys.includes(kv.key));
    itemAttrs.length = 0;
    itemAttrs.push(...rest);
    const gk = stableKey([...res].sort((a, b) => (a.key < b.key ? -1 : 1)));
    let g = groups.get(gk);
    if (!g) groups.set(gk, (g = { resource: { attributes: res }, scopes: new Map() }));
    const sk = stableKey(scope ?? null);
    let s = g.scopes.get(sk);
    if (!s) g.scopes.set(sk, (s = { scope, items: [] }));
    s.items.push(item);
  };
  if (t.signal === "traces") {
    for (const rs of t.data.resourceSpans) for (const ss of rs.scopeSpans) for (const sp of ss.spans) place(rs.resource.attributes, sp.attributes, ss.scope, sp);
    return {
      signal: "traces",
      data: { resourceSpans: [...groups.values()].map((g) => ({ resource: g.resource, scopeSpans: [...g.scopes.values()].map((s) => ({ scope: s.scope as never, spans: s.items as never })) })) },
    };
  }
  if (t.signal === "logs") {
    for (const rl of t.data.resourceLogs) for (const sl of rl.scopeLogs) for (const lr of sl.logRecords) place(rl.resource.attributes, lr.attributes, sl.scope, lr);
    return {
      signal: "logs",
      data: { resourceLogs: [...groups.values()].map((g) => ({ resource: g.resource, scopeLogs: [...g.scopes.values()].map((s) => ({ scope: s.scope as never, logRecords: s.items as never })) })) },
    };
  }
  // Metrics: data points are grouped; a metric is split across resources when its points differ.
  for (const rm of t.data.resourceMetrics)
    for (const sm of rm.scopeMetrics)
      for (const m of sm.metrics)
        for (const dp of metricPoints(m)) place(rm.resource.attributes, dp.attributes, sm.scope, { m, dp });
  return {
    signal: "metrics",
    data: {
      resourceMetrics: [...groups.values()].map((g) => ({
        resource: g.resource,
        scopeMetrics: [...g.scopes.values()].map((s) => {
          const metrics = new Map<unknown, { [k: string]: unknown }>();
          for (const { m, dp } of s.items as { m: Record<string, unknown>; dp: unknown }[]) {
            let copy = metrics.get(m);
            if (!copy) {
              copy = { ...m };
              for (const kind of ["gauge", "sum", "histogram", "exponentialHistogram", "summary"])
                if (m[kind]) copy[kind] = { ...(m[kind] as object), dataPoints: [] };
              metrics.set(m, copy);
            }
            for (const kind of ["gauge", "sum", "histogram", "exponentialHistogram", "summary"])
              if (copy[kind]) (copy[kind] as { dataPoints: unknown[] }).dataPoints.push(dp);
          }
          return { scope: s.scope as never, metrics: [...metrics.values()] as never };
        }),
      })),
    },
  };
}
