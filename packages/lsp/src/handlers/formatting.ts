import { formatDocument, formatRange } from "../service/formatting.js";
import { withDocument, type ServerState } from "./state.js";

/** `textDocument/formatting` and `textDocument/rangeFormatting`. */
export function register(state: ServerState): void {
  state.connection.onDocumentFormatting(withDocument(state, "formatting", [], (a) => formatDocument(a)));
  state.connection.onDocumentRangeFormatting(withDocument(state, "rangeFormatting", [], (a, p) => formatRange(a, p.range)));
}
