/** The migration report as Markdown. */
import { STATUS_TEXT, type FileStatus } from "./analyze.js";
import type { MigrationReport } from "./summary.js";

const STATUSES: readonly FileStatus[] = ["clean", "warnings", "manual", "failed"];
const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\n/g, " ");

/** Percentage text with one decimal. */
export function percent(ratio: number): string {
  return `${(ratio * 100).toFixed(1)}%`;
}

export function renderMarkdown(report: MigrationReport): string {
  const s = report.summary;
  const lines = [
    "# Migration report",
    "",
    `${s.files} collector configuration(s) under \`${report.root}\`; success rate **${percent(s.successRate)}** (clean or warnings only).`,
    "",
    "| status | files |",
    "|---|---|",
    ...STATUSES.map((st) => `| ${STATUS_TEXT[st]} | ${s.byStatus[st]} |`),
    "",
    "## Components",
    "",
    "| component | seen | converted | verified |",
    "|---|---|---|---|",
    ...s.components.map((c) => `| ${c.kind}/${cell(c.type)} | ${c.seen} | ${c.converted} | ${c.verified} |`),
    "",
    "## Files",
    "",
    "| file | status | dialect | verification | diagnostics |",
    "|---|---|---|---|---|",
    ...report.files.map((f) => `| ${cell(f.file)} | ${STATUS_TEXT[f.status]} | ${f.dialect ?? "-"} | ${f.verification} | ${f.diagnostics.filter((d) => d.severity !== "info").length} |`),
  ];
  for (const f of report.files) {
    const ds = f.diagnostics.filter((d) => d.severity !== "info");
    if (ds.length === 0) continue;
    lines.push("", `### ${f.file}`, "");
    for (const d of ds) {
      const at = d.line === undefined ? "" : ` (line ${d.line}${d.column === undefined ? "" : `:${d.column}`})`;
      lines.push(`- ${d.stage} ${d.severity}${at}: ${d.message.replace(/\n+/g, " ")}`);
    }
  }
  return lines.join("\n") + "\n";
}
