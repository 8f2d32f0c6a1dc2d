import { describe, expect, it } from "vitest";
import { graphOfAlloy, graphOfCollector, layoutGraph, MAX_LAYOUT_NODES, renderDot, renderHtml, renderMermaid, renderSvg, tooLargeToLayOut } from "./index.js";

const ALLOY = `otelcol.receiver.otlp "default" {
  grpc {}
  output {
    traces  = [otelcol.processor.batch.default.input]
    metrics = [otelcol.processor.batch.default.input]
  }
}

otelcol.processor.batch "default" {
  output {
    traces = [otelcol.exporter.otlp.tempo.input]
    metrics = [otelcol.exporter.prometheus.default.input]
  }
}

otelcol.exporter.otlp "tempo" {
  client {
    endpoint = "tempo:4317"
    auth     = otelcol.auth.basic.creds.handler
  }
}

otelcol.auth.basic "creds" {
  username = "u"
  password = "hunter2"
}

otelcol.exporter.prometheus "default" {
  forward_to = [prometheus.remote_write.mimir.receiver]
}

discovery.kubernetes "pods" {
  role = "pod"
}

prometheus.scrape "pods" {
  targets    = discovery.kubernetes.pods.targets
  forward_to = [prometheus.remote_write.mimir.receiver]
}

prometheus.remote_write "mimir" {
  endpoint {
    url = "https://user:secret@mimir/api/v1/push"
  }
}

declare "logs" {
  argument "sink" {}

  loki.process "p" {
    forward_to = argument.sink.value
  }

  export "receiver" {
    value = loki.process.p.receiver
  }
}

logs "app" {
  sink = [loki.write.default.receiver]
}

loki.write "default" {
  endpoint { url = "http://loki:3100" }
}
`;

describe("graphOfAlloy", () => {
  const g = graphOfAlloy(ALLOY, "pipeline.alloy");
  const edge = (from: string, to: string) => g.edges.filter((e) => e.from === from && e.to === to);

  it("has a node per block, declare as a container of its own blocks", () => {
    expect(g.nodes.map((n) => n.id)).toEqual([
      "otelcol.receiver.otlp.default",
      "otelcol.processor.batch.default",
      "otelcol.exporter.otlp.tempo",
      "otelcol.auth.basic.creds",
      "otelcol.exporter.prometheus.default",
      "discovery.kubernetes.pods",
      "prometheus.scrape.pods",
      "prometheus.remote_write.mimir",
      "declare.logs/argument.sink",
      "declare.logs/loki.process.p",
      "declare.logs/export.receiver",
      "logs.app",
      "loki.write.default",
    ]);
    expect(g.containers).toEqual([expect.objectContaining({ id: "declare.logs", kind: "module", title: 'declare "logs"' })]);
    expect(g.nodes.filter((n) => n.parent === "declare.logs")).toHaveLength(3);
    expect(g.problems).toEqual([]);
  });

  it("draws one edge per reference, in the direction data flows, with the signal of its output attribute", () => {
    expect(edge("otelcol.receiver.otlp.default", "otelcol.processor.batch.default").map((e) => e.signal)).toEqual(["traces", "metrics"]);
    expect(edge("otelcol.processor.batch.default", "otelcol.exporter.otlp.tempo")[0]).toMatchObject({ signal: "traces", line: 11 });
    expect(edge("otelcol.auth.basic.creds", "otelcol.exporter.otlp.tempo")[0]?.signal).toBeUndefined();
    expect(edge("discovery.kubernetes.pods", "prometheus.scrape.pods")).toHaveLength(1);
    expect(edge("prometheus.scrape.pods", "prometheus.remote_write.mimir")[0]?.signal).toBe("metrics");
    expect(edge("declare.logs/argument.sink", "declare.logs/loki.process.p")).toHaveLength(1);
    expect(edge("declare.logs/export.receiver", "declare.logs/loki.process.p")[0]?.signal).toBe("logs");
    expect(edge("logs.app", "loki.write.default")[0]?.signal).toBe("logs");
    expect(g.edges).toHaveLength(11);
  });

  it("summarises settings with secrets masked", () => {
    const auth = g.nodes.find((n) => n.id === "otelcol.auth.basic.creds")!;
    expect(auth.settings).toEqual([{ name: "username", value: '"u"' }, { name: "password", value: '"xxxxx"' }]);
    expect(JSON.stringify(g)).not.toContain("hunter2");
    expect(JSON.stringify(g)).not.toContain("user:secret");
  });

  it("badges the node a diagnostic falls in", () => {
    const d = graphOfAlloy(ALLOY, "p.alloy", { diagnostics: [{ severity: "error", message: "bad", line: 18 }, { severity: "warning", message: "meh", line: 19 }] });
    expect(d.nodes.find((n) => n.id === "otelcol.exporter.otlp.tempo")?.diagnostics).toEqual({ severity: "error", count: 2, messages: ["bad", "meh"] });
    expect(d.nodes.filter((n) => n.diagnostics)).toHaveLength(1);
  });

  it("draws a foreach template as a container whose blocks see the surrounding components", () => {
    const text = 'prometheus.remote_write "w" {\n  endpoint {\n    url = "http://m"\n  }\n}\n\nforeach "targets" {\n  collection = [1, 2]\n  var        = "each"\n  template {\n    prometheus.scrape "s" {\n      targets    = []\n      forward_to = [prometheus.remote_write.w.receiver]\n    }\n  }\n}\n';
    const f = graphOfAlloy(text, "f.alloy");
    expect(f.containers).toEqual([expect.objectContaining({ id: "foreach.targets", kind: "foreach" })]);
    expect(f.nodes.map((n) => [n.id, n.parent])).toEqual([["prometheus.remote_write.w", undefined], ["foreach.targets/prometheus.scrape.s", "foreach.targets"]]);
    expect(f.edges).toEqual([expect.objectContaining({ from: "foreach.targets/prometheus.scrape.s", to: "prometheus.remote_write.w", signal: "metrics" })]);
  });

  it("does not let a declare body see the components around it", () => {
    const text = 'loki.write "w" {\n  endpoint {\n    url = "http://l"\n  }\n}\n\ndeclare "m" {\n  loki.process "p" {\n    forward_to = [loki.write.w.receiver]\n  }\n}\n';
    expect(graphOfAlloy(text, "d.alloy").edges).toEqual([]);
  });

  it("keeps going after a syntax error and reports where it is", () => {
    const bad = graphOfAlloy('prometheus.scrape "a" {\n  targets = [\n}\nloki.write "w" {}\n', "bad.alloy");
    expect(bad.problems[0]).toMatchObject({ line: 3 });
    expect(bad.nodes.length).toBeGreaterThan(0);
  });
});

