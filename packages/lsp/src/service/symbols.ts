/** Document outline: blocks (with labels) and attributes, nested as in the source. */
import type { Statement } from "@alloy-ts/grammar";
import { SymbolKind, type DocumentSymbol } from "vscode-languageserver-types";
import { lspRange } from "../text.js";
import { blockName, type Analysis } from "../workspace/analysis.js";

/** The outline of a document. */
export function documentSymbols(analysis: Analysis): DocumentSymbol[] {
  const build = (body: readonly Statement[], depth: number): DocumentSymbol[] =>
    body.map((s) => {
      const range = lspRange(analysis.source, s.range.start, s.range.end);
      if (s.kind === "Attribute") {
        return { name: s.name.name, kind: SymbolKind.Property, range, selectionRange: lspRange(analysis.source, s.name.range.start, s.name.range.end) };
      }
      const name = blockName(s);
      const first = s.name[0]!.range.start;
      const last = s.name[s.name.length - 1]!.range.end;
      return {
        name: s.label !== undefined ? `${name} "${s.label}"` : name,
        detail: depth === 0 && s.label !== undefined ? name : undefined,
        kind: depth === 0 ? (name === "declare" ? SymbolKind.Class : SymbolKind.Module) : SymbolKind.Struct,
        range,
        selectionRange: lspRange(analysis.source, first, s.labelRange?.end ?? last),
        children: build(s.body, depth + 1),
      };
    });
  return build(analysis.file.body, 0);
}
