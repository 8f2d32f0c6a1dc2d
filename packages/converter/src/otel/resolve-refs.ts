/**
 * What OTel's resolver, configured the way upstream's converter configures it, does to `${...}` references and
 * `$$` escapes (otelcol-conversion.md §2.2): references are never looked up; `${X}` becomes `${env:X}`,
 * `${env:...}` stays as written, other schemes are errors, and `$$` turns into `$`.
 */
import { envReferenceText, splitEnvReferences } from "@alloy-ts/otel";
import { positionOf, type Position, type RawValue } from "@alloy-ts/otel";

export interface ResolveError {
  readonly message: string;
  readonly position?: Position;
}

/** Rewrites every string value of the tree in place. Returns the first error, if any. */
export function resolveReferences(root: RawValue): ResolveError | undefined {
  let error: ResolveError | undefined;
  const visit = (container: Map<string, RawValue> | RawValue[], key: string | number, value: RawValue): RawValue => {
    if (typeof value === "string") {
      const r = resolveString(value);
      if (typeof r === "string") return r;
      error ??= { message: r.error, position: positionOf(container, key) };
      return value;
    }
    walk(value);
    return value;
  };
  const walk = (value: RawValue): void => {
    if (value instanceof Map) for (const [k, v] of value) value.set(k, visit(value, k, v));
    else if (Array.isArray(value)) value.forEach((v, i) => (value[i] = visit(value, i, v)));
  };
  walk(root);
  return error;
}

/**
 * Resolves the references of one string value; `{ error }` when OTel would refuse it. The reading of `${...}`
 * and `$$` is the one the bridge dialect uses (../dialects/env-parts.ts); here the pieces are joined without
 * re-escaping, since the result is the resolved value, not collector source text.
 */
export function resolveString(s: string): string | { error: string } {
  if (!s.includes("$")) return s;
  const parts = splitEnvReferences(s);
  if ("error" in parts) return { error: parts.error };
  // Upstream's env provider refuses a reference holding `$` (a nested reference in a default).
  const nested = parts.find((p) => p.t === "ref" && p.uri.includes("$"));
  if (nested && nested.t === "ref") return { error: `the uri "${nested.uri}" contains unsupported characters ('$')` };
  return parts.map((p) => (p.t === "text" ? p.text : envReferenceText(p))).join("");
}

/** Every reference the default-mode conversion cannot express (another scheme, a malformed name), with where. */
export function referenceErrors(root: RawValue): ResolveError[] {
  const out: ResolveError[] = [];
  const visit = (v: RawValue, container: unknown, key: string | number | undefined): void => {
    if (typeof v === "string") {
      if (!v.includes("$")) return;
      const parts = splitEnvReferences(v);
      if ("error" in parts) out.push({ message: parts.error, position: positionOf(container, key) });
    } else if (v instanceof Map) for (const [k, x] of v) visit(x, v, k);
    else if (Array.isArray(v)) v.forEach((x, i) => visit(x, v, i));
  };
  visit(root, undefined, undefined);
  return out;
}
