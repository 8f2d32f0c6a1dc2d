/**
 * Formatting with the canonical printer (the bytes `alloy fmt` writes), returned as the smallest single edit
 * that turns the document into the formatted text. Range formatting formats the top-level statements that the
 * range touches; upstream formats whole files only, so this is where the range is widened to.
 */
import { format } from "@alloy-ts/grammar";
import type { Range, TextEdit } from "vscode-languageserver-types";
import { lspRange } from "../text.js";
import type { Analysis } from "../workspace/analysis.js";

/** Whole-document edits already computed, by analysis (one per document version). */
const formatted = new WeakMap<Analysis, TextEdit[]>();

/** Edits that format the whole document; empty when it is already formatted or cannot be parsed. */
export function formatDocument(analysis: Analysis): TextEdit[] {
  let edits = formatted.get(analysis);
  if (!edits) {
    const result = format(analysis.text);
    edits = result.ok ? minimalEdit(analysis, 0, analysis.text.length, result.text) : [];
    formatted.set(analysis, edits);
  }
  return edits;
}

/** Edits that format the top-level statements overlapping `range`. */
export function formatRange(analysis: Analysis, range: Range): TextEdit[] {
  const start = analysis.lines.offsetAt(range.start);
  const end = analysis.lines.offsetAt(range.end);
  const touched = analysis.file.body.filter((s) => s.end >= start && s.start <= end);
  if (!touched.length) return [];
  if (analysis.syntax.length) return [];
  const from = lineStart(analysis.text, touched[0]!.start);
  const to = touched[touched.length - 1]!.end;
  const slice = analysis.text.slice(from, to);
  const result = format(slice);
  if (!result.ok) return [];
  // The printer ends files with a newline; the slice is followed by the rest of the document instead.
  const text = result.text.replace(/\n$/, "");
  return minimalEdit(analysis, from, to, text);
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf("\n", offset - 1) + 1;
}

/** One edit replacing `[from, to)` by `replacement`, trimmed to the part that differs. */
function minimalEdit(analysis: Analysis, from: number, to: number, replacement: string): TextEdit[] {
  const old = analysis.text.slice(from, to);
  if (old === replacement) return [];
  let p = 0;
  const max = Math.min(old.length, replacement.length);
  while (p < max && old.charCodeAt(p) === replacement.charCodeAt(p)) p++;
  let s = 0;
  while (s < max - p && old.charCodeAt(old.length - 1 - s) === replacement.charCodeAt(replacement.length - 1 - s)) s++;
  // Never split a surrogate pair or a CR LF between the edit and the kept text.
  while (p > 0 && isLowSurrogateOrLf(old, p)) p--;
  // The same at the end: a kept `\n` whose `\r` is replaced would be a position inside a line end.
  while (s > 0 && isLowSurrogateOrLf(old, old.length - s)) s--;
  return [{ range: lspRange(analysis.lines, from + p, from + old.length - s), newText: replacement.slice(p, replacement.length - s) }];
}

function isLowSurrogateOrLf(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return (c >= 0xdc00 && c <= 0xdfff) || (c === 10 && s.charCodeAt(i - 1) === 13);
}
