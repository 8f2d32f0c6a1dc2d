/** The migration report (`alloy report`): per-file analysis, summary and the HTML, JSON and Markdown renderings. */
export { analyzeCollectorFile, unreadFile, STATUS_TEXT } from "./analyze.js";
export type { ComponentUse, FileReport, FileStatus, ReportChecks, ReportDiagnostic, Verification } from "./analyze.js";
export { summarize, outcomesOf, TARGET_OUTCOMES } from "./summary.js";
export type { ComponentCoverage, MigrationReport, ReportSummary, TargetOutcome } from "./summary.js";
export { TARGETS, TARGET_TEXT, runsOnAlloyOtel } from "./targets.js";
export type { FileTargets, Target } from "./targets.js";
export { renderMarkdown } from "./render-markdown.js";
export { renderHtml, escapeHtml } from "./render-html.js";

import type { MigrationReport } from "./summary.js";

/** The report as JSON text. */
export function renderJson(report: MigrationReport): string {
  return JSON.stringify(report, null, 2) + "\n";
}
