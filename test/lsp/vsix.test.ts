/**
 * The packaged extension: builds dist/alloy.vsix (bundle + `vsce package --no-dependencies`) when it is missing
 * or older than the extension sources, opens it, checks the manifest, grammar and bundled server, and starts
 * that server from the extracted files to answer `initialize`.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "../support/shared.js";
import { cliBuilt, LspClient, notBuiltMessage } from "./support/client.js";
import { readZip } from "./support/zip.js";

const extDir = path.join(repoRoot, "packages/vscode-extension");
const vsixPath = path.join(extDir, "dist/alloy.vsix");
const lspDist = path.join(repoRoot, "packages/lsp/dist/index.js");

/** Newest modification time under a folder (sources the vsix is built from). */
function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

// The server bundle is built from the compiled language server, so it needs `npm run build` first too.
const ready = cliBuilt && existsSync(lspDist);
if (!ready) console.warn(`vsix.test: ${notBuiltMessage}`);

describe.skipIf(!ready)("VS Code extension package", () => {
  let files: Map<string, Buffer>;
  let tmp: string;

  beforeAll(() => {
    const sources = Math.max(newest(path.join(extDir, "src")), newest(path.join(extDir, "syntaxes")), newest(path.join(extDir, "scripts")), statSync(path.join(extDir, "package.json")).mtimeMs, newest(path.join(repoRoot, "packages/lsp/src")));
    if (!existsSync(vsixPath) || statSync(vsixPath).mtimeMs < sources) {
      execFileSync(process.execPath, [path.join(extDir, "scripts/package.mjs")], { stdio: "pipe", timeout: 120_000 });
    }
    files = readZip(readFileSync(vsixPath));
    tmp = mkdtempSync(path.join(os.tmpdir(), "alloy-vsix-"));
  }, 180_000);

  afterAll(() => {
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it("has a manifest declaring the language, grammar and commands", () => {
    expect(files.has("extension.vsixmanifest")).toBe(true);
    const pkg = JSON.parse(files.get("extension/package.json")!.toString("utf8"));
    expect(pkg.main).toBe("./dist/extension.cjs");
    expect(pkg.contributes.languages[0].id).toBe("alloy");
    expect(pkg.contributes.languages[0].extensions).toContain(".alloy");
    expect(pkg.contributes.grammars[0].scopeName).toBe("source.alloy");
    expect(pkg.contributes.commands.map((c: { command: string }) => c.command)).toContain("alloy.convertOtelcol");
  });

  it("contains the grammar, language configuration, client, server and schemas", () => {
    const grammar = JSON.parse(files.get("extension/syntaxes/alloy.tmLanguage.json")!.toString("utf8"));
    expect(grammar.scopeName).toBe("source.alloy");
    const config = JSON.parse(files.get("extension/language-configuration.json")!.toString("utf8"));
    expect(config.comments.lineComment).toBe("//");
    expect(files.get("extension/dist/extension.cjs")!.toString("utf8")).toContain("alloy.convertOtelcol");
    expect(files.has("extension/dist/server.cjs")).toBe(true);
    expect(files.has("extension/schemas/index.json")).toBe(true);
    expect([...files.keys()].some((f) => f.startsWith("extension/src/") || f.includes("node_modules"))).toBe(false);
  });

  it("starts the bundled server from the extracted package and answers initialize and completion", async () => {
    for (const [name, data] of files) {
      if (name.endsWith("/")) continue;
      const out = path.join(tmp, name);
      mkdirSync(path.dirname(out), { recursive: true });
      writeFileSync(out, data);
    }
    const server = path.join(tmp, "extension/dist/server.cjs");
    // No environment variable: the bundled server finds the schemas the package ships next to its own file.
    const env = { ...process.env };
    delete env.ALLOY_SCHEMAS_DIR;
    const client = await LspClient.start([process.execPath, server, "--stdio"], env);
    try {
      const uri = "file:///vsix/test.alloy";
      client.open(uri, 'otelcol.processor.batch "x" {\n\t\n}\n');
      const items = await client.request<{ label: string }[]>("textDocument/completion", { textDocument: { uri }, position: { line: 1, character: 1 } });
      expect(items.map((i) => i.label)).toContain("send_batch_size");
      const diags = await client.diagnostics(uri, 1);
      expect(diags.diagnostics.map((d) => d.message)).toContain('missing required block "output"');
    } finally {
      await client.stop();
    }
  });
});
