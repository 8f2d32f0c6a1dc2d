/**
 * OTTL statements and conditions of the shared corpus, with the context they run in: collector YAML
 * (transform, filter, tail_sampling processors; routing and count connectors) and Alloy files (the
 * otelcol.* components that hold OTTL).
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import { parse, type Statement } from "@alloy-ts/grammar";
import type { ottl } from "@alloy-ts/otel";

export interface CorpusOttl {
  readonly file: string;
  readonly kind: "statement" | "condition";
  readonly text: string;
  readonly context?: ottl.ContextName;
  readonly contexts?: readonly ottl.ContextName[];
  readonly editors?: ottl.EditorSet;
}

const TRACE = ["resource", "scope", "span", "spanevent"] as const;
const METRIC = ["resource", "scope", "metric", "datapoint"] as const;
const LOG = ["resource", "scope", "log"] as const;
const SIGNAL: Record<string, readonly ottl.ContextName[]> = { trace: TRACE, metric: METRIC, log: LOG };

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = path.join(dir, n);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

type Y = unknown;
const obj = (v: Y): Record<string, Y> => (v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, Y>) : {});
const strs = (v: Y): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);
const ctxOf = (v: Y, allowed: readonly ottl.ContextName[]): ottl.ContextName | undefined =>
  typeof v === "string" && (allowed as readonly string[]).includes(v) ? (v as ottl.ContextName) : undefined;

function fromCollector(file: string, doc: Y, out: CorpusOttl[]): void {
  for (const [id, cfg] of Object.entries(obj(obj(doc).processors))) {
    const type = id.split("/")[0];
    const c = obj(cfg);
    if (type === "transform") {
      for (const sig of ["trace", "metric", "log"]) {
        const v = c[`${sig}_statements`];
        if (!Array.isArray(v)) continue;
        for (const g of v) {
          if (typeof g === "string") out.push({ file, kind: "statement", text: g, contexts: SIGNAL[sig] });
          else {
            const context = ctxOf(obj(g).context, SIGNAL[sig]!);
            for (const s of strs(obj(g).statements)) out.push({ file, kind: "statement", text: s, context, contexts: SIGNAL[sig] });
            for (const s of strs(obj(g).conditions)) out.push({ file, kind: "condition", text: s, context, contexts: SIGNAL[sig] });
          }
        }
      }
    } else if (type === "filter") {
      const fields: [string, string, ottl.ContextName][] = [
        ["traces", "span", "span"],
        ["traces", "spanevent", "spanevent"],
        ["metrics", "metric", "metric"],
        ["metrics", "datapoint", "datapoint"],
        ["logs", "log_record", "log"],
      ];
      for (const [sig, f, context] of fields) for (const s of strs(obj(c[sig])[f])) out.push({ file, kind: "condition", text: s, context });
    } else if (type === "tail_sampling") {
      const walk = (v: Y, depth: number): void => {
        if (depth > 8) return;
        if (Array.isArray(v)) return v.forEach((x) => walk(x, depth + 1));
        for (const [k, x] of Object.entries(obj(v))) {
          if (k === "ottl_condition") {
            for (const s of strs(obj(x).span)) out.push({ file, kind: "condition", text: s, context: "span" });
            for (const s of strs(obj(x).spanevent)) out.push({ file, kind: "condition", text: s, context: "spanevent" });
          } else walk(x, depth + 1);
        }
      };
      walk(c, 0);
    }
  }
  for (const [id, cfg] of Object.entries(obj(obj(doc).connectors))) {
    const type = id.split("/")[0];
    if (type === "routing") {
      for (const r of Array.isArray(obj(cfg).table) ? (obj(cfg).table as Y[]) : []) {
        const e = obj(r);
        const context = ctxOf(e.context ?? "resource", ["resource", "span", "metric", "datapoint", "log", "request"]);
        if (typeof e.statement === "string") out.push({ file, kind: "statement", text: e.statement, context, editors: "routing" });
        if (typeof e.condition === "string") out.push({ file, kind: "condition", text: e.condition, context });
      }
    } else if (type === "count") {
      const sigs: [string, ottl.ContextName][] = [["spans", "span"], ["spanevents", "spanevent"], ["metrics", "metric"], ["datapoints", "datapoint"], ["logs", "log"]];
      for (const [sig, context] of sigs)
        for (const m of Object.values(obj(obj(cfg)[sig]))) for (const s of strs(obj(m).conditions)) out.push({ file, kind: "condition", text: s, context });
    }
  }
}

const ALLOY_FIELDS: Record<string, Record<string, [attr: string, kind: "statement" | "condition", ctx: ottl.ContextName | readonly ottl.ContextName[]][]>> = {
  "otelcol.processor.transform": {
    trace_statements: [["statements", "statement", TRACE], ["conditions", "condition", TRACE]],
    metric_statements: [["statements", "statement", METRIC], ["conditions", "condition", METRIC]],
    log_statements: [["statements", "statement", LOG], ["conditions", "condition", LOG]],
    statements: [["trace", "statement", TRACE], ["metric", "statement", METRIC], ["log", "statement", LOG]],
  },
  "otelcol.processor.filter": {
    traces: [["span", "condition", "span"], ["spanevent", "condition", "spanevent"]],
    metrics: [["metric", "condition", "metric"], ["datapoint", "condition", "datapoint"]],
    logs: [["log_record", "condition", "log"]],
  },
  "otelcol.processor.tail_sampling": { ottl_condition: [["span", "condition", "span"], ["spanevent", "condition", "spanevent"]] },
};

/** An Alloy string literal's value (the corpus uses plain escapes only). */
const unquote = (raw: string): string => (raw.startsWith("`") ? raw.slice(1, -1) : (JSON.parse(raw.replace(/\\([^"\\/bfnrtu])/g, "\\\\$1")) as string));

function fromAlloy(file: string, text: string, out: CorpusOttl[]): void {
  const r = parse(text, { name: file });
  const walk = (body: readonly Statement[], fields: (typeof ALLOY_FIELDS)[string] | undefined, depth: number): void => {
    for (const s of body) {
      if (s.kind !== "Block" || depth > 12) continue;
      const f = depth === 0 ? undefined : fields?.[s.name];
      const own = depth === 0 ? ALLOY_FIELDS[s.name] : fields;
      for (const [attr, kind, ctx] of f ?? []) {
        const a = s.body.find((x) => x.kind === "Attribute" && x.name === attr);
        if (!a || a.kind !== "Attribute") continue;
        const c = s.body.find((x) => x.kind === "Attribute" && x.name === "context");
        const contexts = typeof ctx === "string" ? [ctx] : ctx;
        const named = c?.kind === "Attribute" && c.value.kind === "Literal" ? ctxOf(unquote(c.value.raw), contexts) : undefined;
        const context = typeof ctx === "string" ? ctx : named;
        const els = a.value.kind === "Array" ? a.value.elements : [a.value];
        for (const e of els) if (e.kind === "Literal" && e.literal === "string") out.push({ file, kind, text: unquote(e.raw), context, contexts });
      }
      if (own) walk(s.body, own, depth + 1);
    }
  };
  walk(r.file.body, undefined, 0);
}

/** Every OTTL string of the corpus under `dir` (collector/ and alloy/). */
export function corpusOttl(dir: string): CorpusOttl[] {
  const out: CorpusOttl[] = [];
  for (const f of files(path.join(dir, "collector"))) {
    if (!/\.ya?ml$/.test(f)) continue;
    try {
      fromCollector(f, parseYaml(readFileSync(f, "utf8"), { uniqueKeys: false, maxAliasCount: 100 }), out);
    } catch {
      // Files the YAML loader refuses have no statements to take.
    }
  }
  for (const f of files(path.join(dir, "alloy"))) if (f.endsWith(".alloy")) fromAlloy(f, readFileSync(f, "utf8"), out);
  return out;
}
