// `pnpm bench`: runs every benchmark suite against the built packages (run `npm run build` first).
// Results are reported as ratios to a baseline measured in the same run, never as pass/fail unit tests.
import { existsSync } from "node:fs";

const suites = [
  ["syntax", "./syntax.mjs", "packages/grammar/dist/index.js"],
  ["startup", "./startup.mjs", "packages/cli/dist/fast/fmt.cjs"],
  ["memory", "./memory.mjs", "packages/cli/dist/fast/fmt.cjs"],
  ["convert", "./convert.mjs", "packages/converter/dist/index.js"],
  ["validate", "./validate.mjs", "packages/validator/dist/index.js"],
  ["lsp", "./lsp.mjs", "packages/cli/dist/bundle/alloy.mjs"],
  ["runtime", "./runtime.mjs", "packages/runtime-lite/dist/index.js"],
  ["report", "./report.mjs", "packages/cli/dist/bundle/alloy.mjs"],
  ["graph", "./graph.mjs", "packages/graph/dist/index.js"],
  ["playground", "./playground.mjs", "packages/playground/dist/playground.js"],
];
const only = process.argv.slice(2);
console.log(`# alloy toolchain benchmarks (node ${process.version}, ${process.platform}/${process.arch})`);
for (const [name, file, needs] of suites) {
  if (only.length && !only.includes(name)) continue;
  if (!existsSync(new URL(file, import.meta.url))) continue;
  if (!existsSync(needs)) {
    console.log(`\n(${name}: skipped, ${needs} is not built; run npm run build)`);
    continue;
  }
  const mod = await import(file);
  await mod.run();
}
