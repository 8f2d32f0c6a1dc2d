// Language server latency on a 10,000-line document, as an editor sees it: the real server (`alloy lsp --stdio`,
// a new process) driven over stdio with JSON-RPC; each sample is request sent → answer read. The baseline is a
// JSON-RPC round trip of a trivial request (a method the server does not know, answered with an error) in the
// same run, so the ratios show what the language features add to the transport.
import { spawn } from "node:child_process";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from "vscode-jsonrpc/node.js";
import { check, fmtMs, fmtRatio, percentile, table } from "./harness.mjs";

const SAMPLES = 100;
const GOALS = { "100,000-part reference chain: open → diagnostics and a hover": 1000, "open → first diagnostics": 150, "diagnostics after an edit": 50, completion: 20, hover: 10, definition: 10, "document symbols": 30, formatting: 30 };
const OPENS = 10;
/** Pause after the document is opened, before the first request (as a user reads the file before editing). */
const IDLE_MS = 2000;

/** The pipeline the LSP tests use, followed by uniquely labelled exporters up to 10,000 lines. */
function bigDocument() {
  const parts = [
    'otelcol.receiver.otlp "default" {\n\tgrpc {\n\t\tendpoint = "0.0.0.0:4317"\n\t}\n\n\toutput {\n\t\ttraces = [otelcol.processor.batch.default.input]\n\t}\n}\n\n' +
      'otelcol.processor.batch "default" {\n\ttimeout = "1s"\n\n\toutput {\n\t\ttraces = [otelcol.exporter.otlp.tempo.input]\n\t}\n}\n\n' +
      'otelcol.exporter.otlp "tempo" {\n\tclient {\n\t\tendpoint = sys.env("TEMPO_ENDPOINT")\n\t}\n}\n',
  ];
  let lines = parts[0].split("\n").length;
  for (let i = 0; lines < 10_000; i++) {
    parts.push(`\notelcol.exporter.otlp "e${i}" {\n\tclient {\n\t\tendpoint = "host${i}:4317"\n\t}\n}\n`);
    lines += 6;
  }
  return parts.join("");
}

/** A spawned server with a JSON-RPC connection that records published diagnostics. */
async function startServer() {
  const bin = path.resolve("packages/cli/bin/alloy.cjs");
  const child = spawn(process.execPath, [bin, "lsp", "--stdio"], { stdio: ["pipe", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (d) => (stderr += d));
  const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const published = [];
  const waiters = new Set();
  connection.onNotification("textDocument/publishDiagnostics", (p) => {
    published.push({ ...p, at: performance.now() });
    for (const w of [...waiters]) w();
  });
  connection.onNotification("window/logMessage", (p) => (stderr += `${p.message}\n`));
  connection.onRequest(() => null);
  connection.listen();
  await connection.sendRequest("initialize", {
    processId: process.pid,
    rootUri: pathToFileURL(process.cwd()).href,
    capabilities: { textDocument: { completion: { completionItem: { snippetSupport: true } }, publishDiagnostics: { versionSupport: true } } },
  });
  void connection.sendNotification("initialized", {});
  return {
    request: (method, params) => connection.sendRequest(method, params),
    notify: (method, params) => void connection.sendNotification(method, params),
    /** The first publication for `uri` at `version` that satisfies `accept`. */
    diagnostics(uri, version, accept = () => true, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(look);
          reject(new Error(`no diagnostics for ${uri} v${version}; server stderr: ${stderr.slice(-500)}`));
        }, timeoutMs);
        const look = () => {
          const hit = published.find((p) => p.uri === uri && p.version === version && accept(p));
          if (!hit) return;
          clearTimeout(timer);
          waiters.delete(look);
          resolve(hit);
        };
        waiters.add(look);
        look();
      });
    },
    async stop() {
      await Promise.race([connection.sendRequest("shutdown", null).catch(() => undefined), new Promise((r) => setTimeout(r, 2000))]);
      // The server may close its input before this is written; that is the exit it was asked for.
      connection.sendNotification("exit", null).catch(() => undefined);
      connection.dispose();
      setTimeout(() => child.kill(), 200).unref();
    },
  };
}

/** Milliseconds of each of `n` awaited calls. */
async function samples(n, fn) {
  const out = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn(i);
    out.push(performance.now() - t0);
  }
  return out;
}

