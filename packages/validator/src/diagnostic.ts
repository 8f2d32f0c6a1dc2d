/**
 * Validator diagnostics: the grammar's Diagnostic plus the file it belongs to and an optional hint.
 * `message` is upstream's exact text; extra help (did-you-mean) goes to `hint` so the message stays exact.
 */
import type { Diagnostic, Range } from "@alloy-ts/grammar";

export interface ValidationDiagnostic extends Diagnostic {
  /** Name of the file the range refers to (as given to `validate`). */
  readonly file: string;
  /** Extra help that is not part of upstream's message, e.g. `did you mean "endpoint"?`. */
  readonly hint?: string;
}

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
): ValidationDiagnostic {
  return hint === undefined ? { severity, message, range, code, file } : { severity, message, range, code, file, hint };
}
