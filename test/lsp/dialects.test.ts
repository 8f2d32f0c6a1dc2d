/**
 * The collector dialects over stdio against the built server: the bridge dialect (fixtures/lsp/bridge.alloy:
 * `otel.<kind>.<type>` blocks, `otel.pipeline`, `otel.service`) and the hybrid dialect (fixtures/lsp/hybrid.alloy:
 * `otel.*` blocks wired through `output` and `.input`).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { OTEL_MODULES } from "@alloy-ts/otel";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "../support/shared.js";
import { applyEdits, cliBuilt, LspClient, markers, notBuiltMessage } from "./support/client.js";

const bridge = readFileSync(path.join(repoRoot, "fixtures/lsp/bridge.alloy"), "utf8");
const hybrid = readFileSync(path.join(repoRoot, "fixtures/lsp/hybrid.alloy"), "utf8");

/** Position of `needle` (plus `delta` characters) in `text`. */
const at = (text: string, needle: string, delta = 0) => {
  const idx = text.indexOf(needle);
  if (idx < 0) throw new Error(`fixture lacks ${needle}`);
  const before = text.slice(0, idx + delta).split("\n");
  return { line: before.length - 1, character: before[before.length - 1]!.length };
};
const lineOf = (text: string, needle: string) => at(text, needle).line;

interface Item {
  label: string;
  detail?: string;
  insertTextFormat?: number;
  textEdit: { newText: string };
  filterText?: string;
  command?: { command: string };
}

if (!cliBuilt) console.warn(`dialects.test: ${notBuiltMessage}`);

