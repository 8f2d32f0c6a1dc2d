// Peak memory of the commands on large inputs, per MB of input: `alloy fmt`, `alloy validate` and `alloy convert` on
// generated 1 MB and 10 MB files, run as a user runs them (a new process, output to a file). Reported beside the
// same command on a 2 KB file, whose peak is Node's and the command's fixed cost, so the figure per MB is
// (peak − that) / input size.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync, openSync, closeSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { generateAlloy, generateCollectorYaml } from "./generate.mjs";
import { concatTo, corpusMissing, haveCorpus, nonAsciiSummary, parsingAlloyTexts } from "./corpus.mjs";
import { mb, table } from "./harness.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const bin = path.join(here, "..", "packages", "cli", "bin", "alloy.cjs");
const preload = path.join(here, "peak-rss.cjs");

/** Peak RSS in bytes of `alloy <args>`, the smallest of `runs` runs (the least disturbed by other processes). */
export function peakRss(args, runs = 3, dir = os.tmpdir()) {
  const record = path.join(dir, "peak-rss.txt");
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    rmSync(record, { force: true });
    const out = openSync(path.join(dir, "out.txt"), "w");
    const err = openSync(path.join(dir, "err.txt"), "w");
    const r = spawnSync(process.execPath, ["-r", preload, bin, ...args], { env: { ...process.env, PEAK_RSS_FILE: record }, stdio: ["ignore", out, err] });
    closeSync(out);
    closeSync(err);
    // validate exits 1 when it finds problems, which is not a failure of the measurement.
    if (r.status !== 0 && !(args[0] === "validate" && r.status === 1)) throw new Error(`alloy ${args.join(" ")} failed: ${readFileSync(path.join(dir, "err.txt"), "utf8").slice(0, 2000)}`);
    // The fmt entry point may hand over to a bundle in the same process: the last value is the process's peak.
    const values = readFileSync(record, "utf8").trim().split("\n").map(Number);
    best = Math.min(best, Math.max(...values));
  }
  return best;
}

/** Collector YAML of about `bytes` bytes (the generator counts lines; ~30 bytes a line). */
function collectorYaml(bytes) {
  let lines = Math.max(50, Math.round(bytes / 30));
  let text = generateCollectorYaml(lines);
  lines = Math.round(lines * (bytes / text.length));
  return generateCollectorYaml(lines);
}

const COMMANDS = [
  { name: "alloy fmt", ext: "alloy", args: (f) => ["fmt", f], make: generateAlloy },
  { name: "alloy validate", ext: "alloy", args: (f) => ["validate", f], make: generateAlloy },
  { name: "alloy convert", ext: "yaml", args: (f) => ["convert", "--source-format=otelcol", f], make: collectorYaml },
];

export async function run() {
  console.log("\n## Memory: peak resident set size per MB of input (goals: fmt ≤ 3× the input above Node's baseline, convert ≤ 20×)\n");
  const dir = mkdtempSync(path.join(os.tmpdir(), "alloy-bench-memory-"));
  try {
    const rows = [];
    for (const cmd of COMMANDS) {
      const small = path.join(dir, `small.${cmd.ext}`);
      writeFileSync(small, cmd.make(2_000));
      const base = peakRss(cmd.args(small), 3, dir);
      for (const size of [1e6, 10e6]) {
        const file = path.join(dir, `input-${size}.${cmd.ext}`);
        const text = cmd.make(size);
        writeFileSync(file, text);
        const peak = peakRss(cmd.args(file), size > 5e6 ? 2 : 3, dir);
        const perMb = (peak - base) / 1e6 / mb(text.length);
        rows.push([cmd.name, `${mb(text.length).toFixed(1)} MB`, `${(peak / 1e6).toFixed(0)} MB`, `${((peak - base) / 1e6).toFixed(0)} MB`, `${perMb.toFixed(1)} MB per MB`, `${(base / 1e6).toFixed(0)} MB`]);
      }
    }
    // Real content: the corpus's `.alloy` files concatenated, which hold non-ASCII text (two bytes a character
    // in V8's strings and in the printer's code units, where generated ASCII input takes one).
    if (haveCorpus) {
      const small = path.join(dir, "small.alloy");
      writeFileSync(small, generateAlloy(2_000));
      const base = peakRss(["fmt", small], 3, dir);
      const texts = parsingAlloyTexts();
      for (const size of [1e6, 10e6]) {
        const text = concatTo(texts, size);
        const file = path.join(dir, `real-${size}.alloy`);
        writeFileSync(file, text);
        const peak = peakRss(["fmt", file], size > 5e6 ? 2 : 3, dir);
        const bytes = Buffer.byteLength(text);
        rows.push(["alloy fmt, real content", `${mb(bytes).toFixed(1)} MB`, `${(peak / 1e6).toFixed(0)} MB`, `${((peak - base) / 1e6).toFixed(0)} MB`, `${((peak - base) / 1e6 / mb(bytes)).toFixed(1)} MB per MB`, `${(base / 1e6).toFixed(0)} MB`]);
      }
      console.log(`real content, the corpus's .alloy files: ${nonAsciiSummary(texts.join(""))}\n`);
    } else console.log(`(${corpusMissing})\n`);
    table(["command", "input", "peak RSS", "above a 2 KB run", "per MB of input", "2 KB run"], rows);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await run();
