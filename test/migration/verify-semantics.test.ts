/**
 * Runtime semantics used by `alloy verify`: for each, a collector configuration and its default-mode conversion
 * verify equivalent, and a mutated Alloy side (one setting changed) is reported different. Inputs are small
 * hand-made payloads where the generated set would not exercise the component.
 */
import { describe, expect, it } from "vitest";
import { convertOtelcol } from "@alloy-ts/converter";
import { generateTelemetry, graphFromAlloy, graphFromCollectorYaml, verifyGraphs, type RuntimeEnvironment, type TelemetrySet } from "@alloy-ts/runtime-lite";

const env = { PATH: "/bin" };
const kv = (o: Record<string, string>) => Object.entries(o).map(([key, v]) => ({ key, value: { stringValue: v } }));

/** A pipeline `receivers: [otlp] → processors → exporters: [otlp]` for one signal. */
function pipeline(signal: string, processors: string, names: string[]): string {
  return `receivers:\n  otlp:\n    protocols:\n      grpc:\nprocessors:\n${processors}\nexporters:\n  otlp:\n    endpoint: backend:4317\nservice:\n  pipelines:\n    ${signal}:\n      receivers: [otlp]\n      processors: [${names.join(", ")}]\n      exporters: [otlp]\n`;
}

async function verdicts(yaml: string, mutate: (alloy: string) => string, input: TelemetrySet, environment: RuntimeEnvironment = {}) {
  const converted = convertOtelcol(yaml);
  expect(converted.output, JSON.stringify(converted.diagnostics)).toBeDefined();
  const alloy = converted.output!;
  const mutated = mutate(alloy);
  expect(mutated).not.toBe(alloy);
  const run = async (text: string) => {
    const r = await verifyGraphs(graphFromCollectorYaml(yaml, { env }), graphFromAlloy(text, { env }), input, environment);
    return r.exporters.map((e) => (e.verdict === "unverified" ? `unverified: ${e.reasons?.join("; ")}` : e.verdict));
  };
  return { original: await run(alloy), mutated: await run(mutated) };
}

const traces = (spans: object[], resource: Record<string, string> = { "service.name": "a" }): TelemetrySet => ({
  traces: [{ resourceSpans: [{ resource: { attributes: kv(resource) }, scopeSpans: [{ spans: spans as never[] }] }] }],
  metrics: [],
  logs: [],
});

const span = (id: string, kind: number, parent?: string, attrs: Record<string, string> = {}) => ({
  traceId: "0af7651916cd43dd8448eb211c80319c",
  spanId: id,
  ...(parent ? { parentSpanId: parent } : {}),
  name: "op",
  kind,
  startTimeUnixNano: "1704067200000000000",
  endTimeUnixNano: "1704067200050000000",
  attributes: kv(attrs),
});

const sums = (temporality: 1 | 2, values: number[]): TelemetrySet => ({
  traces: [],
  logs: [],
  metrics: values.map((v, i) => ({
    resourceMetrics: [
      {
        resource: { attributes: kv({ "service.name": "a" }) },
        scopeMetrics: [
          {
            metrics: [
              { name: "requests", sum: { aggregationTemporality: temporality, isMonotonic: true, dataPoints: [{ attributes: kv({ route: "/a" }), startTimeUnixNano: "1704067100000000000", timeUnixNano: String(1704067200000000000n + BigInt(i) * 1000000000n), asInt: String(v) }] } },
              { name: "errors", sum: { aggregationTemporality: temporality, isMonotonic: true, dataPoints: [{ attributes: kv({ route: "/b" }), startTimeUnixNano: "1704067100000000000", timeUnixNano: String(1704067200000000000n + BigInt(i) * 1000000000n), asInt: String(v * 2) }] } },
            ],
          },
        ],
      },
    ],
  })),
});

