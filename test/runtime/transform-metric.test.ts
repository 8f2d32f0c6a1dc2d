/** transform metric-context editors that change a metric's type. */
import { describe, expect, it } from "vitest";
import { Engine, graphFromCollectorYaml, type Telemetry } from "@alloy-ts/runtime-lite";

const config = (statements: string[]) => `
receivers: {otlp: {protocols: {http: {}}}}
processors:
  transform:
    metric_statements:
      - context: metric
        statements: ${JSON.stringify(statements)}
exporters: {debug: {}}
service: {pipelines: {metrics: {receivers: [otlp], processors: [transform], exporters: [debug]}}}
`;

const point = { attributes: [], timeUnixNano: "2", asInt: "5" };
const input = (): Telemetry => ({
  signal: "metrics",
  data: {
    resourceMetrics: [
      {
        resource: { attributes: [] },
        scopeMetrics: [{ scope: { name: "s" }, metrics: [{ name: "s1", sum: { dataPoints: [{ ...point }], aggregationTemporality: 1, isMonotonic: true } }, { name: "g1", gauge: { dataPoints: [{ ...point }] } }] }],
      },
    ],
  },
});

function run(statements: string[]) {
  const engine = new Engine(graphFromCollectorYaml(config(statements), { env: {} }), { capture: true });
  engine.receive("receiver:otlp", input());
  void engine.shutdown();
  const out = engine.captured("exporter:debug")[0];
  return { unverified: [...engine.unverified.values()], metrics: out?.signal === "metrics" ? out.data.resourceMetrics[0]!.scopeMetrics[0]!.metrics : [] };
}

describe("transform metric type conversions", () => {
  it("convert_sum_to_gauge keeps the points and drops temporality; other types are untouched", () => {
    const { unverified, metrics } = run(["convert_sum_to_gauge()"]);
    expect(unverified).toEqual([]);
    expect(metrics[0]).toEqual({ name: "s1", gauge: { dataPoints: [point] } });
    expect(metrics[1]).toEqual({ name: "g1", gauge: { dataPoints: [point] } });
  });
  it("convert_gauge_to_sum sets the given temporality and monotonicity, with a where clause", () => {
    const { metrics } = run(['convert_gauge_to_sum("cumulative", false) where name == "g1"']);
    expect(metrics[1]).toEqual({ name: "g1", sum: { dataPoints: [point], aggregationTemporality: 2, isMonotonic: false } });
    expect(metrics[0]!.sum?.aggregationTemporality).toBe(1);
  });
  it("rejects bad arguments at compile time (the component is then unverified)", () => {
    expect(run(['convert_gauge_to_sum("sideways", false)']).unverified).toHaveLength(1);
  });
});
