/** Conversions between source offsets and LSP positions/ranges, and word scanning around a cursor. */
import type { Range } from "vscode-languageserver-types";
import type { LineIndex } from "./line-index.js";

/** LSP range of a `[start, end)` offset span. */
export function lspRange(lines: LineIndex, start: number, end: number): Range {
  return lines.range(start, end);
}

const identStart = (c: string): boolean => /[\p{L}_]/u.test(c);
const identChar = (c: string): boolean => /[\p{L}\p{Nd}_]/u.test(c);

/**
 * The dotted identifier chain (`otelcol.exporter.otlp.tempo.input`) around an offset: `start` is where the chain
 * begins, `end` where it stops after the cursor, `prefix` the text between `start` and the cursor.
 */
export function dottedWordAt(text: string, offset: number): { start: number; end: number; prefix: string } {
  let start = offset;
  while (start > 0 && (identChar(text[start - 1]!) || text[start - 1] === ".")) start--;
  // A chain starts with an identifier, not a digit or a dot.
  while (start < offset && !identStart(text[start]!)) start++;
  let end = offset;
  while (end < text.length && (identChar(text[end]!) || (text[end] === "." && end + 1 < text.length && identStart(text[end + 1]!)))) end++;
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

/** Whether a string is a single Alloy identifier (labels must be, spec alloy-syntax §5). */
export function isIdentifier(s: string): boolean {
  return /^[\p{L}_][\p{L}\p{Nd}_]*$/u.test(s) && s !== "true" && s !== "false" && s !== "null";
}
