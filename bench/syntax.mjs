// Parse and format throughput against JSON.parse of a same-size JSON document, measured in the same run,
// plus scaling (10× the input) and the cold start of `alloy fmt` on a small file.
//
// Each (operation, size) is measured in a fresh process, as a process that runs only that operation sees it: in one shared heap the operations measured earlier change how V8 treats the later ones
// (allocation sites a parse taught to pretenure make the formatter's short-lived statements old-generation
// garbage), so the numbers would depend on the order of the suite.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { writeFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { parse, format } from "../packages/grammar/dist/index.js";
import { generateAlloy, generateJson } from "./generate.mjs";
import { time, mb, fmtMs, fmtRatio, check, table } from "./harness.mjs";
import { haveCorpus, corpusMissing, parsingAlloyTexts, concatTo, asciiOnly, nonAsciiSummary } from "./corpus.mjs";

const MEASURE_FLAG = "--measure-syntax";

/**
 * V8 settings under which no garbage collection runs inside a parse of up to 1 MB: a young generation large enough
 * to hold the tree, and no pretenuring. Used only for a diagnostic line that separates the parser's own scaling
 * from the collector's; the goals are judged on Node's defaults.
 */
const NO_GC_FLAGS = ["--max-semi-space-size=128", "--min-semi-space-size=128", "--no-allocation-site-pretenuring"];

/**
 * Median ms of `op` ("json", "parse" or "format") on the generated input of about `size` bytes, in a new process
 * (started with the V8 `flags` given).
 */
function measure(op, size, runs, flags = [], content = "generated") {
  const child = spawnSync(process.execPath, [...flags, fileURLToPath(import.meta.url), MEASURE_FLAG, op, String(size), String(runs), content], { encoding: "utf8" });
  if (child.status !== 0) throw new Error(`measuring ${op} at ${size} bytes failed: ${child.stderr}`);
  return Number(child.stdout);
}

if (process.argv[2] === MEASURE_FLAG) {
  const [op, size, runs, content] = [process.argv[3], Number(process.argv[4]), Number(process.argv[5]), process.argv[6]];
  const alloy = content === "generated" ? generateAlloy(size) : realAlloy(size, content === "real-ascii");
  const json = op === "json" ? generateJson(alloy.length) : "";
  const fn = op === "json" ? () => JSON.parse(json) : op === "parse" ? () => parse(alloy) : () => format(alloy);
  process.stdout.write(String(time(fn, { runs })));
}

/**
 * The corpus's `.alloy` files concatenated to about `size` characters; with `ascii`, every non-ASCII character
 * replaced by `_` (the same content on the ASCII path, to show what non-ASCII text costs).
 */
function realAlloy(size, ascii = false) {
  const text = concatTo(parsingAlloyTexts(), size);
  return ascii ? asciiOnly(text) : text;
}

/** Measured runs per process: fewer for the larger inputs, whose single runs are long enough to time alone. */
const runsFor = (size) => (size >= 10_000_000 ? 5 : size >= 1_000_000 ? 9 : 21);

