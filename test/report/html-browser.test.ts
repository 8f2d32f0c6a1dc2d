/**
 * The HTML page of `alloy report`, rendered by headless Chromium: the figures shown agree with report.json, both
 * SVG charts are laid out with non-zero size, their bars are proportional to the figures, their labels stay inside
 * the chart without overlapping, and the page loads nothing from outside and logs no errors. Skips when Chromium
 * (Debian package `chromium`, installed by test/setup/system-tools.ts when possible) or the built command is absent.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BrowserContext, Page } from "playwright-core";
import type { MigrationReport } from "@alloy-ts/converter";
import { cliBuilt, runAlloy } from "../support/cli.js";
import { repoRoot } from "../support/shared.js";

const CHROMIUM = "/usr/bin/chromium";
const hasChromium = spawnSync(CHROMIUM, ["--version"], { stdio: "ignore" }).status === 0;
if (!hasChromium) console.warn("html-browser.test: skipped: chromium is not installed (apt-get install chromium)");

/** Flags for a quiet, self-contained headless run (no sandbox: tests may run as root in a container). */
const FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"];

const fixtures = path.join(repoRoot, "fixtures", "bridge", "report");

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

const overlaps = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const inside = (a: Box, outer: Box) => a.x >= outer.x - 0.5 && a.y >= outer.y - 0.5 && a.x + a.width <= outer.x + outer.width + 0.5 && a.y + a.height <= outer.y + outer.height + 0.5;

/** Rendered boxes (CSS pixels) of the chart with this aria-label and of its rects and texts. */
async function chartBoxes(page: Page, label: string) {
  return page.$eval(`svg[aria-label="${label}"]`, (svg) => {
    // Runs in the page; typed by the one method it uses (the DOM library is not part of the Node test build).
    const box = (e: { getBoundingClientRect(): { x: number; y: number; width: number; height: number } }) => {
      const r = e.getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width, height: r.height };
    };
    return {
      svg: box(svg),
      rects: [...svg.querySelectorAll("rect")].map((r) => ({ ...box(r), title: r.querySelector("title")?.textContent ?? "", fill: r.getAttribute("fill") ?? "" })),
      texts: [...svg.querySelectorAll("text")].map((t) => ({ ...box(t), text: t.textContent ?? "" })),
    };
  });
}

