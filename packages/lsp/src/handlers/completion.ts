import { complete } from "../service/completion.js";
import { withDocument, type ServerState } from "./state.js";

/** `textDocument/completion`; references offer the components of the folder's other files too. */
export function register(state: ServerState): void {
  state.connection.onCompletion(
    withDocument(state, "completion", [], (a, p) =>
      complete(a, p.position, state.ctx, {
        snippets: state.client.snippets,
        asIs: state.client.insertAsIs,
        external: () => [...state.folder.instances(a.uri).values()].map((x) => x.instance),
      }),
    ),
  );
}
