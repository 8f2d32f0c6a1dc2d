/**
 * `import.file` modules: `import.file "ns" { filename = "modules/x.alloy" }` makes the `declare` blocks of that
 * file (or of every `.alloy` file of that directory) components `ns.<label>`. A relative filename is taken from
 * the importing document's folder.
 */
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { unquote } from "@alloy-ts/grammar";
import type { Location } from "vscode-languageserver-types";
import type { Analysis } from "./analysis.js";
import { Folder } from "./folder.js";

/** The `filename` of the `import.file` block labelled `namespace` in a document, when it is a string literal. */
function importedPath(analysis: Analysis, namespace: string): string | undefined {
  for (const s of analysis.file.body) {
    if (s.kind !== "Block" || s.name !== "import.file" || s.label !== namespace) continue;
    for (const a of s.body) {
      if (a.kind === "Attribute" && a.name === "filename" && a.value.kind === "Literal" && a.value.literal === "string") return unquote(a.value.raw);
    }
  }
  return undefined;
}

/** Where the custom component `ns.label` an instance names is declared in an imported module file. */
export function moduleDeclaration(folder: Folder, analysis: Analysis, componentName: string): Location | undefined {
  const dot = componentName.indexOf(".");
  if (dot <= 0 || !analysis.uri.startsWith("file:")) return undefined;
  const namespace = componentName.slice(0, dot);
  const label = componentName.slice(dot + 1);
  const filename = importedPath(analysis, namespace);
  if (!filename) return undefined;
  const base = path.dirname(fileURLToPath(analysis.uri));
  const target = path.resolve(base, filename);
  let files: string[] = [];
  try {
    files = statSync(target).isDirectory() ? readdirSync(target).filter((f) => f.endsWith(".alloy")).sort().map((f) => path.join(target, f)) : [target];
  } catch {
    return undefined;
  }
  for (const file of files) {
    const module = folder.analysisOf(pathToFileURL(file).href);
    const declare = module?.instances.find((i) => i.name === "declare" && i.label === label && !i.scope);
    if (module && declare) return Folder.location({ uri: module.uri, analysis: module, instance: declare });
  }
  return undefined;
}