export async function run() {
  console.log("\n## LSP: latency on a 10,000-line document over stdio (goals, p95: open → first diagnostics ≤ 150 ms; diagnostics after an edit ≤ 50 ms; completion ≤ 20 ms; hover and definition ≤ 10 ms; document symbols and formatting ≤ 30 ms; a 100,000-part reference chain < 1 s)\n");
  const text = bigDocument();
  const uri = "file:///bench/big.alloy";
  const pos = (needle, delta = 0) => {
    const before = text.slice(0, text.indexOf(needle) + delta).split("\n");
    return { line: before.length - 1, character: before[before.length - 1].length };
  };
  const server = await startServer();
  try {
    // Open → first diagnostics, on fresh URIs (the first one also loads the catalogue, as in an editor).
    const opens = [];
    for (let i = 0; i <= OPENS; i++) {
      const u = `file:///bench/open${i}.alloy`;
      const t0 = performance.now();
      server.notify("textDocument/didOpen", { textDocument: { uri: u, languageId: "alloy", version: 1, text } });
      await server.diagnostics(u, 1);
      if (i > 0) opens.push(performance.now() - t0);
      server.notify("textDocument/didClose", { textDocument: { uri: u } });
    }
    server.notify("textDocument/didOpen", { textDocument: { uri, languageId: "alloy", version: 1, text } });
    await server.diagnostics(uri, 1);
    // A user reads the file before typing: the server's idle-time work (its JIT warm-up) runs in such pauses.
    await new Promise((r) => setTimeout(r, IDLE_MS));
    // Warm up the paths an editing session exercises before measuring.
    for (let i = 0; i < 10; i++) {
      await server.request("textDocument/completion", { textDocument: { uri }, position: pos('timeout = "1s"') });
      await server.request("textDocument/hover", { textDocument: { uri }, position: pos('otelcol.processor.batch "default"', 10) });
      await server.request("bench/ping", {}).catch(() => undefined);
    }

    const results = {};
    results["open → first diagnostics"] = opens;
    results["round trip (baseline)"] = await samples(SAMPLES, () => server.request("bench/ping", {}).catch(() => undefined));

    const digit = pos('endpoint = "host5:4317"', 'endpoint = "host'.length);
    let version = 1;
    results["diagnostics after an edit"] = await samples(SAMPLES, async (i) => {
      server.notify("textDocument/didChange", {
        textDocument: { uri, version: ++version },
        contentChanges: [{ range: { start: digit, end: { line: digit.line, character: digit.character + 1 } }, text: String(i % 10) }],
      });
      await server.diagnostics(uri, version);
    });

    const arg = pos('timeout = "1s"');
    const ref = pos("otelcol.exporter.otlp.tempo.input", "otelcol.exporter.otlp.".length);
    results.completion = await samples(SAMPLES, (i) => server.request("textDocument/completion", { textDocument: { uri }, position: i % 2 ? arg : ref }));
    const target = pos("otelcol.exporter.otlp.tempo.input", 24);
    results.hover = await samples(SAMPLES, () => server.request("textDocument/hover", { textDocument: { uri }, position: target }));
    results.definition = await samples(SAMPLES, () => server.request("textDocument/definition", { textDocument: { uri }, position: target }));
    // The outline and formatting of an edited version each time: no answer is cached across versions.
    const bump = async () => {
      server.notify("textDocument/didChange", {
        textDocument: { uri, version: ++version },
        contentChanges: [{ range: { start: digit, end: { line: digit.line, character: digit.character + 1 } }, text: String(version % 10) }],
      });
      await server.diagnostics(uri, version);
    };
    results["document symbols"] = [];
    results.formatting = [];
    for (let i = 0; i < 30; i++) {
      await bump();
      let t0 = performance.now();
      await server.request("textDocument/documentSymbol", { textDocument: { uri } });
      results["document symbols"].push(performance.now() - t0);
      await bump();
      t0 = performance.now();
      await server.request("textDocument/formatting", { textDocument: { uri }, options: { tabSize: 4, insertSpaces: false } });
      results.formatting.push(performance.now() - t0);
    }

    // Until the validator's findings arrive: on a long document they may come in a later, debounced stage.
    const typo = pos('timeout = "1s"');
    results["validator diagnostics after an edit"] = [];
    for (let i = 0; i < 10; i++) {
      const t0 = performance.now();
      server.notify("textDocument/didChange", { textDocument: { uri, version: ++version }, contentChanges: [{ range: { start: typo, end: typo }, text: "send_batch_sizee = 1\n\t" }] });
      await server.diagnostics(uri, version, (p) => p.diagnostics.some((d) => d.message.includes("send_batch_sizee")));
      results["validator diagnostics after an edit"].push(performance.now() - t0);
      // Undo the edit (not timed) so every sample starts from the valid document.
      server.notify("textDocument/didChange", {
        textDocument: { uri, version: ++version },
        contentChanges: [{ range: { start: typo, end: { line: typo.line + 1, character: 1 } }, text: "" }],
      });
      await server.diagnostics(uri, version);
    }

    // A pathological reference (`otelcol.a.a.a…`, 100,000 parts): resolution must stay linear in its length.
    const chain = ["otelcol", ...Array.from({ length: 99_999 }, () => "a")].join(".");
    const chainText = `local.file "f" {\n\tfilename = ${chain}\n}\n`;
    results["100,000-part reference chain: open → diagnostics and a hover"] = await samples(3, async (i) => {
      const u = `file:///bench/chain${i}.alloy`;
      server.notify("textDocument/didOpen", { textDocument: { uri: u, languageId: "alloy", version: 1, text: chainText } });
      await server.diagnostics(u, 1);
      await server.request("textDocument/hover", { textDocument: { uri: u }, position: { line: 1, character: 50_000 } });
      server.notify("textDocument/didClose", { textDocument: { uri: u } });
    });

    const base = results["round trip (baseline)"];
    const rows = Object.entries(results).map(([name, xs]) => {
      const p95 = percentile(xs, 95);
      const goal = GOALS[name];
      const p50 = percentile(xs, 50);
      return [name, String(xs.length), fmtMs(p50), fmtMs(p95), fmtRatio(p50 / percentile(base, 50)), fmtRatio(p95 / percentile(base, 95)), goal ? `≤ ${goal} ms ${check(p95 <= goal)}` : ""];
    });
    table(["request", "samples", "p50", "p95", "p50/round trip", "p95/round trip", "goal (p95)"], rows);
    console.log(`\n(document: ${text.split("\n").length.toLocaleString("en-US")} lines, ${(text.length / 1000).toFixed(0)} KB; the last row: an edit that adds an unknown attribute → the validator's diagnostic published)`);
  } finally {
    await server.stop();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await run();
