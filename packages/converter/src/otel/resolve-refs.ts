/**
 * What OTel's resolver, configured the way upstream's converter configures it, does to `${...}` references and
 * `$$` escapes (otelcol-conversion.md §2.2): references are never looked up; `${X}` becomes `${env:X}`,
 * `${env:...}` stays as written, other schemes are errors, and `$$` turns into `$`.
 */
import { positionOf, type Position, type RawValue } from "./yaml-tree.js";

export interface ResolveError {
  readonly message: string;
  readonly position?: Position;
}

const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]+$/;

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

/** Resolves the references of one string value; `{ error }` when OTel would refuse it. */
export function resolveString(s: string): string | { error: string } {
  if (!s.includes("$")) return s;
  let out = "";
  let i = 0;
  while (i < s.length) {
    const ch = s[i]!;
    if (ch === "$" && s[i + 1] === "$") {
      out += "$";
      i += 2;
      continue;
    }
    if (ch === "$" && s[i + 1] === "{") {
      const end = closingBrace(s, i + 2);
      if (end === -1) {
        out += s.slice(i);
        break;
      }
      const uri = s.slice(i + 2, end);
      const resolved = resolveUri(uri);
      if (typeof resolved !== "string") return resolved;
      out += resolved;
      i = end + 1;
      continue;
    }
    out += ch;
    i++;
  }
  return out;
}

function closingBrace(s: string, from: number): number {
  let depth = 0;
  for (let j = from; j < s.length; j++) {
    if (s[j] === "{") depth++;
    else if (s[j] === "}") {
      if (depth === 0) return j;
      depth--;
    }
  }
  return -1;
}

function resolveUri(uri: string): string | { error: string } {
  if (uri.includes("$")) return { error: `the uri "${uri}" contains unsupported characters ('$')` };
  const colon = uri.indexOf(":");
  if (colon === -1) return "${env:" + uri + "}";
  const scheme = uri.slice(0, colon);
  if (!SCHEME.test(scheme)) return { error: `invalid uri: "${uri}"` };
  if (scheme !== "env") return { error: `scheme "${scheme}" is not supported for uri "${uri}"` };
  return "${" + uri + "}";
}
