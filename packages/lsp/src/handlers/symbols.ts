import { documentSymbols } from "../service/symbols.js";
import { foldingRanges } from "../service/folding.js";
import { withDocument, type ServerState } from "./state.js";

/** `textDocument/documentSymbol` and `textDocument/foldingRange`. */
export function register(state: ServerState): void {
  state.connection.onDocumentSymbol(withDocument(state, "documentSymbol", [], (a) => documentSymbols(a)));
  state.connection.onFoldingRanges(withDocument(state, "foldingRange", [], (a) => foldingRanges(a)));
}
