import { codeActions } from "../service/code-actions.js";
import { withDocument, type ServerState } from "./state.js";

/** `textDocument/codeAction` (quick fixes for the diagnostics in the request). */
export function register(state: ServerState): void {
  state.connection.onCodeAction(withDocument(state, "codeAction", [], (a, p) => codeActions(a, p.context.diagnostics, state.ctx)));
}
