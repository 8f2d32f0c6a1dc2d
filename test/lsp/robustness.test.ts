/**
 * Random edits never crash the server or stop it answering: fast-check generates insertions and deletions of
 * random and Alloy-flavoured text anywhere in a document, sent as incremental changes; every edit is followed by
 * a request of a random feature at a random position, and the last version must get its diagnostics.
 * Two runs: 1,000 edits, and 10,000 edits on a fresh server (about ten seconds; ALLOY_LSP_QUICK=1 skips it).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { repoRoot } from "../support/shared.js";
import { cliBuilt, LspClient, notBuiltMessage } from "./support/client.js";

const pipeline = readFileSync(path.join(repoRoot, "fixtures/lsp/pipeline.alloy"), "utf8");
const TOTALS = process.env.ALLOY_LSP_QUICK ? [1000] : [1000, 10_000];
const PER_RUN = 100;

const fragment = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.string({ unit: "grapheme", maxLength: 6 }),
  fc.constantFrom("{", "}", "[", "]", "(", ")", '"', "`", "=", ".", ",", "\n", "\r\n", "//", "/*", "*/", "\\", "otelcol.", "otelcol.exporter.otlp.tempo.input", 'x "y" {', "sys.env(", "\t", "\uFEFF", "\u0000", "é", "🙂"),
);
const edit = fc.record({ at: fc.nat(), remove: fc.nat({ max: 30 }), insert: fragment, feature: fc.nat({ max: 8 }), probe: fc.nat() });
const FEATURES = [
  "textDocument/completion",
  "textDocument/hover",
  "textDocument/definition",
  "textDocument/references",
  "textDocument/documentSymbol",
  "textDocument/foldingRange",
  "textDocument/semanticTokens/full",
  "textDocument/formatting",
  "textDocument/signatureHelp",
];

/** Resident memory of a process in MiB (Linux /proc), or undefined where that is not available. */
function rssMiB(pid: number | undefined): number | undefined {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

function position(text: string, offset: number): { line: number; character: number } {
  const before = text.slice(0, offset).split("\n");
  return { line: before.length - 1, character: before[before.length - 1]!.length };
}

if (!cliBuilt) console.warn(`robustness.test: ${notBuiltMessage}`);

describe.skipIf(!cliBuilt)("random edits", () => {
  let client: LspClient;
  beforeEach(async () => {
    client = await LspClient.start();
  });
  afterEach(async () => {
    await client?.stop();
  });

  it.each(TOTALS)("survives %i random incremental edits and keeps answering", async (TOTAL) => {
    let run = 0;
    let edits = 0;
    let warmRss: number | undefined;
    await fc.assert(
      fc.asyncProperty(fc.array(edit, { minLength: PER_RUN, maxLength: PER_RUN }), async (steps) => {
        const uri = `file:///fuzz/doc${++run}.alloy`;
        let text = pipeline;
        let version = 1;
        client.open(uri, text, version);
        const answers: Promise<unknown>[] = [];
        for (const s of steps) {
          const start = s.at % (text.length + 1);
          const end = Math.min(text.length, start + s.remove);
          const range = { start: position(text, start), end: position(text, end) };
          text = text.slice(0, start) + s.insert + text.slice(end);
          client.notify("textDocument/didChange", { textDocument: { uri, version: ++version }, contentChanges: [{ range, text: s.insert }] });
          const method = FEATURES[s.feature]!;
          const pos = position(text, s.probe % (text.length + 1));
          const params: Record<string, unknown> = { textDocument: { uri }, position: pos };
          if (method === "textDocument/references") params.context = { includeDeclaration: true };
          if (method === "textDocument/formatting") params.options = { tabSize: 4, insertSpaces: false };
          answers.push(client.request(method, params));
          edits++;
        }
        // Every request is answered (a rejected promise is an error response), and the final version is diagnosed.
        await Promise.all(answers);
        const final = await client.diagnostics(uri, version);
        expect(Array.isArray(final.diagnostics)).toBe(true);
        const symbols = await client.request<unknown[]>("textDocument/documentSymbol", { textDocument: { uri } });
        expect(Array.isArray(symbols)).toBe(true);
        client.notify("textDocument/didClose", { textDocument: { uri } });
        expect(client.alive).toBe(true);
        if (run === Math.ceil(TOTAL / PER_RUN / 10)) warmRss = rssMiB(client.child.pid);
      }),
      { numRuns: Math.ceil(TOTAL / PER_RUN), endOnFailure: true },
    );
    expect(edits).toBeGreaterThanOrEqual(TOTAL);
    expect(client.stderr).not.toMatch(/uncaught|failed:/);
    // Memory stays flat: closed documents leave nothing behind, so the server's resident memory at the end is
    // close to what it was once warmed up (a leak of even a few KB per edit would exceed this over 10,000 edits).
    const endRss = rssMiB(client.child.pid);
    if (warmRss !== undefined && endRss !== undefined) expect(endRss, `RSS ${warmRss.toFixed(0)} → ${endRss.toFixed(0)} MiB`).toBeLessThan(warmRss * 1.5 + 48);
  }, 300_000);
});
