/** Verification captures a network exporter's output as its receiving end decodes it, not as handed over. */
import { describe, expect, it } from "vitest";
import { Engine, graphFromCollectorYaml, type Telemetry } from "@alloy-ts/runtime-lite";

const yaml = (exporter: string, settings = "") => `receivers:
  otlp: { protocols: { grpc: } }
exporters:
  ${exporter}:${settings}
service:
  pipelines: { traces: { receivers: [otlp], exporters: [${exporter}] } }
`;

/** A span carrying a property that no OTLP encoding has a field for. */
const payload = (): Telemetry =>
  ({
    signal: "traces",
    data: { resourceSpans: [{ resource: { attributes: [] }, scopeSpans: [{ scope: { name: "s" }, spans: [{ traceId: "0102030405060708090a0b0c0d0e0f10", spanId: "0102030405060708", name: "a", kind: 1, startTimeUnixNano: "1", endTimeUnixNano: "2", attributes: [{ key: "k", value: { stringValue: "v" } }], notAnOtlpField: 7 }] }] }] },
  }) as unknown as Telemetry;

async function captured(text: string, id: string) {
  const engine = new Engine(graphFromCollectorYaml(text), { capture: true });
  engine.receive("receiver:otlp", payload());
  await engine.shutdown();
  const got = engine.captured(id);
  expect(got).toHaveLength(1);
  return { span: (got[0]!.data as any).resourceSpans[0].scopeSpans[0].spans[0], diagnostics: engine.diagnostics };
}

describe("verify's capture crosses the exporter's wire encoding", () => {
  it("otlp (gRPC): what protobuf cannot carry does not arrive", async () => {
    const { span, diagnostics } = await captured(yaml("otlp", " { endpoint: backend:4317 }"), "exporter:otlp");
    expect(span.notAnOtlpField).toBeUndefined();
    expect(span.name).toBe("a");
    expect(span.attributes).toEqual([{ key: "k", value: { stringValue: "v" } }]);
    expect(diagnostics).toEqual([]);
  });

  it("otlphttp with encoding json goes through OTLP/JSON", async () => {
    const { span } = await captured(yaml("otlphttp", " { endpoint: http://backend:4318, encoding: json }"), "exporter:otlphttp");
    expect(span.name).toBe("a");
    expect(span.notAnOtlpField).toBeUndefined();
  });

  it("an exporter that writes the object itself (file) keeps it as handed over", async () => {
    const { span } = await captured(yaml("file", " { path: /dev/null }"), "exporter:file");
    expect(span.notAnOtlpField).toBe(7);
  });
});
