/** Go to definition and find references of component references and labels. */
import { labelRangeOf } from "@alloy-ts/grammar";
import type { Location, Position } from "vscode-languageserver-types";
import { lspRange } from "../text.js";
import type { Analysis, ComponentInstance } from "../workspace/analysis.js";
import { instanceHeaderAt, referenceAt } from "./locate.js";

/** The component instance named by the reference or header under the cursor. */
export function instanceAt(analysis: Analysis, offset: number): ComponentInstance | undefined {
  return referenceAt(analysis, offset)?.ref.target ?? instanceHeaderAt(analysis, offset);
}

/** Location of the block a reference points to, or null. */
export function definition(analysis: Analysis, position: Position): Location | null {
  const hit = referenceAt(analysis, analysis.lines.offsetAt(position));
  const target = hit?.ref.target;
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
