// Bundles the shipped entry points. An unbundled ESM CLI spends hundreds of milliseconds resolving modules at
// start-up; the `alloy` bundle is split per sub-command so that `alloy fmt` loads only the syntax core.
import { build } from "esbuild";
import { spawnSync } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import path from "node:path";

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

// `alloy fmt` on its own: one CommonJS file (no ES module loader at start-up; bin/alloy.cjs picks it) and the V8
// code cache of that file after formatting a sample, so the functions a run needs come precompiled.
const fmtBundle = path.resolve("packages/cli/dist/fast/fmt.cjs");
await build({ ...common, format: "cjs", entryPoints: ["packages/cli/src/entries/fmt.ts"], outfile: fmtBundle, plugins: [lazyChildProcess()] });
const makeCache = `
  const { loadBundle, CACHE_SUFFIX } = require("./packages/cli/bin/load-bundle.cjs");
  process.argv = [process.argv[0], "alloy", "fmt"];
  const script = loadBundle(${JSON.stringify(fmtBundle)});
  process.on("exit", () => require("node:fs").writeFileSync(${JSON.stringify(fmtBundle)} + CACHE_SUFFIX, script.createCachedData()));
`;
const cache = spawnSync(process.execPath, ["-e", makeCache], { input: readFileSync("fixtures/examples/pipeline.alloy"), stdio: ["pipe", "ignore", "inherit"] });
if (cache.status !== 0) throw new Error("could not write the code cache of the fmt bundle");

// The browser playground: a static folder (packages/playground/dist) that `alloy playground` serves.
await import("../packages/playground/build.mjs");
