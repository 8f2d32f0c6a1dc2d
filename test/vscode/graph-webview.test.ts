/**
 * The pipeline graph webview of the VS Code extension, as far as it can be tested without VS Code: the page the
 * extension builds (packages/vscode-extension/src/graph-page.ts) rendered in headless Chromium under its own
 * Content-Security-Policy, with a stand-in `acquireVsCodeApi` that records what the page posts. Skips when
 * Chromium (Debian package `chromium`, installed by test/setup/system-tools.ts when possible) is absent.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BrowserContext, Page } from "playwright-core";
import { graphOfAlloy, layoutGraph, renderSvg } from "@alloy-ts/graph";
import { graphMessage, graphPage, type GraphAnswer } from "../../packages/vscode-extension/src/graph-page.js";

const CHROMIUM = "/usr/bin/chromium";
const hasChromium = spawnSync(CHROMIUM, ["--version"], { stdio: "ignore" }).status === 0;
if (!hasChromium) console.warn("graph-webview.test: skipped: chromium is not installed (apt-get install chromium)");
const FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"];

const PIPELINE = 'otelcol.receiver.otlp "in" {\n  grpc {}\n  output {\n    traces = [otelcol.exporter.otlp.tempo.input]\n  }\n}\n\notelcol.exporter.otlp "tempo" {\n  client {\n    endpoint = "tempo:4317"\n  }\n}\n';
const EDITED = PIPELINE.replace("traces = [otelcol.exporter.otlp.tempo.input]", "traces = [otelcol.processor.batch.b.input]") + '\notelcol.processor.batch "b" {\n  output {\n    traces = [otelcol.exporter.otlp.tempo.input]\n  }\n}\n';

async function answerOf(text: string, version: number): Promise<GraphAnswer> {
  const graph = graphOfAlloy(text, "file:///work/pipeline.alloy");
  return { version, graph, svg: renderSvg(await layoutGraph(graph)) };
}

describe.skipIf(!hasChromium)("pipeline graph webview in headless Chromium", () => {
  let tmp: string;
  let context: BrowserContext;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    tmp = mkdtempSync(path.join(os.tmpdir(), "alloy-graph-webview-"));
    const { chromium } = await import("playwright-core");
    context = await chromium.launchPersistentContext(path.join(tmp, "profile"), { executablePath: CHROMIUM, headless: true, args: FLAGS });
    page = context.pages()[0] ?? (await context.newPage());
    page.on("console", (m) => {
      if (m.type() === "error" || m.type() === "warning") problems.push(`console ${m.type()}: ${m.text()}`);
    });
    page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
    page.on("request", (r) => {
      if (!r.url().startsWith("data:") && !r.url().endsWith("/webview.html")) problems.push(`request: ${r.url()}`);
    });
    // What VS Code provides to a webview: acquireVsCodeApi, callable once, whose postMessage reaches the extension.
    await page.addInitScript(() => {
      const w = window as unknown as { __posted: unknown[]; acquireVsCodeApi: () => unknown };
      w.__posted = [];
      let acquired = false;
      w.acquireVsCodeApi = () => {
        if (acquired) throw new Error("acquireVsCodeApi called twice");
        acquired = true;
        return { postMessage: (m: unknown) => w.__posted.push(m), getState: () => undefined, setState: () => undefined };
      };
    });
    await page.setViewportSize({ width: 1200, height: 700 });
    // Loaded from a file rather than set as content: init scripts run on navigation only.
    const file = path.join(tmp, "webview.html");
    writeFileSync(file, graphPage(await answerOf(PIPELINE, 1), "Graph: pipeline.alloy", "n0nce123", "vscode-webview:"));
    await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  const posted = () => page.evaluate(() => (window as unknown as { __posted: unknown[] }).__posted);

  it("draws the graph under the page's CSP and tells the extension it is ready", async () => {
    expect(await page.locator(".view svg .node").count()).toBe(2);
    expect(await page.locator(".view svg path.edge").count()).toBe(1);
    const box = await page.locator('.node[data-id="otelcol.exporter.otlp.tempo"]').boundingBox();
    expect(box!.width).toBeGreaterThan(50);
    expect(await posted()).toContainEqual({ type: "ready" });
  });

  it("posts a reveal of the source position when a node is clicked, and shows its settings", async () => {
    await page.locator('.node[data-id="otelcol.exporter.otlp.tempo"]').click();
    expect(await posted()).toContainEqual({ type: "reveal", file: "file:///work/pipeline.alloy", line: 8, column: 1 });
    expect(await page.locator("#where").textContent()).toBe("file:///work/pipeline.alloy:8:1");
    expect(await page.locator("#settings td").allTextContents()).toEqual(["client", "{ … }"]);
  });

  it("redraws in place when the extension posts the graph of an edited document", async () => {
    const before = await page.locator("#canvas").getAttribute("style");
    const message = graphMessage(await answerOf(EDITED, 2), "Graph: pipeline.alloy");
    await page.evaluate((m) => window.postMessage(m, "*"), message);
    await page.waitForFunction(() => document.querySelectorAll(".view svg .node").length === 3);
    expect(await page.locator(".view svg path.edge").count()).toBe(2);
    // Pan and zoom are kept across a redraw.
    expect(await page.locator("#canvas").getAttribute("style")).toBe(before);
  });

  it("zooms with the wheel and pans with a drag", async () => {
    const transform = () => page.locator("#canvas").evaluate((e) => (e as HTMLElement).style.transform);
    const start = await transform();
    await page.mouse.move(400, 300);
    await page.mouse.wheel(0, -300);
    const zoomed = await transform();
    expect(zoomed).not.toBe(start);
    await page.mouse.move(600, 500);
    await page.mouse.down();
    await page.mouse.move(700, 560, { steps: 4 });
    await page.mouse.up();
    expect(await transform()).not.toBe(zoomed);
  });

  it("logged no error and loaded nothing", () => {
    expect(problems).toEqual([]);
  });
});
