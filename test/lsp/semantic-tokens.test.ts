/**
 * Semantic tokens of block names: one token per name fragment, whether the name is written plainly, with spaces
 * and comments around its dots, or with non-ASCII identifiers.
 */
import { describe, expect, it } from "vitest";
import { analyze, semanticTokens, semanticTokensLegend } from "@alloy-ts/lsp";

/** Decoded tokens as `[text, type]`, in document order. */
function tokens(text: string): [string, string][] {
  const lines = text.split("\n");
  const data = semanticTokens(analyze("file:///t.alloy", 1, text)).data;
  const out: [string, string][] = [];
  let line = 0;
  let ch = 0;
  for (let i = 0; i < data.length; i += 5) {
    const [dl, dc, len, type] = data.slice(i, i + 4) as [number, number, number, number];
    line += dl;
    ch = dl === 0 ? ch + dc : dc;
    out.push([lines[line]!.slice(ch, ch + len), semanticTokensLegend.tokenTypes[type]!]);
  }
  return out;
}

describe("semantic tokens of block names", () => {
  it("colours each fragment of a plainly written name", () => {
    expect(tokens('prometheus.remote_write "x" {\n  endpoint {}\n}\n')).toEqual([
      ["prometheus", "namespace"],
      ["remote_write", "namespace"],
      ['"x"', "string"],
      ["endpoint", "type"],
    ]);
  });

  it("leaves out the spaces and comments around the dots", () => {
    expect(tokens('a . b /* c */ . c_d "x" {}\n')).toEqual([
      ["a", "namespace"],
      ["b", "namespace"],
      ["/* c */", "comment"],
      ["c_d", "namespace"],
      ['"x"', "string"],
    ]);
  });

  it("finds non-ASCII fragments", () => {
    expect(tokens('local.file "x" {\n  déjà.vu {}\n}\n')).toEqual([
      ["local", "namespace"],
      ["file", "namespace"],
      ['"x"', "string"],
      ["déjà", "type"],
      ["vu", "type"],
    ]);
  });
});
