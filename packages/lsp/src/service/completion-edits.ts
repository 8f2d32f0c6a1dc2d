/**
 * Shapes completion items so that every client applies them the same way.
 *
 * - Edit ranges cover only the segment being typed (after the last `.`), and the new text and filter text are
 *   what follows the typed stem. Clients that ignore the range and replace the word they see (Neovim's built-in
 *   omnifunc takes the keyword before the cursor, and `.` is not a keyword character) then insert the same text
 *   as clients that honour it; with the range over the whole chain they wrote `otelcol.otelcol.auth.basic`.
 * - Snippets use the document's own indentation unit, and the current line's indentation when the client asks
 *   for text inserted as is (LSP `insertTextMode`); otherwise the client adjusts indentation itself.
 */
import { InsertTextFormat, InsertTextMode, type CompletionItem, type Range } from "vscode-languageserver-types";
import type { LineIndex } from "../line-index.js";

export interface EditShape {
  /** Text typed before the segment, up to and including its last `.` (`otelcol.` for `otelcol.rec`). */
  readonly stem: string;
  /** Offset where the typed chain starts. */
  readonly start: number;
  /** Offset where the chain ends (it may continue after the cursor). */
  readonly end: number;
  /** One level of indentation in this document. */
  readonly unit: string;
  /** Indentation of the cursor's line. */
  readonly base: string;
  /** Whether the client takes text as is (then the base indentation is written into multi-line text). */
  readonly asIs: boolean;
}

/** Items with segment edit ranges and indentation applied; items that cannot extend the stem are dropped. */
export function shapeItems(items: readonly CompletionItem[], lines: LineIndex, shape: EditShape): CompletionItem[] {
  const segment: Range = lines.range(shape.start + shape.stem.length, shape.end);
  const out: CompletionItem[] = [];
  for (const item of items) {
    const edit = item.textEdit;
    if (!edit || !("range" in edit)) {
      out.push(item);
      continue;
    }
    let text = edit.newText;
    const onChain = rangeIsChain(edit.range, lines, shape);
    if (onChain && shape.stem) {
      if (!text.startsWith(shape.stem)) continue;
      text = text.slice(shape.stem.length);
    }
    const filter = item.filterText ?? item.label;
    const next: CompletionItem = { ...item, textEdit: { range: onChain ? segment : edit.range, newText: text } };
    if (onChain && shape.stem) next.filterText = filter.startsWith(shape.stem) ? filter.slice(shape.stem.length) : text;
    if (text.includes("\n")) {
      next.textEdit!.newText = indent(text, shape, item.insertTextFormat === InsertTextFormat.Snippet);
      if (shape.asIs) next.insertTextMode = InsertTextMode.asIs;
    }
    out.push(next);
  }
  return out;
}

/** Whether an item's range is the whole typed chain (items with ranges of their own, such as quoted values, keep them). */
function rangeIsChain(range: Range, lines: LineIndex, shape: EditShape): boolean {
  return lines.offsetAt(range.start) === shape.start && lines.offsetAt(range.end) === shape.end;
}

/** Tabs that start lines become the document's unit; continuation lines get the base indentation when as is. */
function indent(text: string, shape: EditShape, snippet: boolean): string {
  const base = shape.asIs ? (snippet ? shape.base.replace(/[$}\\]/g, "\\$&") : shape.base) : "";
  return text.replace(/\n(\t*)/g, (_m, tabs: string) => `\n${base}${shape.unit.repeat(tabs.length)}`);
}

/**
 * The indentation unit of a document: a tab, or the smallest run of leading spaces among its first indented
 * lines; a tab when nothing is indented yet (what `alloy fmt` writes).
 */
export function indentUnit(text: string): string {
  let spaces = 0;
  let seen = 0;
  const re = /\n([ \t]+)\S/g;
  for (let m = re.exec(text); m && seen < 200; m = re.exec(text), seen++) {
    const ws = m[1]!;
    if (ws[0] === "\t") {
      if (!spaces) return "\t";
      continue;
    }
    const n = /^ */.exec(ws)![0].length;
    if (n && (!spaces || n < spaces)) spaces = n;
  }
  return spaces ? " ".repeat(Math.min(spaces, 8)) : "\t";
}
