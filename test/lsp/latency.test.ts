/**
 * A 10,000-line document over stdio: the answers are right on a long document too — diagnostics after an edit,
 * the validator's findings even when they come in a later stage, completion, hover and definition. How long they
 * take is measured in bench/lsp.mjs, not here.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliBuilt, LspClient, notBuiltMessage } from "./support/client.js";

/** The probe's pipeline followed by uniquely labelled exporters up to 10,000 lines. */
function bigDocument(): string {
  let text = 'otelcol.receiver.otlp "default" {\n\tgrpc {\n\t\tendpoint = "0.0.0.0:4317"\n\t}\n\n\toutput {\n\t\ttraces = [otelcol.processor.batch.default.input]\n\t}\n}\n\notelcol.processor.batch "default" {\n\ttimeout = "1s"\n\n\toutput {\n\t\ttraces = [otelcol.exporter.otlp.tempo.input]\n\t}\n}\n\notelcol.exporter.otlp "tempo" {\n\tclient {\n\t\tendpoint = sys.env("TEMPO_ENDPOINT")\n\t}\n}\n';
  for (let i = 0; text.split("\n").length < 10_000; i++) text += `\notelcol.exporter.otlp "e${i}" {\n\tclient {\n\t\tendpoint = "host${i}:4317"\n\t}\n}\n`;
  return text;
}

if (!cliBuilt) console.warn(`latency.test: ${notBuiltMessage}`);

describe.skipIf(!cliBuilt)("a 10,000-line document", () => {
  let client: LspClient;
  const text = bigDocument();
  const uri = "file:///latency/big.alloy";
  const pos = (needle: string, delta = 0) => {
    const before = text.slice(0, text.indexOf(needle) + delta).split("\n");
    return { line: before.length - 1, character: before[before.length - 1]!.length };
  };

  beforeAll(async () => {
    client = await LspClient.start();
    client.open(uri, text);
    expect((await client.diagnostics(uri, 1, 0, 30_000)).diagnostics).toEqual([]);
  }, 60_000);
  afterAll(async () => {
    await client?.stop();
  });

  it("publishes diagnostics for each edit's version", async () => {
    const digit = pos('endpoint = "host5:4317"', 'endpoint = "host'.length);
    for (let version = 2; version <= 4; version++) {
      client.notify("textDocument/didChange", {
        textDocument: { uri, version },
        contentChanges: [{ range: { start: digit, end: { line: digit.line, character: digit.character + 1 } }, text: String(version) }],
      });
      expect((await client.diagnostics(uri, version)).diagnostics).toEqual([]);
    }
  });

  it("publishes the validator's diagnostics too, even when they come in a later stage", async () => {
    const at = pos('timeout = "1s"');
    const version = 1000;
    client.notify("textDocument/didChange", {
      textDocument: { uri, version },
      contentChanges: [{ range: { start: at, end: at }, text: "send_batch_sizee = 1\n\t" }],
    });
    const deadline = performance.now() + 10_000;
    let messages: string[] = [];
    while (performance.now() < deadline) {
      messages = client.published.filter((p) => p.uri === uri && p.version === version).flatMap((p) => p.diagnostics.map((d) => d.message));
      if (messages.includes('unrecognized attribute name "send_batch_sizee"')) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(messages).toContain('unrecognized attribute name "send_batch_sizee"');
    client.notify("textDocument/didChange", {
      textDocument: { uri, version: version + 1 },
      contentChanges: [{ range: { start: at, end: { line: at.line + 1, character: 1 } }, text: "" }],
    });
    expect((await client.diagnostics(uri, version + 1)).diagnostics).toEqual([]);
  });

  it("completes arguments and component references", async () => {
    const labels = (r: { items?: { label: string }[] } | { label: string }[] | null) => (Array.isArray(r) ? r : (r?.items ?? [])).map((i) => i.label);
    const args = labels(await client.request("textDocument/completion", { textDocument: { uri }, position: pos('timeout = "1s"') }));
    expect(args).toContain("send_batch_size");
    const refs = labels(await client.request("textDocument/completion", { textDocument: { uri }, position: pos("otelcol.exporter.otlp.tempo.input", "otelcol.exporter.otlp.".length) }));
    expect(refs).toEqual(expect.arrayContaining(["otelcol.exporter.otlp.tempo.input", "otelcol.exporter.otlp.e0.input"]));
  });

  it("answers hover and definition for a reference near the end of the document", async () => {
    const position = pos("otelcol.exporter.otlp.tempo.input", 24);
    const hover = await client.request<{ contents: unknown } | null>("textDocument/hover", { textDocument: { uri }, position });
    expect(JSON.stringify(hover?.contents ?? "")).toContain("otelcol.exporter.otlp");
    const def = await client.request<{ range: { start: { line: number } } } | { range: { start: { line: number } } }[]>("textDocument/definition", { textDocument: { uri }, position });
    const target = Array.isArray(def) ? def[0]! : def;
    expect(target.range.start.line).toBe(pos('otelcol.exporter.otlp "tempo"').line);
  });
});
