// Bundles the shipped entry points into single files: an unbundled ESM CLI spends hundreds of milliseconds
// resolving modules at start-up (see the performance notes in docs/performance.md).
import { build } from "esbuild";

const common = { bundle: true, platform: "node", target: "node20", format: "esm", logLevel: "warning", legalComments: "none" };

await build({
  ...common,
  entryPoints: ["packages/cli/src/bin.ts"],
  outfile: "packages/cli/dist/alloy.mjs",
  // Some CommonJS dependencies call require(); give the ESM bundle one.
  banner: { js: "import { createRequire as __alloyCreateRequire } from 'node:module'; const require = __alloyCreateRequire(import.meta.url);" },
});
