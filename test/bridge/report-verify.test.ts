/** `alloy report` verifies bridge-dialect outputs with runtime-lite too, and counts what they verify. */
import { describe, expect, it } from "vitest";
import { analyzeCollectorFile } from "@alloy-ts/converter";
import { reportChecks } from "../../packages/cli/src/commands/report.js";

/** An extension of a custom collector build keeps the file out of otelcol.*; it is not on the data path. */
const CUSTOM_EXTENSION = `
extensions:
  acmevault:
    address: vault.internal:8200
receivers:
  otlp:
    protocols:
      grpc:
processors:
  batch:
  attributes/tag:
    actions:
      - key: team
        value: b
        action: insert
exporters:
  debug:
service:
  extensions: [acmevault]
  pipelines:
    traces:
      receivers: [otlp]
      processors: [attributes/tag, batch]
      exporters: [debug]
`;

/** A receiver of a custom collector build: on the data path, without semantics in the runtime. */
const CUSTOM_RECEIVER = `
receivers:
  acmequeue:
    endpoint: queue.internal:7000
exporters:
  otlp:
    endpoint: backend:4317
service:
  pipelines:
    logs:
      receivers: [acmequeue]
      exporters: [otlp]
`;

const coverage = (components: { kind: string; type: string; converted: boolean; verified: boolean }[]) =>
  Object.fromEntries(components.map((c) => [`${c.kind}/${c.type}`, [c.converted, c.verified]]));

describe("migration report: verification of bridge-dialect outputs", () => {
  it("verifies a bridge-dialect file and counts its runtime-implemented components as verified", async () => {
    const r = await analyzeCollectorFile("custom-extension.yaml", CUSTOM_EXTENSION, reportChecks());
    expect(r.dialect).toBe("otel");
    expect(r.status).toBe("manual");
    expect(r.verification).toBe("equivalent");
    expect(coverage(r.components)).toEqual({
      "extension/acmevault": [false, false],
      "receiver/otlp": [false, true],
      "processor/batch": [false, true],
      "processor/attributes": [false, true],
      "exporter/debug": [false, true],
    });
  });

  it("reports a bridge-dialect file with a component the runtime cannot run as unverified", async () => {
    const r = await analyzeCollectorFile("custom-receiver.yaml", CUSTOM_RECEIVER, reportChecks());
    expect(r.dialect).toBe("otel");
    expect(r.verification).toBe("unverified");
    expect(r.components.every((c) => !c.verified)).toBe(true);
  });
});
