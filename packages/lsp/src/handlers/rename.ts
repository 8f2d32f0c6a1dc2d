import { labelRangeOf } from "@alloy-ts/grammar";
import { ResponseError, ErrorCodes } from "vscode-languageserver";
import { prepareRename, rename, type RenameResult } from "../service/rename.js";
import { crossFileRename, ownerAt } from "../workspace/cross-file.js";
import { referenceAt } from "../service/locate.js";
import { withDocument, type ServerState } from "./state.js";

/**
 * `textDocument/prepareRename` and `textDocument/rename`. A top-level component is renamed in every file of the
 * folder that refers to it; the checks of the name are the ones of the file that declares it.
 */
export function register(state: ServerState): void {
  state.connection.onPrepareRename(
    withDocument(state, "prepareRename", null, (a, p) => {
      const here = prepareRename(a, p.position);
      if (here) return here;
      const offset = a.lines.offsetAt(p.position);
      const owner = ownerAt(state.folder, a, offset);
      const hit = referenceAt(a, offset);
      if (!owner || !hit) return null;
      const part = hit.ref.parts[owner.instance.id.split(".").length - 1];
      return part ? { range: a.lines.range(part.start, part.end), placeholder: owner.instance.label } : null;
    }),
  );
  state.connection.onRenameRequest((params) => {
    const run = withDocument(state, "rename", null as RenameResult | null, (a, p: typeof params) => {
      const owner = ownerAt(state.folder, a, a.lines.offsetAt(p.position));
      if (!owner) return rename(a, p.position, p.newName);
      const lr = labelRangeOf(owner.instance.block);
      const checked = lr ? rename(owner.analysis, owner.analysis.lines.lspPosition(lr.start + 1), p.newName) : rename(a, p.position, p.newName);
      if (!checked.ok) return checked;
      const changes = crossFileRename(state.folder, owner, p.newName);
      return changes ? ({ ok: true, edit: { changes } } as RenameResult) : checked;
    });
    const result = run(params);
    if (!result) return null;
    if (!result.ok) return new ResponseError(ErrorCodes.InvalidParams, result.message);
    return result.edit;
  });
}
