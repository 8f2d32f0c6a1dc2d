/** The migration report as Markdown. */
import { STATUS_TEXT, type FileStatus } from "./analyze.js";
import { outcomesOf, TARGET_OUTCOMES, type MigrationReport, type TargetOutcome } from "./summary.js";
import { TARGET_TEXT } from "./targets.js";

const STATUSES: readonly FileStatus[] = ["clean", "warnings", "manual", "failed"];
const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\n/g, " ");

/** Percentage text with one decimal. */
export function percent(ratio: number): string {
  return `${(ratio * 100).toFixed(1)}%`;
}

/** `n (rate%)` of `total`. */
export function countAndRate(n: number, total: number): string {
  return `${n} (${percent(total === 0 ? 0 : n / total)})`;
}

/** The working targets of a file, by name (`failed` when none works). */
export function targetsText(outcomes: readonly TargetOutcome[]): string {
  return outcomes.map((o) => TARGET_TEXT[o]).join(", ");
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
    "## Targets",
    "",
    "Files that run unchanged on `alloy otel`, convert natively to `otelcol.*` components, convert with `--dialect=hybrid` (outputs validated), or none of these (failed). A file counts for every target that works.",
    "",
    "| target | files | rate |",
    "|---|---|---|",
    ...TARGET_OUTCOMES.map((o) => `| ${TARGET_TEXT[o]} | ${s.byTarget[o]} | ${percent(s.targetRates[o])} |`),
    "",
    "## Components",
    "",
    `| component | seen | converted | verified | ${TARGET_OUTCOMES.map((o) => TARGET_TEXT[o]).join(" | ")} |`,
    `|---|---|---|---|${TARGET_OUTCOMES.map(() => "---|").join("")}`,
    ...s.components.map((c) => `| ${c.kind}/${cell(c.type)} | ${c.seen} | ${c.converted} | ${c.verified} | ${TARGET_OUTCOMES.map((o) => countAndRate(c.targets[o], c.seen)).join(" | ")} |`),
    "",
    "## Files",
    "",
    "| file | status | dialect | verification | diagnostics | targets |",
    "|---|---|---|---|---|---|",
    ...report.files.map((f) => `| ${cell(f.file)} | ${STATUS_TEXT[f.status]} | ${f.dialect ?? "-"} | ${f.verification} | ${f.diagnostics.filter((d) => d.severity !== "info").length} | ${targetsText(outcomesOf(f))} |`),
  ];
  for (const f of report.files) {
    const ds = f.diagnostics.filter((d) => d.severity !== "info");
    if (ds.length === 0) continue;
    lines.push("", `### ${f.file}`, "");
    for (const d of ds) {
      const at = d.position === undefined ? "" : ` (line ${d.position.line}:${d.position.column})`;
      lines.push(`- ${d.stage} ${d.severity}${at}: ${d.message.replace(/\n+/g, " ")}`);
    }
  }
  return lines.join("\n") + "\n";
}
