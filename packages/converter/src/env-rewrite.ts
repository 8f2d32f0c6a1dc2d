/**
 * Environment references in converted output under `--compat=upstream`.
 *
 * Upstream rewrites, on its printed text, every complete string literal that is exactly one reference
 * `"${env:NAME:-default}"` into `coalesce(sys.env("NAME"), "default")` (otelcol-conversion.md §2.3), with a default
 * that is greedy up to the last `}"` of the line and a rewrite of object keys too; references inside longer strings
 * stay plain text. Here it is done on the tree before it is written: each attribute value whose tokens hold such a
 * literal becomes a raw expression of its rewritten tokens. The pattern never spans a line, and the builder writes
 * a value with the line breaks the printer keeps, so the result is upstream's wherever the rewritten file parses;
 * where it does not (a rewritten object key, a default that swallowed a later literal), `rewriteReferences` on the
 * printed text gives upstream's bytes (see `Conversion.printedUpstream`).
 *
 * The default mode writes expressions where values are read (engine/env-values.ts) instead.
 */
import { builder } from "@alloy-ts/grammar";
import { attr, block, expr, type AlloyValue, type BlockStatement, type Statement } from "./alloy/ir.js";

const REFERENCE_LITERAL = /"\$\{(?:env:)?([a-zA-Z_][a-zA-Z0-9_]*)(:-([^\n]*))?\}"/g;

/** Upstream's rewrite of every complete string literal of `text` that is one environment reference. */
export function rewriteReferences(text: string): string {
  return text.replace(REFERENCE_LITERAL, (_m, name: string, _d: string | undefined, def: string | undefined) =>
    `coalesce(sys.env("${name}"), "${def ?? ""}")`,
  );
}

/** `b` with upstream's rewrite applied to its attribute values; `b` itself when nothing changes. */
export function rewriteBlock(b: BlockStatement): BlockStatement {
  const body = rewriteBody(b.body);
  return body === b.body ? b : block(b.name, body, b.label);
}

function rewriteBody(body: readonly Statement[]): readonly Statement[] {
  let out: Statement[] | undefined;
  for (let i = 0; i < body.length; i++) {
    const s = body[i]!;
    let r: Statement = s;
    if (s.type === "block") r = rewriteBlock(s);
    else if (mayHoldReference(s.value)) {
      const tokens = builder.valueText(s.value);
      const rewritten = rewriteReferences(tokens);
      if (rewritten !== tokens) r = attr(s.name, expr(rewritten));
    }
    if (r !== s && out === undefined) out = body.slice(0, i);
    out?.push(r);
  }
  return out ?? body;
}

/** Whether the value's tokens may contain `"${` (the pattern's start), without writing them. */
function mayHoldReference(v: AlloyValue): boolean {
  switch (v.t) {
    case "string": return v.v.includes("${");
    case "expr": return v.text.includes("${");
    case "array": return v.items.some(mayHoldReference);
    case "object": return v.fields.some((f) => f.key.includes("${") || mayHoldReference(f.value));
    default: return false;
  }
}
