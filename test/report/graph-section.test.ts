/** `alloy report` HTML: a pipeline graph per readable file, with a node per instance the collector builds. */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { graphOfCollector } from "@alloy-ts/graph";
import { cliBuilt, runAlloy } from "../support/cli.js";
import { repoRoot } from "../support/shared.js";

const fixtures = path.join(repoRoot, "fixtures", "bridge", "report");
const tmp = mkdtempSync(path.join(os.tmpdir(), "alloy-report-graph-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe.skipIf(!cliBuilt)("alloy report pipeline graphs", () => {
  it("draws each file's graph in the HTML page, and nothing of it in the JSON", () => {
    const out = path.join(tmp, "r");
    const run = runAlloy(["report", fixtures, "--out", out, "--format", "html,json"]);
    expect(run.stderr).toBe("");
    const html = readFileSync(path.join(out, "report.html"), "utf8");
    const report = JSON.parse(readFileSync(path.join(out, "report.json"), "utf8")) as { files: { file: string }[] };
    const sections = [...html.matchAll(/<details class="graph" id="graph-(\d+)"><summary>([^<]*)<\/summary>\n(<svg[\s\S]*?<\/svg>)\n<\/details>/g)];
    expect(sections.map((m) => m[2])).toEqual(report.files.map((f) => f.file));
    for (const [, , file, svg] of sections) {
      const graph = graphOfCollector(readFileSync(path.join(fixtures, file!), "utf8"), file!);
      expect(svg!.match(/<g class="node /g)?.length, file).toBe(graph.nodes.length);
    }
    expect(JSON.stringify(report)).not.toContain("<svg");
  });
});
