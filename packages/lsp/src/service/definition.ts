/** Go to definition and find references of component references and labels. */
import { labelRangeOf } from "@alloy-ts/grammar";
import type { Location, Position } from "vscode-languageserver-types";
import { lspRange } from "../text.js";
import type { Analysis, ComponentInstance } from "../workspace/analysis.js";
import { instanceHeaderAt, locate, referenceAt } from "./locate.js";
import type { Block } from "@alloy-ts/grammar";

/** The component instance named by the reference or header under the cursor. */
export function instanceAt(analysis: Analysis, offset: number): ComponentInstance | undefined {
  return referenceAt(analysis, offset)?.ref.target ?? instanceHeaderAt(analysis, offset);
}

/**
 * The custom component a block header instantiates (`my_component "x" {` → `declare "my_component"`), when the
 * cursor is on the header's name: its `declare` identity and the scope to look it up in.
 */
export function declaredComponentAt(analysis: Analysis, offset: number): { id: string; scope: Block | undefined } | undefined {
  const { blocks, statement } = locate(analysis, offset);
  if (statement?.kind !== "Block" || offset < statement.start || offset > statement.nameEnd) return undefined;
  return { id: `declare.${statement.name}`, scope: [...blocks].reverse().find((b) => b.name === "declare") };
}

/** Location of the block a reference points to (or of the `declare` a header instantiates), or null. */
export function definition(analysis: Analysis, position: Position): Location | null {
  const offset = analysis.lines.offsetAt(position);
  const hit = referenceAt(analysis, offset);
  let target = hit?.ref.target;
  if (!target) {
    const declared = declaredComponentAt(analysis, offset);
    // A declare is in scope in its own body's scope and in every scope around it, up to the file.
    target = declared && (analysis.lookup(declared.scope, declared.id) ?? analysis.lookup(undefined, declared.id));
  }
  if (!target) return null;
  const b = target.block;
  return { uri: analysis.uri, range: lspRange(analysis.lines, b.start, labelRangeOf(b)?.end ?? b.lCurly) };
}

/** Every reference to the instance under the cursor, plus its declaration when asked. */
export function references(analysis: Analysis, position: Position, includeDeclaration: boolean): Location[] {
  const target = instanceAt(analysis, analysis.lines.offsetAt(position));
  if (!target) return [];
  const out: Location[] = [];
  const b = target.block;
  if (includeDeclaration) out.push({ uri: analysis.uri, range: lspRange(analysis.lines, b.start, labelRangeOf(b)?.end ?? b.lCurly) });
  for (const ref of analysis.references) {
    if (ref.target !== target) continue;
    const last = ref.parts[ref.labelIndex]!;
    out.push({ uri: analysis.uri, range: lspRange(analysis.lines, ref.start, last.end) });
  }
  return out;
}
