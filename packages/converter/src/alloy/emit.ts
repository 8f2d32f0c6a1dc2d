/**
 * Prints the converter's Alloy file directly in the canonical layout of `alloy fmt` (otelcol-conversion.md §13):
 * tab indentation, one blank line between top-level blocks and before nested blocks, `=` aligned within runs of
 * attributes, one-line arrays, multi-line objects with trailing commas.
 */
import type { AlloyValue, BlockStatement, Statement } from "./ir.js";
import { goQuote } from "./go-text.js";
import { plainStatements, plainText } from "./canonical.js";

const IDENTIFIER = /^[\p{L}_][\p{L}\p{Nd}_]*$/u;
const KEYWORDS = new Set(["true", "false", "null"]);

/** True when `key` can be written bare as an object key or attribute name. */
export function isBareKey(key: string): boolean {
  return IDENTIFIER.test(key) && !KEYWORDS.has(key);
}

/** Prints top-level blocks separated by blank lines, without a final newline. */
export function printFile(blocks: readonly BlockStatement[]): string {
  const lines: string[] = [];
  for (let i = 0; i < blocks.length; i++) {
    if (i > 0) lines.push("");
    printStatements([blocks[i]!], 0, lines);
  }
  return lines.join("\n");
}

/**
 * A file printed block by block as the blocks are made, so that their statement trees die young instead of all
 * living until the end of a large conversion. Keeps what the conversion still needs of each block.
 */
export class FilePrinter {
  private readonly lines: string[] = [];
  /** `<name>.<label>` of every labelled block, in order. */
  readonly labelled: string[] = [];
  /** False once a block is outside what `printedCanonically` accepts. */
  private plain = true;

  add(b: BlockStatement): void {
    if (this.lines.length > 0) this.lines.push("");
    printStatements([b], 0, this.lines);
    if (b.label !== undefined) this.labelled.push(`${b.name}.${b.label}`);
    if (this.plain) this.plain = plainStatements([b]);
  }

  /** The file without a final newline, and whether `alloy fmt` prints it unchanged (see ./canonical.ts). */
  finish(): { text: string; canonical: boolean } {
    const text = this.lines.join("\n");
    return { text, canonical: this.plain && plainText(text) };
  }
}

/** Tab indentations by depth (built once each). */
const indents: string[] = [""];
const indentOf = (depth: number): string => indents[depth] ?? (indents[depth] = "\t".repeat(depth));

/** Appends the lines of `stmts` to `lines`. */
function printStatements(stmts: readonly Statement[], depth: number, lines: string[]): void {
  const indent = indentOf(depth);
  let i = 0;
  while (i < stmts.length) {
    const stmt = stmts[i]!;
    if (stmt.type === "block") {
      if (i > 0) lines.push("");
      const head = indent + stmt.name + (stmt.label === undefined ? "" : " " + goQuote(stmt.label));
      if (stmt.body.length === 0) lines.push(head + " { }");
      else {
        lines.push(head + " {");
        printStatements(stmt.body, depth + 1, lines);
        lines.push(indent + "}");
      }
      i++;
      continue;
    }
    // An alignment group: consecutive attributes, ending after one whose value spans several lines.
    const group: { name: string; text: string }[] = [];
    while (i < stmts.length && stmts[i]!.type === "attribute") {
      const a = stmts[i] as Extract<Statement, { type: "attribute" }>;
      const text = printValue(a.value, depth);
      group.push({ name: a.name, text });
      i++;
      if (text.includes("\n")) break;
    }
    alignGroup(group, indent, "", lines);
  }
}

function alignGroup(group: readonly { name: string; text: string }[], indent: string, suffix: string, lines: string[]): void {
  let width = 0;
  for (const g of group) width = Math.max(width, codePoints(g.name));
  for (const g of group) lines.push(indent + g.name + " ".repeat(width - codePoints(g.name)) + " = " + g.text + suffix);
}

/** Length in code points (what the printer aligns by), without splitting the string. */
function codePoints(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xdc00 && c <= 0xdfff && i > 0) {
      const p = s.charCodeAt(i - 1);
      if (p >= 0xd800 && p <= 0xdbff) n--;
    }
  }
  return n;
}

/** Prints a value whose first line continues a line indented `depth` tabs. */
export function printValue(v: AlloyValue, depth: number): string {
  switch (v.t) {
    case "string": return goQuote(v.v);
    case "number": return v.text;
    case "bool": return v.v ? "true" : "false";
    case "null": return "null";
    case "expr": return v.text;
    case "array": return "[" + v.items.map((item) => printValue(item, depth)).join(", ") + "]";
    case "object": {
      if (v.fields.length === 0) return "{}";
      const inner = indentOf(depth + 1);
      const lines: string[] = [];
      let i = 0;
      while (i < v.fields.length) {
        const group: { name: string; text: string }[] = [];
        while (i < v.fields.length) {
          const f = v.fields[i]!;
          const text = printValue(f.value, depth + 1);
          group.push({ name: isBareKey(f.key) ? f.key : goQuote(f.key), text });
          i++;
          if (text.includes("\n")) break;
        }
        alignGroup(group, inner, ",", lines);
      }
      return "{\n" + lines.join("\n") + "\n" + indentOf(depth) + "}";
    }
  }
}
