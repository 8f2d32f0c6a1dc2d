import { declaredComponentAt, definition, references } from "../service/definition.js";
import { withDocument, type ServerState } from "./state.js";
import { referenceAt } from "../service/locate.js";
import { Folder } from "../workspace/folder.js";
import { moduleDeclaration } from "../workspace/modules.js";
import { crossFileReferences, ownerAt } from "../workspace/cross-file.js";

/** `textDocument/definition` and `textDocument/references`. */
export function register(state: ServerState): void {
  state.connection.onDefinition(
    withDocument(state, "definition", null, (a, p) => {
      const here = definition(a, p.position);
      if (here) return here;
      // A component declared in another file of the folder.
      const offset = a.lines.offsetAt(p.position);
      const hit = referenceAt(a, offset);
      const declared = hit ? undefined : declaredComponentAt(a, offset);
      const path = hit ? hit.ref.parts.map((x) => x.name).join(".") : declared?.id;
      const sibling = path && state.folder.resolve(a.uri, path);
      if (sibling) return Folder.location(sibling);
      // An instance of a component of an imported module file (`ns.component "x" {`).
      return declared ? (moduleDeclaration(state.folder, a, declared.id.slice("declare.".length)) ?? null) : null;
    }),
  );
  // A top-level component's references are looked up in every file of the folder.
  state.connection.onReferences(
    withDocument(state, "references", [], (a, p) => {
      const include = p.context?.includeDeclaration === true;
      const owner = ownerAt(state.folder, a, a.lines.offsetAt(p.position));
      return owner ? crossFileReferences(state.folder, owner, include) : references(a, p.position, include);
    }),
  );
}
