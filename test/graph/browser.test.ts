/**
 * `@alloy-ts/graph` in a browser: the package bundled by esbuild for `platform: "browser"` (which refuses Node's
 * built-in modules) draws a collector file and an Alloy file in headless Chromium, to the same SVG bytes as in
 * Node. Skips when Chromium (Debian package `chromium`, installed by test/setup/system-tools.ts when possible) is
 * absent.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import { afterAll, describe, expect, it } from "vitest";
import { graphOfAlloy, graphOfCollector, layoutGraph, renderSvg } from "@alloy-ts/graph";
import { repoRoot } from "../support/shared.js";

const CHROMIUM = "/usr/bin/chromium";
const hasChromium = spawnSync(CHROMIUM, ["--version"], { stdio: "ignore" }).status === 0;
if (!hasChromium) console.warn("graph browser.test: skipped: chromium is not installed (apt-get install chromium)");
const FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"];

const YAML = "receivers:\n  otlp:\n    protocols: { grpc: {} }\nprocessors:\n  batch: {}\nexporters:\n  otlp: { endpoint: tempo:4317 }\n  debug: {}\nservice:\n  pipelines:\n    traces: { receivers: [otlp], processors: [batch], exporters: [otlp, debug] }\n    logs: { receivers: [otlp], exporters: [debug] }\n";
const ALLOY = 'discovery.kubernetes "pods" {\n  role = "pod"\n}\n\nprometheus.scrape "pods" {\n  targets    = discovery.kubernetes.pods.targets\n  forward_to = [prometheus.remote_write.mimir.receiver]\n}\n\nprometheus.remote_write "mimir" {\n  endpoint {\n    url = "http://mimir/api/v1/push"\n  }\n}\n';

const tmp = mkdtempSync(path.join(os.tmpdir(), "alloy-graph-browser-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe.skipIf(!hasChromium)("@alloy-ts/graph in a browser bundle", () => {
  it("bundles for the browser and draws the same SVG bytes as Node", async () => {
    const bundle = await build({
      entryPoints: [path.join(repoRoot, "packages/graph/src/index.ts")],
      bundle: true,
      platform: "browser",
      format: "iife",
      globalName: "alloyGraph",
      write: false,
      logLevel: "silent",
    });
    const file = path.join(tmp, "page.html");
    writeFileSync(path.join(tmp, "graph.js"), bundle.outputFiles[0]!.contents);
    writeFileSync(file, '<!DOCTYPE html><html><head><meta charset="utf-8"><script src="graph.js"></script></head><body></body></html>');
    const { chromium } = await import("playwright-core");
    const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(e.message));
      await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
      const drawn = await page.evaluate(
        async ([yaml, alloy]) => {
          const g = (window as unknown as { alloyGraph: typeof import("@alloy-ts/graph") }).alloyGraph;
          return [renderSvg(await g.layoutGraph(g.graphOfCollector(yaml!, "c.yaml"))), renderSvg(await g.layoutGraph(g.graphOfAlloy(alloy!, "a.alloy")))];
          function renderSvg(l: Parameters<typeof g.renderSvg>[0]) {
            return g.renderSvg(l);
          }
        },
        [YAML, ALLOY],
      );
      expect(errors).toEqual([]);
      expect(drawn[0]).toBe(renderSvg(await layoutGraph(graphOfCollector(YAML, "c.yaml"))));
      expect(drawn[1]).toBe(renderSvg(await layoutGraph(graphOfAlloy(ALLOY, "a.alloy"))));
    } finally {
      await browser.close();
    }
  }, 60_000);
});