const COLLECTOR = `receivers:
  otlp:
    protocols: { grpc: {} }
  prometheus/unused: {}
processors:
  batch: {}
  memory_limiter: { check_interval: 1s, limit_mib: 100 }
exporters:
  otlp/tempo: { endpoint: tempo:4317, headers: { api_key: secret-value } }
  prometheusremotewrite: { endpoint: http://mimir }
connectors:
  spanmetrics: {}
extensions:
  health_check: {}
  pprof: {}
service:
  extensions: [health_check]
  pipelines:
    traces:
      receivers: [otlp]
      processors: [memory_limiter, batch]
      exporters: [otlp/tempo, spanmetrics]
    metrics:
      receivers: [otlp, spanmetrics]
      processors: [batch]
      exporters: [prometheusremotewrite]
    metrics/direct:
      receivers: [otlp]
      exporters: [prometheusremotewrite, missing]
`;

describe("graphOfCollector", () => {
  const g = graphOfCollector(COLLECTOR, "collector.yaml");

  it("draws the instances the collector builds", () => {
    expect(g.nodes.map((n) => n.id)).toEqual([
      "receiver/otlp@traces",
      "processor/memory_limiter@traces",
      "processor/batch@traces",
      "exporter/otlp/tempo@traces",
      "connector/spanmetrics@traces>metrics",
      "receiver/otlp@metrics",
      "processor/batch@metrics",
      "exporter/prometheusremotewrite@metrics",
      "processor/batch@metrics/direct",
      "exporter/missing@metrics",
      "receiver/prometheus/unused",
      "extension/health_check",
      "extension/pprof",
    ].filter((id) => id !== "processor/batch@metrics/direct"));
    expect(g.nodes.find((n) => n.id === "receiver/prometheus/unused")?.marks).toEqual(["unused"]);
    expect(g.nodes.find((n) => n.id === "extension/pprof")?.marks).toEqual(["unused"]);
    expect(g.nodes.find((n) => n.id === "exporter/missing@metrics")?.marks).toEqual(["undefined"]);
    expect(g.containers.map((c) => c.id)).toEqual(["lane:traces", "lane:metrics"]);
  });

  it("draws one edge per pipeline link", () => {
    const pairs = g.edges.map((e) => `${e.from} -> ${e.to} ${e.via}`);
    expect(pairs).toEqual([
      "receiver/otlp@traces -> processor/memory_limiter@traces traces",
      "processor/memory_limiter@traces -> processor/batch@traces traces",
      "processor/batch@traces -> exporter/otlp/tempo@traces traces",
      "processor/batch@traces -> connector/spanmetrics@traces>metrics traces",
      "receiver/otlp@metrics -> processor/batch@metrics metrics",
      "connector/spanmetrics@traces>metrics -> processor/batch@metrics metrics",
      "processor/batch@metrics -> exporter/prometheusremotewrite@metrics metrics",
      "receiver/otlp@metrics -> exporter/prometheusremotewrite@metrics metrics/direct",
      "receiver/otlp@metrics -> exporter/missing@metrics metrics/direct",
    ]);
    expect(g.edges[0]).toMatchObject({ signal: "traces", line: 20 });
  });

  it("masks secrets in the settings", () => {
    expect(JSON.stringify(g)).not.toContain("secret-value");
  });

  it("marks started components the converter does not carry, when told which it carries", () => {
    const marked = graphOfCollector(COLLECTOR, "c.yaml", { carried: (kind, type) => !(kind === "processor" && type === "memory_limiter") });
    expect(marked.nodes.filter((n) => n.marks?.includes("not-carried")).map((n) => n.id)).toEqual(["processor/memory_limiter@traces"]);
    // Unused and undefined components keep their own mark only.
    expect(marked.nodes.find((n) => n.id === "receiver/prometheus/unused")?.marks).toEqual(["unused"]);
  });

  it("reports a YAML error at its position", () => {
    const bad = graphOfCollector("receivers:\n  otlp: [\n", "bad.yaml");
    expect(bad.problems).toHaveLength(1);
    expect(bad.problems[0]!.line).toBeGreaterThan(0);
  });
});

