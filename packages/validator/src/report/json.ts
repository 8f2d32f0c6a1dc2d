/** Machine-readable diagnostics (`alloy validate --format=json`). */
import { redactUrlCredentials, type Severity, type SourceFile } from "@alloy-ts/grammar";
import type { ValidationDiagnostic } from "../diagnostic.js";

export interface JsonDiagnostic {
  readonly file: string;
  readonly severity: Severity;
  readonly code: string;
  readonly message: string;
  readonly hint?: string;
  /** 1-based line and byte column, as upstream prints positions. */
  readonly start: { readonly line: number; readonly column: number };
  /** Position of the last character of the range (inclusive). */
  readonly end: { readonly line: number; readonly column: number };
}

/** Converts diagnostics to plain JSON objects with upstream-style positions. */
export function toJsonReport(diags: readonly ValidationDiagnostic[], sources: ReadonlyMap<string, SourceFile>): { valid: boolean; diagnostics: JsonDiagnostic[] } {
  return {
    valid: diags.length === 0,
    diagnostics: diags.map((d) => {
      const src = sources.get(d.file);
      const start = src ? src.position(d.range.start) : { line: 0, column: 0 };
      const end = src ? src.position(Math.max(d.range.start, d.range.end - 1)) : start;
      return { file: d.file, severity: d.severity, code: d.code, message: redactUrlCredentials(d.message), ...(d.hint ? { hint: d.hint } : {}), start, end };
    }),
  };
}
