/** The migration report as one self-contained HTML page: inline CSS and SVG charts, no external assets. */
import { STATUS_TEXT, type FileStatus } from "./analyze.js";
import { countAndRate, percent, targetsText } from "./render-markdown.js";
import { outcomesOf, TARGET_OUTCOMES, type ComponentCoverage, type MigrationReport, type ReportSummary, type TargetOutcome } from "./summary.js";
import { TARGET_TEXT } from "./targets.js";

const STATUSES: readonly FileStatus[] = ["clean", "warnings", "manual", "failed"];
const COLORS: Record<FileStatus, string> = { clean: "#2e7d32", warnings: "#f9a825", manual: "#ef6c00", failed: "#c62828" };

const TARGET_COLORS: Record<TargetOutcome, string> = { otel: "#6a1b9a", native: "#2e7d32", hybrid: "#1565c0", failed: "#c62828" };

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

/** A horizontal stacked bar of the file statuses with a legend. */
function statusChart(byStatus: Record<FileStatus, number>, total: number): string {
  const width = 600;
  let x = 0;
  const rects = STATUSES.map((st) => {
    const w = total === 0 ? 0 : (byStatus[st] / total) * width;
    const r = `<rect x="${x.toFixed(2)}" y="0" width="${w.toFixed(2)}" height="28" fill="${COLORS[st]}"><title>${STATUS_TEXT[st]}: ${byStatus[st]}</title></rect>`;
    x += w;
    return r;
  });
  // Two legend entries per row: a 150px column is too narrow for "needs manual work (N)" at 12px (it ran into the
  // next entry when rendered), and SVG text cannot be measured without a script.
  const column = width / 2;
  const legend = STATUSES.map((st, i) => {
    const x = (i % 2) * column;
    const y = 40 + Math.floor(i / 2) * 20;
    return `<rect x="${x}" y="${y}" width="12" height="12" fill="${COLORS[st]}"/><text x="${x + 18}" y="${y + 11}" font-size="12">${STATUS_TEXT[st]} (${byStatus[st]})</text>`;
  });
  const height = 40 + Math.ceil(STATUSES.length / 2) * 20;
  return `<svg class="chart" role="img" aria-label="files by status" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" xmlns="http://www.w3.org/2000/svg">${rects.join("")}${legend.join("")}</svg>`;
}

/** One row per component type: seen (grey), converted (blue) and verified (green) bars on a common scale. */
function coverageChart(components: readonly ComponentCoverage[]): string {
  const shown = components.slice(0, 40);
  const max = Math.max(1, ...shown.map((c) => c.seen));
  const label = 220;
  const bar = 360;
  const row = 22;
  const rows = shown.map((c, i) => {
    const y = i * row;
    const w = (n: number) => ((n / max) * bar).toFixed(2);
    return `<text x="${label - 6}" y="${y + 15}" font-size="12" text-anchor="end">${escapeHtml(`${c.kind}/${c.type}`)}</text>` +
      `<rect x="${label}" y="${y + 3}" width="${w(c.seen)}" height="16" fill="#bdbdbd"><title>seen ${c.seen}</title></rect>` +
      `<rect x="${label}" y="${y + 6}" width="${w(c.converted)}" height="10" fill="#1565c0"><title>converted ${c.converted}</title></rect>` +
      `<rect x="${label}" y="${y + 9}" width="${w(c.verified)}" height="4" fill="#2e7d32"><title>verified ${c.verified}</title></rect>` +
      `<text x="${label + bar + 8}" y="${y + 15}" font-size="12">${c.converted}/${c.seen} converted, ${c.verified} verified</text>`;
  });
  const height = Math.max(row, shown.length * row);
  return `<svg class="chart" role="img" aria-label="component coverage" width="${label + bar + 200}" height="${height}" viewBox="0 0 ${label + bar + 200} ${height}" xmlns="http://www.w3.org/2000/svg">${rows.join("")}</svg>`;
}

/**
 * One row per target: files it works for, as a CSS bar on the scale of all files (a file may count for several
 * targets, so these are not parts of one whole like the status chart).
 */
function targetTable(s: ReportSummary): string {
  const rows = TARGET_OUTCOMES.map((o) => {
    const width = (s.targetRates[o] * 100).toFixed(2);
    const bar = `<div class="track"><div class="bar" style="width:${width}%;background:${TARGET_COLORS[o]}"></div></div>`;
    return `<tr data-target="${o}"><td>${TARGET_TEXT[o]}</td><td>${s.byTarget[o]}</td><td class="target-rate">${percent(s.targetRates[o])}</td><td>${bar}</td></tr>`;
  });
  return `<table id="targets"><thead><tr><th>target</th><th>files</th><th>rate</th><th></th></tr></thead><tbody>
${rows.join("\n")}
</tbody></table>`;
}

