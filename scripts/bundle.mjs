// Bundles the shipped entry points. An unbundled ESM CLI spends hundreds of milliseconds resolving modules at
// start-up; the `alloy` bundle is split per sub-command so that `alloy fmt` loads only the syntax core.
import { build } from "esbuild";
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";

/**
 * Loads these Node modules on first use instead of at start-up. commander requires `child_process` at the top of
 * its module for executable sub-commands, which `alloy fmt` never runs; the connection library requires `crypto`
 * for the names of pipe transports, which `alloy lsp --stdio` never uses. Each costs milliseconds of a short
 * command's start (`crypto` measured at 2.4 ms). `v8` is needed only by large inputs (young-generation.ts).
 */
const LAZY_BUILTINS = ["child_process", "crypto", "v8"];
function lazyBuiltins() {
  const filter = new RegExp(`^(node:)?(${LAZY_BUILTINS.join("|")})$`);
  return {
    name: "lazy-builtins",
    setup(b) {
      b.onResolve({ filter }, (args) => {
        const name = args.path.replace(/^node:/, "");
        return args.namespace === "lazy" ? { path: `node:${name}`, external: true } : { path: name, namespace: "lazy" };
      });
      b.onLoad({ filter: /.*/, namespace: "lazy" }, (args) => ({
        contents: `let loaded; module.exports = new Proxy({}, { get: (_, key) => (loaded ??= require(${JSON.stringify(`node:${args.path}`)}))[key] });`,
        loader: "js",
      }));
    },
  };
}

/**
 * elkjs (1.5 MB, only for `alloy/graph` requests) as a file of its own beside the fast bundles, loaded when the
 * first graph is laid out: compiled into the language server's bundle, it was a fifth of its size and of the time
 * to its `initialize` result. The stand-in is constructed as the real class is.
 */
function lazyElk() {
  return {
    name: "lazy-elk",
    setup(b) {
      b.onResolve({ filter: /^elkjs\/lib\/elk\.bundled\.js$/ }, () => ({ path: "elk", namespace: "lazy-elk" }));
      b.onLoad({ filter: /.*/, namespace: "lazy-elk" }, () => ({
        contents: "let Elk; module.exports = function ELK(options) { Elk ??= require(require('node:path').join(__dirname, 'elk.cjs')); return new (Elk.default ?? Elk)(options); };",
        loader: "js",
      }));
    },
  };
}

/**
 * re2js (RE2's parser, 0.19 MB: a fifth of the validate and convert bundles) as a file of its own beside the fast
 * bundles, loaded the first time a pattern needs it: the validator asks it only about patterns outside the syntax
 * RE2 and JavaScript share (packages/validator/src/regex/re2.ts), which most files never have.
 */
function lazyRe2js() {
  return {
    name: "lazy-re2js",
    setup(b) {
      b.onResolve({ filter: /^re2js$/ }, (args) => (args.namespace === "lazy-re2js" ? undefined : { path: "re2js", namespace: "lazy-re2js" }));
      b.onLoad({ filter: /.*/, namespace: "lazy-re2js" }, () => ({
        contents: 'let re2js; Object.defineProperty(exports, "RE2JS", { enumerable: true, get: () => (re2js ??= require(require("node:path").join(__dirname, "re2js.cjs"))).RE2JS });',
        loader: "js",
      }));
    },
  };
}

/**
 * Parts of a command that many of its runs never need, as bundles of their own with their own code caches, loaded
 * when first needed: in the command's bundle the module `stub` (a loader over the part's code) becomes one that
 * loads the part's bundle. `shared` are libraries the part takes from the command's bundle instead of carrying its
 * own copy (classes both must recognise).
 * - `alloy lsp` answers the editor's `initialize` (packages/lsp/src/stdio.ts), then loads the language service: most
 *   of the server's code, whose compilation was most of the time to that answer. Both use one connection library
 *   (its ResponseError is recognised by class).
 * - `alloy validate` loads the collector YAML checks (the converter and the YAML reader, half of its code) only for
 *   `--source-format=otelcol`, `--config.format=otelcol` and `--distribution`.
 */
