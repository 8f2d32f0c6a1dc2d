import { complete } from "../service/completion.js";
import { withDocument, type ServerState } from "./state.js";

/** `textDocument/completion`. */
export function register(state: ServerState): void {
  state.connection.onCompletion(withDocument(state, "completion", [], (a, p) => complete(a, p.position, state.ctx, { snippets: state.client.snippets, asIs: state.client.insertAsIs })));
}
