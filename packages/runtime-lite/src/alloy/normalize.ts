/**
 * Alloy component arguments → the collector's YAML shape, so both configuration languages drive the same
 * component semantics. Block and attribute names mostly match the collector's keys (spec otelcol-conversion.md
 * §16); the differences are listed here as data.
 */
import { isCapsule } from "./values.js";

/** An evaluated block body: attributes as values, nested blocks as arrays of bodies (tagged). */
export interface Body {
  attrs: Record<string, unknown>;
  blocks: Record<string, Body[]>;
}

/** Repeated Alloy blocks, per component, with the collector key they become (a list). */
const REPEATED: Record<string, Record<string, string>> = {
  "processor.attributes": { action: "actions", attribute: "attributes", resource: "resources", library: "libraries" },
  "processor.span": { attribute: "attributes", resource: "resources", library: "libraries" },
  "processor.transform": { trace_statements: "trace_statements", metric_statements: "metric_statements", log_statements: "log_statements" },
  "processor.filter": { trace_conditions: "trace_conditions", metric_conditions: "metric_conditions", log_conditions: "log_conditions" },
  "processor.tail_sampling": {
    policy: "policies",
    and_sub_policy: "and_sub_policy",
    drop_sub_policy: "drop_sub_policy",
    composite_sub_policy: "composite_sub_policy",
    rate_allocation: "rate_allocation",
  },
  "processor.resource": { attribute: "attributes", action: "attributes" },
  "processor.k8sattributes": { label: "labels", annotation: "annotations", pod_association: "pod_association", source: "sources" },
  "connector.spanmetrics": { dimension: "dimensions", calls_dimension: "calls_dimensions" },
  "connector.count": { spans: "spans", spanevents: "spanevents", metrics: "metrics", datapoints: "datapoints", logs: "logs", attributes: "attributes" },
  "connector.routing": { route: "table" },
  "auth.headers": { header: "headers" },
};

/** Single blocks whose collector key differs. */
const RENAMED: Record<string, string> = { log_severity: "log_severity_number" };

const SEVERITY_NAMES = ["TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL"];

function severityNumber(name: unknown): number {
  const m = /^([A-Z]+)([234])?$/.exec(String(name));
  const i = m ? SEVERITY_NAMES.indexOf(m[1]!) : -1;
  return i < 0 ? 0 : i * 4 + 1 + (m![2] ? Number(m![2]) - 1 : 0);
}

function plain(v: unknown): unknown {
  if (isCapsule(v)) return `${v.component}.${v.export}`;
  if (Array.isArray(v)) return v.map(plain);
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]));
  return v;
}

function shape(body: Body, repeated: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(body.attrs)) out[k] = plain(v);
  for (const [name, list] of Object.entries(body.blocks)) {
    if (name === "output") continue;
    const shaped = list.map((b) => shape(b, repeated));
    if (name in repeated) out[repeated[name]!] = [...((out[repeated[name]!] as unknown[]) ?? []), ...shaped];
    else out[RENAMED[name] ?? name] = shaped[shaped.length - 1];
  }
  if (out.log_severity_number && typeof out.log_severity_number === "object") {
    const s = out.log_severity_number as Record<string, unknown>;
    s.min = severityNumber(s.min);
  }
  return out;
}

/** Converts a component body to collector-shaped configuration. `kindType` is e.g. `processor.attributes`. */
export function toCollectorShape(kindType: string, body: Body): Record<string, unknown> {
  const cfg = shape(body, REPEATED[kindType] ?? {});
  switch (kindType) {
    case "connector.count":
      for (const k of ["spans", "spanevents", "metrics", "datapoints", "logs"]) {
        const list = cfg[k];
        if (!Array.isArray(list)) continue;
        cfg[k] = Object.fromEntries(
          list.map((m: Record<string, unknown>) => {
            const { name, ...rest } = m;
            return [String(name), rest];
          }),
        );
      }
      break;
    case "connector.spanmetrics":
      if (typeof cfg.aggregation_temporality === "string" && !cfg.aggregation_temporality.startsWith("AGGREGATION_TEMPORALITY_"))
        cfg.aggregation_temporality = `AGGREGATION_TEMPORALITY_${cfg.aggregation_temporality}`;
      break;
    case "exporter.otlp":
    case "exporter.otlphttp": {
      const client = (cfg.client ?? {}) as Record<string, unknown>;
      delete cfg.client;
      Object.assign(cfg, { ...client, ...cfg });
      break;
    }
  }
  return cfg;
}
