/** Conversions between source offsets and LSP positions/ranges, and word scanning around a cursor. */
import { isIdentifierPart, isIdentifierStart } from "@alloy-ts/grammar";
import type { Range } from "vscode-languageserver-types";
import type { LineIndex } from "./line-index.js";

/** LSP range of a `[start, end)` offset span. */
export function lspRange(lines: LineIndex, start: number, end: number): Range {
  return lines.range(start, end);
}

/** The code point that ends just before `i` and its length in UTF-16 units. */
function codePointBefore(text: string, i: number): [cp: number, units: number] {
  const lo = text.charCodeAt(i - 1);
  const hi = i >= 2 ? text.charCodeAt(i - 2) : 0;
  return lo >= 0xdc00 && lo <= 0xdfff && hi >= 0xd800 && hi <= 0xdbff ? [text.codePointAt(i - 2)!, 2] : [lo, 1];
}

/**
 * The dotted identifier chain (`otelcol.exporter.otlp.tempo.input`) around an offset: `start` is where the chain
 * begins, `end` where it stops after the cursor, `prefix` the text between `start` and the cursor.
 */
export function dottedWordAt(text: string, offset: number): { start: number; end: number; prefix: string } {
  let start = offset;
  while (start > 0) {
    const [cp, units] = codePointBefore(text, start);
    if (cp !== 0x2e && !isIdentifierPart(cp)) break;
    start -= units;
  }
  // A chain starts with an identifier, not a digit or a dot.
  while (start < offset && !isIdentifierStart(text.codePointAt(start)!)) start++;
  let end = offset;
  for (;;) {
    const cp = end < text.length ? text.codePointAt(end)! : -1;
    if (cp >= 0 && isIdentifierPart(cp)) end += cp > 0xffff ? 2 : 1;
    else if (cp === 0x2e && end + 1 < text.length && isIdentifierStart(text.codePointAt(end + 1)!)) end++;
    else break;
  }
  return { start, end, prefix: text.slice(start, offset) };
}

/** The text of the line holding `offset`, up to the offset. */
export function linePrefix(text: string, offset: number): string {
  const lineStart = text.lastIndexOf("\n", offset - 1) + 1;
  return text.slice(lineStart, offset);
}

/** The text of the line holding `offset`, from the offset to the end of the line. */
export function lineSuffix(text: string, offset: number): string {
  const nl = text.indexOf("\n", offset);
  return text.slice(offset, nl < 0 ? text.length : nl);
}