describe.skipIf(!hasChromium || !cliBuilt)("alloy report HTML page in headless Chromium", () => {
  let tmp: string;
  let context: BrowserContext;
  let page: Page;
  let report: MigrationReport;
  const problems: string[] = [];
  const requests: string[] = [];

  beforeAll(async () => {
    tmp = mkdtempSync(path.join(os.tmpdir(), "alloy-report-html-"));
    const out = path.join(tmp, "report");
    const run = runAlloy(["report", fixtures, "--out", out, "--format", "html,json"]);
    expect(run.stderr).toBe("");
    report = JSON.parse(readFileSync(path.join(out, "report.json"), "utf8")) as MigrationReport;
    const { chromium } = await import("playwright-core");
    // The persistent context is how Playwright passes --user-data-dir (a fresh profile per run).
    context = await chromium.launchPersistentContext(path.join(tmp, "profile"), { executablePath: CHROMIUM, headless: true, args: FLAGS });
    page = context.pages()[0] ?? (await context.newPage());
    page.on("console", (m) => {
      if (m.type() === "error" || m.type() === "warning") problems.push(`console ${m.type()}: ${m.text()}`);
    });
    page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
    page.on("requestfailed", (r) => problems.push(`request failed: ${r.url()}`));
    page.on("request", (r) => requests.push(r.url()));
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(pathToFileURL(path.join(out, "report.html")).href, { waitUntil: "load" });
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it("loads without console errors and without outside requests", () => {
    expect(problems).toEqual([]);
    expect(requests.filter((u) => !u.startsWith("file:"))).toEqual([]);
  });

  it("shows the summary figures of report.json", async () => {
    const s = report.summary;
    expect(s.byStatus).toEqual({ clean: 1, warnings: 1, manual: 1, failed: 1 });
    expect(await page.textContent("#success-rate")).toBe(`${(s.successRate * 100).toFixed(1)}%`);
    expect(await page.textContent("body")).toContain(`${s.files} collector configuration(s)`);
    const componentRows = await page.$$eval("#components tbody tr", (rows) => rows.map((r) => [...r.querySelectorAll("td")].map((td) => td.textContent)));
    const rate = (n: number, of: number) => `${n} (${((of === 0 ? 0 : n / of) * 100).toFixed(1)}%)`;
    expect(componentRows).toEqual(
      s.components.map((c) => [`${c.kind}/${c.type}`, String(c.seen), String(c.converted), String(c.verified), ...(["otel", "native", "hybrid", "failed"] as const).map((o) => rate(c.targets[o], c.seen))]),
    );
    const targetRows = await page.$$eval("#targets tbody tr", (rows) => rows.map((r) => [...r.querySelectorAll("td")].slice(0, 3).map((td) => td.textContent)));
    expect(targetRows).toEqual(
      (["otel", "native", "hybrid", "failed"] as const).map((o) => [o === "otel" ? "alloy otel" : o, String(s.byTarget[o]), `${(s.targetRates[o] * 100).toFixed(1)}%`]),
    );
    const fileRows = await page.$$eval("#files tbody tr", (rows) => rows.map((r) => [...r.querySelectorAll("td")].slice(0, 4).map((td) => td.textContent)));
    const statusText = { clean: "clean", warnings: "warnings", manual: "needs manual work", failed: "failed" };
    expect(fileRows).toEqual(report.files.map((f) => [f.file, statusText[f.status], f.dialect ?? "-", f.verification]));
  });

  it("draws each target's bar in proportion to its rate", async () => {
    const bars = await page.$$eval("#targets tbody tr", (rows) =>
      rows.map((r) => ({ track: r.querySelector(".track")!.getBoundingClientRect().width, bar: r.querySelector(".bar")!.getBoundingClientRect().width, target: r.getAttribute("data-target")! })),
    );
    expect(bars).toHaveLength(4);
    for (const b of bars) {
      expect(b.track).toBeGreaterThan(0);
      expect(b.bar).toBeCloseTo(b.track * report.summary.targetRates[b.target as "otel"], 0);
    }
  });

  it("renders the status chart: visible, bars proportional to the counts, legend readable", async () => {
    const chart = await chartBoxes(page, "files by status");
    expect(chart.svg.width).toBeGreaterThan(0);
    expect(chart.svg.height).toBeGreaterThan(0);
    const bars = chart.rects.filter((r) => r.title !== "");
    expect(bars).toHaveLength(4);
    const total = bars.reduce((n, b) => n + b.width, 0);
    expect(total).toBeCloseTo(chart.svg.width, 0);
    for (const b of bars) {
      const count = Number(/: (\d+)$/.exec(b.title)![1]);
      expect(b.width).toBeCloseTo((count / report.summary.files) * chart.svg.width, 0);
      if (count > 0) expect(b.height).toBeGreaterThan(0);
    }
    expect(chart.texts.map((t) => t.text)).toEqual(["clean (1)", "warnings (1)", "needs manual work (1)", "failed (1)"]);
    for (const t of chart.texts) {
      expect(t.width).toBeGreaterThan(0);
      expect(inside(t, chart.svg), `${t.text} inside the chart`).toBe(true);
    }
    const legend = [...chart.texts, ...chart.rects.filter((r) => r.title === "")];
    for (const a of legend) for (const b of legend) if (a !== b) expect(overlaps(a, b), `legend items overlap: ${JSON.stringify([a, b])}`).toBe(false);
  });

  it("renders the coverage chart: one row per component type, bars on a common scale, labels inside", async () => {
    const chart = await chartBoxes(page, "component coverage");
    expect(chart.svg.width).toBeGreaterThan(0);
    expect(chart.svg.height).toBeGreaterThan(0);
    const comps = report.summary.components;
    const seen = chart.rects.filter((r) => r.title.startsWith("seen "));
    const converted = chart.rects.filter((r) => r.title.startsWith("converted "));
    expect(seen).toHaveLength(comps.length);
    expect(converted).toHaveLength(comps.length);
    const max = Math.max(...comps.map((c) => c.seen));
    const full = seen[comps.findIndex((c) => c.seen === max)]!.width;
    expect(full).toBeGreaterThan(0);
    comps.forEach((c, i) => {
      expect(seen[i]!.width).toBeCloseTo((c.seen / max) * full, 0);
      expect(converted[i]!.width).toBeCloseTo((c.converted / max) * full, 0);
    });
    for (const t of chart.texts) {
      expect(t.width).toBeGreaterThan(0);
      expect(inside(t, chart.svg), `${t.text} inside the chart`).toBe(true);
    }
    const labels = chart.texts.filter((t) => comps.some((c) => `${c.kind}/${c.type}` === t.text));
    expect(labels).toHaveLength(comps.length);
    for (let i = 1; i < labels.length; i++) expect(overlaps(labels[i - 1]!, labels[i]!)).toBe(false);
  });
});
