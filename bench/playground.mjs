// The browser playground: its download, gzipped (goal: ≤ 1.5 MB), and how soon the first conversion is on screen
// (goal: ≤ 300 ms), measured in headless Chromium when /usr/bin/chromium is installed. The time is counted from
// the start of navigation, so it includes reading and compiling the bundle; it is shown for a fresh browser (cold)
// and as the median of reloads, with the part after the script starts to run beside it.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { check, table } from "./harness.mjs";

const SIZE_GOAL = 1.5e6;
const FIRST_GOAL_MS = 300;
const CHROMIUM = "/usr/bin/chromium";
const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "packages", "playground", "dist");
const FILES = ["index.html", "playground.js", "playground.css", "elk.js", "schemas.js"];

async function firstConversion(browser, url) {
  const page = await browser.newPage();
  await page.goto(url, { waitUntil: "load" });
  await page.waitForFunction(() => document.body.dataset.firstConversionMs !== undefined, undefined, { timeout: 30_000 });
  const r = await page.evaluate(() => ({
    total: Number(document.body.dataset.firstConversionMs),
    script: performance.getEntriesByName("alloy-playground:script")[0]?.startTime ?? 0,
  }));
  await page.close();
  return { total: r.total, afterScript: r.total - r.script };
}

async function launch() {
  const { chromium } = await import("playwright-core");
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"] });
}

export async function run() {
  console.log(`\n## Playground: bundle gzipped (goal: ≤ ${SIZE_GOAL / 1e6} MB), first conversion on screen (goal: ≤ ${FIRST_GOAL_MS} ms)\n`);
  if (!existsSync(path.join(dir, "playground.js"))) {
    console.log("(skipped: packages/playground/dist is not built; run npm run build)");
    return;
  }
  const sizes = FILES.map((f) => {
    const bytes = readFileSync(path.join(dir, f));
    return [f, (bytes.length / 1e6).toFixed(2) + " MB", (gzipSync(bytes, { level: 9 }).length / 1e6).toFixed(3) + " MB"];
  });
  const gz = FILES.reduce((n, f) => n + gzipSync(readFileSync(path.join(dir, f)), { level: 9 }).length, 0);
  table(["file", "size", "gzipped"], [...sizes, ["all", "", `${(gz / 1e6).toFixed(3)} MB ${check(gz <= SIZE_GOAL)}`]]);
  if (spawnSync(CHROMIUM, ["--version"], { stdio: "ignore" }).status !== 0) {
    console.log("\n(first conversion: skipped, chromium is not installed: apt-get install chromium)");
    return;
  }
  const url = pathToFileURL(path.join(dir, "index.html")).href;
  const cold = [];
  for (let i = 0; i < 3; i++) {
    const browser = await launch();
    cold.push(await firstConversion(browser, url));
    await browser.close();
  }
  const browser = await launch();
  const warm = [];
  for (let i = 0; i < 7; i++) warm.push(await firstConversion(browser, `${url}?${i}`));
  await browser.close();
  const median = (xs, k) => [...xs].sort((a, b) => a[k] - b[k])[xs.length >> 1][k];
  const row = (name, xs) => [name, `${median(xs, "total").toFixed(0)} ms ${check(median(xs, "total") <= FIRST_GOAL_MS)}`, `${median(xs, "afterScript").toFixed(0)} ms`];
  console.log("");
  table(["page load", "navigation → first conversion (median)", "script start → first conversion"], [row("fresh browser (3 runs)", cold), row("reload (7 runs)", warm)]);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await run();
