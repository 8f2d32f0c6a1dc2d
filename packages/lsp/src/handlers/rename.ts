import { ResponseError, ErrorCodes } from "vscode-languageserver";
import { prepareRename, rename } from "../service/rename.js";
import { withDocument, type ServerState } from "./state.js";

/** `textDocument/prepareRename` and `textDocument/rename`. */
export function register(state: ServerState): void {
  state.connection.onPrepareRename(withDocument(state, "prepareRename", null, (a, p) => prepareRename(a, p.position)));
  state.connection.onRenameRequest((params) => {
    const run = withDocument(state, "rename", null as ReturnType<typeof rename> | null, (a, p: typeof params) => rename(a, p.position, p.newName));
    const result = run(params);
    if (!result) return null;
    if (!result.ok) return new ResponseError(ErrorCodes.InvalidParams, result.message);
    return result.edit;
  });
}
