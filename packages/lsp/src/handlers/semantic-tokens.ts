import { semanticTokens } from "../service/semantic-tokens.js";
import { withDocument, type ServerState } from "./state.js";

/** `textDocument/semanticTokens/full`. */
export function register(state: ServerState): void {
  state.connection.languages.semanticTokens.on(withDocument(state, "semanticTokens", { data: [] }, (a) => semanticTokens(a)));
}
