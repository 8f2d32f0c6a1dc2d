import { hover } from "../service/hover.js";
import { withDocument, type ServerState } from "./state.js";

/** `textDocument/hover`. */
export function register(state: ServerState): void {
  state.connection.onHover(withDocument(state, "hover", null, (a, p) => hover(a, p.position, state.ctx)));
}
