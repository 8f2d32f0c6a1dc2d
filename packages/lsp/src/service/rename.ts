/** Rename of a component label: the label string in the header and the label fragment of every reference. */
import { isValidIdentifier, labelRangeOf } from "@alloy-ts/grammar";
import type { Position, Range, WorkspaceEdit } from "vscode-languageserver-types";
import { lspRange } from "../text.js";
import type { Analysis } from "../workspace/analysis.js";
import { instanceAt } from "./definition.js";
import { isPipelineLabel, OTEL_SIGNALS } from "./otel-dialect.js";

/** Outcome of a rename request: an edit, or the reason it cannot be done. */
export type RenameResult = { ok: true; edit: WorkspaceEdit } | { ok: false; message: string };

/** Range and current text of the label under the cursor, or null when the cursor is not on a renameable label. */
export function prepareRename(analysis: Analysis, position: Position): { range: Range; placeholder: string } | null {
  const offset = analysis.lines.offsetAt(position);
  const target = instanceAt(analysis, offset);
  const lr = target && labelRangeOf(target.block);
  if (!target || !lr) return null;
  return { range: lspRange(analysis.lines, lr.start + 1, lr.end - 1), placeholder: target.label };
}

/** Renames the label of the instance under the cursor everywhere in the document. */
export function rename(analysis: Analysis, position: Position, newName: string): RenameResult {
  const target = instanceAt(analysis, analysis.lines.offsetAt(position));
  const lr = target && labelRangeOf(target.block);
  if (!target || !lr) return { ok: false, message: "Only component labels can be renamed." };
  if (!isValidIdentifier(newName)) return { ok: false, message: `"${newName}" is not a valid label: labels must be identifiers.` };
  if (target.name === "otel.pipeline" && target.scope === undefined && !isPipelineLabel(newName)) {
    return { ok: false, message: `"${newName}" is not a valid pipeline label: it must be a signal (${OTEL_SIGNALS.join(", ")}), optionally followed by _name.` };
  }
  const taken = analysis.instances.some((i) => i !== target && i.scope === target.scope && i.name === target.name && i.label === newName);
  if (taken) return { ok: false, message: `${target.name} "${newName}" already exists.` };
  const edits = [{ range: lspRange(analysis.lines, lr.start + 1, lr.end - 1), newText: newName }];
  for (const ref of analysis.references) {
    if (ref.target !== target) continue;
    const part = ref.parts[ref.labelIndex]!;
    edits.push({ range: lspRange(analysis.lines, part.start, part.end), newText: newName });
  }
  return { ok: true, edit: { changes: { [analysis.uri]: edits } } };
}
