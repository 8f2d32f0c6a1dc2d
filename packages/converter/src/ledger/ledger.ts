/**
 * The settings ledger: for every leaf setting of a converted collector configuration, what became of it.
 * Nothing may be without a fate; a setting that is not carried is named in a diagnostic at its YAML position.
 */
import { positionOf, type Position, type RawValue } from "@alloy-ts/otel";
import type { ReadTracker } from "./tracker.js";

export type Fate =
  /** Written to an Alloy attribute or block. */
  | "carried"
  /** Equal to Alloy's default, so not written. */
  | "default"
  /** Read to compute another attribute (an OTTL statement, a unit conversion). */
  | "folded"
  /** Kept as written in a carried `otel.*` block (hybrid). */
  | "kept"
  /** Its component is not used by any pipeline: the collector does not start it, and it is not converted. */
  | "unused"
  /** Its component has no Alloy block by design (the reason is an Info diagnostic). */
  | "absorbed"
  /** Lost: named by a Warning (or an Error under --strict). */
  | "not-carried";

export interface SettingFate {
  /** `receiver/otlp`, or `service::telemetry`. */
  readonly owner: string;
  /** `protocols.grpc.endpoint`; list items as `[0]`. */
  readonly path: string;
  readonly position?: Position;
  readonly fate: Fate;
  /** Where it went (`otelcol.receiver.otlp.default.grpc.endpoint`) or why (the default, the reason). */
  readonly detail: string;
}

interface Leaf {
  readonly path: string;
  readonly container: object;
  readonly key: string | number;
  readonly value: RawValue;
}

/** Every leaf under `config`: scalars, nulls, and empty maps and lists; `stop` ends the descent at a key. */
export function leavesOf(config: RawValue, stop?: (container: object, key: string | number) => boolean): Leaf[] {
  const out: Leaf[] = [];
  const visit = (container: object, key: string | number, value: RawValue, path: string) => {
    if (stop?.(container, key)) {
      out.push({ path, container, key, value });
      return;
    }
    if (value instanceof Map && value.size > 0) {
      for (const [k, v] of value) visit(value, k, v, path === "" ? k : `${path}.${k}`);
    } else if (Array.isArray(value) && value.length > 0) {
      value.forEach((v, i) => visit(value, i, v, `${path}[${i}]`));
    } else out.push({ path, container, key, value });
  };
  if (config instanceof Map) for (const [k, v] of config) visit(config, k, v, k);
  return out;
}

/**
 * The fates of one converted component's settings, from what the engine read. `block` is the Alloy block the
 * component became (`otelcol.receiver.otlp.default`); `overrides` are fates already decided (notes that name a
 * setting as unsupported).
 */
export function componentFates(owner: string, block: string, config: RawValue, tracker: ReadTracker): SettingFate[] {
  const fates: SettingFate[] = [];
  const deepMarked = (container: object, key: string | number) => tracker.markOf(container, String(key))?.deep === true;
  for (const leaf of leavesOf(config, deepMarked)) {
    const mark = tracker.markOf(leaf.container, String(leaf.key));
    const position = positionOf(leaf.container, leaf.key);
    const base = { owner, path: leaf.path, position };
    if (mark === undefined) {
      fates.push({ ...base, fate: "not-carried", detail: `no setting of ${block} takes it` });
      continue;
    }
    const at = (p: string) => (p === "" ? block : `${block}.${p}`);
    if (mark.by === undefined) fates.push({ ...base, fate: "carried", detail: at(mark.block) });
    else if (!mark.own) fates.push({ ...base, fate: "folded", detail: `into ${at(mark.by.alloyPath)}` });
    else if (mark.by.written === true) fates.push({ ...base, fate: "carried", detail: at(mark.by.alloyPath) });
    else fates.push({ ...base, fate: "default", detail: `${at(mark.by.alloyPath)} defaults to ${mark.by.defaultText ?? "its zero value"}` });
  }
  return fates;
}

/** Every leaf of `config` with one fate (a component carried as is, unused, or absorbed). */
export function uniformFates(owner: string, config: RawValue, fate: Fate, detail: string): SettingFate[] {
  return leavesOf(config).map((l) => ({ owner, path: l.path, position: positionOf(l.container, l.key), fate, detail }));
}

/** Counts per fate, for summaries and the corpus figures. */
export function countFates(fates: readonly SettingFate[]): Record<Fate, number> {
  const counts: Record<Fate, number> = { carried: 0, default: 0, folded: 0, kept: 0, unused: 0, absorbed: 0, "not-carried": 0 };
  for (const f of fates) counts[f.fate]++;
  return counts;
}

/** One line per setting, for the `--report` file. */
export function renderLedger(fates: readonly SettingFate[], fileName?: string): string {
  return fates.map((f) => {
    const where = f.position ? ` (at ${fileName ? fileName + ":" : ""}${f.position.line}:${f.position.column})` : "";
    return `${f.owner} ${f.path}${where}: ${f.fate} ${f.detail}`;
  }).join("\n");
}
