import { definition, references } from "../service/definition.js";
import { withDocument, type ServerState } from "./state.js";

/** `textDocument/definition` and `textDocument/references`. */
export function register(state: ServerState): void {
  state.connection.onDefinition(withDocument(state, "definition", null, (a, p) => definition(a, p.position)));
  state.connection.onReferences(withDocument(state, "references", [], (a, p) => references(a, p.position, p.context.includeDeclaration)));
}
