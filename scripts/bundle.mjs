// Bundles the shipped entry points. An unbundled ESM CLI spends hundreds of milliseconds resolving modules at
// start-up; the `alloy` bundle is split per sub-command so that `alloy fmt` loads only the syntax core.
import { build } from "esbuild";
import { rmSync } from "node:fs";

const common = { bundle: true, platform: "node", target: "node20", format: "esm", logLevel: "warning", legalComments: "none" };

rmSync("packages/cli/dist/bundle", { recursive: true, force: true });
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
