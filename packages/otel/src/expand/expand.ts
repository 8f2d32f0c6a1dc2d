/**
 * Expanding references with an environment, as the collector does when it starts (otel-config.md §4): a value
 * that is exactly one reference takes the type of the expanded text read as a YAML scalar; a reference inside a
 * longer value is inserted as text; text produced by an expansion is expanded again, up to 1000 rounds. `$$`
 * escapes give `$` and are not expanded further.
 */
import { resolvePlainScalar } from "../yaml/scalars.js";
import { splitReferences, type Part, type ReferenceError } from "./references.js";

export type Environment = Readonly<Record<string, string | undefined>>;

const MAX_ROUNDS = 1000;

export type Expanded = { readonly value: unknown } | ReferenceError;

/** Expands one string value. Schemes other than `env` are errors (no other provider is available here). */
export function expandValue(s: string, env: Environment): Expanded {
  return expandRound(s, env, 0);
}

/** The text a string setting receives: the expansion without reading a whole-value reference as YAML. */
export function expandText(s: string, env: Environment): { readonly value: string } | ReferenceError {
  const r = expandRound(s, env, 0, false);
  return "error" in r ? r : { value: String(r.value) };
}

function expandRound(s: string, env: Environment, round: number, typed = true): Expanded {
  if (round > MAX_ROUNDS) return { error: "too many recursive expansions", offset: 0 };
  const parts = splitReferences(s);
  if ("error" in parts) return parts;
  if (typed && parts.length === 1 && parts[0]!.t === "ref") {
    const text = lookup(parts[0]!, env, round);
    if (typeof text !== "string") return text;
    // An empty expansion stays an empty string: the collector keeps a reference's text beside its YAML value and
    // a string setting receives the text, which is what nearly every referenced setting is.
    return { value: text === "" ? "" : resolvePlainScalar(text) };
  }
  let out = "";
  for (const p of parts) {
    if (p.t === "text") {
      out += p.text;
      continue;
    }
    const text = lookup(p, env, round);
    if (typeof text !== "string") return text;
    out += text;
  }
  return { value: out };
}

function lookup(p: Extract<Part, { t: "ref" }>, env: Environment, round: number): string | ReferenceError {
  if (p.scheme !== "env") return { error: `scheme "${p.scheme}" is not supported for uri "${p.uri}"`, offset: p.start };
  const value = env[p.name];
  const raw = value ?? p.default ?? "";
  if (value === undefined && p.default === undefined) return "";
  // An expansion's text is read again (a default may hold references; so may a variable's value).
  if (!raw.includes("${")) return raw;
  const again = expandRound(raw, env, round + 1, false);
  if ("error" in again) return again;
  return typeof again.value === "string" ? again.value : String(again.value);
}

/**
 * Expands every string of a plain data tree (Maps, arrays, scalars) in place; `onError` receives each refused
 * value with its container and key, so the caller can name the position.
 */
export function expandTree(root: unknown, env: Environment, onError: (container: object, key: string | number, error: ReferenceError) => void): unknown {
  const visit = (container: object, key: string | number, v: unknown): unknown => {
    if (typeof v === "string") {
      if (!v.includes("$")) return v;
      const r = expandValue(v, env);
      if ("error" in r) {
        onError(container, key, r);
        return v;
      }
      return r.value;
    }
    walk(v);
    return v;
  };
  const walk = (v: unknown): void => {
    if (v instanceof Map) for (const [k, x] of v) v.set(k, visit(v, k, x));
    else if (Array.isArray(v)) v.forEach((x, i) => (v[i] = visit(v, i, x)));
  };
  if (typeof root === "string") {
    const r = expandValue(root, env);
    return "error" in r ? root : r.value;
  }
  walk(root);
  return root;
}