export async function run() {
  console.log("\n## Syntax: parse and format (goals: parse ≤ 4× JSON.parse; format ≥ 17 MB/s; 10× input ≤ 12× time)\n");
  const sizes = [100_000, 1_000_000, 10_000_000];
  const rows = [];
  const results = [];
  for (const size of sizes) {
    const alloy = generateAlloy(size);
    const runs = runsFor(size);
    // Two interleaved rounds, keeping each operation's better median: load from other processes that comes and
    // goes during the suite then lands on the baseline and the measured operations alike.
    let tJson = Infinity, tParse = Infinity, tFormat = Infinity;
    for (let round = 0; round < 2; round++) {
      tJson = Math.min(tJson, measure("json", size, runs));
      tParse = Math.min(tParse, measure("parse", size, runs));
      tFormat = Math.min(tFormat, measure("format", size, runs));
    }
    const r = { size: alloy.length, tJson, tParse, tFormat };
    results.push(r);
    rows.push([
      `${mb(alloy.length).toFixed(1)} MB`,
      fmtMs(tJson),
      `${fmtMs(tParse)} (${(mb(alloy.length) / (tParse / 1000)).toFixed(1)} MB/s)`,
      `${fmtRatio(tParse / tJson)} ${check(tParse / tJson <= 4)}`,
      `${fmtMs(tFormat)} (${(mb(alloy.length) / (tFormat / 1000)).toFixed(1)} MB/s) ${check(mb(alloy.length) / (tFormat / 1000) >= 17)}`,
      fmtRatio(tFormat / tJson),
    ]);
  }
  table(["input", "JSON.parse", "parse", "parse/JSON", "format", "format/JSON"], rows);
  // Time ratio between consecutive sizes, normalised to exactly 10× the input (the sizes are only about 10× apart).
  const scale = (i, key) => (results[i + 1][key] / results[i][key]) * (10 / (results[i + 1].size / results[i].size));
  console.log("");
  for (let i = 0; i + 1 < results.length; i++) {
    const p = scale(i, "tParse"), f = scale(i, "tFormat");
    console.log(`scaling ${mb(results[i].size).toFixed(1)} → ${mb(results[i + 1].size).toFixed(1)} MB: parse ${fmtRatio(p)} ${check(p <= 12)}, format ${fmtRatio(f)} ${check(f <= 12)}`);
  }
  // Diagnostic: the same parse scaling when the collector stays out of the parses (see NO_GC_FLAGS).
  const [small0, large0] = [results[0], results[1]];
  let tSmall = Infinity, tLarge = Infinity;
  for (let round = 0; round < 2; round++) {
    tSmall = Math.min(tSmall, measure("parse", sizes[0], runsFor(sizes[0]), NO_GC_FLAGS));
    tLarge = Math.min(tLarge, measure("parse", sizes[1], runsFor(sizes[1]), NO_GC_FLAGS));
  }
  const noGc = (tLarge / tSmall) * (10 / (large0.size / small0.size));
  console.log(`diagnostic, not a goal: parse ${mb(small0.size).toFixed(1)} → ${mb(large0.size).toFixed(1)} MB with no collection inside a parse (${NO_GC_FLAGS.join(" ")}): ${fmtMs(tSmall)} → ${fmtMs(tLarge)}, ${fmtRatio(noGc)}`);

  await runReal(results);

  const dir = path.resolve(".bench-tmp");
  mkdirSync(dir, { recursive: true });
  const small = path.join(dir, "small.alloy");
  writeFileSync(small, generateAlloy(2_000));
  const bin = path.resolve("packages/cli/bin/alloy.cjs");
  const samples = [];
  for (let i = 0; i < 10; i++) {
    const t0 = performance.now();
    spawnSync(process.execPath, [bin, "fmt", small], { encoding: "utf8" });
    samples.push(performance.now() - t0);
  }
  const nodeOnly = time(() => spawnSync(process.execPath, ["-e", ""]), { runs: 5, warmup: 1 });
  samples.sort((a, b) => a - b);
  const med = samples[samples.length >> 1];
  console.log(`\n\`alloy fmt\` on a 2 KB file, wall time: median ${fmtMs(med)} (goal ≤ 150 ms: ${check(med <= 150)}); bare \`node -e ""\`: ${fmtMs(nodeOnly)} (${fmtRatio(med / nodeOnly)})`);
}

/**
 * The same measurements on real content: the corpus's `.alloy` files concatenated to 1 MB and 10 MB, beside the
 * same text with its non-ASCII characters replaced (what non-ASCII text costs) and the generated figure.
 */
async function runReal(generated) {
  console.log("\n### Real content: ../shared/corpus .alloy files concatenated (goals: parse and format ≥ 30 MB/s, ≥ 90% of the generated figure; 10× input ≤ 11× time for format)\n");
  if (!haveCorpus) {
    console.log(`(${corpusMissing})`);
    return;
  }
  const rows = [];
  const results = [];
  for (const size of [1_000_000, 10_000_000]) {
    const text = realAlloy(size);
    const runs = runsFor(size);
    let tJson = Infinity, tParse = Infinity, tFormat = Infinity, tFormatAscii = Infinity;
    for (let round = 0; round < 2; round++) {
      tJson = Math.min(tJson, measure("json", size, runs));
      tParse = Math.min(tParse, measure("parse", size, runs, [], "real"));
      tFormat = Math.min(tFormat, measure("format", size, runs, [], "real"));
      tFormatAscii = Math.min(tFormatAscii, measure("format", size, runs, [], "real-ascii"));
    }
    const m = mb(text.length);
    const gen = generated.find((g) => Math.abs(g.size - text.length) / text.length < 0.1);
    const speed = (t) => m / (t / 1000);
    const pct = (t, key) => (gen ? `${((speed(t) / (mb(gen.size) / (gen[key] / 1000))) * 100).toFixed(0)}%` : "-");
    results.push({ size: text.length, tFormat });
    rows.push([
      `${m.toFixed(1)} MB`,
      nonAsciiSummary(text),
      fmtMs(tJson),
      `${fmtMs(tParse)} (${speed(tParse).toFixed(1)} MB/s) ${check(speed(tParse) >= 30)}`,
      `${pct(tParse, "tParse")}`,
      `${fmtMs(tFormat)} (${speed(tFormat).toFixed(1)} MB/s) ${check(speed(tFormat) >= 30)}`,
      `${pct(tFormat, "tFormat")}`,
      `${fmtMs(tFormatAscii)} (${speed(tFormatAscii).toFixed(1)} MB/s)`,
    ]);
  }
  table(["input", "text", "JSON.parse", "parse", "of generated", "format", "of generated", "format, non-ASCII replaced"], rows);
  const f = (results[1].tFormat / results[0].tFormat) * (10 / (results[1].size / results[0].size));
  console.log(`\nscaling, real content 1.0 → 10.0 MB: format ${fmtRatio(f)} ${check(f <= 11)}`);
}
