import { signatureHelp } from "../service/signature-help.js";
import { withDocument, type ServerState } from "./state.js";

/** `textDocument/signatureHelp`. */
export function register(state: ServerState): void {
  state.connection.onSignatureHelp(withDocument(state, "signatureHelp", null, (a, p) => signatureHelp(a, p.position, state.ctx)));
}
