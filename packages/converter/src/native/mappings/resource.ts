/**
 * The `resource` processor → `otelcol.processor.transform` with resource-context OTTL statements, one per action,
 * keeping each action's semantics (the attributes processor's action table applied to resource attributes):
 * - insert: `set(...) where <key> == nil` (from_attribute: also only when the source exists);
 * - update: `set(...) where <key> != nil`; upsert: `set(...)` (from_attribute: only when the source exists);
 * - delete: `delete_key` (`delete_matching_keys` for a pattern);
 * - hash: `set(<key>, SHA256(<key>))` where the key exists;
 * - extract: `merge_maps(attributes, ExtractPatterns(<key>, pattern), "upsert")` where the key exists;
 * - convert: `set(<key>, Int|Double|String(<key>))` where the key exists.
 * The same statements are written for traces, metrics and logs, as the processor applies to all three.
 */
import { type ComponentNote, type RepeatedBlockRow, type Source, componentNote } from "../../engine/description.js";
import type { RawMap, RawValue } from "@alloy-ts/otel";
import type { NativeDescription } from "../types.js";

/** An OTTL string literal. */
export function ottlString(s: string): string {
  return `"${s.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n").replace(/\t/g, "\\t")}"`;
}

/** An OTTL literal for a YAML value. */
export function ottlLiteral(v: RawValue): string {
  if (v === null) return "nil";
  if (typeof v === "string") return ottlString(v);
  if (typeof v === "boolean" || typeof v === "number") return String(v);
  if (Array.isArray(v)) return `[${v.map(ottlLiteral).join(", ")}]`;
  // A value with environment references: an OTTL string whose text is read from the environment.
  if (!(v instanceof Map)) return ottlString(String(v));
  return `{${[...v].map(([k, x]) => `${ottlString(k)}: ${ottlLiteral(x)}`).join(", ")}}`;
}

const key = (k: string) => `attributes[${ottlString(k)}]`;
const CONVERT_FUNCTIONS: Record<string, string> = { int: "Int", double: "Double", string: "String" };

/** The OTTL statement for one action, or an explanation of why there is none. */
export function actionStatement(action: RawMap): { statement: string } | { problem: string } {
  const name = String(action.get("action") ?? "").toLowerCase();
  const k = action.get("key");
  const pattern = action.get("pattern");
  if (name === "delete" && typeof pattern === "string" && (k === undefined || k === null)) {
    return { statement: `delete_matching_keys(attributes, ${ottlString(pattern)})` };
  }
  if (typeof k !== "string" || k === "") return { problem: `action "${name}" has no key` };
  const target = key(k);
  const fromAttribute = action.get("from_attribute");
  const value = typeof fromAttribute === "string" ? key(fromAttribute) : action.has("value") ? ottlLiteral(action.get("value")!) : undefined;
  const sourceExists = typeof fromAttribute === "string" ? [`${key(fromAttribute)} != nil`] : [];
  const where = (conditions: string[]) => (conditions.length === 0 ? "" : ` where ${conditions.join(" and ")}`);
  switch (name) {
    case "insert":
    case "update":
    case "upsert": {
      if (action.has("from_context")) return { problem: `action "${name}" on "${k}" reads from_context, which resource statements cannot read` };
      if (value === undefined) return { problem: `action "${name}" on "${k}" has neither value nor from_attribute` };
      const guard = name === "insert" ? [`${target} == nil`] : name === "update" ? [`${target} != nil`] : [];
      return { statement: `set(${target}, ${value})${where([...guard, ...sourceExists])}` };
    }
    case "delete":
      return { statement: `delete_key(attributes, ${ottlString(k)})` };
    case "hash":
      return { statement: `set(${target}, SHA256(${target}))${where([`${target} != nil`])}` };
    case "extract":
      if (typeof pattern !== "string") return { problem: `action "extract" on "${k}" has no pattern` };
      return { statement: `merge_maps(attributes, ExtractPatterns(${target}, ${ottlString(pattern)}), "upsert")${where([`${target} != nil`])}` };
    case "convert": {
      const fn = CONVERT_FUNCTIONS[String(action.get("converted_type") ?? "")];
      if (!fn) return { problem: `action "convert" on "${k}" has an unknown converted_type` };
      return { statement: `set(${target}, ${fn}(${target}))${where([`${target} != nil`])}` };
    }
    default:
      return { problem: `unknown action "${name}"` };
  }
}

/**
 * The actions as written: their `${...}` references stay text inside the statements, which the engine then reads
 * as expressions like any statement (the read through `src` records the setting for the settings ledger).
 */
function actions(src: Source): RawMap[] {
  src.root.get("attributes");
  const list = src.root.map?.get("attributes");
  return Array.isArray(list) ? list.filter((a): a is RawMap => a instanceof Map) : [];
}

function statements(src: Source): string[] {
  return actions(src).flatMap((a) => {
    const r = actionStatement(a);
    return "statement" in r ? [r.statement] : [];
  });
}

const group = (name: string): RepeatedBlockRow => ({
  blocks: name,
  items: (src) => {
    const list = statements(src);
    return list.length === 0 ? [] : [new Map<string, RawValue>([["context", "resource"], ["statements", list]])];
  },
  rows: [
    { attr: "context", as: "string", required: true },
    { attr: "statements", as: "strings", required: true },
  ],
});

function notes(src: Source, id: string): ComponentNote[] {
  return actions(src).flatMap((a): ComponentNote[] => {
    const r = actionStatement(a);
    return "problem" in r ? [componentNote("warning", `processor/${id}: ${r.problem}; the action was not converted`, "attributes")] : [];
  });
}

export const resourceProcessor: NativeDescription = {
  kind: "processor",
  otelTypes: ["resource"],
  alloyName: "otelcol.processor.transform",
  signals: ["metrics", "logs", "traces"],
  rows: [group("trace_statements"), group("metric_statements"), group("log_statements"), { output: true }],
  notes,
};
