/**
 * Converter diagnostics as plain data, their `(Severity) summary` text (alloy-cli.md §3.1) and the `--report`
 * file (§3.2, otelcol-conversion.md §10.4).
 */

export type ConvertSeverity = "critical" | "error" | "warning" | "info";

/** One converter diagnostic. `position` is the YAML location (1-based) it is about, when known. */
export interface ConvertDiagnostic {
  readonly severity: ConvertSeverity;
  readonly summary: string;
  readonly detail?: string;
  readonly position?: { readonly line: number; readonly column: number };
  /** Stable code of diagnostics that upstream does not have (the settings ledger's: `ledger/...`). */
  readonly code?: string;
}

const SEVERITY_TEXT: Record<ConvertSeverity, string> = {
  critical: "Critical",
  error: "Error",
  warning: "Warning",
  info: "Info",
};

/**
 * `(Severity) summary`, plus `\n<detail>` when there is a detail. A known YAML position is appended as
 * ` (at FILE:LINE:COL)` (` (at LINE:COL)` without a file name); upstream-compatible conversions carry no
 * positions, so their texts stay exactly upstream's.
 */
export function renderDiagnostic(d: ConvertDiagnostic, fileName?: string): string {
  let text = `(${SEVERITY_TEXT[d.severity]}) ${d.summary}`;
  if (d.position) text += ` (at ${fileName ? fileName + ":" : ""}${d.position.line}:${d.position.column})`;
  if (d.detail !== undefined && d.detail !== "") text += "\n" + d.detail;
  return text;
}

const CRITICAL_FOOTER =
  "A configuration file was not generated due to critical issues. Refer to the critical messages for more information.";
const ERROR_FOOTER =
  "A configuration file was not generated due to errors. Refer to the error messages for more information.\n\n" +
  "You can bypass the errors by using the --bypass-errors flag. Bypassing errors isn't recommended for production environments.";
const SUCCESS_FOOTER = "A configuration file was generated successfully.";

/** True when the diagnostics prevent writing an output (any Critical, or an Error without bypass). */
export function blocksOutput(diagnostics: readonly ConvertDiagnostic[], bypassErrors: boolean): boolean {
  return diagnostics.some((d) => d.severity === "critical" || (d.severity === "error" && !bypassErrors));
}

/** The report file content: selected diagnostics joined by `\n`, a blank line and the footer; no final newline. */
export function renderReport(
  diagnostics: readonly ConvertDiagnostic[],
  options: { bypassErrors?: boolean; fileName?: string } = {},
): string {
  let selected: readonly ConvertDiagnostic[];
  let footer: string;
  if (diagnostics.some((d) => d.severity === "critical")) {
    selected = diagnostics.filter((d) => d.severity === "critical");
    footer = CRITICAL_FOOTER;
  } else if (diagnostics.some((d) => d.severity === "error") && !options.bypassErrors) {
    selected = diagnostics.filter((d) => d.severity === "error");
    footer = ERROR_FOOTER;
  } else {
    selected = diagnostics;
    footer = SUCCESS_FOOTER;
  }
  return selected.map((d) => renderDiagnostic(d, options.fileName)).join("\n") + "\n\n" + footer;
}
