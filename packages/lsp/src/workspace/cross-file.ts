/**
 * References and rename across the files of a folder (one configuration): a top-level component declared in
 * one file and referred to from others. References inside `declare` bodies stay local (their scope is the body).
 */
import { labelRangeOf, type NamedSpan } from "@alloy-ts/grammar";
import type { Location, TextEdit } from "vscode-languageserver-types";
import { instanceAt } from "../service/definition.js";
import { referenceAt } from "../service/locate.js";
import type { Analysis, ComponentInstance } from "./analysis.js";
import type { Folder } from "./folder.js";

export interface Owner {
  readonly uri: string;
  readonly analysis: Analysis;
  readonly instance: ComponentInstance;
}

/** The top-level component under the cursor (its header or a reference to it), in this file or a sibling. */
export function ownerAt(folder: Folder, analysis: Analysis, offset: number): Owner | undefined {
  const local = instanceAt(analysis, offset);
  if (local) return local.scope ? undefined : { uri: analysis.uri, analysis, instance: local };
  const hit = referenceAt(analysis, offset);
  if (!hit || hit.ref.scope) return undefined;
  const s = folder.resolve(analysis.uri, hit.ref.parts.map((p) => p.name).join("."));
  return s && { uri: s.uri, analysis: s.analysis, instance: s.instance };
}

/** Every reference to the owner in the folder's files: the label fragment of each, by file. */
export function labelParts(folder: Folder, owner: Owner): { uri: string; analysis: Analysis; part: NamedSpan; start: number }[] {
  const out: { uri: string; analysis: Analysis; part: NamedSpan; start: number }[] = [];
  const id = owner.instance.id.split(".");
  for (const uri of [owner.uri, ...folder.siblingUris(owner.uri)]) {
    const a = uri === owner.uri ? owner.analysis : folder.analysisOf(uri);
    if (!a) continue;
    for (const ref of a.references) {
      if (ref.scope) continue;
      const mine = uri === owner.uri ? ref.target === owner.instance : !ref.target && id.every((p, i) => ref.parts[i]?.name === p);
      if (mine) out.push({ uri, analysis: a, part: ref.parts[uri === owner.uri ? ref.labelIndex : id.length - 1]!, start: ref.start });
    }
  }
  return out;
}

/** Locations of the references (and the declaration when asked) across the folder. */
export function crossFileReferences(folder: Folder, owner: Owner, includeDeclaration: boolean): Location[] {
  const out: Location[] = [];
  const b = owner.instance.block;
  if (includeDeclaration) out.push({ uri: owner.uri, range: owner.analysis.lines.range(b.start, labelRangeOf(b)?.end ?? b.lCurly) });
  for (const r of labelParts(folder, owner)) out.push({ uri: r.uri, range: r.analysis.lines.range(r.start, r.part.end) });
  return out;
}

/** The edits of renaming the owner's label to `newName` in every file (the caller has checked the name). */
export function crossFileRename(folder: Folder, owner: Owner, newName: string): Record<string, TextEdit[]> | undefined {
  const lr = labelRangeOf(owner.instance.block);
  if (!lr) return undefined;
  const changes: Record<string, TextEdit[]> = { [owner.uri]: [{ range: owner.analysis.lines.range(lr.start + 1, lr.end - 1), newText: newName }] };
  for (const r of labelParts(folder, owner)) (changes[r.uri] ??= []).push({ range: r.analysis.lines.range(r.part.start, r.part.end), newText: newName });
  return changes;
}
