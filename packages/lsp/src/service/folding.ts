/** Folding ranges: block bodies, multi-line arrays, objects and calls, and comment groups. */
import { walkIterative as walk } from "./walk.js";
import { FoldingRangeKind, type FoldingRange } from "vscode-languageserver-types";
import type { Analysis } from "../workspace/analysis.js";

/** Folding ranges of a document, outermost first. */
export function foldingRanges(analysis: Analysis): FoldingRange[] {
  const out: FoldingRange[] = [];
  const line = (o: number) => analysis.lines.lspPosition(o).line;
  // The closing bracket's line stays visible, as editors expect.
  const add = (start: number, end: number, kind?: string): void => {
    const a = line(start);
    const b = line(end) - (kind ? 0 : 1);
    if (b > a) out.push(kind ? { startLine: a, endLine: b, kind } : { startLine: a, endLine: b });
  };
  walk(analysis.file, (node) => {
    if (node.kind === "Block") add(node.lCurly, node.rCurly);
    else if (node.kind === "Array" || node.kind === "Object") add(node.start, node.end - 1);
    else if (node.kind === "Call") add(node.lParen, node.end - 1);
  });
  for (const g of analysis.file.comments) add(g.start, Math.max(g.start, g.end - 1), FoldingRangeKind.Comment);
  return out;
}
