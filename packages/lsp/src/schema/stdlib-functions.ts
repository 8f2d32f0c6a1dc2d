/** Adapts the validator's standard-library table (signatures as text) to the catalogue's function shape. */
import type { FunctionInfo, ParameterInfo } from "./catalog.js";

/** The fields of a standard-library entry the language service reads. */
export interface StdlibEntry {
  readonly name: string;
  /** Parameter list as written in documentation: `(format string, values ...any)`. */
  readonly signature?: string;
  readonly returns?: string;
  readonly doc?: string;
  readonly deprecated?: { readonly replacement: string };
  readonly experimental?: boolean;
  readonly constant?: boolean;
  readonly type?: string;
}

/** Splits `(a string, values ...any, keep_left? bool)` into parameters (commas inside parentheses kept). */
export function parseParameters(signature: string): ParameterInfo[] {
  const inner = signature.trim().replace(/^\(/, "").replace(/\)$/, "");
  if (!inner.trim()) return [];
  const parts: string[] = [];
  let depth = 0;
  let cur = "";
  for (const c of inner) {
    if (c === "(") depth++;
    if (c === ")") depth--;
    if (c === "," && depth === 0) {
      parts.push(cur);
      cur = "";
    } else cur += c;
  }
  parts.push(cur);
  return parts.map((p) => {
    const m = /^\s*([\w?]+)\s+(\.\.\.)?(.+?)\s*$/.exec(p);
    if (!m) return { name: p.trim(), type: "any" };
    return { name: m[1]!, type: m[3]!, variadic: m[2] ? true : undefined };
  });
}

/** Converts standard-library entries to catalogue functions. */
export function functionsFromStdlib(entries: readonly StdlibEntry[]): FunctionInfo[] {
  return entries.map((e) => ({
    name: e.name,
    parameters: e.signature ? parseParameters(e.signature) : [],
    returns: e.returns ?? e.type ?? "any",
    description: [e.doc, e.experimental ? "Experimental: needs `--stability.level=experimental`." : undefined].filter(Boolean).join("\n\n") || undefined,
    deprecated: e.deprecated ? `use \`${e.deprecated.replacement}\` instead` : undefined,
    replacement: e.deprecated?.replacement,
    constant: e.constant,
  }));
}