const targetBadges = (outcomes: readonly TargetOutcome[]) =>
  outcomes.map((o) => `<span class="badge" style="background:${TARGET_COLORS[o]}">${TARGET_TEXT[o]}</span>`).join(" ");

/** What the HTML page adds to the report's data: drawings made by the caller (the converter does no layout). */
export interface ReportHtmlOptions {
  /** The pipeline graph of each file (an SVG document), by the file's path in the report. */
  readonly graphs?: ReadonlyMap<string, string>;
}

/** A "Pipeline graphs" section: each file's drawing, folded, in the order of the file table. */
function graphSection(report: MigrationReport, graphs: ReadonlyMap<string, string> | undefined): string {
  if (!graphs || graphs.size === 0) return "";
  const items = report.files.flatMap((f, i) => {
    const svg = graphs.get(f.file);
    return svg === undefined ? [] : [`<details class="graph" id="graph-${i}"><summary>${escapeHtml(f.file)}</summary>\n${svg}</details>`];
  });
  return `<h2>Pipeline graphs</h2>\n<p>Each file's pipelines as the collector builds them (receivers, processors and exporters by signal lane; dashed: not started).</p>\n${items.join("\n")}\n`;
}

export function renderHtml(report: MigrationReport, options: ReportHtmlOptions = {}): string {
  const s = report.summary;
  const fileRows = report.files.map((f) => {
    const ds = f.diagnostics.filter((d) => d.severity !== "info");
    const list = ds.length === 0 ? "" : `<ul>${ds.map((d) => `<li><b>${d.stage} ${d.severity}</b>${d.position === undefined ? "" : ` (line ${d.position.line})`}: ${escapeHtml(d.message)}</li>`).join("")}</ul>`;
    return `<tr><td>${escapeHtml(f.file)}</td><td><span class="badge" style="background:${COLORS[f.status]}">${STATUS_TEXT[f.status]}</span></td><td>${f.dialect ?? "-"}</td><td>${f.verification}</td><td>${list}</td><td class="targets" title="${escapeHtml(targetsText(outcomesOf(f)))}">${targetBadges(outcomesOf(f))}</td></tr>`;
  });
  const componentRows = s.components.map((c) => `<tr><td>${c.kind}/${escapeHtml(c.type)}</td><td>${c.seen}</td><td>${c.converted}</td><td>${c.verified}</td>${TARGET_OUTCOMES.map((o) => `<td>${countAndRate(c.targets[o], c.seen)}</td>`).join("")}</tr>`);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Migration report</title>
<style>
body { font-family: system-ui, sans-serif; margin: 2rem; color: #212121; }
table { border-collapse: collapse; margin: 1rem 0; }
td, th { border: 1px solid #e0e0e0; padding: 4px 8px; text-align: left; vertical-align: top; }
.badge { color: #fff; border-radius: 4px; padding: 1px 6px; white-space: nowrap; }
.rate { font-size: 2rem; font-weight: bold; }
ul { margin: 0; padding-left: 1.2rem; }
.track { width: 300px; height: 14px; background: #eeeeee; }
.bar { height: 14px; }
details.graph { margin: 0.5rem 0; }
details.graph svg { display: block; margin: 0.5rem 0; max-width: 100%; height: auto; }
</style>
</head>
<body>
<h1>Migration report</h1>
<p>${s.files} collector configuration(s) under <code>${escapeHtml(report.root)}</code>, generated ${escapeHtml(report.generatedAt)}.</p>
<p>Success rate (clean or warnings only): <span class="rate" id="success-rate">${percent(s.successRate)}</span></p>
${statusChart(s.byStatus, s.files)}
<h2>Targets</h2>
<p>Files that run unchanged on <code>alloy otel</code>, convert natively to <code>otelcol.*</code> components, convert with <code>--dialect=hybrid</code> (outputs validated), or none of these (failed). A file counts for every target that works.</p>
${targetTable(s)}
<h2>Components</h2>
${coverageChart(s.components)}
<table id="components"><thead><tr><th>component</th><th>seen</th><th>converted</th><th>verified</th>${TARGET_OUTCOMES.map((o) => `<th>${TARGET_TEXT[o]}</th>`).join("")}</tr></thead><tbody>
${componentRows.join("\n")}
</tbody></table>
<h2>Files</h2>
<table id="files"><thead><tr><th>file</th><th>status</th><th>dialect</th><th>verification</th><th>diagnostics</th><th>targets</th></tr></thead><tbody>
${fileRows.join("\n")}
</tbody></table>
${graphSection(report, options.graphs)}</body>
</html>
`;
}
