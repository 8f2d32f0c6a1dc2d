/**
 * The TextMate grammar of the VS Code extension, tokenised with vscode-textmate and the Oniguruma WASM build
 * (what VS Code itself uses): scopes at chosen tokens of fixtures/lsp/highlight.alloy.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import * as oniguruma from "vscode-oniguruma";
import * as vsctm from "vscode-textmate";
import { repoRoot } from "../support/shared.js";

const grammarPath = path.join(repoRoot, "packages/vscode-extension/syntaxes/alloy.tmLanguage.json");
const fixture = readFileSync(path.join(repoRoot, "fixtures/lsp/highlight.alloy"), "utf8");

/** Scopes of every token, keyed by `line:text`. */
let tokens: Map<string, string[]>;

beforeAll(async () => {
  const require = createRequire(import.meta.url);
  const wasm = readFileSync(require.resolve("vscode-oniguruma/release/onig.wasm"));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({ createOnigScanner: (s: string[]) => new oniguruma.OnigScanner(s), createOnigString: (s: string) => new oniguruma.OnigString(s) }),
    loadGrammar: async (scope) => (scope === "source.alloy" ? vsctm.parseRawGrammar(readFileSync(grammarPath, "utf8"), grammarPath) : null),
  });
  const grammar = (await registry.loadGrammar("source.alloy"))!;
  tokens = new Map();
  let stack = vsctm.INITIAL;
  fixture.split("\n").forEach((line, i) => {
    const r = grammar.tokenizeLine(line, stack);
    for (const t of r.tokens) {
      const text = line.slice(t.startIndex, t.endIndex);
      if (text.trim()) tokens.set(`${i + 1}:${text.trim()}`, t.scopes);
    }
    stack = r.ruleStack;
  });
});

/** [line:token text, scope that must be among the token's scopes] */
const EXPECTED: [string, string][] = [
  ["1:Line comment", "comment.line.double-slash.alloy"],
  ["2:Block", "comment.block.alloy"],
  ["3:comment", "comment.block.alloy"],
  ["4:otelcol.exporter.otlp", "entity.name.type.block.alloy"],
  ["4:tempo", "entity.name.label.alloy"],
  ["5:client", "entity.name.type.block.alloy"],
  ["6:endpoint", "variable.other.property.alloy"],
  ["6:sys.env", "support.function.alloy"],
  ["6:TEMPO_ENDPOINT", "string.quoted.double.alloy"],
  ["7:true", "constant.language.boolean.alloy"],
  ["8:3.5", "constant.numeric.float.alloy"],
  ["9:\\t", "constant.character.escape.alloy"],
  ["9:plain", "variable.other.property.alloy"],
  ["9:null", "constant.language.null.alloy"],
  ["11:prometheus.remote_write.mimir.receiver", "variable.other.reference.alloy"],
  ["12:&&", "keyword.operator.logical.alloy"],
  ["12:>=", "keyword.operator.comparison.alloy"],
  ["12:1", "constant.numeric.integer.alloy"],
  ["13:C:\\path", "string.quoted.other.raw.alloy"],
];

describe("TextMate grammar", () => {
  it.each(EXPECTED)("%s has scope %s", (key, scope) => {
    const scopes = tokens.get(key);
    expect(scopes, `token ${key} exists (tokens: ${[...tokens.keys()].filter((k) => k.startsWith(key.split(":")[0] + ":")).join(" | ")})`).toBeDefined();
    expect(scopes).toContain(scope);
  });

  it("every scope name ends in .alloy", () => {
    for (const scopes of tokens.values()) for (const s of scopes.slice(1)) for (const part of s.split(" ")) expect(part).toMatch(/\.alloy$/);
  });
});
