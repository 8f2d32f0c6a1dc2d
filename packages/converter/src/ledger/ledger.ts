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

interface Place {
  readonly container: object;
  readonly key: string | number;
}

interface Leaf extends Place {
  readonly path: string;
  readonly value: RawValue;
  /** The keys above the leaf, outermost first. */
  readonly ancestors: readonly Place[];
}

/** Every leaf under `config`: scalars, nulls, and empty maps and lists. */
export function leavesOf(config: RawValue): Leaf[] {
  const out: Leaf[] = [];
  const visit = (container: object, key: string | number, value: RawValue, path: string, ancestors: Place[]) => {
    if (value instanceof Map && value.size > 0) {
      const next = [...ancestors, { container, key }];
      for (const [k, v] of value) visit(value, k, v, `${path}.${k}`, next);
    } else if (Array.isArray(value) && value.length > 0) {
      const next = [...ancestors, { container, key }];
      value.forEach((v, i) => visit(value, i, v, `${path}[${i}]`, next));
    } else out.push({ path, container, key, value, ancestors });
  };
  if (config instanceof Map) for (const [k, v] of config) visit(config, k, v, k, []);
  return out;
}

/**
 * The fates of one converted component's settings, from what the engine read. `block` is the Alloy block the
 * component became (`otelcol.receiver.otlp.default`). A leaf read as part of a whole list or map takes the fate
 * of that read.
 */
export function componentFates(owner: string, block: string, config: RawValue, tracker: ReadTracker): SettingFate[] {
  const fates: SettingFate[] = [];
  for (const leaf of leavesOf(config)) {
    let mark = tracker.markOf(leaf.container, String(leaf.key));
    for (let i = leaf.ancestors.length - 1; i >= 0 && mark?.deep !== true; i--) {
      const a = tracker.markOf(leaf.ancestors[i]!.container, String(leaf.ancestors[i]!.key));
      if (a?.deep === true) mark = a;
    }
    if (mark !== undefined && !mark.deep && !(leaf.value === null || leaf.value instanceof Map || Array.isArray(leaf.value))) mark = undefined;
    const position = positionOf(leaf.container, leaf.key);
    const path = leaf.path;
    // Object literals of one shape: `{ ...base, … }` gave every fate a hidden class of its own, and a large
    // configuration keeps hundreds of thousands of fates until the end.
    if (mark === undefined) {
      fates.push({ owner, path, position, fate: "not-carried", detail: `no setting of ${block} takes it` });
      continue;
    }
    const at = (p: string) => (p === "" ? block : `${block}.${p}`);
    if (mark.by === undefined) fates.push({ owner, path, position, fate: "carried", detail: at(mark.block) });
    else if (!mark.own) fates.push({ owner, path, position, fate: "folded", detail: `into ${at(mark.by.alloyPath)}` });
    else if (mark.by.written === true) fates.push({ owner, path, position, fate: "carried", detail: at(mark.by.alloyPath) });
    else fates.push({ owner, path, position, fate: "default", detail: `${at(mark.by.alloyPath)} defaults to ${mark.by.defaultText ?? "its zero value"}` });
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
