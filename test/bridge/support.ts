/**
 * Helpers for the bridge dialect tests: collector configurations compared as data after the collector's own
 * resolution and defaults (a null component body is an empty one, empty sections and lists are absent).
 */
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { resolveString } from "../../packages/converter/src/otel/resolve-refs.js";
import { readYaml } from "@alloy-ts/otel";

const SECTIONS = ["receivers", "processors", "exporters", "connectors", "extensions"];

function resolveAll(v: unknown): unknown {
  if (typeof v === "string") {
    const r = resolveString(v);
    return typeof r === "string" ? r : v;
  }
  if (Array.isArray(v)) return v.map(resolveAll);
  if (v instanceof Map) return new Map([...v].map(([k, x]) => [String(k), resolveAll(x)]));
  return v;
}

/** Plain, key-sorted data (maps compared without order). */
function plain(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(plain);
  if (v instanceof Map) return Object.fromEntries([...v].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, x]) => [k, plain(x)]));
  return v;
}

/** A collector YAML text as comparable data. */
export function collectorData(yamlText: string): unknown {
  const read = readYaml(yamlText);
  if (!read.ok) throw new Error(read.message);
  const root = resolveAll(read.value ?? new Map()) as Map<string, unknown>;
  const out = new Map<string, unknown>();
  for (const s of SECTIONS) {
    const sec = root.get(s);
    if (!(sec instanceof Map) || sec.size === 0) continue;
    out.set(s, new Map([...sec].map(([id, body]) => [String(id).trim(), body ?? new Map()])));
  }
  const service = root.get("service");
  if (service instanceof Map) {
    const svc = new Map<string, unknown>();
    for (const [k, v] of service) {
      if (k === "extensions") {
        if (Array.isArray(v) && v.length > 0) svc.set(k, v);
      } else if (k === "pipelines") {
        if (!(v instanceof Map) || v.size === 0) continue;
        svc.set(k, new Map([...v].map(([id, lists]) => {
          const m = new Map<string, unknown>();
          if (lists instanceof Map) for (const [lk, lv] of lists) if (Array.isArray(lv) && lv.length > 0) m.set(lk, lv);
          return [String(id).trim(), m];
        })));
      } else svc.set(k, v);
    }
    if (svc.size > 0) out.set("service", svc);
  }
  return plain(out);
}

/** Every `.yaml` file under `dir`, recursively, sorted. */
export function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...yamlFiles(p));
    else if (name.endsWith(".yaml") || name.endsWith(".yml")) out.push(p);
  }
  return out;
}
