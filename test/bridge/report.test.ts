/** `alloy report`: figures over fixtures/bridge/report, the three renderings, workers and --min-success. */
import { mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { analyzeCollectorFile, renderHtml, renderJson, renderMarkdown, summarize, type MigrationReport } from "@alloy-ts/converter";
import { findConfigs, reportChecks } from "../../packages/cli/src/commands/report.js";
import { cliBuilt, runAlloy } from "../support/cli.js";
import { repoRoot } from "../support/shared.js";

const dir = path.join(repoRoot, "fixtures", "bridge", "report");

async function buildReport(): Promise<MigrationReport> {
  const checks = reportChecks();
  const files = await Promise.all(findConfigs(dir).map((f) => analyzeCollectorFile(f, readFileSync(path.join(dir, f), "utf8"), checks)));
  return { generatedAt: "2026-01-01T00:00:00.000Z", root: "fixtures/bridge/report", summary: summarize(files), files };
}

function checkFigures(report: MigrationReport): void {
  const status = Object.fromEntries(report.files.map((f) => [f.file.split(path.sep).join("/"), f.status]));
  expect(status).toEqual({
    "clean.yaml": "clean",
    "telemetry-warnings.yaml": "warnings",
    "team-b/custom-receiver.yaml": "manual",
    "team-b/broken.yaml": "failed",
  });
  expect(report.summary.byStatus).toEqual({ clean: 1, warnings: 1, manual: 1, failed: 1 });
  expect(report.summary.successRate).toBe(0.5);
  const coverage = Object.fromEntries(report.summary.components.map((c) => [`${c.kind}/${c.type}`, [c.seen, c.converted, c.verified]]));
  expect(coverage).toEqual({
    "receiver/otlp": [3, 2, 2],
    "processor/batch": [1, 1, 1],
    "exporter/otlp": [1, 1, 1],
    "exporter/debug": [2, 1, 1],
    "receiver/acmequeue": [1, 0, 0],
    "exporter/otlphttp": [1, 0, 0],
  });
  const custom = report.files.find((f) => f.file.endsWith("custom-receiver.yaml"))!;
  expect(custom.dialect).toBe("otel");
  expect(custom.diagnostics.some((d) => d.severity === "critical" && d.message.includes('"acmequeue"'))).toBe(true);
}

describe("migration report", () => {
  it("classifies files and counts component coverage", async () => {
    checkFigures(await buildReport());
  });

  it("renders JSON, Markdown and a self-contained HTML page with SVG charts", async () => {
    const report = await buildReport();
    expect(JSON.parse(renderJson(report))).toEqual(JSON.parse(JSON.stringify(report)));
    const md = renderMarkdown(report);
    expect(md).toContain("success rate **50.0%**");
    expect(md).toContain("| needs manual work | 1 |");
    expect(md).toContain("| receiver/otlp | 3 | 2 | 2 |");
    const html = renderHtml(report);
    expect(html).toContain('<span class="rate" id="success-rate">50.0%</span>');
    expect(html.match(/<svg /g)).toHaveLength(2);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    expect(html).not.toContain("<script");
  });
});

describe.skipIf(!cliBuilt)("alloy report (built command)", () => {
  it("writes the three formats using worker threads and exits 1 under --min-success", () => {
    const out = mkdtempSync(path.join(os.tmpdir(), "alloy-report-"));
    const ok = runAlloy(["report", dir, "--out", out, "--jobs", "2", "--min-success", "0.5"]);
    expect(ok.stderr).toBe("");
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain("4 file(s): clean 1, warnings 1, needs manual work 1, failed 1; success rate 50.0%");
    const json = JSON.parse(readFileSync(path.join(out, "report.json"), "utf8")) as MigrationReport;
    checkFigures(json);
    expect(readFileSync(path.join(out, "report.md"), "utf8")).toContain("# Migration report");
    expect(readFileSync(path.join(out, "report.html"), "utf8")).toContain("<svg ");

    const low = runAlloy(["report", dir, "--out", out, "--format", "json", "--min-success", "0.75"]);
    expect(low.code).toBe(1);
    expect(low.stderr).toContain("success rate 50.0% is below --min-success 0.75");
  });

  it("refuses bad flags", () => {
    expect(runAlloy(["report", dir, "--format", "pdf"]).stderr).toContain('invalid value "pdf" for --format');
    expect(runAlloy(["report", dir, "--min-success", "2"]).code).toBe(1);
  });
});
