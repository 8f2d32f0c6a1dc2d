/**
 * The browser playground end to end: `alloy playground` serves the built page, headless Chromium opens it, a real
 * collector config from ../shared/corpus/collector is pasted into the editor, and what the page shows is checked
 * against the same packages run here in Node: the converted text byte for byte, a diagnostic marker in the editor,
 * the graph's node count and the per-component telemetry counts. Also: the page opened as a plain file works, a
 * link reproduces the state, and the page requests nothing but its own files. Screenshots go to
 * test-output/playground/ for a person to look at.
 *
 * Skips with a message when Chromium (Debian package `chromium`), the built playground or ../shared is missing.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { convertDialect, convertOtelcol } from "@alloy-ts/converter";
import { format } from "@alloy-ts/grammar";
import { graphOfCollector } from "@alloy-ts/graph";
import { Engine, FIXED_NOW, generateTelemetry, graphFromCollectorYaml, SIGNALS, Tap, type Telemetry } from "@alloy-ts/runtime-lite";
import { validateOtelcolYaml } from "@alloy-ts/validator";
import { alloyBin, cliBuilt } from "../support/cli.js";
import { repoRoot, shared, sharedDir } from "../support/shared.js";

const CHROMIUM = "/usr/bin/chromium";
const PAGE_DIR = path.join(repoRoot, "packages", "playground", "dist");
const SHOTS = path.join(repoRoot, "test-output", "playground");
const hasChromium = spawnSync(CHROMIUM, ["--version"], { stdio: "ignore" }).status === 0;
const built = cliBuilt && existsSync(path.join(PAGE_DIR, "playground.js"));
const missing = [!hasChromium && "chromium (apt-get install chromium)", !built && "the built playground (npm run build)", !sharedDir && "../shared"].filter(Boolean);
if (missing.length) console.warn(`playground.test: skipped: missing ${missing.join(", ")}`);

interface Expected {
  file: string;
  text: string;
  output: string;
  nodes: number;
  counts: Record<string, Record<string, { in: number; out: number }>>;
}

/** Per component and signal, what runtime-lite's tap records for the generated telemetry, as the page runs it. */
async function tapCounts(text: string): Promise<Expected["counts"]> {
  const tap = new Tap(0);
  const engine = new Engine(graphFromCollectorYaml(text, { env: {} }), { capture: true, tap, now: () => FIXED_NOW, memoryUsage: () => 0 });
  const telemetry = generateTelemetry();
  for (const r of engine.receivers()) for (const s of SIGNALS) for (const data of telemetry[s]) engine.receive(r.id, structuredClone({ signal: s, data }) as Telemetry);
  await engine.shutdown();
  const out: Expected["counts"] = {};
  for (const [id, c] of Object.entries(tap.toJSON())) out[id] = Object.fromEntries(Object.entries(c.counts).map(([s, n]) => [s, { in: n!.in, out: n!.out }]));
  return out;
}

/**
 * The first corpus file (by name) that shows everything the page does: it converts, it has a placed warning or
 * error, and its pipeline runs with telemetry reaching an exporter.
 */
async function pickCorpusFile(): Promise<Expected> {
  const dir = shared("corpus", "collector");
  for (const name of readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort()) {
    const text = readFileSync(path.join(dir, name), "utf8");
    if (text.length > 20_000) continue;
    const converted = convertOtelcol(text, { fileName: "config.yaml" });
    if (converted.output === undefined) continue;
    const placed = validateOtelcolYaml(text, "config.yaml").diagnostics.length > 0 || converted.diagnostics.some((d) => d.severity !== "info" && d.position);
    if (!placed) continue;
    const runtime = graphFromCollectorYaml(text, { env: {} });
    if (runtime.diagnostics.some((d) => d.severity === "error")) continue;
    const counts = await tapCounts(text);
    const reached = Object.entries(counts).some(([id, c]) => id.startsWith("exporter:") && Object.values(c).some((n) => n.in > 0));
    if (!reached) continue;
    return { file: name, text, output: converted.output, nodes: graphOfCollector(text, "config.yaml").nodes.length, counts };
  }
  throw new Error("no corpus file converts, has a diagnostic and runs");
}

async function startServer(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [alloyBin, "playground", "--port", "0"], { stdio: ["ignore", "pipe", "pipe"] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error(`alloy playground did not start: ${out}`)), 15_000);
    child.stdout!.on("data", (b: Buffer) => {
      out += b.toString();
      const m = /http:\/\/127\.0\.0\.1:\d+\//.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[0]);
      }
    });
    child.stderr!.on("data", (b: Buffer) => (out += b.toString()));
    child.on("exit", (code) => reject(new Error(`alloy playground exited (${code}): ${out}`)));
  });
  return { child, url };
}

const generation = (page: Page) => page.evaluate(() => Number(document.body.dataset.generation ?? 0));
const pageText = (page: Page, what: "text" | "output") =>
  page.evaluate((w) => (window as unknown as { alloyPlayground: Record<string, () => string> }).alloyPlayground[w](), what);

