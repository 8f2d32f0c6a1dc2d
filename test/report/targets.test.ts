/**
 * `alloy report` targets: per file, whether `alloy otel` runs it unchanged, the default mode converts it natively,
 * `--dialect=hybrid` converts it (outputs validated), or none of these; their rates overall and per component, in
 * the three renderings. Figures over fixtures/migration/configs, whose gaps docs/native-mappings.md describes.
 */
import { describe, expect, it } from "vitest";
import { analyzeCollectorFile, ConvertCode, inAlloyOtelEngine, renderHtml, renderJson, renderMarkdown, summarize, type FileReport, type MigrationReport } from "@alloy-ts/converter";
import { reportChecks } from "../../packages/cli/src/commands/report.js";
import { read, yamlFixtures } from "../migration/support.js";

const fixtures = yamlFixtures("configs");

let cached: Promise<MigrationReport> | undefined;
function migrationReport(): Promise<MigrationReport> {
  cached ??= (async () => {
    const checks = { ...reportChecks(), verify: undefined };
    const files: FileReport[] = [];
    for (const [name, file] of fixtures) files.push(await analyzeCollectorFile(`${name}.yaml`, read(file), checks));
    return { generatedAt: "2026-01-01T00:00:00.000Z", root: "fixtures/migration/configs", summary: summarize(files), files };
  })();
  return cached;
}

const byName = (r: MigrationReport, name: string) => r.files.find((f) => f.file === `${name}.yaml`)!;

describe("report targets over the migration fixtures", () => {
  it("converts every fixture with the hybrid dialect", async () => {
    const r = await migrationReport();
    expect(r.files.filter((f) => !f.targets?.hybrid).map((f) => f.file)).toEqual([]);
    expect(r.summary.byTarget.hybrid).toBe(fixtures.length);
    expect(r.summary.byTarget.failed).toBe(0);
  });

  it("marks native exactly the files the default mode converted to otelcol.*", async () => {
    const r = await migrationReport();
    for (const f of r.files) expect(f.targets?.native, f.file).toBe(f.dialect === "otelcol");
    expect(r.summary.byTarget.native).toBeGreaterThan(0);
    expect(r.summary.byTarget.native).toBeLessThan(fixtures.length);
  });

  it("marks alloy otel exactly the files whose component types are all in the engine's set", async () => {
    const r = await migrationReport();
    for (const f of r.files) {
      const all = f.components.every((c) => inAlloyOtelEngine(c.kind, c.type));
      expect(f.targets?.otel, f.file).toBe(all);
    }
    // Vendor components (opensearch, awsemf, ...) are outside the engine's set; the common ones are in it.
    expect(byName(r, "01-demo-gateway").targets?.otel).toBe(false);
    expect(byName(r, "04-tail-sampling").targets?.otel).toBe(true);
  });

  it("counts natively mapped components as converted", async () => {
    const r = await migrationReport();
    const logging = byName(r, "18-logging-exporter-debug").components.find((c) => c.kind === "exporter" && c.type === "logging");
    expect(logging?.converted).toBe(true);
    const coverage = r.summary.components.find((c) => c.kind === "processor" && c.type === "resource");
    expect(coverage?.converted).toBeGreaterThan(0);
  });

  it("gives rates overall and per component", async () => {
    const r = await migrationReport();
    const s = r.summary;
    expect(s.targetRates.native).toBeCloseTo(s.byTarget.native / s.files, 10);
    expect(s.targetRates.hybrid).toBe(1);
    const batch = s.components.find((c) => c.kind === "processor" && c.type === "batch")!;
    // Per definition: a file with `batch` and `batch/traces` counts twice.
    const uses = r.files.flatMap((f) => f.components.filter((c) => c.kind === "processor" && c.type === "batch").map(() => f));
    expect(batch.seen).toBe(uses.length);
    expect(batch.targets.native).toBe(uses.filter((f) => f.targets?.native).length);
    expect(batch.targets.otel).toBe(uses.filter((f) => f.targets?.otel).length);
    expect(batch.targets.native).toBeLessThan(batch.seen);
  });

  it("renders the targets in JSON, Markdown and HTML", async () => {
    const r = await migrationReport();
    const s = r.summary;
    expect(JSON.parse(renderJson(r)).summary.byTarget).toEqual(s.byTarget);
    const md = renderMarkdown(r);
    const pct = (n: number) => `${(n * 100).toFixed(1)}%`;
    expect(md).toContain(`| native | ${s.byTarget.native} | ${pct(s.targetRates.native)} |`);
    expect(md).toContain(`| hybrid | ${s.files} | 100.0% |`);
    expect(md).toMatch(/\| 18-logging-exporter-debug\.yaml \|.*\| [^|]*native[^|]* \|$/m);
    const html = renderHtml(r);
    expect(html).toContain(`<tr data-target="native"><td>native</td><td>${s.byTarget.native}</td><td class="target-rate">${pct(s.targetRates.native)}</td>`);
    expect(html).toContain('<table id="components">');
  });
});

