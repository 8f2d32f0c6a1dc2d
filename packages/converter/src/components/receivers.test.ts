import { describe, expect, it } from "vitest";
import { convertOtelcol, ConvertCode } from "../index.js";

/** Converts one receiver (YAML body lines indented for `receivers.<id>`) wired to an otlp exporter. */
function convertReceiver(id: string, body: string, signal = "logs", compat = false) {
  const yaml = `receivers:
  ${id}:
${body}
exporters:
  otlp:
    endpoint: db:4317
service:
  pipelines:
    ${signal}:
      receivers: [${id}]
      exporters: [otlp]
`;
  return convertOtelcol(yaml, compat ? { compat: "upstream" } : {});
}

/** The first top-level block of the output. */
const firstBlock = (output: string | undefined) => (output ?? "").split(/\n\n(?=\S)/).find((b) => b.startsWith("otelcol.receiver")) ?? "";

describe("receiver descriptions", () => {
  it("accepts the snake_case and the old spelling of renamed types alike", () => {
    const a = convertReceiver("file_log", "    include: [/a.log]");
    const b = convertReceiver("filelog", "    include: [/a.log]");
    expect(a.output).toBeDefined();
    expect(a.output).toBe(b.output);
    expect(convertReceiver("fluent_forward", "    endpoint: x:1").output).toContain("otelcol.receiver.fluentforward");
  });

  it("writes no output block for filelog under --compat=upstream only", () => {
    expect(convertReceiver("filelog", "    include: [/a.log]", "logs", true).output).not.toContain("output {");
    expect(convertReceiver("filelog", "    include: [/a.log]").output).toContain("logs = [otelcol.exporter.otlp.default.input]");
  });

  it("carries filelog operators and header operators; upstream drops them with warnings", () => {
    const yaml = "    include: [/a.log]\n    operators:\n      - type: noop\n    header:\n      pattern: '^H'\n      metadata_operators:\n        - type: noop";
    const upstream = convertReceiver("filelog/x", yaml, "logs", true);
    const warnings = upstream.diagnostics.filter((d) => d.severity === "warning" && d.code === ConvertCode.otelcol && d.message.includes("receiver/")).map((d) => d.message);
    expect(warnings).toEqual([
      "operators cannot currently be translated for receiver/filelog/x",
      "header metadata_operators cannot currently be translated for receiver/filelog/x",
    ]);
    expect(firstBlock(upstream.output)).toContain('pattern            = "^H"\n\t\tmetadata_operators = []');
    const ours = convertReceiver("filelog/x", yaml);
    expect(ours.diagnostics.filter((d) => d.severity === "warning" && d.code === ConvertCode.otelcol && d.message.includes("receiver/"))).toEqual([]);
    expect(firstBlock(ours.output)).toContain('metadata_operators = [{\n\t\t\ttype = "noop",\n\t\t}]');
    expect(firstBlock(ours.output)).toContain('\n\toperators = [{\n\t\ttype = "noop",\n\t}]');
  });

  it("kafka: a single broker string becomes a list; the singular strategy is written when no list is given", () => {
    const r = convertReceiver("kafka", "    brokers: b:9092\n    protocol_version: 2.0.0\n    group_rebalance_strategy: range");
    const block = firstBlock(r.output);
    expect(block).toContain('brokers                  = ["b:9092"]');
    expect(block).toContain('group_rebalance_strategy = "range"');
    expect(block).not.toContain("group_rebalance_strategies");
  });

  it("awscloudwatch: named groups follow the YAML order", () => {
    const r = convertReceiver(
      "awscloudwatch",
      "    region: r\n    logs:\n      groups:\n        named:\n          /b:\n            names: [x]\n          /a:\n",
    );
    const block = firstBlock(r.output);
    expect(block.indexOf('group_name = "/b"')).toBeGreaterThan(0);
    expect(block.indexOf('group_name = "/b"')).toBeLessThan(block.indexOf('group_name = "/a"'));
  });

  it("solace keeps only the first broker; its auth block is always written", () => {
    const block = firstBlock(convertReceiver("solace", "    broker: [a:1, b:2]\n    queue: q", "traces").output);
    expect(block).toContain('broker = "a:1"');
    expect(block).not.toContain("b:2");
    expect(block).toContain("auth { }");
  });

  it("vcenter: a metric disabled by default is written only when enabled", () => {
    const on = firstBlock(
      convertReceiver("vcenter", "    endpoint: http://v\n    username: u\n    password: p\n    metrics:\n      vcenter.vm.memory.granted:\n        enabled: true", "metrics").output,
    );
    expect(on).toContain("vcenter.vm.memory.granted {\n\t\t\tenabled = true");
    const off = firstBlock(
      convertReceiver("vcenter", "    endpoint: http://v\n    username: u\n    password: p\n    metrics:\n      vcenter.vm.memory.granted:\n        enabled: false", "metrics").output,
    );
    expect(off).not.toContain("metrics {");
  });

  it("googlecloudpubsub crosses metrics and logs targets only under --compat=upstream", () => {
    const yaml = `receivers:
  googlecloudpubsub:
    subscription: s
exporters:
  otlp:
    endpoint: db:4317
  debug:
service:
  pipelines:
    metrics:
      receivers: [googlecloudpubsub]
      exporters: [otlp]
    logs:
      receivers: [googlecloudpubsub]
      exporters: [debug]
`;
    const fixed = firstBlock(convertOtelcol(yaml).output);
    expect(fixed).toContain("metrics = [otelcol.exporter.otlp.default.input]");
    expect(fixed).toContain("logs    = [otelcol.exporter.debug.default.input]");
    const upstream = firstBlock(convertOtelcol(yaml, { compat: "upstream" }).output);
    expect(upstream).toContain("metrics = [otelcol.exporter.debug.default.input]");
  });
});