/** Pastes text over the editor's content as a user does (select all, then a paste event with the text). */
async function paste(page: Page, text: string): Promise<void> {
  const before = await generation(page);
  await page.click("#editor .cm-content");
  await page.keyboard.press("Control+A");
  await page.evaluate((t) => {
    const data = new DataTransfer();
    data.setData("text/plain", t);
    document.querySelector("#editor .cm-content")!.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
  await page.waitForFunction((g) => Number(document.body.dataset.generation ?? 0) > g, before, { timeout: 15_000 });
}

describe.skipIf(missing.length > 0)("the playground in headless Chromium", () => {
  let browser: Browser;
  let server: { child: ChildProcess; url: string };
  let expected: Expected;
  let page: Page;
  const problems: string[] = [];
  const foreign: string[] = [];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    [expected, server] = await Promise.all([pickCorpusFile(), startServer()]);
    const { chromium } = await import("playwright-core");
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"] });
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
    page.on("console", (m) => m.type() === "error" && problems.push(`console error: ${m.text()}`));
    page.on("request", (r) => !r.url().startsWith(server.url) && !r.url().startsWith("data:") && foreign.push(r.url()));
    await page.goto(server.url, { waitUntil: "load" });
    await page.waitForFunction(() => Number(document.body.dataset.generation ?? 0) > 0, undefined, { timeout: 15_000 });
    await paste(page, expected.text);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    server?.child.kill("SIGTERM");
  });

  it("converts the pasted config exactly as the converter does", async () => {
    expect(await pageText(page, "text")).toBe(expected.text);
    expect(await pageText(page, "output")).toBe(expected.output);
    await expect.poll(() => page.locator("#tabs button").count()).toBe(4);
    expect(await page.locator('#tabs button[aria-selected="true"]').getAttribute("data-dialect")).toBe("otelcol");
  });

  it("shows each dialect's conversion on its tab", async () => {
    await page.click('#tabs button[data-dialect="otel"]');
    expect(await pageText(page, "output")).toContain("otel.pipeline");
    await page.click('#tabs button[data-dialect="otelcol"]');
    expect(await pageText(page, "output")).toBe(expected.output);
  });

  it("marks a diagnostic in the editor", async () => {
    const listed = page.locator("#problems li");
    expect(await listed.count()).toBeGreaterThan(0);
    await listed.first().locator("button").click();
    await expect.poll(() => page.locator("#editor .cm-lintRange-error, #editor .cm-lintRange-warning, #editor .cm-lintRange-info").count()).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(SHOTS, "conversion.png") });
  });

  it("draws one graph node per component", async () => {
    expect(await page.locator("#graph svg .node").count()).toBe(expected.nodes);
    await page.locator("#graph-pane").screenshot({ path: path.join(SHOTS, "graph.png") });
  });

  it("runs sample telemetry with the counts runtime-lite records", async () => {
    await page.click("#run");
    await page.waitForSelector("table.counts tbody tr", { timeout: 15_000 });
    const shown = await page.$$eval("table.counts tbody tr", (rows) =>
      Object.fromEntries(
        rows.map((r) => [
          (r as HTMLElement).dataset.component!,
          Object.fromEntries([...r.querySelectorAll<HTMLElement>("td[data-in]")].map((c) => [c.dataset.signal!, { in: Number(c.dataset.in), out: Number(c.dataset.out) }])),
        ]),
      ),
    );
    expect(shown).toEqual(expected.counts);
    expect(await page.locator("#run-result details pre").count()).toBeGreaterThan(0);
    await page.locator("#run-pane").screenshot({ path: path.join(SHOTS, "telemetry.png") });
  });

  it("keeps the state in the URL fragment: the link reproduces it", async () => {
    const link = page.url();
    expect(link).toMatch(/#[zj]=/);
    const other = await browser.newPage();
    await other.goto(link, { waitUntil: "load" });
    await other.waitForFunction(() => Number(document.body.dataset.generation ?? 0) > 0, undefined, { timeout: 15_000 });
    expect(await pageText(other, "text")).toBe(expected.text);
    expect(await pageText(other, "output")).toBe(expected.output);
    await other.close();
  });

  it("works opened as a plain file, requesting nothing", async () => {
    const file = await browser.newPage();
    const requests: string[] = [];
    file.on("request", (r) => requests.push(r.url()));
    const errors: string[] = [];
    file.on("pageerror", (e) => errors.push(e.message));
    await file.goto(pathToFileURL(path.join(PAGE_DIR, "index.html")).href, { waitUntil: "load" });
    await file.waitForFunction(() => Number(document.body.dataset.generation ?? 0) > 0, undefined, { timeout: 15_000 });
    expect(await pageText(file, "output")).toContain("otelcol.receiver.otlp");
    expect(errors).toEqual([]);
    expect(requests.filter((u) => !u.startsWith("file:") && !u.startsWith("data:"))).toEqual([]);
    await file.close();
  });

  it("takes an Alloy file: converts it to collector YAML and formats it with fmt", async () => {
    const alloy = 'otelcol.receiver.otlp "in" {\n  grpc {}\n  output {\n    traces = [otelcol.exporter.otlp.tempo.input]\n  }\n}\notelcol.exporter.otlp "tempo" {\n  client {\n  endpoint = "tempo:4317"\n  }\n}\n';
    await paste(page, alloy);
    expect(await page.locator("#detected").innerText()).toBe("(Alloy)");
    expect(await page.locator("#tabs button").evaluateAll((bs) => bs.map((b) => (b as HTMLElement).dataset.dialect))).toEqual(["collector", "otelcol", "otel"]);
    await page.click('#tabs button[data-dialect="collector"]');
    expect(await pageText(page, "output")).toBe(convertDialect(alloy, { sourceFormat: "alloy", target: "otelcol", fileName: "config.alloy" }).output);
    const formatted = format(alloy);
    expect(formatted.ok && formatted.changed).toBe(true);
    const before = await generation(page);
    await page.click("#fmt");
    await page.waitForFunction((g) => Number(document.body.dataset.generation ?? 0) > g, before, { timeout: 15_000 });
    expect(await pageText(page, "text")).toBe(formatted.ok ? formatted.text : "");
    expect(await page.locator("#graph svg .node").count()).toBe(2);
  });

  it("sent nothing anywhere and raised no errors", () => {
    expect(foreign).toEqual([]);
    expect(problems).toEqual([]);
  });
});
