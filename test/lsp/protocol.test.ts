/**
 * The protocol edge cases an editor or a broken client produces, each a regression test against the built server:
 * broken frames and params get JSON-RPC errors and the stream keeps working; line ends and position encodings
 * are exactly the specification's; pathological documents are answered within a bound. The last test fuzzes the
 * transport with random frames and checks the server still answers a request afterwards.
 */
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { TextDocument } from "vscode-languageserver-textdocument";
import { format, parse } from "@alloy-ts/grammar";
import { cliBuilt, notBuiltMessage } from "./support/client.js";
import { RawClient, type RpcMessage } from "./support/raw-client.js";

if (!cliBuilt) console.warn(`protocol.test: ${notBuiltMessage}`);

const PIPELINE = 'otelcol.exporter.otlp "tempo" {\n\tclient {\n\t\tendpoint = "tempo:4317"\n\t}\n}\n\notelcol.processor.batch "b" {\n\toutput {\n\t\ttraces = [otelcol.exporter.otlp.tempo.input]\n\t}\n}\n';

let client: RawClient | undefined;
afterEach(() => client?.stop());

async function started(capabilities: unknown = {}): Promise<RawClient> {
  client = new RawClient();
  const init = await client.initialize(capabilities);
  expect(init.error).toBeUndefined();
  return client;
}

/** Diagnostics published for `uri` (the first message from `from` on). */
function published(c: RawClient, uri: string, timeoutMs = 5000, from = 0): Promise<RpcMessage> {
  return c.waitFor((m) => m.method === "textDocument/publishDiagnostics" && m.params?.uri === uri, `diagnostics for ${uri}`, timeoutMs, from);
}

describe.skipIf(!cliBuilt)("JSON-RPC errors, and the stream keeps working", () => {
  it("answers broken frames with errors and resynchronises at the next frame", async () => {
    const c = await started();
    const hover = (id: number) => ({ jsonrpc: "2.0", id, method: "textDocument/documentSymbol", params: { textDocument: { uri: "file:///none.alloy" } } });
    // Bytes outside any frame.
    c.raw("hello there\r\n");
    c.frame(hover(101));
    // Content-Length too short: the body is cut, and the rest of it precedes the next header.
    const body = JSON.stringify(hover(102));
    c.raw(`Content-Length: 10\r\n\r\n${body}`);
    c.frame(hover(103));
    // Content-Length too long: the next frame's header is inside the claimed body.
    c.raw(`Content-Length: ${body.length + 500}\r\n\r\n${JSON.stringify(hover(104))}`);
    c.frame(hover(105));
    // A body that is not JSON, JSON that is not JSON-RPC, and a header with no length.
    c.frame("{not json");
    c.frame({ id: 7, method: 3 });
    c.raw("Content-Type: application/json\r\n\r\n");
    c.frame(hover(106));
    for (const id of [101, 103, 104, 106]) {
      const answer = await c.waitFor((m) => m.id === id, `answer #${id}`);
      expect(answer.result, `#${id}`).toEqual([]);
    }
    const errors = c.messages.filter((m) => m.error);
    expect(errors.some((m) => m.id === null && m.error!.code === -32700)).toBe(true);
    expect(errors.some((m) => m.id === 7 && m.error!.code === -32600)).toBe(true);
    expect(c.stderr).toMatch(/Parse error/);
    expect(c.alive).toBe(true);
  });

  it("answers bad params with InvalidParams and a second initialize with InvalidRequest", async () => {
    const c = await started();
    const nullParams = await c.request("textDocument/hover", null);
    expect(nullParams.error?.code).toBe(-32602);
    const noPosition = await c.request("textDocument/completion", { textDocument: { uri: "file:///a.alloy" } });
    expect(noPosition.error?.code).toBe(-32602);
    expect(noPosition.error?.message).toMatch(/position/);
    const again = await c.request("initialize", { processId: null, rootUri: null, capabilities: {} });
    expect(again.error?.code).toBe(-32600);
    expect(again.error?.message).not.toMatch(/TypeError|undefined|at /);
    // Notifications with bad params are ignored (they have no answer), and the server still works.
    c.notify("textDocument/didOpen", null);
    c.notify("textDocument/didChange", { textDocument: { uri: "file:///a.alloy", version: 2 }, contentChanges: null });
    const ok = await c.request("textDocument/documentSymbol", { textDocument: { uri: "file:///a.alloy" } });
    expect(ok.result).toEqual([]);
    expect(c.stderr).not.toMatch(/uncaught/);
  });

  it("refuses requests before initialize with ServerNotInitialized and drops notifications, as the protocol asks", async () => {
    const c = (client = new RawClient());
    const early = await c.request("textDocument/hover", { textDocument: { uri: "file:///a.alloy" }, position: { line: 0, character: 0 } });
    expect(early.error?.code).toBe(-32002);
    c.notify("textDocument/didOpen", { textDocument: { uri: "file:///early.alloy", languageId: "alloy", version: 1, text: "a = \n" } });
    const init = await c.initialize();
    expect(init.result?.capabilities?.hoverProvider).toBe(true);
    // The document opened before initialize was dropped: the server knows no such document.
    const symbols = await c.request("textDocument/documentSymbol", { textDocument: { uri: "file:///early.alloy" } });
    expect(symbols.result).toEqual([]);
    expect(c.messages.some((m) => m.method === "textDocument/publishDiagnostics" && m.params?.uri === "file:///early.alloy")).toBe(false);
  });

  it("serves messages written together with initialize, in one write (the service loads before they are handled)", async () => {
    const c = (client = new RawClient());
    const frames = [
      { jsonrpc: "2.0", id: 1, method: "initialize", params: { processId: null, rootUri: null, capabilities: {} } },
      { jsonrpc: "2.0", method: "initialized", params: {} },
      { jsonrpc: "2.0", method: "textDocument/didOpen", params: { textDocument: { uri: "file:///p.alloy", languageId: "alloy", version: 1, text: PIPELINE } } },
      { jsonrpc: "2.0", id: 2, method: "textDocument/documentSymbol", params: { textDocument: { uri: "file:///p.alloy" } } },
      { jsonrpc: "2.0", id: 3, method: "textDocument/hover", params: { textDocument: { uri: "file:///p.alloy" }, position: { line: 0, character: 3 } } },
    ];
    c.raw(Buffer.concat(frames.map((f) => Buffer.from(`Content-Length: ${Buffer.byteLength(JSON.stringify(f))}\r\n\r\n${JSON.stringify(f)}`))));
    const symbols = await c.waitFor((m) => m.id === 2, "document symbols");
    expect(symbols.error).toBeUndefined();
    expect(symbols.result.map((s: { name: string }) => s.name)).toEqual(['otelcol.exporter.otlp "tempo"', 'otelcol.processor.batch "b"']);
    const hover = await c.waitFor((m) => m.id === 3, "hover");
    expect(hover.error).toBeUndefined();
    expect(JSON.stringify(hover.result)).toMatch(/otelcol\.exporter\.otlp/);
    // The answers come in the order of the requests, after initialize's.
    const order = c.messages.filter((m) => m.id !== undefined && m.method === undefined).map((m) => m.id);
    expect(order).toEqual([1, 2, 3]);
  });
});

