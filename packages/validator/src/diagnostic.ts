/**
 * Validator diagnostics are the grammar's one model, always with a file and a range (`FileDiagnostic`).
 * `message` is upstream's exact text; extra help (did-you-mean) goes to `hint` so the message stays exact.
 */
import type { FileDiagnostic, Range } from "@alloy-ts/grammar";

/** The name validator call sites have used for the grammar's `FileDiagnostic` (the same type, not another). */
export type { FileDiagnostic as ValidationDiagnostic } from "@alloy-ts/grammar";

/** Stable codes of validator diagnostics. */
export const Code = {
  syntax: "syntax/parse",
  topLevelAttribute: "validator/top-level-attribute",
  unsupportedStatement: "validator/unsupported-statement",
  missingLabel: "validator/missing-label",
  duplicateBlock: "validator/duplicate-block",
  notAllowedHere: "validator/block-not-allowed",
  unknownComponent: "validator/unknown-component",
  stability: "validator/stability",
  community: "validator/community-component",
  serviceNotConfigurable: "validator/service-not-configurable",
  unknownAttribute: "validator/unknown-attribute",
  unknownBlock: "validator/unknown-block",
  missingAttribute: "validator/missing-attribute",
  missingBlock: "validator/missing-block",
  duplicateAttribute: "validator/duplicate-attribute",
  blockCount: "validator/block-count",
  attributeBlockMismatch: "validator/attribute-block-mismatch",
  blockLabel: "validator/block-label",
  typeMismatch: "validator/type-mismatch",
  unresolvedReference: "validator/unresolved-reference",
  stdlibShadowed: "validator/stdlib-shadowed",
  deprecated: "validator/deprecated",
  cycle: "validator/cycle",
  selfReference: "validator/self-reference",
  signalMismatch: "validator/signal-mismatch",
  capsuleMismatch: "validator/capsule-mismatch",
  stdlibUnknown: "validator/stdlib-unknown-function",
  stdlibArity: "validator/stdlib-arity",
  distribution: "validator/distribution-missing-component",
  componentRule: "validator/component-rule",
  unknownExport: "validator/unknown-export",
  ottl: "validator/ottl",
  runFlags: "validator/run-flags",
  bridgeTarget: "validator/bridge-target",
} as const;

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
