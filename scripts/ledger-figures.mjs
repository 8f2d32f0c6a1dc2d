// Prints what the conversion does with every setting of the collector configurations in ../shared/corpus/collector
// (configurations written by others): how many files convert in each mode, and the settings by fate. Run after a
// build: `node scripts/ledger-figures.mjs [DIR]`.
import { readdirSync, readFileSync, statSync, existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { convertOtelcol, countFates } from "../packages/converter/dist/index.js";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const dir = process.argv[2] ?? path.join(root, "..", "shared", "corpus", "collector");
if (!existsSync(dir)) {
  console.error(`ledger-figures: ${dir} does not exist (the shared corpus is not next to this checkout)`);
  process.exit(1);
}
const files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f) && statSync(path.join(dir, f)).isFile()).sort();

const FATES = ["carried", "default", "folded", "kept", "unused", "absorbed", "not-carried"];
for (const [mode, options] of [["default", {}], ["hybrid", { dialect: "hybrid" }]]) {
  let converted = 0;
  const totals = Object.fromEntries(FATES.map((f) => [f, 0]));
  const lostFiles = [];
  for (const f of files) {
    const r = convertOtelcol(readFileSync(path.join(dir, f), "utf8"), { ...options, fileName: f });
    if (r.output === undefined) continue;
    converted++;
    const counts = countFates(r.ledger);
    for (const k of FATES) totals[k] += counts[k];
    if (counts["not-carried"] > 0) lostFiles.push(f);
  }
  const settings = FATES.reduce((n, k) => n + totals[k], 0);
  console.log(`${mode}: ${converted} of ${files.length} files convert; ${settings} settings in them: ` +
    FATES.map((k) => `${totals[k]} ${k}`).join(", ") + `; ${lostFiles.length} files have settings not carried`);
}
