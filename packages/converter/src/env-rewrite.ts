/**
 * Environment references in converted output.
 *
 * Upstream (`--compat=upstream`) rewrites, on the printed text, every complete string literal that is exactly one
 * reference `"${env:NAME:-default}"` into `coalesce(sys.env("NAME"), "default")` (otelcol-conversion.md §2.3),
 * including its greedy default and its rewriting of object keys; references inside longer strings stay plain text.
 *
 * The default mode turns every reference into an expression: a string made only of one reference gets upstream's
 * form (so the common case prints the same), a string with references among other text becomes a concatenation
 * (`"http://" + sys.env("HOST") + ":4317"`), and object keys are left alone (an expression cannot be a key).
 */
import { Scanner, Tok } from "@alloy-ts/grammar";

const REFERENCE_LITERAL = /"\$\{(?:env:)?([a-zA-Z_][a-zA-Z0-9_]*)(:-([^\n]*))?\}"/g;

/** Upstream's textual rewrite of every complete string literal that is one environment reference. */
export function rewriteEnvReferences(text: string): string {
  return text.replace(REFERENCE_LITERAL, (_m, name: string, _d: string | undefined, def: string | undefined) =>
    `coalesce(sys.env("${name}"), "${def ?? ""}")`,
  );
}

/** One `${...}` reference inside a (still Go-quoted) string body. */
const EMBEDDED_REFERENCE = /\$\{(?:env:)?([a-zA-Z_][a-zA-Z0-9_]*)(?::-((?:[^}\\]|\\.)*))?\}/g;

/**
 * Default-mode rewrite: every double-quoted string literal that contains references becomes an expression.
 * Works token by token on the printed text, so keys, comments and raw strings are recognised for what they are.
 */
export function rewriteEnvReferencesAsExpressions(text: string): string {
  const scanner = new Scanner(text, {});
  const edits: { start: number; end: number; replacement: string }[] = [];
  let pending: { start: number; end: number } | undefined;
  for (let tok = scanner.scan(); tok !== Tok.EOF; tok = scanner.scan()) {
    // A string followed by `=` is an object key: it stays a string.
    if (pending && tok !== Tok.ASSIGN) {
      const replacement = literalAsExpression(text.slice(pending.start, pending.end));
      if (replacement !== undefined) edits.push({ ...pending, replacement });
    }
    pending = tok === Tok.STRING && text[scanner.pos] === '"' ? { start: scanner.pos, end: scanner.end } : undefined;
  }
  if (pending) {
    const replacement = literalAsExpression(text.slice(pending.start, pending.end));
    if (replacement !== undefined) edits.push({ ...pending, replacement });
  }
  let out = "";
  let at = 0;
  for (const e of edits) {
    out += text.slice(at, e.start) + e.replacement;
    at = e.end;
  }
  return out + text.slice(at);
}

/** The expression for a quoted literal containing references, or undefined when it contains none. */
function literalAsExpression(literal: string): string | undefined {
  const single = /^"\$\{(?:env:)?([a-zA-Z_][a-zA-Z0-9_]*)(:-(.*))?\}"$/s.exec(literal);
  if (single) return `coalesce(sys.env("${single[1]}"), "${single[3] ?? ""}")`;
  const body = literal.slice(1, -1);
  const parts: string[] = [];
  let at = 0;
  for (const m of body.matchAll(EMBEDDED_REFERENCE)) {
    if (m.index > at) parts.push(`"${body.slice(at, m.index)}"`);
    parts.push(m[2] === undefined ? `sys.env("${m[1]}")` : `coalesce(sys.env("${m[1]}"), "${m[2]}")`);
    at = m.index + m[0].length;
  }
  if (parts.length === 0) return undefined;
  if (at < body.length) parts.push(`"${body.slice(at)}"`);
  return parts.join(" + ");
}
