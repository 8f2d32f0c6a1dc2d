/**
 * `alloy graph --format=html` pages in headless Chromium: a self-contained page (nothing loaded, no error),
 * a click shows the node's settings and `file:line:col`, and `--compare` draws both sides with a link per ledger
 * link. Skips when Chromium or the built command is absent.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { cliBuilt, runAlloy } from "../support/cli.js";
import { repoRoot } from "../support/shared.js";

const CHROMIUM = "/usr/bin/chromium";
const hasChromium = spawnSync(CHROMIUM, ["--version"], { stdio: "ignore" }).status === 0;
if (!hasChromium) console.warn("graph html-page.test: skipped: chromium is not installed (apt-get install chromium)");
const FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"];

const yaml = path.join(repoRoot, "examples", "spanmetrics-servicegraph", "collector.yaml");
const alloy = path.join(repoRoot, "examples", "spanmetrics-servicegraph", "collector.alloy");

describe.skipIf(!hasChromium || !cliBuilt)("alloy graph HTML pages in headless Chromium", () => {
  let tmp: string;
  let browser: Browser;
  const problems: string[] = [];

  async function open(file: string): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1400, height: 800 } });
    page.on("console", (m) => {
      if (m.type() === "error" || m.type() === "warning") problems.push(`console ${m.type()}: ${m.text()}`);
    });
    page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
    page.on("request", (r) => {
      if (r.url() !== pathToFileURL(file).href) problems.push(`request: ${r.url()}`);
    });
    await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
    return page;
  }

  beforeAll(async () => {
    tmp = mkdtempSync(path.join(os.tmpdir(), "alloy-graph-html-"));
    const { chromium } = await import("playwright-core");
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it("shows a clicked node's settings and where it is written", async () => {
    const out = path.join(tmp, "one.html");
    expect(runAlloy(["graph", yaml, "--format=html", "-o", out]).stderr).toBe("");
    const page = await open(out);
    const json = JSON.parse(runAlloy(["graph", yaml, "--format=json"]).stdout) as { nodes: { id: string; line: number; column: number }[] };
    expect(await page.locator("svg .node").count()).toBe(json.nodes.length);
    const node = json.nodes.find((n) => n.id.startsWith("exporter/"))!;
    await page.locator(`.node[data-id="${node.id}"]`).click();
    expect(await page.locator("#where").textContent()).toBe(`${yaml}:${node.line}:${node.column}`);
    expect(await page.locator("#settings tr").count()).toBeGreaterThan(0);
    await page.close();
  });

  it("draws both sides of --compare, linked", async () => {
    const out = path.join(tmp, "cmp.html");
    expect(runAlloy(["graph", "--compare", yaml, alloy, "--format=html", "-o", out]).stderr).toBe("");
    const cmp = JSON.parse(runAlloy(["graph", "--compare", yaml, alloy, "--format=json"]).stdout) as { links: unknown[] };
    const page = await open(out);
    expect(await page.locator(".view").count()).toBe(2);
    expect(await page.locator("path.compare-link").count()).toBe(cmp.links.length);
    // Each link starts at the right edge of a collector node and ends at the left edge of an Alloy node, both drawn.
    const ends = await page.locator("path.compare-link").evaluateAll((ps) => ps.map((p) => (p as SVGPathElement).getTotalLength()));
    for (const len of ends) expect(len).toBeGreaterThan(10);
    await page.close();
  });

  it("logged no error and loaded nothing", () => {
    expect(problems).toEqual([]);
  });
});