describe.skipIf(!cliBuilt)("line ends and position encodings as the specification defines them", () => {
  it.each([
    ["lone CR", "\r"],
    ["CRLF", "\r\n"],
    ["mixed", "\n"],
  ])("formatting edits on %s line ends produce the formatted text", async (_name, eol) => {
    const c = await started();
    const uri = "file:///eol.alloy";
    let text = PIPELINE.replace(/\n/g, eol).replace("endpoint =", "endpoint    =").replace('"b" {', '"b"   {');
    if (eol === "\n") text = text.replace("\n", "\r").replace("\n\n", "\r\n\r\n");
    c.notify("textDocument/didOpen", { textDocument: { uri, languageId: "alloy", version: 1, text } });
    const r = await c.request("textDocument/formatting", { textDocument: { uri }, options: { tabSize: 4, insertSpaces: false } });
    expect(r.error).toBeUndefined();
    const doc = TextDocument.create(uri, "alloy", 1, text);
    const expected = format(text);
    if (!expected.ok) {
      // Alloy ends statements at `\n` only (a lone `\r` is a space to its scanner), so such a file may not parse:
      // no edits then, and the syntax error is reported at the LSP position of the parser's offset.
      expect(r.result).toEqual([]);
      const diag = await published(c, uri);
      const first = parse(text).diagnostics[0]!;
      expect(diag.params.diagnostics[0].range.start).toEqual(doc.positionAt(first.range.start));
      return;
    }
    expect(TextDocument.applyEdits(doc, r.result)).toBe(expected.text);
    // A position after line ends of this kind lands on the same character.
    const def = await c.request("textDocument/definition", { textDocument: { uri }, position: doc.positionAt(text.indexOf("tempo.input") + 2) });
    expect(def.result?.range?.start).toEqual(doc.positionAt(0));
  });

  it("speaks UTF-8 positions when the client offers them, and UTF-16 otherwise", async () => {
    const c = await started({ general: { positionEncodings: ["utf-8", "utf-16"] } });
    const init = c.messages.find((m) => m.id === 1)!;
    expect(init.result.capabilities.positionEncoding).toBe("utf-8");
    const uri = "file:///utf8.alloy";
    const line = '\t\ttraces = [/* é🙂 */ otelcol.exporter.otlp.tempo.input]';
    const text = PIPELINE.replace("\t\ttraces = [otelcol.exporter.otlp.tempo.input]", line);
    c.notify("textDocument/didOpen", { textDocument: { uri, languageId: "alloy", version: 1, text } });
    const lineNo = text.slice(0, text.indexOf(line)).split("\n").length - 1;
    const bytesBefore = (s: string) => Buffer.byteLength(s, "utf8");
    const at = bytesBefore(line.slice(0, line.indexOf("tempo.input") + 1));
    const def = await c.request("textDocument/definition", { textDocument: { uri }, position: { line: lineNo, character: at } });
    expect(def.result?.range?.start).toEqual({ line: 0, character: 0 });
    // An incremental change in UTF-8 positions: replace `tempo` in the reference by `nope`.
    const from = bytesBefore(line.slice(0, line.indexOf("tempo.input")));
    c.notify("textDocument/didChange", {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line: lineNo, character: from }, end: { line: lineNo, character: from + 5 } }, text: "nope" }],
    });
    const diag = await c.waitFor((m) => m.method === "textDocument/publishDiagnostics" && m.params?.version === 2, "diagnostics v2");
    const unknown = diag.params.diagnostics.find((d: { message: string }) => d.message.includes("nope"));
    expect(unknown, JSON.stringify(diag.params.diagnostics)).toBeDefined();
    expect(unknown.range.start).toEqual({ line: lineNo, character: bytesBefore(line.slice(0, line.indexOf("otelcol."))) });
  });
});

