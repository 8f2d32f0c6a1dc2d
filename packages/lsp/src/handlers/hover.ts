import path from "node:path";
import { fileURLToPath } from "node:url";
import { hover } from "../service/hover.js";
import { withDocument, type ServerState } from "./state.js";

/** `textDocument/hover`; references to components of sibling files show where those are declared. */
export function register(state: ServerState): void {
  state.connection.onHover(
    withDocument(state, "hover", null, (a, p) =>
      hover(a, p.position, state.ctx, (ref) => {
        const s = state.folder.resolve(a.uri, ref);
        return s && { instance: s.instance, analysis: s.analysis, file: path.basename(fileURLToPath(s.uri)) };
      }),
    ),
  );
}
