/**
 * The textual rewrite of `"${env:NAME:-default}"` string literals into `coalesce(sys.env("NAME"), "default")`
 * (otelcol-conversion.md §2.3). It works on the printed text, like upstream, including its greedy default.
 */
const REFERENCE_LITERAL = /"\$\{(?:env:)?([a-zA-Z_][a-zA-Z0-9_]*)(:-([^\n]*))?\}"/g;

/** Rewrites every complete string literal that is one environment reference. */
export function rewriteEnvReferences(text: string): string {
  return text.replace(REFERENCE_LITERAL, (_m, name: string, _d: string | undefined, def: string | undefined) =>
    `coalesce(sys.env("${name}"), "${def ?? ""}")`,
  );
}