describe.skipIf(!cliBuilt)("pathological documents", () => {
  it("resolves a 100,000-part reference chain in under a second", async () => {
    const c = await started();
    const uri = "file:///chain.alloy";
    const chain = ["otelcol", ...Array.from({ length: 99_999 }, () => "a")].join(".");
    const text = `local.file "f" {\n\tfilename = ${chain}\n}\n`;
    // Warm the server's code paths on a small document first, so the bound measures the chain.
    c.notify("textDocument/didOpen", { textDocument: { uri: "file:///warm.alloy", languageId: "alloy", version: 1, text: PIPELINE } });
    await published(c, "file:///warm.alloy");
    const t0 = performance.now();
    c.notify("textDocument/didOpen", { textDocument: { uri, languageId: "alloy", version: 1, text } });
    await published(c, uri, 5000);
    const hover = await c.request("textDocument/hover", { textDocument: { uri }, position: { line: 1, character: 50_000 } });
    const elapsed = performance.now() - t0;
    expect(hover.error).toBeUndefined();
    expect(elapsed).toBeLessThan(1000);
  });

  it("gives a document over 5 MB one diagnostic and basic service", async () => {
    const c = await started();
    const uri = "file:///large.alloy";
    const block = (i: number) => `otelcol.exporter.otlp "e${i}" {\n\tclient {\n\t\tendpoint = "host${i}:4317"\n\t}\n}\n\n`;
    const parts: string[] = [];
    for (let i = 0, n = 0; n < 5.5 * 1024 * 1024; i++) n += (parts[i] = block(i)).length;
    const text = parts.join("");
    c.notify("textDocument/didOpen", { textDocument: { uri, languageId: "alloy", version: 1, text } });
    const diag = await published(c, uri, 15_000);
    expect(diag.params.diagnostics).toHaveLength(1);
    expect(diag.params.diagnostics[0].code).toBe("lsp/large-document");
    const symbols = await c.request("textDocument/documentSymbol", { textDocument: { uri } }, 15_000);
    expect(symbols.result).toHaveLength(parts.length);
    const tokens = await c.request("textDocument/semanticTokens/full", { textDocument: { uri } });
    expect(tokens.result.data).toEqual([]);
  }, 60_000);
});

