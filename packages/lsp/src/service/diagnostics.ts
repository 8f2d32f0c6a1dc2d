/**
 * Diagnostics in two stages (syntax first, then semantics), converted to LSP form at this boundary only.
 * Semantic checks come from the validator when one is wired in; without it, unresolved component references
 * are still reported so that the most common mistake is visible on syntax alone.
 */
import type { RangedDiagnostic as Diagnostic } from "@alloy-ts/grammar";
import { ValidationCode } from "@alloy-ts/validator";
import { LspCode } from "./codes.js";
import { DiagnosticSeverity, type Diagnostic as LspDiagnostic } from "vscode-languageserver-types";
import { lspRange } from "../text.js";
import { LARGE_DOCUMENT, type Analysis } from "../workspace/analysis.js";
import type { ServiceContext } from "./context.js";
import { isKnownRoot } from "./scope.js";

const SEVERITY: Record<string, DiagnosticSeverity> = {
  critical: DiagnosticSeverity.Error,
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

/** Converts project diagnostics to LSP diagnostics for one document. */
export function toLspDiagnostics(analysis: Analysis, diagnostics: readonly Diagnostic[]): LspDiagnostic[] {
  return diagnostics.map((d) => {
    const out: LspDiagnostic = {
      range: lspRange(analysis.lines, d.range.start, d.range.end),
      severity: SEVERITY[d.severity] ?? DiagnosticSeverity.Error,
      code: d.code,
      source: "alloy",
      message: d.message,
    };
    // Validator diagnostics may carry a hint (`did you mean "endpoint"?`) beside upstream's exact message.
    const hint = (d as { hint?: unknown }).hint;
    if (typeof hint === "string" && hint) out.data = { hint };
    return out;
  });
}

/** Stage 1: the parser's diagnostics. */
export function syntaxDiagnostics(analysis: Analysis): LspDiagnostic[] {
  const out = toLspDiagnostics(analysis, analysis.syntax);
  if (analysis.large) {
    out.unshift({
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      severity: DiagnosticSeverity.Information,
      code: LspCode.largeDocument,
      source: "alloy",
      message: `document is larger than ${LARGE_DOCUMENT / 1024 / 1024} MB: only syntax errors, outline, folding and navigation are provided (run \`alloy validate\` for the full checks)`,
    });
  }
  return out;
}

/** Stage 2: semantic diagnostics (validator, or the built-in reference check). Never throws. */
export function semanticDiagnostics(analysis: Analysis, ctx: ServiceContext): LspDiagnostic[] {
  if (analysis.large) return [];
  // A recovered document is validated too: its broken statements are stubs, and what the validator says about
  // them is dropped (the syntax error there is what the user needs).
  if (ctx.validate && (!analysis.syntax.length || analysis.broken.length)) {
    try {
      // Dropped too: findings on a block around a stub (its "missing required block" is the stub's doing).
      const found = ctx.validate(analysis).filter((d) => !analysis.unchecked.some(([s, e]) => (d.range.start >= s && d.range.start < e) || (d.range.start <= s && d.range.end >= e)));
      return toLspDiagnostics(analysis, found);
    } catch {
      // A failing validator must not hide syntax diagnostics; fall back to the built-in check.
    }
  }
  return toLspDiagnostics(analysis, unresolvedReferences(analysis, ctx));
}

/** Both stages, syntax first. */
export function allDiagnostics(analysis: Analysis, ctx: ServiceContext): LspDiagnostic[] {
  return [...syntaxDiagnostics(analysis), ...semanticDiagnostics(analysis, ctx)];
}

/**
 * References whose traversal names no component in scope and whose root is neither a scope variable nor a
 * standard-library name (spec alloy-syntax §8.5, message text as upstream).
 */
export function unresolvedReferences(analysis: Analysis, ctx: ServiceContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  if (analysis.large) return out;
  for (const ref of analysis.references) {
    if (ref.target) continue;
    if (isKnownRoot(ref.parts[0]!.name, ref.scope !== undefined, ctx.catalog)) continue;
    const path = ref.parts.map((p) => p.name).join(".");
    out.push({
      severity: "error",
      // The validator's check with its message, so the same problem has one code with or without syntax errors.
      code: ValidationCode.unresolvedReference,
      message: `component "${path}" does not exist or is out of scope`,
      range: { start: ref.start, end: ref.end },
    });
  }
  return out;
}