describe("layout and renderers", () => {
  it("lays out every node and edge and prints the same bytes twice", async () => {
    const g = graphOfAlloy(ALLOY, "pipeline.alloy");
    const a = await layoutGraph(g);
    for (const n of g.nodes) expect(a.nodes[n.id]?.width).toBeGreaterThan(0);
    for (const e of g.edges) expect(a.edges[e.id]?.length).toBeGreaterThanOrEqual(2);
    const svg = renderSvg(a);
    expect(renderSvg(await layoutGraph(graphOfAlloy(ALLOY, "pipeline.alloy")))).toBe(svg);
    expect(svg.match(/<g class="node /g)).toHaveLength(g.nodes.length);
    expect(svg.match(/<path class="edge /g)).toHaveLength(g.edges.length);
  });

  it("refuses to lay out a graph past its bounds, with a reason", async () => {
    const text = Array.from({ length: MAX_LAYOUT_NODES + 1 }, (_, i) => `loki.write "w${i}" {}\n`).join("");
    const big = graphOfAlloy(text, "big.alloy");
    expect(tooLargeToLayOut(big)).toMatch(/^5001 nodes and 0 edges are more than/);
    await expect(layoutGraph(big)).rejects.toThrow(RangeError);
    expect(tooLargeToLayOut(graphOfAlloy(ALLOY, "p.alloy"))).toBeUndefined();
  });

  it("renders DOT, Mermaid and HTML with every node", async () => {
    const g = graphOfCollector(COLLECTOR, "c.yaml");
    expect(renderDot(g).match(/^\s+n\d+ \[label=/gm)).toHaveLength(g.nodes.length);
    expect(renderDot(g).match(/ -> /g)).toHaveLength(g.edges.length);
    expect(renderMermaid(g).match(/^\s+n\d+\["/gm)).toHaveLength(g.nodes.length);
    expect(renderMermaid(g).match(/ -->/g)).toHaveLength(g.edges.length);
    const html = renderHtml(await layoutGraph(g));
    expect(html).toContain('<script type="application/json" id="graph-data">');
    expect(html).not.toMatch(/<script[^>]+src=|<link /);
  });

  it("keeps a closing script tag in a label from ending the page's data", async () => {
    const g = graphOfAlloy('local.file "x" {\n  filename = "</script><script>alert(1)</script>"\n}\n', "x.alloy");
    const html = renderHtml(await layoutGraph(g));
    const data = html.slice(html.indexOf('id="graph-data">'), html.indexOf("</script>", html.indexOf('id="graph-data">')));
    expect(data).not.toContain("<");
    expect(html.match(/<\/script>/g)).toHaveLength(2);
  });
});
