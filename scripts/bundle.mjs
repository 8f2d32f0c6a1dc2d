// Bundles the shipped entry points. An unbundled ESM CLI spends hundreds of milliseconds resolving modules at
// start-up; the `alloy` bundle is split per sub-command so that `alloy fmt` loads only the syntax core.
import { build } from "esbuild";
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

/**
 * Loads `node:child_process` on first use instead of at start-up: commander requires it at the top of its module
 * for executable sub-commands, which `alloy fmt` never runs, and loading it costs several milliseconds of a
 * short command's start.
 */
function lazyChildProcess() {
  return {
    name: "lazy-child-process",
    setup(b) {
      b.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
        args.namespace === "lazy" ? { path: "node:child_process", external: true } : { path: "child_process", namespace: "lazy" },
      );
      b.onLoad({ filter: /.*/, namespace: "lazy" }, () => ({
        contents: "let loaded; module.exports = new Proxy({}, { get: (_, key) => (loaded ??= require('node:child_process'))[key] });",
        loader: "js",
      }));
    },
  };
}

const common = { bundle: true, platform: "node", target: "node20", format: "esm", logLevel: "warning", legalComments: "none" };

rmSync("packages/cli/dist/bundle", { recursive: true, force: true });
rmSync("packages/cli/dist/fast", { recursive: true, force: true });
await build({
  ...common,
  entryPoints: { alloy: "packages/cli/src/bin.ts" },
  outdir: "packages/cli/dist/bundle",
  splitting: true,
  chunkNames: "chunks/[name]-[hash]",
  outExtension: { ".js": ".mjs" },
  // Some CommonJS dependencies call require(); give every ESM chunk one.
  banner: { js: "import { createRequire as __alloyCreateRequire } from 'node:module'; const require = __alloyCreateRequire(import.meta.url);" },
});

/** A short editor session (open a file, ask for symbols and hover, shut down) as LSP frames on standard input. */
function lspSession(file) {
  const uri = pathToFileURL(path.resolve(file)).href;
  const messages = [
    { jsonrpc: "2.0", id: 1, method: "initialize", params: { processId: null, rootUri: null, capabilities: {} } },
    { jsonrpc: "2.0", method: "initialized", params: {} },
    { jsonrpc: "2.0", method: "textDocument/didOpen", params: { textDocument: { uri, languageId: "alloy", version: 1, text: readFileSync(file, "utf8") } } },
    { jsonrpc: "2.0", id: 2, method: "textDocument/documentSymbol", params: { textDocument: { uri } } },
    { jsonrpc: "2.0", id: 3, method: "textDocument/hover", params: { textDocument: { uri }, position: { line: 0, character: 3 } } },
    { jsonrpc: "2.0", id: 4, method: "shutdown" },
    { jsonrpc: "2.0", method: "exit" },
  ];
  return Buffer.concat(messages.map((m) => {
    const body = Buffer.from(JSON.stringify(m));
    return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`), body]);
  }));
}

// `alloy fmt`, `validate`, `convert` and `lsp` on their own: one CommonJS file each (no ES module loader at start-up;
// bin/alloy.cjs picks them) and the V8 code cache of that file after running it on a sample, so the functions a
// run needs come precompiled. Measured on a small file: the ES module loader's compilation was about a quarter of
// `alloy validate`'s run.
const FAST = [
  { name: "fmt", argv: ["fmt"], stdin: "fixtures/examples/pipeline.alloy" },
  { name: "validate", argv: ["validate", "examples/otlp-gateway/collector.alloy"] },
  { name: "convert", argv: ["convert", "--source-format=otelcol", "examples/otlp-gateway/collector.yaml"] },
  { name: "lsp", argv: ["lsp", "--stdio"], stdin: lspSession("examples/otlp-gateway/collector.alloy") },
];
for (const fast of FAST) {
  const file = path.resolve(`packages/cli/dist/fast/${fast.name}.cjs`);
  await build({
    ...common,
    format: "cjs",
    entryPoints: [`packages/cli/src/entries/${fast.name}.ts`],
    outfile: file,
    plugins: [lazyChildProcess()],
    // Without comments the file is plain ASCII (comments keep their non-ASCII text), which Node reads several times
    // faster than UTF-8 text, and a third smaller; names are kept, so messages and stack traces stay readable.
    minifyWhitespace: true,
    // CommonJS has no import.meta: the packages find schemas/ and their data files from the bundle's own URL.
    banner: { js: 'const __alloyImportMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
    define: { "import.meta.url": "__alloyImportMetaUrl" },
  });
  // esbuild leaves non-ASCII text in regular expression literals (`µs` in duration patterns): escape it, so the
  // file is ASCII and Node reads it as such (1.3 ms against 0.1 ms for the 0.8 MB validate bundle). Comments are
  // gone, so every such character is inside a string, template or regular expression, where `\uXXXX` means it.
  writeFileSync(file, readFileSync(file, "utf8").replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`));
  const makeCache = `
    const { loadBundle, CACHE_SUFFIX } = require("./packages/cli/bin/load-bundle.cjs");
    process.argv = [process.argv[0], "alloy", ...${JSON.stringify(fast.argv)}];
    const script = loadBundle(${JSON.stringify(file)});
    process.on("exit", () => require("node:fs").writeFileSync(${JSON.stringify(file)} + CACHE_SUFFIX, script.createCachedData()));
  `;
  const input = fast.stdin === undefined ? "" : typeof fast.stdin === "string" ? readFileSync(fast.stdin) : fast.stdin;
  const cache = spawnSync(process.execPath, ["-e", makeCache], { input, stdio: ["pipe", "ignore", "inherit"] });
  if (!existsSync(file + ".v8-cache")) throw new Error(`could not write the code cache of the ${fast.name} bundle (exit ${cache.status})`);
}

// The browser playground: a static folder (packages/playground/dist) that `alloy playground` serves.
await import("../packages/playground/build.mjs");
