/**
 * Completion items that every client applies the same way, in process over the language service: a client that
 * honours the edit range and one that ignores it and replaces the keyword before the cursor (Neovim's built-in
 * omnifunc) write the same text; partial segments, enum values inside quotes, the document's own indentation in
 * snippets, and a quick fix for every deprecated standard-library name.
 */
import { describe, expect, it } from "vitest";
import { analyze, codeActions, complete, defaultServiceContext } from "@alloy-ts/lsp";

import { markers, offsetOf } from "./support/client.js";

const ctx = defaultServiceContext();
const hasCatalog = ctx.catalog.components().length > 0;

type Item = { label: string; filterText?: string; insertTextMode?: number; textEdit: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string } };

function itemsAt(source: string, asIs = false): { text: string; items: Item[]; cursor: number } {
  const { text, positions } = markers(source);
  const a = analyze("file:///c.alloy", 1, text);
  const r = complete(a, positions[0]!, ctx, { snippets: true, asIs });
  return { text, items: (Array.isArray(r) ? r : r.items) as Item[], cursor: offsetOf(text, positions[0]!) };
}

/** What a client writes when it honours the range. */
const byRange = (text: string, i: Item): string => text.slice(0, offsetOf(text, i.textEdit.range.start)) + i.textEdit.newText + text.slice(offsetOf(text, i.textEdit.range.end));

/** What a client writes that replaces the keyword characters before the cursor (Vim's `\k`, no `.`). */
const byKeyword = (text: string, cursor: number, i: Item): string => {
  let s = cursor;
  while (s > 0 && /[A-Za-z0-9_]/.test(text[s - 1]!)) s--;
  return text.slice(0, s) + i.textEdit.newText + text.slice(offsetOf(text, i.textEdit.range.end));
};

describe.skipIf(!hasCatalog)("completion edits", () => {
  it.each([
    ["a partial segment at a statement start", "otelcol.rec<|>\n", "otelcol.receiver.otlp"],
    ["a trailing dot", "otelcol.<|>\n", "otelcol.auth.basic"],
    ["a reference in a list", 'otelcol.exporter.otlp "t" {\n\tclient {\n\t\tendpoint = "x"\n\t}\n}\notelcol.processor.batch "b" {\n\toutput {\n\t\ttraces = [otelcol.exporter.ot<|>]\n\t}\n}\n', "otelcol.exporter.otlp.t.input"],
    ["a function namespace", 'local.file "x" {\n\tfilename = sys.e<|>\n}\n', "sys.env"],
  ])("after %s, clients that honour the range and clients that do not write the same", (_what, source, label) => {
    const { text, items, cursor } = itemsAt(source);
    expect(items.length).toBeGreaterThan(0);
    const item = items.find((i) => i.label === label);
    expect(item, items.map((i) => i.label).join(", ")).toBeDefined();
    for (const i of items) expect(byKeyword(text, cursor, i)).toBe(byRange(text, i));
    // The filter text matches what the range covers, so a client filtering on the typed segment keeps the item.
    const typed = text.slice(offsetOf(text, item!.textEdit.range.start), cursor);
    expect((item!.filterText ?? item!.label).startsWith(typed), `${item!.filterText} vs ${typed}`).toBe(true);
    expect(byRange(text, item!)).toContain(label);
  });

  it("offers enum values inside quotes, replacing the string's content", () => {
    const { text, items } = itemsAt('otelcol.exporter.otlp "x" {\n\tclient {\n\t\tendpoint = "a"\n\t\tcompression = "g<|>"\n\t}\n}\n');
    const gzip = items.find((i) => i.label === "gzip");
    expect(gzip).toBeDefined();
    expect(byRange(text, gzip!)).toContain('compression = "gzip"\n');
    // Outside an enum argument nothing is offered inside a string.
    expect(itemsAt('local.file "x" {\n\tfilename = "a<|>"\n}\n').items).toEqual([]);
    // A string earlier on the line does not count as the cursor being inside one.
    expect(itemsAt('local.file "x" {\n\tfilename = "a" + sys.e<|>\n}\n').items.some((i) => i.label === "sys.env")).toBe(true);
  });

  it("writes snippets with the document's indentation unit, and the line's indentation when the client takes text as is", () => {
    const twoSpaces = 'otelcol.exporter.otlp "x" {\n  client {\n    endpoint = "a"\n  }\n}\n';
    const { items } = itemsAt(`${twoSpaces}otelcol.exporter.prom<|>\n`);
    const prom = items.find((i) => i.label === "otelcol.exporter.prometheus")!;
    expect(prom.textEdit.newText).toBe('prometheus "${1:default}" {\n  forward_to = [${2}]\n}');
    const inner = itemsAt(`declare "d" {\n  otelcol.exporter.prom<|>\n}\n${twoSpaces}`, true).items.find((i) => i.label === "otelcol.exporter.prometheus")!;
    expect(inner.textEdit.newText).toBe('prometheus "${1:default}" {\n    forward_to = [${2}]\n  }');
    expect(inner.insertTextMode).toBe(1);
    const tabs = itemsAt("otelcol.exporter.prom<|>\n").items.find((i) => i.label === "otelcol.exporter.prometheus")!;
    expect(tabs.textEdit.newText).toContain("\n\tforward_to");
  });

  it("offers a quick fix for every deprecated standard-library name", () => {
    const deprecated = ctx.catalog.functions().filter((f) => f.replacement);
    expect(deprecated.map((f) => f.name)).toContain("env");
    for (const f of deprecated) {
      const text = `local.file "x" {\n\tfilename = ${f.name}("a")\n}\n`;
      const a = analyze("file:///d.alloy", 1, text);
      const diags = ctx.validate!(a).filter((d) => d.code === "validator/deprecated");
      expect(diags, f.name).toHaveLength(1);
      const lsp = diags.map((d) => ({ range: a.lines.range(d.range.start, d.range.end), message: d.message, severity: 2 as const }));
      const [fix] = codeActions(a, lsp, ctx);
      expect(fix?.title).toBe(`Replace '${f.name}' with '${f.replacement}'`);
      const edit = fix!.edit!.changes!["file:///d.alloy"]![0]!;
      const fixed = text.slice(0, offsetOf(text, edit.range.start)) + edit.newText + text.slice(offsetOf(text, edit.range.end));
      expect(fixed).toBe(`local.file "x" {\n\tfilename = ${f.replacement}("a")\n}\n`);
      expect(ctx.validate!(analyze("file:///d.alloy", 2, fixed)).filter((d) => d.code === "validator/deprecated")).toEqual([]);
    }
  });
});
