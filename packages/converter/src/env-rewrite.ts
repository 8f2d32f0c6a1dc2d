/**
 * Environment references in converted output.
 *
 * Upstream (`--compat=upstream`) rewrites, on the printed text, every complete string literal that is exactly one
 * reference `"${env:NAME:-default}"` into `coalesce(sys.env("NAME"), "default")` (otelcol-conversion.md §2.3),
 * including its greedy default and its rewriting of object keys; references inside longer strings stay plain text.
 *
 * The default mode writes expressions where values are read (engine/env-values.ts) instead of rewriting text, so a
 * reference among other text, several references, escapes and typed settings all keep their meaning.
 */

const REFERENCE_LITERAL = /"\$\{(?:env:)?([a-zA-Z_][a-zA-Z0-9_]*)(:-([^\n]*))?\}"/g;

/** Upstream's textual rewrite of every complete string literal that is one environment reference. */
export function rewriteEnvReferences(text: string): string {
  return text.replace(REFERENCE_LITERAL, (_m, name: string, _d: string | undefined, def: string | undefined) =>
    `coalesce(sys.env("${name}"), "${def ?? ""}")`,
  );
}
