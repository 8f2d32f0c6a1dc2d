/** Folding ranges: block bodies, multi-line arrays, objects and calls, and comment groups. */
import type { Expr, Statement } from "@alloy-ts/grammar";
import { FoldingRangeKind, type FoldingRange } from "vscode-languageserver-types";
import type { Analysis } from "../workspace/analysis.js";

/** Folding ranges of a document, outermost first. */
export function foldingRanges(analysis: Analysis): FoldingRange[] {
  const out: FoldingRange[] = [];
  const line = (o: number) => analysis.source.lspPosition(o).line;
  // The closing bracket's line stays visible, as editors expect.
  const add = (start: number, end: number, kind?: string): void => {
    const a = line(start);
    const b = line(end) - (kind ? 0 : 1);
    if (b > a) out.push(kind ? { startLine: a, endLine: b, kind } : { startLine: a, endLine: b });
  };
  const expr = (e: Expr): void => {
    switch (e.kind) {
      case "Array":
        add(e.range.start, e.range.end - 1);
        e.elements.forEach(expr);
        break;
      case "Object":
        add(e.range.start, e.range.end - 1);
        e.fields.forEach((f) => expr(f.value));
        break;
      case "Call":
        add(e.lParen, e.range.end - 1);
        expr(e.callee);
        e.args.forEach(expr);
        break;
      case "Access":
        expr(e.value);
        break;
      case "Index":
        expr(e.value);
        expr(e.index);
        break;
      case "Unary":
        expr(e.operand);
        break;
      case "Binary":
        expr(e.left);
        expr(e.right);
        break;
      case "Paren":
        expr(e.inner);
        break;
      default:
        break;
    }
  };
  const body = (stmts: readonly Statement[]): void => {
    for (const s of stmts) {
      if (s.kind === "Attribute") expr(s.value);
      else {
        add(s.lCurly, s.rCurly);
        body(s.body);
      }
    }
  };
  body(analysis.file.body);
  for (const g of analysis.file.comments) add(g.range.start, Math.max(g.range.start, g.range.end - 1), FoldingRangeKind.Comment);
  return out;
}
