/** Collector YAML checks (`alloy validate --source-format=otelcol`) and builder manifests. */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { SourceFile } from "@alloy-ts/grammar";
import { parseComponentId } from "@alloy-ts/otel";
import { expansionErrors, listComponents, readDistribution, validateOtelcolYaml } from "@alloy-ts/validator";
import { decodeWithDescription } from "@alloy-ts/converter";
import { shared, sharedDir } from "../support/shared.js";

function check(text: string): string[] {
  const r = validateOtelcolYaml(text, "c.yaml", { decodeFallback: decodeWithDescription });
  const src = new SourceFile("c.yaml", text);
  return r.diagnostics.map((d) => `${d.severity === "warning" ? "W" : "E"} ${src.position(d.range.start).line}:${src.position(d.range.start).column} ${d.message}`);
}

describe("collector YAML", () => {
  it("accepts a minimal pipeline", () => {
    expect(check("receivers:\n  otlp:\nexporters:\n  debug:\nservice:\n  pipelines:\n    traces:\n      receivers: [otlp]\n      exporters: [debug]\n")).toEqual([]);
  });

  it("reports undefined, unused and duplicated components", () => {
    const y = "receivers:\n  otlp:\n  kafka:\nprocessors:\n  batch:\nexporters:\n  debug:\nservice:\n  pipelines:\n    traces:\n      receivers: [otlp]\n      processors: [batch, batch, memory_limiter]\n      exporters: [debug, otlp/2]\n";
    expect(check(y)).toEqual([
      'W 3:3 receiver "kafka" is defined but is not used by any pipeline',
      'E 12:27 service::pipelines::traces: references processor "batch" multiple times',
      'E 12:34 service::pipelines::traces: references processor "memory_limiter" which is not configured',
      'E 13:26 service::pipelines::traces: references exporter "otlp/2" which is not configured',
    ]);
  });

  it("checks pipeline shape, IDs and connectors", () => {
    const y = "receivers:\n  otlp:\n  bad$type:\nexporters:\n  debug:\nconnectors:\n  spanmetrics:\nservice:\n  pipelines:\n    metrics:\n      receivers: [otlp]\n      exporters: [spanmetrics]\n    events:\n      receivers: [otlp]\n    logs:\n      exporters: [debug]\n";
    expect(check(y)).toEqual([
      'E 3:3 receivers: invalid component ID "bad$type": invalid character(s) in type "bad$type"',
      "E 7:3 connectors::spanmetrics: must be used as both receiver and exporter but is not used as receiver",
      'E 13:5 service::pipelines::events: unknown signal "events"',
      "E 15:5 service::pipelines::logs: must have at least one receiver",
    ]);
    expect(check("receivers:\n  otlp:\n")).toEqual(["E 1:1 service must have at least one pipeline"]);
    expect(check("receivers:\n  otlp:\nfoo: 1\nservice:\n  pipelines: {}\n")).toContain("E 3:1 'otelcol.configSettings' has invalid keys: foo");
  });

  it("checks ${...} references", () => {
    // Without `env:` the text before the first colon is taken as the scheme.
    expect(expansionErrors("${env:HOME} $${literal} ${HOME:-x}")).toEqual(['scheme "HOME" is not supported for uri "HOME:-x"']);
    expect(expansionErrors("${wow:NO_SCHEME}")).toEqual(['scheme "wow" is not supported for uri "wow:NO_SCHEME"']);
    expect(expansionErrors("${env:1BAD}")).toHaveLength(1);
    expect(expansionErrors("${env:GOOD:-fallback} ${file:/x}")).toEqual([]);
  });

  it("parses component IDs like the collector", () => {
    expect(parseComponentId("otlp/my-name")).toEqual({ id: "otlp/my-name", type: "otlp", name: "my-name" });
    expect(parseComponentId("otlp/").error).toBe("name part must be specified after / in type/name format");
    expect(parseComponentId("otlp/a+b").error).toBe('invalid character(s) in name "a+b"');
    expect(parseComponentId(" otlp / a/b ")).toEqual({ id: "otlp/a/b", type: "otlp", name: "a/b" });
  });

  it("maps a builder manifest to Alloy components", () => {
    const m = "receivers:\n  - gomod: go.opentelemetry.io/collector/receiver/otlpreceiver v0.120.0\nprocessors:\n  - gomod: github.com/open-telemetry/opentelemetry-collector-contrib/processor/tailsamplingprocessor v0.120.0\nextensions:\n  - gomod: github.com/open-telemetry/opentelemetry-collector-contrib/extension/basicauthextension v0.120.0\n";
    const d = readDistribution(m, listComponents().map((c) => c.name));
    expect(d.errors).toEqual([]);
    expect([...d.alloyComponents].sort()).toEqual(["otelcol.auth.basic", "otelcol.processor.tail_sampling", "otelcol.receiver.otlp"]);
  });
});

describe.skipIf(!sharedDir)("conformance collector configurations", () => {
  const dir = sharedDir ? shared("conformance", "otelcol") : "";
  const files = sharedDir ? readdirSync(dir).filter((f) => f.endsWith(".yaml")) : [];
  it.each(files)("%s has no collector errors", (f) => {
    const r = validateOtelcolYaml(readFileSync(path.join(dir, f), "utf8"), f);
    expect(r.diagnostics.filter((d) => d.severity === "error").map((d) => d.message)).toEqual([]);
  });
});
