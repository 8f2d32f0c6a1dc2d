// Peak memory of the commands on large inputs, per MB of input: `alloy fmt` on generated 1 MB and 10 MB files,
// run as a user runs it (a new process, output to a file). Reported beside the same command on a 2 KB file, whose
// peak is Node's and the command's fixed cost, so the figure per MB is (peak − that) / input size.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync, openSync, closeSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { generateAlloy } from "./generate.mjs";
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
    const r = spawnSync(process.execPath, ["-r", preload, bin, ...args], { env: { ...process.env, PEAK_RSS_FILE: record }, stdio: ["ignore", out, "pipe"] });
    closeSync(out);
    if (r.status !== 0) throw new Error(`alloy ${args.join(" ")} failed: ${r.stderr}`);
    // The fmt entry point may hand over to a bundle in the same process: the last value is the process's peak.
    const values = readFileSync(record, "utf8").trim().split("\n").map(Number);
    best = Math.min(best, Math.max(...values));
  }
  return best;
}

export async function run() {
  console.log("\n## Memory: peak resident set size of `alloy fmt` per MB of input (goal: a small multiple of the input)\n");
  const dir = mkdtempSync(path.join(os.tmpdir(), "alloy-bench-memory-"));
  try {
    const small = path.join(dir, "small.alloy");
    writeFileSync(small, generateAlloy(2_000));
    const base = peakRss(["fmt", small], 3, dir);
    const rows = [];
    for (const size of [1e6, 10e6]) {
      const file = path.join(dir, `input-${size}.alloy`);
      const text = generateAlloy(size);
      writeFileSync(file, text);
      const peak = peakRss(["fmt", file], size > 5e6 ? 2 : 3, dir);
      const perMb = (peak - base) / 1e6 / mb(text.length);
      rows.push([`${mb(text.length).toFixed(1)} MB`, `${(peak / 1e6).toFixed(0)} MB`, `${((peak - base) / 1e6).toFixed(0)} MB`, `${perMb.toFixed(1)} MB per MB`]);
    }
    table(["input", "peak RSS", "above a 2 KB run", "per MB of input"], rows);
    console.log(`(a 2 KB file peaks at ${(base / 1e6).toFixed(0)} MB: Node and the command's fixed cost)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await run();
