/**
 * Writes a synthesized tree as Alloy tokens: one statement per line, a block's `{` on its header line and its `}`
 * on a line of its own, arrays on one line, an object as `{`, one `key = value,` per line, `}`. No indentation,
 * alignment or blank lines: the canonical printer (`print`/`format`) decides those, and since it keeps the line
 * structure of its input, this is the raw form whose printing is the converter's output (otelcol-conversion.md
 * §13, upstream `syntax/token/builder`). Object keys are written by `objectKeyText` (bare when an identifier).
 */
import { objectKeyText } from "../lexer/identifier.js";
import { goQuote } from "../parser/quote.js";
import type { AlloyValue, BlockStatement, Statement } from "./ir.js";

/**
 * `s` as one flat string. Why: text built with `+` is a tree of concatenations, several times the size of its
 * characters; a block's tokens (or a message) kept until the end of a conversion costs that many times over.
 * Reading a character makes V8 flatten the string in place, and the pieces become garbage.
 */
export function flat(s: string): string {
  s.charCodeAt(0);
  return s;
}

/** The tokens of `stmts`, each statement ending with a line break. */
export function statementsText(stmts: readonly Statement[]): string {
  let out = "";
  for (const s of stmts) out += statementText(s);
  return out;
}

/** The tokens of one statement, ending with a line break. */
export function statementText(s: Statement): string {
  if (s.type === "attribute") return s.name + " = " + valueText(s.value) + "\n";
  const head = s.label === undefined ? s.name : s.name + " " + goQuote(s.label);
  return s.body.length === 0 ? head + " { }\n" : head + " {\n" + statementsText(s.body) + "}\n";
}

/** The tokens of a value; only objects span several lines. */
export function valueText(v: AlloyValue): string {
  switch (v.t) {
    case "string": return goQuote(v.v);
    case "number": return v.text;
    case "bool": return v.v ? "true" : "false";
    case "null": return "null";
    case "expr": return v.text;
    case "array": {
      let out = "[";
      for (let i = 0; i < v.items.length; i++) out += (i === 0 ? "" : ", ") + valueText(v.items[i]!);
      return out + "]";
    }
    case "object": {
      if (v.fields.length === 0) return "{}";
      let out = "{\n";
      for (const f of v.fields) out += objectKeyText(f.key) + " = " + valueText(f.value) + ",\n";
      return out + "}";
    }
  }
}

/**
 * A file written block by block as the blocks are made, so that their trees die young instead of all living until
 * the end of a large conversion. Keeps the `<name>.<label>` of every labelled block, which the converter checks
 * for duplicates.
 */
export class FileBuilder {
  private readonly parts: string[] = [];
  /** `<name>.<label>` of every labelled block, in order. */
  readonly labelled: string[] = [];

  /** Writes `b`; returns its tokens. */
  add(b: BlockStatement): string {
    const text = flat(statementText(b));
    this.parts.push(text);
    if (b.label !== undefined) this.labelled.push(`${b.name}.${b.label}`);
    return text;
  }

  /** True before the first block. */
  get empty(): boolean {
    return this.parts.length === 0;
  }

  /** The tokens of every block added, in order (empty when none was); the blocks' own texts are let go. */
  text(): string {
    const all = this.parts.join("");
    this.parts.length = 0;
    if (all !== "") this.parts.push(all);
    return all;
  }
}
