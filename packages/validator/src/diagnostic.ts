/**
 * Validator diagnostics are the grammar's one model, always with a file and a range (`FileDiagnostic`).
 * `message` is upstream's exact text; extra help (did-you-mean) goes to `hint` so the message stays exact.
 */
import { codes, type FileDiagnostic, type Range } from "@alloy-ts/grammar";
import { VALIDATOR_DIAGNOSTICS } from "./codes.js";

/** The name validator call sites have used for the grammar's `FileDiagnostic` (the same type, not another). */
export type { FileDiagnostic as ValidationDiagnostic } from "@alloy-ts/grammar";

/** Stable codes of validator diagnostics: the catalogue's (codes.ts), under the names call sites use. */
export const Code = codes(VALIDATOR_DIAGNOSTICS);

/** Helper that builds diagnostics for one file. */
export function makeDiag(
  file: string,
  range: Range,
  message: string,
  code: string,
  severity: "error" | "warning" | "info" = "error",
  hint?: string,
): FileDiagnostic {
  return hint === undefined ? { severity, message, range, code, file } : { severity, message, range, code, file, hint };
}
