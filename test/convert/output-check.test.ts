/** A conversion that would succeed is checked as Alloy loads its output (packages/converter/src/output-check.ts). */
import { describe, expect, it } from "vitest";
import { convertOtelcol, renderDiagnostic } from "@alloy-ts/converter";

const config = (exporters: string, pipeline: string, processors = "") => `receivers:
  otlp:
    protocols: { grpc: {} }
${processors}exporters:
${exporters}
service:
  pipelines:
    ${pipeline}
`;

const errors = (yaml: string) => convertOtelcol(yaml).diagnostics.filter((d) => d.severity === "error").map((d) => renderDiagnostic(d));

describe("the converted output is checked as Alloy loads it", () => {
  it.each([
    ["an otlphttp exporter without endpoint", config("  otlphttp: {}", "traces: { receivers: [otlp], exporters: [otlphttp] }"), /exporter\/otlphttp: Alloy would refuse the converted otelcol\.exporter\.otlphttp\.default .*at least one endpoint must be specified \(at 5:3\)/],
    ["memory_limiter with check_interval 0", config("  debug: {}", "traces: { receivers: [otlp], processors: [memory_limiter], exporters: [debug] }", "processors:\n  memory_limiter: { check_interval: 0s, limit_mib: 100 }\n"), /processor\/memory_limiter: .*check_interval must be greater than zero \(at 5:3\)/],
    ["a loki exporter in a traces pipeline", config("  loki: { endpoint: http://loki:3100/loki/api/v1/push }", "traces: { receivers: [otlp], exporters: [loki] }"), /does not accept traces/],
  ])("%s is an Error at its component", (_what, yaml, expected) => {
    const found = errors(yaml);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(expected);
  });

  it("a loadable conversion gets no error from the check", () => {
    expect(errors(config("  otlphttp: { endpoint: http://backend:4318 }", "traces: { receivers: [otlp], exporters: [otlphttp] }"))).toEqual([]);
  });

  it("--compat=upstream prints upstream's output unchecked", () => {
    const r = convertOtelcol(config("  otlphttp: {}", "traces: { receivers: [otlp], exporters: [otlphttp] }"), { compat: "upstream" });
    expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(r.output).toContain("otelcol.exporter.otlphttp");
  });
});