describe.skipIf(!cliBuilt)("collector dialects over stdio", () => {
  let client: LspClient;
  let n = 0;
  const open = (text: string): string => {
    const uri = `file:///dialects/doc${++n}.alloy`;
    client.open(uri, text);
    return uri;
  };
  /** Completion labels at the single `<|>` marker of a document. */
  const completeAt = async (source: string): Promise<Item[]> => {
    const { text, positions } = markers(source);
    const uri = open(text);
    const r = await client.request<Item[] | { items: Item[] }>("textDocument/completion", { textDocument: { uri }, position: positions[0] });
    return Array.isArray(r) ? r : r.items;
  };
  const labels = (items: readonly Item[]) => items.map((i) => i.label);

  beforeAll(async () => {
    client = await LspClient.start();
  });
  afterAll(async () => {
    await client?.stop();
  });

  describe("completion of block names", () => {
    it("unfolds otel. into the kinds, the pipeline and the service", async () => {
      const items = await completeAt(`${bridge}\not<|>`);
      const names = labels(items);
      for (const kind of ["receiver", "processor", "exporter", "connector", "extension"]) expect(names).toContain(`otel.${kind}`);
      const kind = items.find((i) => i.label === "otel.receiver")!;
      expect(kind.textEdit.newText).toBe("otel.receiver.");
      expect(kind.command?.command).toBe("editor.action.triggerSuggest");
      const pipeline = items.find((i) => i.label === "otel.pipeline")!;
      expect(pipeline.insertTextFormat).toBe(2);
      expect(pipeline.textEdit.newText).toMatch(/^otel\.pipeline "\$\{1\|traces,metrics,logs,profiles\|\}" \{\n\treceivers  = \[\$2\]\n\tprocessors = \[\$3\]\n\texporters  = \[\$4\]\n\}$/);
      expect(labels(await completeAt(`${bridge}\notel.<|>`))).toEqual(expect.arrayContaining(["otel.pipeline", "otel.service", "otel.exporter"]));
    });

    it("offers every collector type of the converter's module table for a kind, and nothing of other kinds", async () => {
      for (const [kind, plural] of [["receiver", "receivers"], ["connector", "connectors"], ["extension", "extensions"]] as const) {
        const items = await completeAt(`${bridge}\notel.${kind}.<|>`);
        const expected = OTEL_MODULES.filter((m) => m.kind === plural).flatMap((m) => m.types.map((t) => `otel.${kind}.${t}`));
        expect(expected.length).toBeGreaterThan(0);
        expect(new Set(labels(items))).toEqual(new Set(expected));
      }
      const exporters = await completeAt(`${bridge}\notel.exporter.otl<|>`);
      const otlphttp = exporters.find((i) => i.label === "otel.exporter.otlphttp")!;
      // The edit replaces the segment after `otel.exporter.`, and the filter text matches that segment.
      expect(otlphttp.textEdit.newText).toBe('otlphttp "${1:default}" {\n\t$0\n}');
      expect(otlphttp.filterText).toBe("otlphttp");
      expect(labels(exporters).some((l) => l.startsWith("otel.receiver."))).toBe(false);
    });

    it("writes only the name when the label and body are already there", async () => {
      const items = await completeAt(`${bridge}\notel.processor.<|> "x" { }`);
      expect(items.find((i) => i.label === "otel.processor.batch")?.textEdit.newText).toBe("batch");
    });
  });

  describe("completion in pipeline lists", () => {
    const inPipeline = (body: string) => `${bridge}\notel.pipeline "logs" {\n${body}\n}\n`;

    it("offers receivers and connectors as receivers, processors as processors, exporters and connectors as exporters", async () => {
      expect(labels(await completeAt(inPipeline("\treceivers = [<|>]"))).sort()).toEqual(["otel.connector.spanmetrics.default", "otel.receiver.otlp.default"]);
      expect(labels(await completeAt(inPipeline("\tprocessors = [<|>]")))).toEqual(["otel.processor.batch.default"]);
      expect(labels(await completeAt(inPipeline("\texporters = [<|>]"))).sort()).toEqual([
        "otel.connector.spanmetrics.default",
        "otel.exporter.otlphttp.backend",
        "otel.exporter.prometheusremotewrite.default",
      ]);
    });

    it("filters while typing and leaves out components the list already holds", async () => {
      expect(labels(await completeAt(inPipeline("\treceivers = [otel.rec<|>]"))).sort()).toEqual(["otel.connector.spanmetrics.default", "otel.receiver.otlp.default"]);
      const typed = await completeAt(inPipeline("\texporters = [otel.exporter.otlphttp.backend, <|>]"));
      expect(labels(typed).sort()).toEqual(["otel.connector.spanmetrics.default", "otel.exporter.prometheusremotewrite.default"]);
    });

    it("offers extensions in otel.service", async () => {
      const text = bridge.replace("extensions = [otel.extension.health_check.default]", "extensions = [<|>]");
      expect(labels(await completeAt(text))).toEqual(["otel.extension.health_check.default"]);
    });
  });

  it("offers the .input of otel.* components in hybrid output lists, and no bridge blocks", async () => {
    const text = hybrid.replace("traces  = [otel.exporter.awsxray.default.input]", "traces  = [<|>]");
    const names = labels(await completeAt(text));
    expect(names).toContain("otel.exporter.awsxray.default.input");
    expect(names).toContain("otel.exporter.awsemf.default.input");
    expect(names).not.toContain("otel.exporter.awsemf.default");
    const withPipeline = labels(await completeAt(`${text}\notel.pipeline "traces" { }\n`));
    expect(withPipeline.some((l) => l.startsWith("otel.pipeline"))).toBe(false);
  });

  describe("navigation", () => {
    it("goes from a pipeline reference to the component and finds its references in every pipeline", async () => {
      const uri = open(bridge);
      const def = await client.request("textDocument/definition", { textDocument: { uri }, position: at(bridge, "[otel.receiver.otlp.default]", 22) });
      expect(def.range.start.line).toBe(lineOf(bridge, 'otel.receiver.otlp "default"'));
      const refs = await client.request<{ range: { start: { line: number } } }[]>("textDocument/references", {
        textDocument: { uri },
        position: at(bridge, 'otel.connector.spanmetrics "default"', 29),
        context: { includeDeclaration: true },
      });
      expect(refs.map((r) => r.range.start.line).sort((a, b) => a - b)).toEqual(
        [lineOf(bridge, 'otel.connector.spanmetrics "default"'), lineOf(bridge, "exporters  = [otel.exporter.otlphttp"), lineOf(bridge, "receivers  = [otel.connector")].sort((a, b) => a - b),
      );
      const ext = await client.request("textDocument/definition", { textDocument: { uri }, position: at(bridge, "[otel.extension.health_check.default]", 30) });
      expect(ext.range.start.line).toBe(lineOf(bridge, 'otel.extension.health_check "default"'));
    });

    it("renames a component label in its header and in every pipeline", async () => {
      const uri = open(bridge);
      const pos = at(bridge, "otel.processor.batch.default]", 22);
      const prep = await client.request("textDocument/prepareRename", { textDocument: { uri }, position: pos });
      expect(prep.placeholder).toBe("default");
      const edit = await client.request("textDocument/rename", { textDocument: { uri }, position: pos, newName: "main" });
      const renamed = applyEdits(bridge, edit.changes[uri]);
      expect(renamed).toContain('otel.processor.batch "main" { }');
      expect(renamed.match(/processors = \[otel\.processor\.batch\.main\]/g)).toHaveLength(2);
      expect(renamed).not.toContain("otel.processor.batch.default");
      // Other components labelled `default` keep their label.
      expect(renamed).toContain("otel.receiver.otlp.default");
    });

    it("renames pipelines only to labels that start with a signal", async () => {
      const uri = open(bridge);
      const pos = at(bridge, '"metrics_spans"', 2);
      await expect(client.request("textDocument/rename", { textDocument: { uri }, position: pos, newName: "spans" })).rejects.toThrow(/must be a signal/);
      const edit = await client.request("textDocument/rename", { textDocument: { uri }, position: pos, newName: "metrics_red" });
      expect(applyEdits(bridge, edit.changes[uri])).toContain('otel.pipeline "metrics_red" {');
    });

    it("navigates and renames through hybrid .input references", async () => {
      const uri = open(hybrid);
      const pos = at(hybrid, "otel.exporter.awsemf.default.input", 22);
      const def = await client.request("textDocument/definition", { textDocument: { uri }, position: pos });
      expect(def.range.start.line).toBe(lineOf(hybrid, 'otel.exporter.awsemf "default"'));
      const edit = await client.request("textDocument/rename", { textDocument: { uri }, position: pos, newName: "emf" });
      const renamed = applyEdits(hybrid, edit.changes[uri]);
      expect(renamed).toContain('otel.exporter.awsemf "emf" {');
      expect(renamed).toContain("metrics = [otel.exporter.awsemf.emf.input]");
      expect(renamed).toContain("traces  = [otel.exporter.awsxray.default.input]");
    });
  });

  describe("diagnostics", () => {
    it("publishes none for the bridge and hybrid fixtures", async () => {
      const b = open(bridge);
      const h = open(hybrid);
      expect((await client.diagnostics(b, 1)).diagnostics).toEqual([]);
      expect((await client.diagnostics(h, 1)).diagnostics).toEqual([]);
    });

    it("publishes the bridge dialect's structural checks", async () => {
      const wrongKind = open(bridge.replace("receivers  = [otel.receiver.otlp.default]", "receivers  = [otel.processor.batch.default]"));
      const d1 = (await client.diagnostics(wrongKind, 1)).diagnostics;
      expect(d1.map((d) => d.message)).toContain("otel.processor.batch.default is a processor; expected a receiver or connector");
      expect(d1.find((d) => d.message.includes("is a processor"))!.range.start.line).toBe(lineOf(bridge, "receivers  = [otel.receiver.otlp.default]"));

      const oneSided = open(bridge.replace("receivers  = [otel.connector.spanmetrics.default]", "receivers  = [otel.receiver.otlp.default]"));
      const d2 = (await client.diagnostics(oneSided, 1)).diagnostics;
      expect(d2.some((d) => /spanmetrics/.test(d.message))).toBe(true);

      const unresolved = open(bridge.replace("[otel.exporter.prometheusremotewrite.default]", "[otel.exporter.nope.default]"));
      const d3 = (await client.diagnostics(unresolved, 1)).diagnostics;
      expect(d3.some((d) => d.message.includes("otel.exporter.nope.default"))).toBe(true);
    });

    it("reports an unresolved hybrid .input reference and nothing else", async () => {
      const uri = open(hybrid.replace("otel.exporter.awsxray.default.input", "otel.exporter.awsxray.other.input"));
      const d = (await client.diagnostics(uri, 1)).diagnostics;
      expect(d).toHaveLength(1);
      expect(d[0]!.message).toContain("otel.exporter.awsxray.other");
    });
  });

  it("outlines otel.* components, the service and pipelines with their flow", async () => {
    type Sym = { name: string; detail?: string; kind: number; children?: Sym[] };
    const symbols = await client.request<Sym[]>("textDocument/documentSymbol", { textDocument: { uri: open(bridge) } });
    const byName = new Map(symbols.map((s) => [s.name, s]));
    expect(byName.get('otel.exporter.otlphttp "backend"')).toMatchObject({ kind: 2, detail: "collector exporter otlphttp" });
    expect(byName.get('otel.service "default"')).toMatchObject({ kind: 19 });
    expect(byName.get('otel.pipeline "traces"')).toMatchObject({ kind: 24, detail: "pipeline: otlp → batch → otlphttp/backend, spanmetrics" });
    expect(byName.get('otel.pipeline "metrics_spans"')?.children?.map((c) => c.name)).toEqual(["receivers", "processors", "exporters"]);
    expect(symbols).toHaveLength(9);
    const hybridSymbols = await client.request<Sym[]>("textDocument/documentSymbol", { textDocument: { uri: open(hybrid) } });
    expect(hybridSymbols.map((s) => s.name)).toEqual([
      'otelcol.receiver.otlp "default"',
      'otelcol.processor.batch "default"',
      'otel.exporter.awsemf "default"',
      'otel.exporter.awsxray "default"',
    ]);
  });
});
