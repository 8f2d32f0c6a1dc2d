/** The bridge dialect's rules, one by one (docs/dialects.md). */
import { describe, expect, it } from "vitest";
import { convertAlloyToOtelcol, convertDialect, convertOtelcolToBridge } from "@alloy-ts/converter";
import { validate } from "@alloy-ts/validator";

const yaml = (body: string) => `receivers:\n  otlp:\n${body}\nexporters:\n  debug:\nservice:\n  pipelines:\n    traces:\n      receivers: [otlp]\n      exporters: [debug]\n`;

describe("collector YAML → bridge dialect", () => {
  it("writes identifier-keyed maps as blocks, other maps as objects, lists as arrays", () => {
    const r = convertOtelcolToBridge(yaml("    protocols:\n      grpc:\n        endpoint: 0.0.0.0:4317\n    headers:\n      X-Api-Key: k\n    list: [1, -2.5, true, null]"));
    expect(r.output).toContain("protocols {\n\t\tgrpc {\n\t\t\tendpoint = \"0.0.0.0:4317\"");
    expect(r.output).toContain('headers = {\n\t\t"X-Api-Key" = "k",\n\t}');
    expect(r.output).toContain("list = [1, -2.5, true, null]");
  });

  it("turns environment references into sys.env expressions", () => {
    const r = convertOtelcolToBridge(yaml('    a: ${env:A}\n    b: ${B}\n    c: ${env:C:-x}\n    d: "http://${env:H}:4317"\n    e: "$${env:LITERAL}"'));
    expect(r.output).toContain('a = sys.env("A")');
    expect(r.output).toContain('b = sys.env("B")');
    expect(r.output).toContain('c = coalesce(sys.env("C"), "x")');
    expect(r.output).toContain('d = "http://" + sys.env("H") + ":4317"');
    expect(r.output).toContain('e = "${env:LITERAL}"');
  });

  it("labels components by name and keeps IDs the label cannot spell in __id", () => {
    const r = convertOtelcolToBridge(
      "receivers:\n  otlp:\n  otlp/default:\n  otlp/my-app:\n  otlp/primary:\nexporters:\n  debug:\nservice:\n  pipelines:\n    traces/a-b:\n      receivers: [otlp, otlp/default, otlp/my-app, otlp/primary]\n      exporters: [debug]\n",
    );
    expect(r.output).toContain('otel.receiver.otlp "default" { }');
    expect(r.output).toContain('otel.receiver.otlp "default_2" {\n\t__id = "otlp/default"');
    expect(r.output).toContain('otel.receiver.otlp "my_app" {\n\t__id = "otlp/my-app"');
    expect(r.output).toContain('otel.receiver.otlp "primary" { }');
    expect(r.output).toContain('otel.pipeline "traces_a_b" {\n\t__id      = "traces/a-b"');
    expect(validate([{ name: "x.alloy", text: r.output! }])).toEqual([]);
  });

  it("carries unknown component types with an Info diagnostic and checks described ones", () => {
    const r = convertOtelcolToBridge(yaml("    protocols:\n      grpc:\n        endpoint: [1]").replace("debug:", "acme_exporter:").replace("[debug]", "[acme_exporter]"));
    expect(r.output).toContain('otel.exporter.acme_exporter "default" { }');
    expect(r.diagnostics.some((d) => d.severity === "info" && d.message.includes("acme_exporter") && d.message.includes("no description"))).toBe(true);
    expect(r.diagnostics.some((d) => d.severity === "warning" && d.message.includes("endpoint"))).toBe(true);
  });

  it("carries service extensions and telemetry in otel.service", () => {
    const r = convertOtelcolToBridge(yaml("").replace("service:\n", "extensions:\n  health_check:\nservice:\n  extensions: [health_check]\n  telemetry:\n    resource:\n      service.name: gw\n    logs:\n      level: debug\n"));
    expect(r.output).toContain('otel.service "default" {\n\textensions = [otel.extension.health_check.default]');
    expect(r.output).toContain("logs {\n\t\t\tlevel = \"debug\"");
  });

  it("refuses invalid configurations", () => {
    for (const bad of [
      "service:\n  pipelines:\n    traces:\n      receivers: [nope]\n      exporters: [nope]\n",
      yaml("").replace("[otlp]", "[]"),
      yaml("    x: ${file:/etc/x}"),
      "receivers: [1, 2]\n",
      "receivers:\n  otlp:\nexporters:\n  debug:\nconnectors:\n  forward:\nservice:\n  pipelines:\n    traces:\n      receivers: [otlp, forward]\n      exporters: [debug, forward]\n",
    ]) {
      const r = convertOtelcolToBridge(bad);
      expect(r.output).toBeUndefined();
      expect(r.diagnostics.some((d) => d.severity === "critical")).toBe(true);
    }
  });
});

