/**
 * Syntax errors stay in the statement that has them: the other blocks keep their trees, their references and
 * their validator checks (packages/lsp/src/workspace/recovery.ts).
 */
import { describe, expect, it } from "vitest";
import { allDiagnostics, analyze, defaultServiceContext, documentSymbols } from "@alloy-ts/lsp";

const ctx = defaultServiceContext();
const hasCatalog = ctx.catalog.components().length > 0;

const doc = (middle: string) => `otelcol.receiver.otlp "in" {
\tgrpc {}
\toutput {
\t\ttraces = [otelcol.processor.batch.b.input]
\t}
}

${middle}

otelcol.exporter.otlp "out" {
\tbogus = 1
\tclient {
\t\tendpoint = "tempo:4317"
\t}
}
`;
const lineOf = (text: string, needle: string) => text.slice(0, text.indexOf(needle)).split("\n").length - 1;

describe.skipIf(!hasCatalog)("error recovery", () => {
  it.each([
    ["a reference typed up to its dot", 'otelcol.processor.batch "b" {\n\toutput {\n\t\ttraces = [otelcol.exporter.otlp.]\n\t}\n}'],
    ["an attribute name without =", 'otelcol.processor.batch "b" {\n\ttimeout\n\toutput {\n\t\ttraces = [otelcol.exporter.otlp.out.input]\n\t}\n}'],
    ["a deleted }", 'otelcol.processor.batch "b" {\n\toutput {\n\t\ttraces = [otelcol.exporter.otlp.out.input]\n\t\n}'],
    // The open raw string runs to the next backtick and turns the later block's string and code inside out.
    ["a raw string not closed yet, raw strings further on", 'otelcol.processor.batch "b" {\n\ttimeout = `\n\toutput {\n\t\ttraces = [otelcol.exporter.otlp.out.input]\n\t}\n}\n\nlocal.file "f" {\n\tfilename = `C:\\logs\\~a`\n}'],
    ["an object left open, a comment before the next block", 'otelcol.processor.batch "b" {\n\toutput {\n\t\ttraces = [otelcol.exporter.otlp.out.input]\n\t\tlogs = {\n\t}\n}\n\n// the exporter'],
  ])("%s: one syntax error in its block, the others checked", (_what, middle) => {
    const text = doc(middle);
    const a = analyze("file:///r.alloy", 1, text);
    const diags = allDiagnostics(a, ctx);
    const first = lineOf(text, 'otelcol.processor.batch "b"');
    const last = first + middle.split("\n").length - 1;
    const syntax = diags.filter((d) => String(d.code).startsWith("syntax/"));
    expect(syntax, JSON.stringify(diags)).toHaveLength(1);
    expect(syntax[0]!.range.start.line).toBeGreaterThanOrEqual(first);
    expect(syntax[0]!.range.start.line).toBeLessThanOrEqual(last);
    // The exporter after the broken block is still validated, and the receiver's reference still resolves.
    expect(diags.map((d) => d.message)).toContain('unrecognized attribute name "bogus"');
    expect(diags.filter((d) => /does not exist/.test(d.message))).toEqual([]);
    const extra = [...middle.matchAll(/^(?!otelcol\.processor\.batch)([a-z_.]+ "[^"]*") \{/gm)].map((m) => m[1]!);
    expect(documentSymbols(a).map((s) => s.name)).toEqual(['otelcol.receiver.otlp "in"', 'otelcol.processor.batch "b"', ...extra, 'otelcol.exporter.otlp "out"']);
  });

  it("inside a block, a half-typed attribute leaves its sibling statements in the tree and checked", () => {
    const text = doc('otelcol.processor.batch "b" {\n\tbogus_sibling = 1\n\toutput {\n\t\ttraces = [otelcol.exporter.otlp.out.input]\n\t\tmetrics = [otelcol.exporter.\n\t}\n}');
    const diags = allDiagnostics(analyze("file:///r.alloy", 1, text), ctx);
    const messages = diags.map((d) => d.message);
    expect(diags.filter((d) => d.code === "syntax/parser"), messages.join("\n")).toHaveLength(1);
    expect(messages).toContain('unrecognized attribute name "bogus_sibling"');
    expect(messages).toContain('unrecognized attribute name "bogus"');
  });
});
