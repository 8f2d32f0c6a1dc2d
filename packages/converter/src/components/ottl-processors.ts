/**
 * The OTTL processors (otelcol-conversion.md §16.5, §16.6): transform and filter. Both take groups of OTTL with a
 * context; the collector also accepts a flat list and groups without `context:`, whose context it infers
 * (./ottl-context.ts). The filter's legacy include/exclude settings become OTTL conditions (./filter-legacy.ts).
 */
import { type BlockRow, type ComponentDescription, type ComponentNote, type RepeatedBlockRow, type Signal, type Source, componentNote } from "../engine/description.js";
import type { RawMap, RawValue } from "@alloy-ts/otel";
import { legacyConditions, legacyFilterNotes, usesLegacyFilter } from "./filter-legacy.js";
import { inferContext } from "./ottl-context.js";

const ALL_SIGNALS: readonly Signal[] = ["metrics", "logs", "traces"];

const STATEMENT_KEYS = { traces: "trace_statements", metrics: "metric_statements", logs: "log_statements" } as const;

/** OTel's flat form: a list of statements instead of groups. */
const isFlat = (v: RawValue | undefined): v is string[] => Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === "string");

/** A group without `context:` (the collector infers it). */
const lacksContext = (g: RawValue): g is RawMap => g instanceof Map && (g.get("context") === undefined || g.get("context") === null || g.get("context") === "");

/** The OTTL texts of a group, for inference. */
function groupTexts(g: RawMap): string[] {
  return ["statements", "conditions"].flatMap((k) => {
    const v = g.get(k);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
  });
}

/**
 * Statement groups. Upstream turns OTel's flat list into one group with an empty context (§16.5), which Alloy
 * refuses; outside compat mode the flat list goes to the `statements` block (Alloy's form for an inferred
 * context) and a group without `context:` gets the context the collector infers for it.
 */
function statementGroups(signal: Signal): RepeatedBlockRow {
  const name = STATEMENT_KEYS[signal];
  return {
    blocks: name,
    // The YAML as written decides the groups (the rows read each group's values, `${...}` references included);
    // the read through `src` records the setting as consumed for the settings ledger.
    items: (src) => {
      src.get(name);
      const v = src.map?.get(name);
      if (!Array.isArray(v)) return [];
      if (isFlat(v)) return src.compat ? [new Map<string, RawValue>([["context", ""], ["statements", v]])] : [];
      if (src.compat) return v;
      return v.map((g) => (lacksContext(g) ? new Map([...g, ["context", inferContext(signal, groupTexts(g)) ?? ""]]) : g));
    },
    rows: [
      { attr: "context", as: "string", required: true },
      { attr: "conditions", as: "strings" },
      { attr: "statements", as: "strings", required: true },
      { attr: "error_mode", as: "string" },
    ],
  };
}

/** The flat statements of a signal, outside compat mode (groups are left to the signal's own blocks). */
const flatStatements = (signal: Signal) => (_: unknown, src: Source) => {
  // The YAML map decides the form without reading the setting, so the ledger credits the block that carries it.
  if (src.compat || !isFlat(src.root.map?.get(STATEMENT_KEYS[signal]))) return undefined;
  return src.root.get(STATEMENT_KEYS[signal]);
};

/** Alloy's `statements` block: one list per signal, whose context Alloy infers as the collector does. */
const inferredStatements: BlockRow = {
  block: "statements",
  otel: null,
  rows: [
    { attr: "trace", as: "strings", otel: null, map: flatStatements("traces") },
    { attr: "metric", as: "strings", otel: null, map: flatStatements("metrics") },
    { attr: "log", as: "strings", otel: null, map: flatStatements("logs") },
  ],
};

/** Infos naming each inferred context, and an Error for a group whose statements name none. */
function transformNotes(src: Source, id: string): ComponentNote[] {
  if (src.compat) return [];
  const notes: ComponentNote[] = [];
  for (const signal of ALL_SIGNALS) {
    const key = STATEMENT_KEYS[signal];
    const v = src.get(key);
    if (!Array.isArray(v) || isFlat(v)) continue;
    v.forEach((g, i) => {
      if (!lacksContext(g)) return;
      const context = inferContext(signal, groupTexts(g));
      notes.push(
        context
          ? componentNote("info", `processor/${id}: ${key}[${i}] has no context; the collector infers "${context}" from its paths, written as context = "${context}"`, key)
          : componentNote("error", `processor/${id}: ${key}[${i}] has no context and no path of its statements names one (span., resource., ...); Alloy's ${key} block needs a context: add "context:" to the group`, key),
      );
    });
  }
  return notes;
}