const SHARED_WITH_SERVICE = ["vscode-languageserver", "vscode-languageserver/node.js"];
const LSP_SERVICE = { stub: "lsp-service", part: "lsp-service", exportName: "loadService", pick: ".startService", shared: SHARED_WITH_SERVICE, resolveDir: "packages/lsp" };
const COLLECTOR_CHECKS = { stub: "collector-checks", part: "validate-collector", exportName: "loadCollectorChecks", pick: "", shared: [], resolveDir: "packages/cli" };
function lazyPart({ stub, part, exportName, pick, shared, resolveDir }) {
  return {
    name: `lazy-${part}`,
    setup(b) {
      b.onResolve({ filter: new RegExp(`/${stub}\\.js$`) }, () => ({ path: stub, namespace: `lazy-${part}` }));
      b.onLoad({ filter: /.*/, namespace: `lazy-${part}` }, () => ({
        contents: `const path = require("node:path");
          const shared = { ${shared.map((m) => `${JSON.stringify(m)}: require(${JSON.stringify(m)})`).join(", ")} };
          let loaded;
          exports.${exportName} = () => (loaded ??= require(path.join(__dirname, "../../bin/load-bundle.cjs")).requireBundle(path.join(__dirname, ${JSON.stringify(`${part}.cjs`)}), shared)${pick});`,
        loader: "js",
        resolveDir: path.resolve(resolveDir),
      }));
    },
  };
}

const { CACHE_SUFFIX } = createRequire(import.meta.url)("../packages/cli/bin/load-bundle.cjs");

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
// Each entry's code cache comes from a sample run of the command bundle `runs` (itself unless named), which loads it.
const lspSample = { argv: ["lsp", "--stdio"], stdin: lspSession("examples/otlp-gateway/collector.alloy") };
const FAST = [
  { name: "fmt", argv: ["fmt"], stdin: "fixtures/examples/pipeline.alloy" },
  { name: "validate", argv: ["validate", "examples/otlp-gateway/collector.alloy"], plugins: [lazyPart(COLLECTOR_CHECKS)] },
  { name: "validate-collector", runs: "validate", argv: ["validate", "--source-format=otelcol", "examples/otlp-gateway/collector.yaml"] },
  { name: "convert", argv: ["convert", "--source-format=otelcol", "examples/otlp-gateway/collector.yaml"] },
  { name: "lsp", ...lspSample, plugins: [lazyPart(LSP_SERVICE)] },
  { name: "lsp-service", runs: "lsp", ...lspSample, external: SHARED_WITH_SERVICE },
];
mkdirSync("packages/cli/dist/fast", { recursive: true });
copyFileSync(createRequire(path.resolve("packages/graph/package.json")).resolve("elkjs/lib/elk.bundled.js"), "packages/cli/dist/fast/elk.cjs");
await build({
  ...common,
  format: "cjs",
  stdin: { contents: 'module.exports = require("re2js");', resolveDir: path.resolve("packages/validator") },
  outfile: "packages/cli/dist/fast/re2js.cjs",
  minifyWhitespace: true,
  charset: "ascii",
});
for (const fast of FAST) {
  const file = path.resolve(`packages/cli/dist/fast/${fast.name}.cjs`);
  await build({
    ...common,
    format: "cjs",
    entryPoints: [`packages/cli/src/entries/${fast.name}.ts`],
    outfile: file,
    plugins: [lazyBuiltins(), lazyElk(), lazyRe2js(), ...(fast.plugins ?? [])],
    ...(fast.external ? { external: fast.external } : {}),
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
}
for (const fast of FAST) {
  const file = path.resolve(`packages/cli/dist/fast/${fast.name}.cjs`);
  const makeCache = `
    const { loadBundle, compiled, CACHE_SUFFIX } = require("./packages/cli/bin/load-bundle.cjs");
    process.argv = [process.argv[0], "alloy", ...${JSON.stringify(fast.argv)}];
    loadBundle(${JSON.stringify(path.resolve(`packages/cli/dist/fast/${fast.runs ?? fast.name}.cjs`))});
    process.on("exit", () => require("node:fs").writeFileSync(${JSON.stringify(file)} + CACHE_SUFFIX, compiled.get(${JSON.stringify(file)}).createCachedData()));
  `;
  const input = fast.stdin === undefined ? "" : typeof fast.stdin === "string" ? readFileSync(fast.stdin) : fast.stdin;
  const cache = spawnSync(process.execPath, ["-e", makeCache], { input, stdio: ["pipe", "ignore", "inherit"] });
  if (!existsSync(file + CACHE_SUFFIX)) throw new Error(`could not write the code cache of the ${fast.name} bundle (exit ${cache.status})`);
}

// The browser playground: a static folder (packages/playground/dist) that `alloy playground` serves.
await import("../packages/playground/build.mjs");