describe("verify semantics: one mutation each is seen", () => {
  it("resourcedetection: detected attributes from --resource, override", async () => {
    const yaml = pipeline("traces", "  resourcedetection:\n    detectors: [env, gcp]", ["resourcedetection"]);
    const v = await verdicts(yaml, (a) => a.replace('detectors = ["env", "gcp"]', 'detectors = ["env", "gcp"]\n\toverride  = false'), traces([span("1111111111111111", 1)], { "service.name": "a", "cloud.region": "eu-west-1" }), { resource: { "cloud.region": "us-east1" } });
    expect(v).toEqual({ original: ["equivalent"], mutated: ["different"] });
  });

  it("resourcedetection: an attribute a detector disables is not added", async () => {
    const yaml = pipeline("traces", "  resourcedetection:\n    detectors: [gcp]", ["resourcedetection"]);
    const v = await verdicts(yaml, (a) => a.replace('detectors = ["gcp"]', 'detectors = ["gcp"]\n\n\tgcp {\n\t\tresource_attributes {\n\t\t\tcloud.region {\n\t\t\t\tenabled = false\n\t\t\t}\n\t\t}\n\t}'), traces([span("1111111111111111", 1)]), { resource: { "cloud.region": "us-east1" } });
    expect(v).toEqual({ original: ["equivalent"], mutated: ["different"] });
  });

  it("k8sattributes: pods matched by the resource's pod IP, extracted metadata and labels", async () => {
    const pods = [{ ip: "10.0.0.5", name: "cart-7d9", namespace: "shop", uid: "u-1", node: "node-1", deployment: "cart", labels: { team: "payments" } }];
    const yaml = pipeline("traces", "  k8sattributes:\n    extract:\n      metadata: [k8s.pod.name, k8s.namespace.name]\n      labels:\n        - tag_name: team\n          key: team\n          from: pod", ["k8sattributes"]);
    const input = traces([span("1111111111111111", 1)], { "service.name": "a", "k8s.pod.ip": "10.0.0.5" });
    const dropName = await verdicts(yaml, (a) => a.replace('"k8s.pod.name", ', ""), input, { pods });
    expect(dropName).toEqual({ original: ["equivalent"], mutated: ["different"] });
    const label = await verdicts(yaml, (a) => a.replace('tag_name = "team"', 'tag_name = "owner"'), input, { pods });
    expect(label.mutated).toEqual(["different"]);
  });

  it("redaction: blocked values are masked, keys outside the allow list removed", async () => {
    const yaml = pipeline("traces", "  redaction:\n    allow_all_keys: true\n    blocked_values: [\"4[0-9]{15}\"]", ["redaction"]);
    const input = traces([span("1111111111111111", 1, undefined, { card: "paid with 4111111111111111", note: "x" })]);
    expect(await verdicts(yaml, (a) => a.replace("4[0-9]{15}", "5[0-9]{15}"), input)).toEqual({ original: ["equivalent"], mutated: ["different"] });
    expect((await verdicts(yaml, (a) => a.replace("allow_all_keys = true", 'allow_all_keys = false\n\tallowed_keys   = ["card"]'), input)).mutated).toEqual(["different"]);
  });

  it("servicegraph: client and server spans pair into request counts by dimension", async () => {
    const yaml = `receivers:\n  otlp:\n    protocols:\n      grpc:\nconnectors:\n  servicegraph:\n    dimensions: [http.method]\nexporters:\n  otlp:\n    endpoint: backend:4317\nservice:\n  pipelines:\n    traces:\n      receivers: [otlp]\n      exporters: [servicegraph]\n    metrics:\n      receivers: [servicegraph]\n      exporters: [otlp]\n`;
    const input: TelemetrySet = {
      traces: [
        ...traces([span("1111111111111111", 3, undefined, { "http.method": "GET" })], { "service.name": "frontend" }).traces,
        ...traces([span("2222222222222222", 2, "1111111111111111", { "http.method": "GET" })], { "service.name": "cart" }).traces,
      ],
      metrics: [],
      logs: [],
    };
    const v = await verdicts(yaml, (a) => a.replace(/dimensions( *)= \["http.method"\]/, "dimensions$1= []"), input);
    expect(v).toEqual({ original: ["equivalent"], mutated: ["different"] });
    const buckets = await verdicts(yaml, (a) => a.replace(/latency_histogram_buckets( *)= \[\]/, 'latency_histogram_buckets$1= ["1s"]'), input);
    expect(buckets.mutated).toEqual(["different"]);
  });

  it("cumulativetodelta: cumulative sums become deltas for the selected metrics", async () => {
    const yaml = pipeline("metrics", "  cumulativetodelta:\n    include:\n      metrics: [requests]\n      match_type: strict", ["cumulativetodelta"]);
    const v = await verdicts(yaml, (a) => a.replace('metrics    = ["requests"]', 'metrics    = ["errors"]'), sums(2, [10, 15, 30]));
    expect(v).toEqual({ original: ["equivalent"], mutated: ["different"] });
  });

  it("deltatocumulative: deltas accumulate per stream, up to max_streams", async () => {
    const yaml = pipeline("metrics", "  deltatocumulative:", ["deltatocumulative"]);
    const v = await verdicts(yaml, (a) => a.replace('otelcol.processor.deltatocumulative "default" {', 'otelcol.processor.deltatocumulative "default" {\n\tmax_streams = 1'), sums(1, [1, 2, 3]));
    expect(v).toEqual({ original: ["equivalent"], mutated: ["different"] });
  });

  it("leaves log operators of filelog unverified", async () => {
    const yaml = `receivers:\n  filelog:\n    include: [/var/log/a.log]\n    operators:\n      - type: json_parser\nexporters:\n  otlp:\n    endpoint: backend:4317\nservice:\n  pipelines:\n    logs:\n      receivers: [filelog]\n      exporters: [otlp]\n`;
    const converted = convertOtelcol(yaml);
    const r = await verifyGraphs(graphFromCollectorYaml(yaml, { env }), graphFromAlloy(converted.output!, { env }), generateTelemetry());
    expect(r.exporters.map((e) => e.verdict)).toEqual(["unverified"]);
  });
});

describe("verify semantics of native mappings", () => {
  it("resource processor: its transform form verifies, a changed value does not", async () => {
    const yaml = pipeline("traces", "  resource:\n    attributes:\n      - key: deployment.environment\n        value: prod\n        action: upsert", ["resource"]);
    const v = await verdicts(yaml, (a) => a.replace(/\\"prod\\"/, '\\"staging\\"'), generateTelemetry());
    expect(v).toEqual({ original: ["equivalent"], mutated: ["different"] });
  });

  it("logging exporter: verified as debug; prometheusremotewrite pairs with otelcol.exporter.prometheus", async () => {
    const yaml = `receivers:\n  otlp:\n    protocols:\n      grpc:\nprocessors:\n  attributes:\n    actions:\n      - key: team\n        value: a\n        action: insert\nexporters:\n  logging:\n  prometheusremotewrite:\n    endpoint: https://mimir/api/v1/push\nservice:\n  pipelines:\n    metrics:\n      receivers: [otlp]\n      processors: [attributes]\n      exporters: [logging, prometheusremotewrite]\n`;
    const v = await verdicts(yaml, (a) => a.replace('value  = "a"', 'value  = "b"'), generateTelemetry());
    expect(v).toEqual({ original: ["equivalent", "equivalent"], mutated: ["different", "different"] });
  });
});
