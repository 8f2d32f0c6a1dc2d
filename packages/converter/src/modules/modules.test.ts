import { describe, expect, it } from "vitest";
import { COMPONENTS } from "../components/registry.js";
import { moduleForPath, moduleForType, OTEL_MODULES } from "@alloy-ts/otel";
import { alloyOtelManifest, alloyOtelModules, alloyOtelUnresolved, manifestModules, otelTypeOfAlloyComponent, requiredModules } from "./index.js";

const PLURAL = { receiver: "receivers", processor: "processors", exporter: "exporters", connector: "connectors", extension: "extensions" } as const;

describe("OTel type ↔ module table", () => {
  it("has one entry per module and per (kind, type)", () => {
    expect(new Set(OTEL_MODULES.map((m) => m.module)).size).toBe(OTEL_MODULES.length);
    const keys = OTEL_MODULES.flatMap((m) => m.types.map((t) => `${m.kind}:${t}`));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("knows a module for every type the converter converts, aliases included", () => {
    const missing = COMPONENTS.flatMap((c) => c.otelTypes.filter((t) => !moduleForType(PLURAL[c.kind], t)).map((t) => `${c.kind}:${t}`));
    expect(missing).toEqual([]);
  });

  it("maps paths and types both ways", () => {
    const otlp = moduleForType("exporters", "otlp")!;
    expect(otlp).toBe(moduleForType("exporters", "otlp_grpc"));
    expect(moduleForPath(`${otlp.module} v0.1.0`)).toBe(otlp);
    expect(moduleForType("extensions", "file_storage")?.module).toBe("github.com/open-telemetry/opentelemetry-collector-contrib/extension/storage/filestorage");
    expect(moduleForType("receivers", "nope")).toBeUndefined();
  });

  it("maps Alloy otelcol components back to collector types", () => {
    expect(otelTypeOfAlloyComponent("otelcol.processor.tail_sampling")).toEqual({ kind: "processors", type: "tail_sampling" });
    expect(otelTypeOfAlloyComponent("otelcol.auth.basic")).toEqual({ kind: "extensions", type: "basicauth" });
    expect(otelTypeOfAlloyComponent("otelcol.receiver.prometheus")).toEqual({ kind: "receivers", type: "prometheus" });
    expect(otelTypeOfAlloyComponent("otelcol.connector.spanlogs")).toBeUndefined();
  });
});

describe("the alloy-otel distribution", () => {
  it("resolves every module of the engine's list", () => {
    expect(alloyOtelUnresolved()).toEqual([]);
    const m = alloyOtelModules();
    expect([m.receivers.length, m.processors.length, m.exporters.length, m.connectors.length, m.extensions.length]).toEqual([27, 17, 13, 6, 13]);
  });

  it("renders a manifest that reads back to the same modules", () => {
    const text = alloyOtelManifest();
    const all = Object.values(alloyOtelModules()).flat().map((m) => m.module);
    expect([...manifestModules(text).modules].sort()).toEqual(all.sort());
    expect(text).toContain("github.com/grafana/alloy/extension/alloyengine v0.1.0");
    expect(text).toContain("go.opentelemetry.io/collector/confmap/provider/envprovider v1.64.0");
  });
});

describe("requiredModules", () => {
  it("lists every defined collector component, used or not", () => {
    const yaml = "receivers:\n  otlp:\n  kafka/in:\nprocessors:\n  resourcedetection:\nexporters:\n  otlphttp/a:\n  otlp_http/b:\nservice:\n  pipelines:\n    traces:\n      receivers: [otlp]\n      exporters: [otlphttp/a]\n";
    const r = requiredModules([{ name: "c.yaml", text: yaml, format: "otelcol" }]);
    expect(r.diagnostics).toEqual([]);
    expect(r.requirements.map((x) => `${x.kind}:${x.type}`)).toEqual(["receivers:otlp", "receivers:kafka", "processors:resourcedetection", "exporters:otlphttp"]);
  });

  it("reports unknown types and the removed logging exporter as errors", () => {
    const r = requiredModules([{ name: "c.yaml", text: "receivers:\n  madeup:\nexporters:\n  logging:\n", format: "otelcol" }]);
    expect(r.diagnostics.map((d) => d.severity)).toEqual(["error", "error"]);
    expect(r.diagnostics[0]!.message).toContain('receiver type "madeup"');
  });

  it("reads otelcol components and otel bridge blocks from Alloy", () => {
    const alloy = [
      'otelcol.receiver.otlp "in" {\n\toutput {\n\t\ttraces = [otelcol.exporter.otlp.out.input]\n\t}\n}',
      'otelcol.exporter.otlp "out" {\n\tclient {\n\t\tendpoint = "x:4317"\n\t}\n}',
      'otel.processor.resourcedetection "rd" { }',
      'otelcol.connector.spanlogs "s" { }',
      'prometheus.scrape "p" { }',
    ].join("\n\n") + "\n";
    const r = requiredModules([{ name: "c.alloy", text: alloy, format: "alloy" }]);
    expect(r.requirements.map((x) => `${x.kind}:${x.type}`)).toEqual(["receivers:otlp", "exporters:otlp_grpc", "processors:resourcedetection"]);
    expect(r.diagnostics.map((d) => d.severity)).toEqual(["warning", "info"]);
  });

  it("never throws on bad input", () => {
    expect(requiredModules([{ name: "a.yaml", text: ": : :\n\t- [", format: "otelcol" }]).diagnostics[0]!.severity).toBe("error");
    expect(requiredModules([{ name: "a.alloy", text: "otelcol.receiver.otlp {", format: "alloy" }]).diagnostics[0]!.severity).toBe("error");
    expect(manifestModules("receivers: 3\n").errors).toHaveLength(1);
  });
});
