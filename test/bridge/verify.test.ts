/**
 * runtime-lite runs the bridge dialect: for every conformance input whose `otelcol.*` conversion verifies
 * equivalent to the collector configuration, the bridge-dialect conversion verifies equivalent too.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { convertOtelcol, convertOtelcolToBridge } from "@alloy-ts/converter";
import { graphFromAlloy, graphFromCollectorYaml, verifyGraphs, type VerifyReport } from "@alloy-ts/runtime-lite";
import { shared, sharedDir } from "../support/shared.js";
import { yamlFiles } from "./support.js";

const env = { PATH: "/bin" };
const INVALID = new Set(["otelcol_errors/corrupt_config.yaml", "otelcol_errors/invalid_config.yaml", "envvars/unknown_scheme.yaml"]);

const equivalent = (r: VerifyReport) => r.ok && r.exporters.length > 0 && r.exporters.every((e) => e.verdict === "equivalent");
const verify = (yaml: string, alloy: string) => verifyGraphs(graphFromCollectorYaml(yaml, { env }), graphFromAlloy(alloy, { env }));
const summary = (r: VerifyReport) => JSON.stringify({ exporters: r.exporters, diagnostics: r.diagnostics }, null, 1);

describe.skipIf(!sharedDir)("alloy verify on bridge-dialect conversions of the conformance inputs", () => {
  const root = sharedDir ? shared("conformance", "otelcol") : "";
  const files = sharedDir ? yamlFiles(root).map((f) => path.relative(root, f)).filter((f) => !INVALID.has(f)) : [];
  const verifiedOtelcol: string[] = [];

  it.each(files)("%s", async (file) => {
    const yaml = readFileSync(path.join(root, file), "utf8");
    const otelcol = convertOtelcol(yaml, { fileName: file });
    const bridge = convertOtelcolToBridge(yaml, { fileName: file });
    expect(bridge.output).toBeDefined();
    const bridgeReport = await verify(yaml, bridge.output!);
    expect(bridgeReport.exporters.filter((e) => e.verdict === "different"), summary(bridgeReport)).toEqual([]);
    if (otelcol.output === undefined || !equivalent(await verify(yaml, otelcol.output))) return;
    verifiedOtelcol.push(file);
    expect(equivalent(bridgeReport), summary(bridgeReport)).toBe(true);
  });

  it("covers most inputs with an equivalent otelcol.* conversion", () => {
    console.log(`bridge verify: ${verifiedOtelcol.length} of ${files.length} inputs verify equivalent in both dialects`);
    expect(verifiedOtelcol.length).toBeGreaterThan(files.length / 3);
  });
});

describe.skipIf(!sharedDir)("alloy verify detects changes to a bridge-dialect file", () => {
  const load = (name: string) => {
    const yaml = readFileSync(shared("conformance", "otelcol", `${name}.yaml`), "utf8");
    return { yaml, alloy: convertOtelcolToBridge(yaml).output! };
  };
  const mutate = (text: string, from: string | RegExp, to: string) => {
    const out = text.replace(from, to);
    expect(out).not.toBe(text);
    return out;
  };
  const verdicts = async (yaml: string, alloy: string) => (await verify(yaml, alloy)).exporters.map((e) => `${e.exporter}:${e.verdict}`);

  it("the unmodified files are equivalent", async () => {
    expect(await verdicts(load("attributes").yaml, load("attributes").alloy)).toEqual(["otlp:equivalent"]);
    expect(await verdicts(load("oauth2").yaml, load("oauth2").alloy)).toEqual(["otlp/withauth:equivalent", "otlphttp/noauth:equivalent"]);
  });

  it("a changed attribute action (upsert instead of insert)", async () => {
    const { yaml, alloy } = load("attributes");
    const r = await verify(yaml, mutate(alloy, /action = "insert"/, 'action = "upsert"'));
    expect(r.ok).toBe(false);
    expect(r.exporters.map((e) => e.verdict)).toEqual(["different"]);
    expect(r.exporters[0]!.onlyInCollector ?? r.exporters[0]!.onlyInAlloy).toContain("account_id");
  });

  it("a processor dropped from one pipeline", async () => {
    const { yaml, alloy } = load("attributes");
    const r = await verify(yaml, mutate(alloy, /(otel\.pipeline "traces" \{\n[^}]*?)\tprocessors = \[otel\.processor\.attributes\.example\]\n/, "$1"));
    expect(r.exporters.map((e) => e.verdict)).toEqual(["different"]);
    expect(r.exporters[0]!.onlyInCollector).toContain('"signal":"span"');
  });

  it("an exporter dropped from one pipeline", async () => {
    const { yaml, alloy } = load("oauth2");
    const r = await verdicts(yaml, mutate(alloy, /(otel\.pipeline "logs" \{\n[^}]*?exporters = \[otel\.exporter\.otlp\.withauth), otel\.exporter\.otlphttp\.noauth\]/, "$1]"));
    expect(r).toEqual(["otlp/withauth:equivalent", "otlphttp/noauth:different"]);
  });

  it("a pipeline wired to another exporter", async () => {
    const { yaml, alloy } = load("oauth2");
    const r = await verdicts(yaml, mutate(alloy, /(otel\.pipeline "metrics" \{\n[^}]*?exporters = \[otel\.exporter\.otlp\.withauth), otel\.exporter\.otlphttp\.noauth\]/, "$1, otel.exporter.otlp.withauth]"));
    expect(r).toContain("otlphttp/noauth:different");
  });
});

describe("graphFromAlloy on bridge-dialect problems", () => {
  it("reports a reference to an undefined component as an error, without throwing", () => {
    const g = graphFromAlloy('otel.exporter.debug "default" { }\n\notel.pipeline "traces" {\n\treceivers = [otel.receiver.otlp.default]\n\texporters = [otel.exporter.debug.default]\n}\n', { env });
    expect(g.nodes.size).toBe(0);
    expect(g.diagnostics.map((d) => d.severity)).toContain("error");
    expect(g.diagnostics.map((d) => d.message).join("\n")).toContain("otel.receiver.otlp.default");
  });

  it("runs sys.env references with the given environment", () => {
    const text = 'otel.receiver.otlp "default" { }\n\notel.exporter.otlp "default" {\n\tendpoint = sys.env("ENDPOINT")\n}\n\notel.pipeline "traces" {\n\treceivers = [otel.receiver.otlp.default]\n\texporters = [otel.exporter.otlp.default]\n}\n';
    const g = graphFromAlloy(text, { env: { ENDPOINT: "backend:4317" } });
    expect(g.diagnostics).toEqual([]);
    expect(g.nodes.get("otel.exporter.otlp.default")?.config).toEqual({ endpoint: "backend:4317" });
    expect(g.nodes.get("otel.receiver.otlp.default")?.outputs.traces).toEqual(["otel.exporter.otlp.default"]);
  });
});
