/**
 * The component defects found on real configurations, checked on every file of ../shared/corpus/collector
 * (written by others) in the default mode and the hybrid dialect: whatever converts must not
 * - write a transform or filter group with `context = ""` (Alloy refuses it),
 * - leave a server without the authenticator its YAML names,
 * - turn a legacy include/exclude filter into one that drops nothing,
 * - drop filelog operators, or keep the US Datadog endpoints for another site.
 * A file that does not convert must say why with an Error or a Critical. Skips when the corpus is absent.
 */
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { convertOtelcol, type ConvertResult } from "@alloy-ts/converter";
import { readYaml, type RawMap, type RawValue } from "@alloy-ts/otel";
import { shared, sharedDir } from "../support/shared.js";

const corpus = sharedDir ? shared("corpus", "collector") : undefined;
const files = corpus ? readdirSync(corpus).filter((f) => /\.ya?ml$/.test(f)).sort() : [];

const section = (root: RawMap, key: string): [string, RawValue][] => {
  const v = root.get(key);
  return v instanceof Map ? [...v.entries()] : [];
};
const get = (v: RawValue | undefined, path: string): RawValue | undefined => {
  let cur = v;
  for (const k of path.split(".")) cur = cur instanceof Map ? cur.get(k) : undefined;
  return cur;
};
const typeOf = (id: string) => id.split("/")[0]!;

/** The Alloy block text of a component label (`otelcol.processor.filter "default_x" { ... }`). */
function blockOf(output: string, alloyName: string, id: string): string | undefined {
  const label = id.includes("/") ? `default_${id.slice(id.indexOf("/") + 1)}` : "default";
  const re = new RegExp(`^${alloyName.replace(/\./g, "\\.")} "${label.replace(/[^\w]/g, "_")}[^"]*" \\{[\\s\\S]*?^\\}`, "m");
  return re.exec(output)?.[0];
}

/** Component IDs the service's pipelines use (unused ones are not converted at all). */
function usedIds(yaml: RawMap): Set<string> {
  const used = new Set<string>();
  for (const [, p] of section(get(yaml, "service") instanceof Map ? (get(yaml, "service") as RawMap) : new Map(), "pipelines")) {
    for (const k of ["receivers", "processors", "exporters"]) {
      const list = get(p, k);
      if (Array.isArray(list)) for (const id of list) used.add(`${k}:${String(id)}`);
    }
  }
  return used;
}

function check(yaml: RawMap, result: ConvertResult): string[] {
  const problems: string[] = [];
  const used = usedIds(yaml);
  const out = result.output;
  const failed = result.diagnostics.some((d) => d.severity === "critical" || d.severity === "error");
  if (out === undefined || failed) return problems;
  if (/\bcontext\s*= ""/.test(out)) problems.push('writes context = ""');
  // A component the hybrid dialect carries (`otel.receiver.<type>`) keeps its settings as written.
  const carried = (kind: string, id: string) => new RegExp(`^otel\\.${kind}\\.${typeOf(id)} `, "m").test(out);
  for (const [id, cfg] of section(yaml, "receivers")) {
    if (!used.has(`receivers:${id}`) || carried("receiver", id)) continue;
    for (const server of ["protocols.grpc", "protocols.http", "protocols.thrift_http", ""]) {
      const authenticator = get(cfg, server === "" ? "auth.authenticator" : `${server}.auth.authenticator`);
      if (typeof authenticator !== "string") continue;
      if (!/\bauth\s*= \S+\.handler/.test(out)) problems.push(`receiver/${id}: authenticator ${authenticator} not carried`);
    }
    if (typeOf(id) === "filelog" && Array.isArray(get(cfg, "operators")) && !/\boperators\s*= \[/.test(out)) {
      problems.push(`receiver/${id}: operators dropped`);
    }
  }
  for (const [id, cfg] of section(yaml, "processors")) {
    if (typeOf(id) !== "filter" || !used.has(`processors:${id}`)) continue;
    const legacy = ["spans", "metrics", "logs"].some((k) => get(cfg, `${k}.include`) !== undefined || get(cfg, `${k}.exclude`) !== undefined);
    const block = blockOf(out, "otelcol.processor.filter", id);
    if (legacy && block !== undefined && !/\b(span|metric|log_record)\s*= \[/.test(block)) problems.push(`processor/${id}: legacy filter drops nothing`);
  }
  for (const [id, cfg] of section(yaml, "exporters")) {
    if (!used.has(`exporters:${id}`)) continue;
    const site = get(cfg, "api.site");
    if (typeOf(id) === "datadog" && typeof site === "string" && site !== "datadoghq.com" && /endpoint\s*= "https:\/\/[^"]*datadoghq\.com"/.test(out)) {
      problems.push(`exporter/${id}: US endpoints for site ${site}`);
    }
  }
  return problems;
}

describe.skipIf(!corpus)("component defects on the collector corpus", () => {
  it("has the corpus", () => {
    expect(files.length).toBeGreaterThan(100);
  });

  for (const dialect of ["otelcol", "hybrid"] as const) {
    it(`none in what converts (${dialect} dialect)`, () => {
      const found: string[] = [];
      let converted = 0;
      for (const f of files) {
        const text = readFileSync(`${corpus}/${f}`, "utf8");
        const parsed = readYaml(text);
        if (!parsed.ok || !(parsed.value instanceof Map)) continue;
        const result = convertOtelcol(text, dialect === "hybrid" ? { dialect } : {});
        if (result.output !== undefined && !result.diagnostics.some((d) => d.severity === "critical" || d.severity === "error")) converted++;
        for (const p of check(parsed.value, result)) found.push(`${f}: ${p}`);
      }
      expect(found).toEqual([]);
      // The measure is real configs: most of them convert (the hybrid dialect carries what Alloy lacks).
      expect(converted).toBeGreaterThanOrEqual(dialect === "hybrid" ? 100 : 30);
    });
  }
});
