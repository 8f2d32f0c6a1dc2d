/**
 * Whether the text `printFile` wrote for a file is already what `alloy fmt` prints, so the conversion can skip
 * re-parsing and re-printing it. `emit.ts` writes the canonical layout (otelcol-conversion.md §13) for the values it
 * is built for. Anything outside them goes through the formatter as before, which also reports text that does not
 * parse: numbers Go would print with an exponent, `+Inf`, expressions other than component references, non-ASCII
 * text (the printer measures column widths itself), object keys whose quoted form has escapes (the printer quotes
 * them a second time), and names and labels that are not identifiers.
 */
import type { AlloyValue, Statement } from "./ir.js";

const PLAIN_NUMBER = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?$/;
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const REFERENCE = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*$/;
/** A name with a keyword as one of its dotted parts does not parse. */
const KEYWORD = /(?:^|\.)(?:true|false|null)(?:\.|$)/;
const NON_ASCII = /[^\x00-\x7f]/;
/** Characters `goQuote` writes as an escape. */
const ESCAPED = /[\x00-\x1f"\\\x7f]/;

/** True when `text`, printed by `printFile` from `stmts`, is unchanged by `alloy fmt`. */
export function printedCanonically(stmts: readonly Statement[], text: string): boolean {
  return plainText(text) && plainStatements(stmts);
}

/** The part of {@link printedCanonically} about the statements. */
export function plainStatements(stmts: readonly Statement[]): boolean {
  return stmts.every(plainStatement);
}

/** The part of {@link printedCanonically} about the printed text. */
export function plainText(text: string): boolean {
  return !NON_ASCII.test(text);
}

function plainStatement(s: Statement): boolean {
  if (s.type === "attribute") return IDENTIFIER.test(s.name) && !KEYWORD.test(s.name) && plainValue(s.value);
  // Labels the converter makes are identifiers (§4); any other label does not parse, or prints differently.
  return REFERENCE.test(s.name) && !KEYWORD.test(s.name) && (s.label === undefined || (IDENTIFIER.test(s.label) && !KEYWORD.test(s.label))) &&
    s.body.every(plainStatement);
}

function plainValue(v: AlloyValue): boolean {
  switch (v.t) {
    case "number": return PLAIN_NUMBER.test(v.text);
    case "expr": return REFERENCE.test(v.text) && !KEYWORD.test(v.text);
    case "array": return v.items.every(plainValue);
    case "object": return v.fields.every((f) => !ESCAPED.test(f.key) && plainValue(f.value));
    default: return true;
  }
}