export const transformProcessor: ComponentDescription = {
  kind: "processor",
  otelTypes: ["transform"],
  alloyName: "otelcol.processor.transform",
  signals: ALL_SIGNALS,
  rows: [
    { attr: "error_mode", as: "string", alloyDefault: "ignore", otelDefault: "ignore" },
    inferredStatements,
    statementGroups("traces"),
    statementGroups("metrics"),
    statementGroups("logs"),
    { output: true },
  ],
  notes: transformNotes,
};

const CONDITION_KEYS = { traces: "trace_conditions", metrics: "metric_conditions", logs: "log_conditions" } as const;

/** The conditions of a group, for inference. */
const groupConditions = (g: RawMap): string[] => {
  const v = g.get("conditions");
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
};

/**
 * Condition groups. OTel's flat list is one group whose context the collector infers, like a group without
 * `context:`; Alloy's blocks need the context, so outside compat mode the converter infers it (upstream writes
 * `context = ""`, which Alloy refuses).
 */
function conditionGroups(signal: Signal): RepeatedBlockRow {
  const name = CONDITION_KEYS[signal];
  return {
    blocks: name,
    items: (src) => {
      src.get(name); // recorded as consumed (the settings ledger); the YAML as written decides the groups
      const v = src.map?.get(name);
      if (!Array.isArray(v)) return [];
      // The collector reads a flat list as one group without a context; upstream writes that group as it is.
      if (isFlat(v)) return [new Map<string, RawValue>([["context", src.compat ? "" : inferContext(signal, v) ?? ""], ["conditions", v]])];
      if (src.compat) return v;
      return v.map((g) => (lacksContext(g) ? new Map([...g, ["context", inferContext(signal, groupConditions(g)) ?? ""]]) : g));
    },
    rows: [
      { attr: "context", as: "string", required: true },
      { attr: "conditions", as: "strings", required: true },
    ],
  };
}

/** Infos naming each inferred condition context, and an Error where none can be inferred. */
function filterContextNotes(src: Source, id: string): ComponentNote[] {
  if (src.compat) return [];
  const notes: ComponentNote[] = [];
  for (const signal of ALL_SIGNALS) {
    const key = CONDITION_KEYS[signal];
    const v = src.get(key);
    if (!Array.isArray(v)) continue;
    const groups: [string, string[]][] = isFlat(v)
      ? [[key, v]]
      : v.flatMap((g, i): [string, string[]][] => (lacksContext(g) ? [[`${key}[${i}]`, groupConditions(g)]] : []));
    for (const [what, conditions] of groups) {
      const context = inferContext(signal, conditions);
      notes.push(
        context
          ? componentNote("info", `processor/${id}: ${what} has no context; the collector infers "${context}" from its paths, written as context = "${context}"`, key)
          : componentNote("error", `processor/${id}: ${what} has no context and no path of its conditions names one (span., resource., ...); Alloy's ${key} block needs a context: add "context:"`, key),
      );
    }
  }
  return notes;
}

/**
 * A condition list with the legacy include/exclude conditions appended (filter-legacy.ts). Upstream ignores the
 * legacy settings, so its filter passes everything; compat mode keeps that.
 */
function withLegacy(key: "span" | "metric" | "log") {
  return (v: RawValue | undefined, src: Source): unknown => {
    if (src.compat || !usesLegacyFilter(src.root)) return v;
    const extra = legacyConditions(src.root, key)[key];
    return extra.length === 0 ? v : [...(Array.isArray(v) ? v : []), ...extra];
  };
}

export const filterProcessor: ComponentDescription = {
  kind: "processor",
  otelTypes: ["filter"],
  alloyName: "otelcol.processor.filter",
  signals: ALL_SIGNALS,
  rows: [
    { attr: "error_mode", as: "string", alloyDefault: "ignore", otelDefault: "ignore" },
    { block: "traces", rows: [{ attr: "span", as: "strings", map: withLegacy("span") }, { attr: "spanevent", as: "strings" }] },
    { block: "metrics", rows: [{ attr: "metric", as: "strings", map: withLegacy("metric") }, { attr: "datapoint", as: "strings" }] },
    { block: "logs", rows: [{ attr: "log_record", as: "strings", map: withLegacy("log") }] },
    conditionGroups("traces"),
    conditionGroups("metrics"),
    conditionGroups("logs"),
    { output: true },
  ],
  notes: (src, id) => [...legacyFilterNotes(src, id), ...filterContextNotes(src, id)],
};
