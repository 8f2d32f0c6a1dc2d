/** `alloy/graph` against the built server: JSON and SVG, edits followed, collector YAML sent as text, bad params. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliBuilt, LspClient, notBuiltMessage } from "./support/client.js";

if (!cliBuilt) console.warn(`graph.test: ${notBuiltMessage}`);

const PIPELINE = 'otelcol.receiver.otlp "in" {\n  grpc {}\n  output {\n    traces = [otelcol.exporter.otlp.tempo.input]\n  }\n}\n\notelcol.exporter.otlp "tempo" {\n  client {\n    endpoint = "tempo:4317"\n  }\n}\n';

describe.skipIf(!cliBuilt)("alloy/graph request", () => {
  let client: LspClient;
  beforeAll(async () => {
    client = await LspClient.start();
  });
  afterAll(async () => client?.stop());

  it("answers the graph of an open document, and its SVG when asked", async () => {
    const uri = "file:///work/graph-a.alloy";
    client.open(uri, PIPELINE);
    const json = await client.request("alloy/graph", { textDocument: { uri } });
    expect(json.version).toBe(1);
    expect(json.svg).toBeUndefined();
    expect(json.graph.nodes.map((n: { id: string }) => n.id)).toEqual(["otelcol.receiver.otlp.in", "otelcol.exporter.otlp.tempo"]);
    expect(json.graph.edges).toEqual([expect.objectContaining({ from: "otelcol.receiver.otlp.in", to: "otelcol.exporter.otlp.tempo", signal: "traces", line: 4 })]);
    const both = await client.request("alloy/graph", { textDocument: { uri }, format: ["json", "svg"] });
    expect(both.svg).toMatch(/^<svg /);
    expect(both.svg.match(/<g class="node /g)).toHaveLength(2);
  });

  it("follows edits and badges the node a diagnostic is in", async () => {
    const uri = "file:///work/graph-b.alloy";
    client.open(uri, PIPELINE);
    client.change(uri, 2, PIPELINE.replace('endpoint = "tempo:4317"', 'endpoint = "tempo:4317"\n    no_such = 1'));
    const g = await client.request("alloy/graph", { textDocument: { uri } });
    expect(g.version).toBe(2);
    const tempo = g.graph.nodes.find((n: { id: string }) => n.id === "otelcol.exporter.otlp.tempo");
    expect(tempo.diagnostics.severity).toBe("error");
  });

  it("draws collector YAML sent with the request", async () => {
    const text = "receivers:\n  otlp:\n    protocols: { grpc: {} }\nexporters:\n  debug: {}\nservice:\n  pipelines:\n    logs: { receivers: [otlp], exporters: [debug] }\n";
    const g = await client.request("alloy/graph", { textDocument: { uri: "file:///work/collector.yaml" }, text, format: "svg" });
    expect(g.sourceFormat).toBe("otelcol");
    expect(g.graph.edges).toHaveLength(1);
    expect(g.svg).toContain('data-id="receiver/otlp@logs"');
  });

  it("answers null for an unknown document and an error for bad params, and keeps serving", async () => {
    expect(await client.request("alloy/graph", { textDocument: { uri: "file:///nowhere.alloy" } })).toBeNull();
    await expect(client.request("alloy/graph", { textDocument: { uri: "file:///x.alloy" }, format: "png" })).rejects.toThrow(/format/);
    await expect(client.request("alloy/graph", {})).rejects.toThrow(/textDocument/);
    expect(client.alive).toBe(true);
  });
});
