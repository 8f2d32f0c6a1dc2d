/**
 * Every advertised feature, over stdio against the built server, on fixtures/lsp/pipeline.alloy.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "../support/shared.js";
import { applyEdits, cliBuilt, cliBundle, LspClient, notBuiltMessage } from "./support/client.js";

const pipeline = readFileSync(path.join(repoRoot, "fixtures/lsp/pipeline.alloy"), "utf8");
const at = (text: string, needle: string, delta = 0) => {
  const idx = text.indexOf(needle);
  if (idx < 0) throw new Error(`fixture lacks ${needle}`);
  const before = text.slice(0, idx + delta).split("\n");
  return { line: before.length - 1, character: before[before.length - 1]!.length };
};

if (!cliBuilt) console.warn(`features.test: ${notBuiltMessage}`);

describe.skipIf(!cliBuilt)("language server features over stdio", () => {
  let client: LspClient;
  let n = 0;
  /** Opens a fresh document and returns its uri. */
  const open = (text: string): string => {
    const uri = `file:///features/doc${++n}.alloy`;
    client.open(uri, text);
    return uri;
  };

  beforeAll(async () => {
    client = await LspClient.start();
  });
  afterAll(async () => {
    await client?.stop();
  });

  it("publishes no diagnostics for a valid pipeline, then syntax and semantic ones after edits", async () => {
    const uri = open(pipeline);
    expect((await client.diagnostics(uri, 1)).diagnostics).toEqual([]);
    client.change(uri, 2, pipeline.replace("timeout = \"1s\"", "timeout = \"1s\"\n\tsend_batch_sizee = 10"));
    const misspelt = 'unrecognized attribute name "send_batch_sizee"';
    const semantic = await client.diagnosticsWhere(uri, 2, (p) => p.diagnostics.some((d) => d.message === misspelt));
    expect(semantic.diagnostics.map((d) => d.message)).toContain(misspelt);
    client.change(uri, 3, pipeline.replace("[otelcol.exporter.otlp.tempo.input]", "[otelcol.exporter.otlp.tempo.input"));
    const syntax = await client.diagnostics(uri, 3);
    expect(syntax.diagnostics.length).toBeGreaterThan(0);
    expect(syntax.diagnostics[0]!.range.start.line).toBe(at(pipeline, "traces  = [otelcol.exporter").line);
  });

  it("goes to the definition of a reference and finds all references of a component", async () => {
    const uri = open(pipeline);
    const def = await client.request("textDocument/definition", { textDocument: { uri }, position: at(pipeline, "otelcol.processor.batch.default.input", 26) });
    expect(def.range.start.line).toBe(at(pipeline, 'otelcol.processor.batch "default"').line);
    const refs = await client.request<{ range: { start: { line: number } } }[]>("textDocument/references", {
      textDocument: { uri },
      position: at(pipeline, 'otelcol.processor.batch "default"', 26),
      context: { includeDeclaration: true },
    });
    expect(refs.map((r) => r.range.start.line).sort((a, b) => a - b)).toEqual([
      at(pipeline, "traces  = [otelcol.processor").line,
      at(pipeline, "metrics = [otelcol.processor").line,
      at(pipeline, 'otelcol.processor.batch "default"').line,
    ].sort((a, b) => a - b));
  });

  it("renames a label in the header and in every reference", async () => {
    const uri = open(pipeline);
    const pos = at(pipeline, '"tempo"', 2);
    const prep = await client.request("textDocument/prepareRename", { textDocument: { uri }, position: pos });
    expect(prep.placeholder).toBe("tempo");
    const edit = await client.request("textDocument/rename", { textDocument: { uri }, position: pos, newName: "traces_backend" });
    const renamed = applyEdits(pipeline, edit.changes[uri]);
    expect(renamed).toContain('otelcol.exporter.otlp "traces_backend"');
    expect(renamed).toContain("[otelcol.exporter.otlp.traces_backend.input]");
    expect(renamed).not.toContain("tempo.input");
    await expect(client.request("textDocument/rename", { textDocument: { uri }, position: pos, newName: "not valid" })).rejects.toThrow(/not a valid label/);
  });

  it("lists an outline and folding ranges", async () => {
    const uri = open(pipeline);
    const symbols = await client.request<{ name: string; children?: { name: string }[] }[]>("textDocument/documentSymbol", { textDocument: { uri } });
    expect(symbols.map((s) => s.name)).toEqual([
      'otelcol.receiver.otlp "default"',
      'otelcol.processor.batch "default"',
      'otelcol.exporter.otlp "tempo"',
      'otelcol.exporter.prometheus "default"',
      'prometheus.remote_write "mimir"',
    ]);
    expect(symbols[1]!.children!.map((c) => c.name)).toEqual(["timeout", "output"]);
    const folds = await client.request<{ startLine: number; endLine: number; kind?: string }[]>("textDocument/foldingRange", { textDocument: { uri } });
    const first = at(pipeline, 'otelcol.receiver.otlp "default"').line;
    // The closing brace line stays visible when folded.
    expect(folds).toContainEqual({ startLine: first, endLine: first + 8 });
    expect(folds.some((f) => f.kind === "comment")).toBe(false);
  });

  it("formats to the same bytes as alloy fmt, whole document and by range", async () => {
    const messy = pipeline.replace(/^\t+/gm, (m) => "  ".repeat(m.length)).replace('timeout = "1s"', 'timeout="1s"').replace("forward_to = [", "forward_to    =    [");
    const expected = execFileSync(process.execPath, [cliBundle, "fmt"], { input: messy }).toString("utf8");
    const uri = open(messy);
    const edits = await client.request("textDocument/formatting", { textDocument: { uri }, options: { tabSize: 4, insertSpaces: false } });
    expect(applyEdits(messy, edits)).toBe(expected);
    // Range formatting touches only the statements in the range.
    const start = at(messy, 'otelcol.exporter.prometheus "default"');
    const rangeEdits = await client.request("textDocument/rangeFormatting", { textDocument: { uri }, range: { start, end: { line: start.line + 1, character: 0 } }, options: { tabSize: 4, insertSpaces: false } });
    const partly = applyEdits(messy, rangeEdits);
    expect(partly).toContain("\tforward_to = [prometheus");
    expect(partly).toContain('  timeout="1s"');
  });

  it("returns semantic tokens covering block names, labels, attributes, references and strings", async () => {
    const uri = open(pipeline);
    const init = await client.request("textDocument/semanticTokens/full", { textDocument: { uri } });
    expect(init.data.length % 5).toBe(0);
    // Decode and check a few tokens by text.
    const lines = pipeline.split("\n");
    let line = 0;
    let ch = 0;
    const seen: string[] = [];
    for (let i = 0; i < init.data.length; i += 5) {
      const [dl, dc, len] = init.data.slice(i, i + 3);
      line += dl;
      ch = dl === 0 ? ch + dc : dc;
      seen.push(lines[line]!.slice(ch, ch + len));
    }
    expect(seen).toContain("otelcol");
    expect(seen).toContain('"tempo"');
    expect(seen).toContain("endpoint");
    expect(seen).toContain("env");
    expect(seen).toContain('"TEMPO_ENDPOINT"');
    expect(seen.some((s) => s.startsWith("// Receives"))).toBe(true);
  });

  it("shows signature help inside standard-library calls", async () => {
    const text = 'local.file "x" {\n\tfilename = string.format("%s-%s", "a", )\n}\n';
    const uri = open(text);
    const help = await client.request("textDocument/signatureHelp", { textDocument: { uri }, position: at(text, '"a", ', 5) });
    expect(help.signatures[0].label).toMatch(/^string\.format\(format string, \.\.\.values any\)/);
    expect(help.activeParameter).toBe(1);
    const none = await client.request("textDocument/signatureHelp", { textDocument: { uri }, position: at(text, "filename") });
    expect(none).toBeNull();
  });

  it("completes standard-library functions with call snippets", async () => {
    const text = 'local.file "x" {\n\tfilename = sys.\n}\n';
    const uri = open(text);
    const items = await client.request<{ label: string; textEdit: Parameters<typeof applyEdits>[1][number] }[]>("textDocument/completion", { textDocument: { uri }, position: at(text, "sys.", 4) });
    const env = items.find((i) => i.label === "sys.env")!;
    // The edit covers the segment after the typed `sys.` only.
    expect(env.textEdit.range.start).toEqual(at(text, "sys.", 4));
    expect(applyEdits(text, [env.textEdit])).toBe('local.file "x" {\n\tfilename = sys.env(${1:name})\n}\n');
    expect(items.some((i) => i.label.startsWith("string."))).toBe(false);
  });

  it("offers a component snippet with the required arguments and blocks", async () => {
    const text = "otelcol.exporter.prom\n";
    const uri = open(text);
    const items = await client.request<{ label: string; textEdit: Parameters<typeof applyEdits>[1][number] }[]>("textDocument/completion", { textDocument: { uri }, position: { line: 0, character: 21 } });
    const item = items.find((i) => i.label === "otelcol.exporter.prometheus")!;
    expect(applyEdits(text, [item.textEdit])).toBe('otelcol.exporter.prometheus "${1:default}" {\n\tforward_to = [${2}]\n}\n');
  });

  it("offers quick fixes: did-you-mean and missing required arguments", async () => {
    const typo = pipeline.replace("[otelcol.exporter.otlp.tempo.input]", "[otelcol.exporter.otlp.tempoo.input]");
    const uri = open(typo);
    const diags = (await client.diagnostics(uri, 1)).diagnostics;
    const unresolved = diags.find((d) => d.message.includes("does not exist"));
    expect(unresolved).toBeDefined();
    const actions = await client.request<{ title: string; edit: { changes: Record<string, never[]> } }[]>("textDocument/codeAction", { textDocument: { uri }, range: unresolved!.range, context: { diagnostics: [unresolved] } });
    expect(actions[0]!.title).toBe("Did you mean 'otelcol.exporter.otlp.tempo.input'?");
    expect(applyEdits(typo, actions[0]!.edit.changes[uri]!)).toBe(pipeline);

    const missing = 'otelcol.exporter.prometheus "default" {\n}\n';
    const uri2 = open(missing);
    const d2 = (await client.diagnostics(uri2, 1)).diagnostics;
    const req = d2.find((d) => d.message === 'missing required attribute "forward_to"');
    expect(req).toBeDefined();
    const fixes = await client.request<{ title: string; edit: { changes: Record<string, never[]> } }[]>("textDocument/codeAction", { textDocument: { uri: uri2 }, range: req!.range, context: { diagnostics: [req] } });
    expect(fixes[0]!.title).toBe("Add required argument 'forward_to'");
    expect(applyEdits(missing, fixes[0]!.edit.changes[uri2]!)).toBe('otelcol.exporter.prometheus "default" {\n\tforward_to = []\n}\n');
  });

  it("converts an OpenTelemetry Collector document through the convert command", async () => {
    const yaml = ["receivers:", "  otlp:", "    protocols:", "      grpc:", "exporters:", "  otlp:", "    endpoint: tempo:4317", "service:", "  pipelines:", "    traces:", "      receivers: [otlp]", "      exporters: [otlp]", ""].join("\n");
    const result = await client.request<{ output: string; diagnostics: unknown[] }>("workspace/executeCommand", { command: "alloy.convertOtelcol", arguments: [{ text: yaml }] });
    expect(result.output).toContain('otelcol.receiver.otlp "default" {');
    expect(result.output).toContain('otelcol.exporter.otlp "default" {');
    expect(result.output).toContain("traces = [otelcol.exporter.otlp.default.input]");
    const bad = await client.request<{ output: string; diagnostics: { severity: number }[] }>("workspace/executeCommand", { command: "alloy.convertOtelcol", arguments: [{ text: "receivers: [" }] });
    expect(bad.diagnostics.length).toBeGreaterThan(0);
  });

  it("gives the converter's diagnostics with their YAML ranges and codes", async () => {
    const yaml = ["receivers:", "  otlp:", "    protocols:", "      grpc:", "  zipkin:", "exporters:", "  otlp:", "    endpoint: tempo:4317", "service:", "  pipelines:", "    traces:", "      receivers: [otlp]", "      exporters: [otlp]", ""].join("\n");
    type Answer = { output: string; diagnostics: { severity: number; code: string; message: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } }[] };
    const result = await client.request<Answer>("workspace/executeCommand", { command: "alloy.convertOtelcol", arguments: [{ text: yaml }] });
    const unused = result.diagnostics.find((d) => d.code === "ledger/unused-component");
    expect(unused?.message).toBe("receiver/zipkin is not used by any pipeline: the collector does not start it, so it was not converted");
    // `  zipkin:` on line 5: the key, without the colon.
    expect(unused?.range).toEqual({ start: { line: 4, character: 2 }, end: { line: 4, character: 8 } });
    expect(unused?.severity).toBe(3);
    const converted = result.diagnostics.find((d) => d.message.startsWith("Converted receiver/otlp"));
    expect(converted?.code).toBe("convert/otelcol");
    expect(converted?.range.start).toEqual({ line: 1, character: 2 });
  });

  it("answers requests for unknown documents without failing", async () => {
    const uri = "file:///features/never-opened.alloy";
    expect(await client.request("textDocument/hover", { textDocument: { uri }, position: { line: 0, character: 0 } })).toBeNull();
    expect(await client.request("textDocument/completion", { textDocument: { uri }, position: { line: 0, character: 0 } })).toEqual([]);
    expect(client.alive).toBe(true);
  });
});
