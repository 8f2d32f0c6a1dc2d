/**
 * The bridge dialect's data rule, both ways (docs/dialects.md "Values"):
 * - a map whose keys are all identifiers (not starting with `__`) becomes a block, when it sits in a block body;
 * - any other map becomes an object (quoted keys where needed), lists become arrays, scalars literals;
 * - collector strings holding `${env:...}` references become `sys.env(...)` expressions, `coalesce(...)` for
 *   defaults, joined with `+` when mixed with text.
 * Keys of a component's top level that cannot be attribute names go into the `__extra` object attribute.
 */
import { isValidIdentifier } from "@alloy-ts/grammar";
import { attr, block, type AlloyValue, type Statement } from "../alloy/ir.js";
import { goQuote } from "../alloy/go-text.js";
import type { RawMap, RawValue } from "@alloy-ts/otel";
import { splitEnvReferences as splitEnvParts, type Part as StringPart } from "@alloy-ts/otel";

/** Names of the bridge dialect's own attributes inside component bodies. */
export const META = { id: "__id", extra: "__extra", value: "__value" } as const;

/** Problems found while converting values (references the converter cannot express, non-finite numbers). */
export interface ValueProblem {
  readonly path: readonly string[];
  readonly message: string;
}

/** True when `key` can be an attribute or block name in a bridge body. */
export function isBodyKey(key: string): boolean {
  return isValidIdentifier(key) && !key.startsWith("__");
}

function blockable(v: RawValue): v is RawMap {
  return v instanceof Map && [...v.keys()].every(isBodyKey);
}

/** Converts one map into body statements (attributes and nested blocks). */
export function bodyFromMap(map: RawMap, path: readonly string[], problems: ValueProblem[], topLevel: boolean): Statement[] {
  const out: Statement[] = [];
  const extra: { key: string; value: AlloyValue }[] = [];
  for (const [k, v] of map) {
    const at = [...path, k];
    if (!isBodyKey(k)) {
      // Only reachable at a component's top level: nested maps with such keys are objects already.
      extra.push({ key: k, value: valueOf(v, at, problems) });
      continue;
    }
    if (blockable(v)) out.push(block(k, bodyFromMap(v, at, problems, false)));
    else out.push(attr(k, valueOf(v, at, problems)));
  }
  if (extra.length > 0) {
    if (!topLevel) throw new Error("internal: non-identifier key in a block body");
    out.unshift(attr(META.extra, { t: "object", fields: extra }));
  }
  return out;
}

/** Converts a value into an Alloy expression. */
export function valueOf(v: RawValue, path: readonly string[], problems: ValueProblem[]): AlloyValue {
  if (v === null) return { t: "null" };
  if (typeof v === "boolean") return { t: "bool", v };
  if (typeof v === "number") {
    if (!Number.isFinite(v)) {
      problems.push({ path, message: `the number ${String(v)} has no Alloy literal; it was written as a string` });
      return { t: "string", v: String(v) };
    }
    return v < 0 || Object.is(v, -0) ? { t: "expr", text: `-${numberText(-v)}` } : { t: "number", text: numberText(v) };
  }
  if (typeof v === "string") return stringValue(v, path, problems);
  if (Array.isArray(v)) return { t: "array", items: v.map((x, i) => valueOf(x, [...path, String(i)], problems)) };
  return { t: "object", fields: [...v].map(([key, x]) => ({ key, value: valueOf(x, [...path, key], problems) })) };
}

function numberText(n: number): string {
  const text = String(n);
  // Alloy number literals have no `+` in exponents.
  return text.replace("e+", "e");
}

function stringValue(s: string, path: readonly string[], problems: ValueProblem[]): AlloyValue {
  const parts = splitEnvParts(s);
  if ("error" in parts) {
    problems.push({ path, message: parts.error });
    return { t: "string", v: s };
  }
  if (parts.length === 0) return { t: "string", v: "" };
  if (parts.length === 1 && parts[0]!.t === "text") return { t: "string", v: parts[0]!.text };
  return { t: "expr", text: parts.map(partText).join(" + ") };
}

function partText(p: StringPart): string {
  if (p.t === "text") return goQuote(p.text);
  const env = `sys.env(${goQuote(p.name)})`;
  return p.default === undefined ? env : `coalesce(${env}, ${goQuote(p.default)})`;
}