describe("bridge dialect → collector YAML", () => {
  it("reads repeated nested blocks as a list and reports expressions without a collector form", () => {
    const r = convertAlloyToOtelcol(
      'otel.receiver.otlp "default" {\n\tx { a = 1 }\n\tx { a = 2 }\n\ty = 1 + 2\n}\notel.exporter.debug "default" { }\notel.pipeline "logs" {\n\treceivers = [otel.receiver.otlp.default]\n\texporters = [otel.exporter.debug.default]\n}\n',
    );
    expect(r.output).toContain("x:\n      - a: 1\n      - a: 2");
    expect(r.diagnostics.some((d) => d.severity === "error" && d.position?.line === 4)).toBe(true);
  });

  it("refuses references to undefined components and components of the wrong kind", () => {
    const r = convertAlloyToOtelcol('otel.exporter.debug "default" { }\notel.pipeline "logs" {\n\treceivers = [otel.exporter.debug.default]\n\texporters = [otel.exporter.nope.default]\n}\n');
    expect(r.output).toBeUndefined();
    expect(r.diagnostics.filter((d) => d.severity === "critical")).toHaveLength(2);
  });

  it("converts between dialects through collector YAML", () => {
    const bridge = convertOtelcolToBridge(yaml("    protocols:\n      grpc:")).output!;
    const otelcol = convertDialect(bridge, { sourceFormat: "alloy", target: "alloy", dialect: "otelcol" });
    expect(otelcol.output).toContain('otelcol.receiver.otlp "default" {');
    expect(otelcol.output).toContain("otelcol.exporter.debug");
    const again = convertDialect(bridge, { sourceFormat: "alloy", target: "alloy", dialect: "otel" });
    expect(again.output).toBe(bridge);
  });

  it("inverts otelcol.* components through their descriptions, output blocks becoming pipelines", () => {
    const alloy = [
      'otelcol.receiver.otlp "default" {',
      '\tgrpc { }',
      '\toutput {',
      '\t\ttraces = [otelcol.processor.batch.default.input]',
      '\t}',
      '}',
      'otelcol.processor.batch "default" {',
      '\tsend_batch_size = 8192',
      '\toutput {',
      '\t\ttraces = [otelcol.exporter.otlp.default_backend.input]',
      '\t}',
      '}',
      'otelcol.exporter.otlp "default_backend" {',
      '\tclient {',
      '\t\tendpoint = "backend:4317"',
      '\t}',
      '}',
      'otelcol.exporter.debug "default" {',
      '\tverbosity = "detailed"',
      '}',
      '',
    ].join("\n");
    const r = convertDialect(alloy, { sourceFormat: "alloy", target: "otelcol" });
    // The exporter's current type name is otlp_grpc (otlp is its alias).
    expect(r.output).toContain("traces:\n      receivers: [otlp]\n      processors: [batch]\n      exporters: [otlp_grpc/backend]");
    expect(r.output).toContain("otlp_grpc/backend:\n    endpoint: backend:4317");
    // Settings equal to the collector's defaults are left out; Alloy defaults that differ from them are written.
    expect(r.output).not.toContain("send_batch_size:");
    expect(r.output).toContain("send_batch_max_size: 3000");
    expect(r.output).toContain("endpoint: 0.0.0.0:4317");
    expect(r.diagnostics.some((d) => d.severity === "warning" && d.message.includes("verbosity"))).toBe(true);
  });
});

describe("validator support for the bridge dialect", () => {
  const check = (text: string) => validate([{ name: "b.alloy", text }]).map((d) => d.message);

  it("accepts any body and checks the pipeline structure", () => {
    expect(check('otel.receiver.anything "default" {\n\tfoo { bar = [1] }\n}\notel.exporter.x "default" { }\notel.pipeline "traces" {\n\treceivers = [otel.receiver.anything.default]\n\texporters = [otel.exporter.x.default]\n}\n')).toEqual([]);
    const msgs = check('otel.receiver.r "default" { }\notel.connector.c "default" { }\notel.pipeline "traces" {\n\treceivers = [otel.receiver.r.default]\n\tprocessors = [otel.receiver.r.default]\n\texporters = [otel.connector.c.default]\n}\notel.pipeline "bogus" {\n\treceivers = [otel.receiver.missing.default]\n}\n');
    expect(msgs).toContain("otel.receiver.r.default is a receiver; expected a processor");
    expect(msgs).toContain("connector otel.connector.c.default must be used as an exporter in one pipeline and as a receiver in another");
    expect(msgs.some((m) => m.includes("label must start with a signal"))).toBe(true);
    expect(msgs).toContain("a pipeline must have at least one exporter");
    expect(msgs.some((m) => m.includes("otel.receiver.missing.default") && m.includes("does not exist"))).toBe(true);
  });
});
