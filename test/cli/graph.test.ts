/** `alloy graph` end to end through the built command: formats, dialects, --compare, and its errors. */
import { mkdtempSync, readFileSync, existsSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cliBuilt, runAlloy } from "../support/cli.js";
import { repoRoot } from "../support/shared.js";

const example = (name: string, file: string) => path.join(repoRoot, "examples", name, file);
const tmp = mkdtempSync(path.join(os.tmpdir(), "alloy-graph-cli-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe.skipIf(!cliBuilt)("alloy graph", () => {
  const yaml = example("spanmetrics-servicegraph", "collector.yaml");
  const alloy = example("spanmetrics-servicegraph", "collector.alloy");

  it("draws collector YAML as SVG by default, the same bytes each time", () => {
    const a = runAlloy(["graph", yaml]);
    expect(a.stderr).toBe("");
    expect(a.code).toBe(0);
    expect(a.stdout.startsWith("<svg ")).toBe(true);
    expect(a.stdout).toContain('data-id="connector/spanmetrics@traces&gt;metrics"');
    expect(runAlloy(["graph", yaml]).stdout).toBe(a.stdout);
  });

  it("writes every format, reading the source format from the extension or the flag", () => {
    const json = JSON.parse(runAlloy(["graph", alloy, "--format=json"]).stdout);
    expect(json.format).toBe("alloy");
    expect(json.nodes.some((n: { id: string }) => n.id === "otelcol.connector.spanmetrics.default")).toBe(true);
    expect(runAlloy(["graph", alloy, "--format=dot"]).stdout).toMatch(/^digraph /);
    expect(runAlloy(["graph", alloy, "--format=mermaid"]).stdout).toMatch(/^flowchart LR\n/);
    const html = runAlloy(["graph", "--format", "html", "--source-format=otelcol", "-"], { input: readFileSync(yaml) });
    expect(html.code).toBe(0);
    expect(html.stdout).toMatch(/^<!DOCTYPE html>/);
    const out = path.join(tmp, "g.svg");
    expect(runAlloy(["graph", yaml, "--output", out]).stdout).toBe("");
    expect(readFileSync(out, "utf8")).toMatch(/^<svg /);
  });

  it("draws the Alloy a collector file converts to, in each dialect", () => {
    for (const [dialect, prefix] of [["otelcol", "otelcol."], ["otel", "otel."], ["hybrid", ""]] as const) {
      const r = runAlloy(["graph", yaml, `--dialect=${dialect}`, "--format=json"]);
      expect(r.stderr, dialect).toBe("");
      const g = JSON.parse(r.stdout);
      expect(g.format).toBe("alloy");
      expect(g.nodes.length, dialect).toBeGreaterThan(3);
      expect(g.nodes.every((n: { component: string }) => n.component.startsWith(prefix)), dialect).toBe(true);
    }
    const bridge = JSON.parse(runAlloy(["graph", yaml, "--dialect=otel", "--format=json"]).stdout);
    expect(bridge.nodes.some((n: { marks?: string[] }) => n.marks?.includes("bridge"))).toBe(true);
  });

  it("--compare links each collector component to the block it became", () => {
    const r = runAlloy(["graph", "--compare", yaml, alloy, "--format=json"]);
    expect(r.stderr).toBe("");
    const cmp = JSON.parse(r.stdout);
    const linked = (from: string) => cmp.links.filter((l: { from: string }) => l.from === from).map((l: { to: string }) => l.to);
    expect(linked("receiver/otlp@traces")).toEqual(["otelcol.receiver.otlp.default"]);
    expect(linked("connector/spanmetrics@traces>metrics")).toEqual(["otelcol.connector.spanmetrics.default"]);
    const svg = runAlloy(["graph", "--compare", yaml, alloy]);
    expect(svg.stdout.match(/class="compare-link"/g)?.length).toBe(cmp.links.length);
    expect(runAlloy(["graph", "--compare", yaml, alloy, "--format=html"]).stdout).toContain('"links":[');
  });

  it("marks a used collector component that nothing carries", () => {
    const f = path.join(tmp, "c.yaml");
    writeFileSync(f, "receivers:\n  otlp:\n    protocols: { grpc: {} }\nexporters:\n  debug: {}\nservice:\n  pipelines:\n    traces: { receivers: [otlp], exporters: [debug] }\n");
    const a = path.join(tmp, "c.alloy");
    writeFileSync(a, 'otelcol.receiver.otlp "default" {\n  grpc {}\n  output {}\n}\n');
    const cmp = JSON.parse(runAlloy(["graph", "--compare", f, a, "--format=json"]).stdout);
    expect(cmp.collector.nodes.find((n: { id: string }) => n.id === "exporter/debug@traces").marks).toEqual(["not-carried"]);
    expect(cmp.collector.nodes.find((n: { id: string }) => n.id === "receiver/otlp@traces").marks).toBeUndefined();
  });

  it("badges nodes with the validator's diagnostics", () => {
    const f = path.join(tmp, "bad-attr.alloy");
    writeFileSync(f, 'prometheus.scrape "a" {\n  targets    = []\n  forward_to = []\n  no_such_attribute = 1\n}\n');
    const g = JSON.parse(runAlloy(["graph", f, "--format=json"]).stdout);
    expect(g.nodes[0].diagnostics.severity).toBe("error");
  });

  it("fails once with file:line:col, writing nothing, on a syntax error", () => {
    const f = path.join(tmp, "bad.alloy");
    writeFileSync(f, 'prometheus.scrape "a" {\n  targets = [\n}\n');
    const out = path.join(tmp, "never.svg");
    const r = runAlloy(["graph", f, "-o", out]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(new RegExp(`^Error: ${f.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:3:1: `));
    expect(r.stderr.match(/Error:/g)).toHaveLength(1);
    expect(existsSync(out)).toBe(false);
  });

  it("refuses to draw a graph past the layout's bounds, and prints it as DOT", () => {
    const f = path.join(tmp, "big.alloy");
    writeFileSync(f, Array.from({ length: 5001 }, (_, i) => `loki.write "w${i}" {}\n`).join(""));
    const r = runAlloy(["graph", f]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/5001 nodes and 0 edges are more than a drawing is laid out for .*--format=json, dot or mermaid/);
    expect(runAlloy(["graph", f, "--format=dot"]).code).toBe(0);
  });

  it("refuses bad flags and YAML errors with a position", () => {
    expect(runAlloy(["graph", yaml, "--format=png"]).stderr).toBe('Error: invalid value "png" for --format: svg, html, dot, mermaid or json\n');
    expect(runAlloy(["graph", "--compare", yaml]).stderr).toMatch(/--compare takes two files/);
    expect(runAlloy(["graph", tmp]).stderr).toBe("Error: cannot graph a directory\n");
    const f = path.join(tmp, "bad.yaml");
    writeFileSync(f, "receivers:\n  otlp: [\n");
    const r = runAlloy(["graph", f]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^Error: .*bad\.yaml:\d+:\d+: /);
  });
});