describe.skipIf(!cliBuilt)("adversarial documents are answered within a bound", () => {
  const DOCS: [string, string][] = [
    ["100,000 open brackets", "x = " + "[".repeat(100_000)],
    ["nested blocks 20,000 deep", "a {\n".repeat(20_000)],
    ["100,000 unary minus", "x = " + "-".repeat(100_000) + "1"],
    ["a 2 MB line", `x = "${"a".repeat(2_000_000)}"`],
    ["50,000 binary operators", "x = " + "1 + ".repeat(50_000) + "1"],
    ["an unterminated block comment", "/*" + " x".repeat(100_000)],
    ["NUL, BOM, lone surrogates", "\uFEFFa = \"\u0000\uD800\"\r\r\n\uDC00 = 1"],
  ];
  it.each(DOCS)("%s", async (_name, text) => {
    const c = await started();
    const uri = "file:///adversarial.alloy";
    const t0 = performance.now();
    c.notify("textDocument/didOpen", { textDocument: { uri, languageId: "alloy", version: 1, text } });
    await published(c, uri, 5000);
    for (const method of ["textDocument/documentSymbol", "textDocument/foldingRange", "textDocument/semanticTokens/full", "textDocument/formatting"]) {
      const r = await c.request(method, { textDocument: { uri }, options: { tabSize: 4, insertSpaces: false } }, 5000);
      expect(r.error, method).toBeUndefined();
    }
    const h = await c.request("textDocument/completion", { textDocument: { uri }, position: { line: 0, character: 50_000 } }, 5000);
    expect(h.error).toBeUndefined();
    expect(performance.now() - t0).toBeLessThan(5000);
    expect(c.stderr).not.toMatch(/uncaught|failed:/);
  });
});

describe.skipIf(!cliBuilt)("protocol fuzzing", () => {
  const METHODS = ["textDocument/hover", "textDocument/completion", "textDocument/definition", "textDocument/references", "textDocument/documentSymbol", "textDocument/formatting", "textDocument/rangeFormatting", "textDocument/codeAction", "textDocument/rename", "textDocument/semanticTokens/full", "textDocument/signatureHelp", "textDocument/didChange", "textDocument/didOpen", "initialize", "shutdown!", "$/cancelRequest"];
  const uri = "file:///fuzz.alloy";
  const params = fc.oneof(
    fc.constant(null),
    fc.anything({ maxDepth: 2 }),
    fc.record({ textDocument: fc.constant({ uri }), position: fc.record({ line: fc.integer({ min: -2, max: 20 }), character: fc.integer({ min: -2, max: 200 }) }) }),
    fc.record({ textDocument: fc.constant({ uri, version: 9 }), contentChanges: fc.array(fc.record({ range: fc.record({ start: fc.record({ line: fc.nat(30), character: fc.nat(80) }), end: fc.record({ line: fc.nat(30), character: fc.nat(80) }) }), text: fc.string({ maxLength: 8 }) }), { maxLength: 3 }) }),
  );
  const frame = fc.oneof(
    fc.record({ kind: fc.constant("request" as const), method: fc.constantFrom(...METHODS), params, id: fc.oneof(fc.nat(), fc.string({ maxLength: 4 })) }),
    fc.record({ kind: fc.constant("notification" as const), method: fc.constantFrom(...METHODS), params }),
    fc.record({ kind: fc.constant("garbage" as const), bytes: fc.string({ maxLength: 40 }) }),
    fc.record({ kind: fc.constant("misframed" as const), delta: fc.integer({ min: -30, max: 30 }), body: fc.json({ maxDepth: 2 }) }),
  );

  it("keeps answering after random frames", async () => {
    const c = await started();
    c.notify("textDocument/didOpen", { textDocument: { uri, languageId: "alloy", version: 1, text: PIPELINE } });
    let round = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(frame, { minLength: 1, maxLength: 25 }), async (frames) => {
        for (const f of frames) {
          // `shutdown` would legitimately end service; it is sent as an unknown method instead.
          if (f.kind === "request") c.frame({ jsonrpc: "2.0", id: f.id, method: f.method, params: f.params });
          else if (f.kind === "notification") c.frame({ jsonrpc: "2.0", method: f.method, params: f.params });
          else if (f.kind === "garbage") c.raw(f.bytes);
          else c.raw(`Content-Length: ${Math.max(0, Buffer.byteLength(f.body) + f.delta)}\r\n\r\n${f.body}`);
        }
        // Whatever came before, a well-formed request after a well-formed frame boundary is answered in time.
        c.raw("\r\n");
        const sentinel = `sentinel-${++round}`;
        c.frame({ jsonrpc: "2.0", id: sentinel, method: "textDocument/documentSymbol", params: { textDocument: { uri } } });
        const answer = await c.waitFor((m) => m.id === sentinel, `answer to ${sentinel}`, 3000);
        expect(answer.error).toBeUndefined();
        expect(c.alive).toBe(true);
      }),
      { numRuns: 150, endOnFailure: true },
    );
    expect(c.stderr).not.toMatch(/uncaught|unhandled/);
  }, 120_000);
});
