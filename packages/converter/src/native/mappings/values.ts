/** Helpers for native mappings whose extra blocks read a list element rather than the component's own map. */
import { type AttrRow, type BlockRow, type ComponentNote, type Conversion, type Row, type Source, componentNote } from "../../engine/description.js";
import { Expr } from "../../engine/values.js";
import { MapSource } from "../../engine/engine.js";
import { interpretReferences } from "../../engine/env-values.js";
import { ambient } from "../../ledger/tracker.js";
import type { RawMap, RawValue } from "@alloy-ts/otel";

/**
 * The value at a dotted path of a YAML map. The read is recorded in the settings ledger of the component being
 * converted, and a string with environment references is read as an expression (default mode).
 */
export function at(map: RawValue | undefined, path: string): RawValue | undefined {
  let cur: RawValue | undefined = map;
  const keys = path.split(".");
  const t = ambient.tracker;
  for (let i = 0; i < keys.length; i++) {
    if (!(cur instanceof Map)) return undefined;
    if (t !== undefined && cur.has(keys[i]!)) t.mark(cur, keys[i]!, i === keys.length - 1);
    cur = cur.get(keys[i]!);
  }
  if (ambient.references && typeof cur === "string") return interpretReferences(cur) as RawValue;
  return cur ?? undefined;
}

/**
 * A value taken from the YAML outside the engine's lookups, read as the engine reads values: in the default mode
 * `${...}` references become expressions (`region: ${env:AWS_REGION}` is `sys.env("AWS_REGION")`, not the text).
 */
export function asRead(value: unknown, src: Source): unknown {
  return src instanceof MapSource && src.references ? interpretReferences(value) : value;
}

/** An attribute row whose value is read from `map` (not from the component's config). */
export function fixed(attr: string, as: Conversion, value: unknown, alloyDefault?: unknown, required = false): AttrRow {
  return { attr, as, otel: null, alloyDefault, required, map: (_, src) => asRead(value, src) };
}

/** An attribute holding component references, e.g. `forward_to = [loki.write.default.receiver]`. */
export function refs(attr: string, targets: readonly string[]): AttrRow {
  return { attr, as: "any", otel: null, required: true, map: () => targets.map((t) => new Expr(t)) };
}

/** An attribute holding one component reference. */
export function ref(attr: string, target: string): AttrRow {
  return { attr, as: "any", otel: null, required: true, map: () => new Expr(target) };
}

/** A block built from `rows` only when `present` (the rows read fixed values). */
export function fixedBlock(name: string, present: boolean, rows: readonly Row[]): BlockRow {
  return { block: name, otel: null, parentDefault: "nil", build: () => present, rows };
}

/** Prometheus-style TLS settings (`ca_file`, ...) from a collector TLS map (`tls` or `tls_config`). */
export function tlsConfigBlock(tls: RawValue | undefined): BlockRow {
  const m = tls instanceof Map ? tls : undefined;
  const v = (k: string) => at(m, k);
  return fixedBlock("tls_config", m !== undefined && m.size > 0, [
    fixed("ca_file", "string", v("ca_file")),
    fixed("cert_file", "string", v("cert_file")),
    fixed("key_file", "string", v("key_file")),
    fixed("server_name", "string", v("server_name") ?? v("server_name_override")),
    fixed("insecure_skip_verify", "bool", v("insecure_skip_verify")),
  ]);
}

/** Warnings for top-level keys a mapping does not carry over. */
export function droppedKeys(src: Source, handled: readonly string[], what: string, into: string): ComponentNote[] {
  const map: RawMap | undefined = src.root.map;
  if (!map) return [];
  return [...map.keys()]
    .filter((k) => !handled.includes(k))
    .map((k) => componentNote("warning", `${what}: "${k}" has no equivalent in ${into}; it was dropped`, k));
}

/**
 * A row that writes nothing and records, for the settings ledger, that the listed keys of a YAML map (read with
 * `at` rather than through the engine) were consumed by the block it is a row of.
 */
export function consumed(map: RawMap, keys: readonly string[]): BlockRow {
  return {
    block: "consumed",
    otel: null,
    rows: [],
    build: (src) => {
      if (src instanceof MapSource && src.tracker) {
        const view = new MapSource(map, [], src.compat, undefined, "", src.tracker);
        for (const k of keys) if (map.has(k)) view.get(k);
      }
      return false;
    },
  };
}