describe("report targets of single files", () => {
  it("reports failed when no target works", async () => {
    const r = await analyzeCollectorFile("broken.yaml", "receivers: [", { ...reportChecks(), verify: undefined });
    expect(r.targets).toEqual({ otel: false, native: false, hybrid: false });
    expect(summarize([r]).byTarget).toEqual({ otel: 0, native: 0, hybrid: 0, failed: 1 });
  });

  it("does not count a conversion whose output fails validation", async () => {
    const yaml = "receivers:\n  otlp:\n    protocols:\n      grpc:\nexporters:\n  debug:\nservice:\n  pipelines:\n    traces:\n      receivers: [otlp]\n      exporters: [debug]\n";
    const checks = reportChecks();
    const ok = await analyzeCollectorFile("ok.yaml", yaml, { ...checks, verify: undefined });
    expect(ok.targets).toEqual({ otel: true, native: true, hybrid: true });
    const failing = await analyzeCollectorFile("ok.yaml", yaml, { ...checks, verify: undefined, validate: () => [{ severity: "error", code: "validator/unknown-attribute", message: "x" }] });
    expect(failing.targets).toEqual({ otel: true, native: false, hybrid: false });
  });

  it("gives every diagnostic, of every stage, a code and the position it has", async () => {
    const yaml = "receivers:\n  otlp:\n    protocols:\n      grpc:\nprocessors:\n  batch:\n    foo_unknown: 1\nexporters:\n  debug:\nservice:\n  pipelines:\n    traces:\n      receivers: [otlp]\n      processors: [batch]\n      exporters: [debug]\n";
    const checks = reportChecks();
    const verified = await analyzeCollectorFile("c.yaml", yaml, { ...checks, verify: async () => ({ verdict: "different", messages: ["exporter debug: outputs differ"] }) });
    const byStage = (stage: string) => verified.diagnostics.filter((d) => d.stage === stage);
    expect(byStage("convert").find((d) => d.code === ConvertCode.notCarried)?.position).toEqual({ line: 7, column: 5 });
    expect(byStage("convert").every((d) => d.code !== undefined && d.code !== "")).toBe(true);
    expect(byStage("verify")).toEqual([{ stage: "verify", severity: "error", code: ConvertCode.reportVerify, message: "exporter debug: outputs differ" }]);
    const failed = await analyzeCollectorFile("c.yaml", yaml, { ...checks, verify: () => Promise.reject(new Error("no runtime")) });
    expect(failed.diagnostics.filter((d) => d.stage === "verify")).toEqual([{ stage: "verify", severity: "warning", code: ConvertCode.reportVerifyFailed, message: "verification failed to run: no runtime" }]);
    const refused = await analyzeCollectorFile("c.yaml", yaml, { ...checks, verify: undefined, validate: () => [{ severity: "error", code: "validator/unknown-attribute", message: "x", position: { line: 2, column: 3 } }] });
    expect(refused.diagnostics.filter((d) => d.stage === "validate")).toEqual([{ stage: "validate", severity: "error", code: "validator/unknown-attribute", message: "x", position: { line: 2, column: 3 } }]);
    expect(renderMarkdown({ generatedAt: "2026-01-01T00:00:00.000Z", root: ".", summary: summarize([refused]), files: [refused] })).toContain("- validate error (line 2:3): x");
  });
});
