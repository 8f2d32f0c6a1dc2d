/**
 * Every configuration of the shared corpus (../shared/corpus/alloy and ../shared/corpus/collector) is drawn: its
 * graph has exactly one node per component and one edge per reference or pipeline link, counted here from the
 * parsed configuration by means independent of the graph package (the language server's reference index for
 * Alloy, the collector model for YAML); its SVG is the same bytes when drawn twice. Skips when the corpus is absent.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse, type Block, type Statement } from "@alloy-ts/grammar";
import { analyze } from "@alloy-ts/lsp";
import { loadCollectorConfig, readYaml } from "@alloy-ts/otel";
import { graphOfAlloy, graphOfCollector, layoutGraph, renderSvg, renderDot, renderMermaid } from "@alloy-ts/graph";
import { filesUnder, shared, sharedDir } from "../support/shared.js";

const corpus = sharedDir ? shared("corpus") : undefined;
const alloyFiles = corpus ? filesUnder(path.join(corpus, "alloy")).filter((f) => /\.(alloy|river)$/.test(f)) : [];
const collectorFiles = corpus ? filesUnder(path.join(corpus, "collector")).filter((f) => /\.ya?ml$/.test(f)) : [];
if (!corpus) console.warn("graph corpus test: skipped: ../shared/corpus is not available");

/** Blocks that are components: every block at the top level, in a declare body or in a foreach template, but those two. */
function componentBlocks(body: readonly Statement[]): Block[] {
  const out: Block[] = [];
  for (const s of body) {
    if (s.kind !== "Block") continue;
    if (s.name === "declare") out.push(...componentBlocks(s.body));
    else if (s.name === "foreach") {
      for (const t of s.body) if (t.kind === "Block" && t.name === "template") out.push(...componentBlocks(t.body));
    } else out.push(s);
  }
  return out;
}

/** The collector's instances and links, counted from the model (see packages/graph/src/collector.ts for the rules). */
function collectorCounts(text: string): { nodes: number; edges: number } {
  const read = readYaml(text);
  if (!read.ok) throw new Error(read.message);
  const { config } = loadCollectorConfig(read.value);
  const connectors = new Set(config.components.filter((c) => c.kind === "connector").map((c) => c.id));
  const defined = new Set(config.components.map((c) => `${c.kind}/${c.id}`));
  const feeds = (id: string, side: "exporters" | "receivers") => new Set(config.pipelines.filter((p) => p[side].includes(id)).map((p) => p.signal)).size;
  const instances = new Set<string>();
  const listed = new Set<string>();
  let edges = 0;
  for (const p of config.pipelines) {
    let sources = 0;
    for (const id of p.receivers) {
      if (connectors.has(id)) {
        const n = Math.max(1, feeds(id, "exporters"));
        sources += n;
        listed.add(`connector/${id}`);
        for (const s of config.pipelines.filter((q) => q.exporters.includes(id)).map((q) => q.signal)) instances.add(`c/${id}/${s}>${p.signal}`);
        if (feeds(id, "exporters") === 0) instances.add(`c/${id}/>${p.signal}`);
      } else {
        sources++;
        instances.add(`r/${id}/${p.signal}`);
        listed.add(`receiver/${id}`);
      }
    }
    let sinks = 0;
    for (const id of p.exporters) {
      if (connectors.has(id)) {
        sinks += Math.max(1, feeds(id, "receivers"));
        listed.add(`connector/${id}`);
        for (const s of config.pipelines.filter((q) => q.receivers.includes(id)).map((q) => q.signal)) instances.add(`c/${id}/${p.signal}>${s}`);
        if (feeds(id, "receivers") === 0) instances.add(`c/${id}/${p.signal}>`);
      } else {
        sinks++;
        instances.add(`e/${id}/${p.signal}`);
        listed.add(`exporter/${id}`);
      }
    }
    for (const id of p.processors) {
      instances.add(`p/${id}/${p.id}`);
      listed.add(`processor/${id}`);
    }
    edges += p.processors.length > 0 ? sources + (p.processors.length - 1) + sinks : sources * sinks;
  }
  const unused = config.components.filter((c) => c.kind !== "extension" && !listed.has(`${c.kind}/${c.id}`)).length;
  const extensions = config.components.filter((c) => c.kind === "extension").length + new Set(config.extensions.filter((id) => !defined.has(`extension/${id}`))).size;
  return { nodes: instances.size + unused + extensions, edges };
}

describe.skipIf(!corpus)("alloy graph over the corpus", () => {
  it("finds the corpus", () => {
    expect(alloyFiles.length).toBeGreaterThan(100);
    expect(collectorFiles.length).toBeGreaterThan(100);
  });

  it("draws every Alloy file: one node per component, one edge per resolved reference", async () => {
    let unparsable = 0;
    for (const file of alloyFiles) {
      const text = readFileSync(file, "utf8");
      const graph = graphOfAlloy(text, file);
      const parsed = parse(text, { name: file });
      const syntaxErrors = parsed.diagnostics.filter((d) => d.severity === "error");
      // A file the parser refuses is reported, with the parser's positions; what was recovered is still drawn.
      expect(graph.problems.length, file).toBe(syntaxErrors.length);
      expect(graph.nodes.length, file).toBe(componentBlocks(parsed.file.body).length);
      if (syntaxErrors.length > 0) {
        unparsable++;
      } else {
        // The language server's index: references that resolve to a component, written inside a block.
        const a = analyze(`file://${file}`, 1, text);
        const inBlock = (offset: number) => a.file.body.some((s) => s.kind === "Block" && s.start <= offset && offset < s.end);
        const resolved = a.references.filter((r) => r.target !== undefined && inBlock(r.start));
        expect(graph.edges.length, file).toBe(resolved.length);
      }
      const svg = renderSvg(await layoutGraph(graph));
      expect(svg.match(/<g class="node /g)?.length ?? 0, file).toBe(graph.nodes.length);
      renderDot(graph);
      renderMermaid(graph);
    }
    // The files of the corpus that are not valid Alloy (found by the parser, not listed here) stay few.
    expect(unparsable).toBeLessThan(alloyFiles.length / 10);
  });

  it("draws every collector file: one node per instance the collector builds, one edge per pipeline link", async () => {
    for (const file of collectorFiles) {
      const text = readFileSync(file, "utf8");
      const graph = graphOfCollector(text, file);
      expect(graph.problems, file).toEqual([]);
      const want = collectorCounts(text);
      expect(graph.nodes.length, file).toBe(want.nodes);
      expect(graph.edges.length, file).toBe(want.edges);
      const svg = renderSvg(await layoutGraph(graph));
      expect(svg.match(/<path class="edge /g)?.length ?? 0, file).toBe(graph.edges.length);
    }
  });

  it("prints the same SVG bytes when a file is drawn twice", async () => {
    const sample = [...alloyFiles, ...collectorFiles].filter((_, i) => i % 8 === 0);
    for (const file of sample) {
      const text = readFileSync(file, "utf8");
      const draw = async () => renderSvg(await layoutGraph(/\.ya?ml$/.test(file) ? graphOfCollector(text, file) : graphOfAlloy(text, file)));
      expect(await draw(), file).toBe(await draw());
    }
  });
});
