// `alloy report` over 500 generated collector configurations: wall time with one worker per core against the
// same command with `--jobs 1` in the same run (the files analysed one after another), divided by the core count;
// and how many cores the parallel run kept busy (its CPU time over its wall time). The in-process conversion of
// the same files, one after another, is printed for scale: the report also validates and verifies each file.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { convertOtelcol } from "../packages/converter/dist/index.js";
import { generateCollectorYaml } from "./generate.mjs";
import { check, fmtMs, fmtRatio, table, time } from "./harness.mjs";

const FILES = 500;

/** Writes the configurations: 30 to 90 lines each, every fifth with a component that has no Alloy equivalent. */
function writeConfigs(dir) {
  rmSync(dir, { recursive: true, force: true });
  const texts = [];
  for (let i = 0; i < FILES; i++) {
    const text = generateCollectorYaml(30 + ((i * 37) % 61), { seed: i + 1, unsupported: i % 5 === 0 });
    const sub = path.join(dir, `team-${i % 10}`);
    mkdirSync(sub, { recursive: true });
    writeFileSync(path.join(sub, `collector-${i}.yaml`), text);
    texts.push(text);
  }
  return texts;
}

/** Runs `alloy report` once; wall time, CPU time of all its threads, and its summary line. */
function report(configs, out, jobs) {
  const usage = path.join(out, "..", `cpu-${jobs ?? "default"}.json`);
  const args = ["--import", pathToFileURL(path.resolve("bench/cpu-usage.mjs")).href, path.resolve("packages/cli/bin/alloy.cjs"), "report", configs, "--out", out];
  if (jobs) args.push("--jobs", String(jobs));
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { encoding: "utf8", env: { ...process.env, BENCH_CPU_USAGE_FILE: usage } });
  const wallMs = performance.now() - t0;
  if (r.status !== 0) throw new Error(`alloy report exited with ${r.status}: ${r.stderr.slice(-500)}`);
  return { wallMs, cpuMs: JSON.parse(readFileSync(usage, "utf8")).cpuMs, summary: r.stdout.trim().split("; report written")[0] };
}

export function run() {
  const cores = availableParallelism();
  console.log(`\n## Report: alloy report on ${FILES} configurations (goals: keeps the ${cores} cores busy, CPU/wall ≥ ${0.75 * cores}; wall time ≤ 1.5× the --jobs 1 time / ${cores})\n`);
  const dir = path.resolve(".bench-tmp/report");
  const configs = path.join(dir, "configs");
  const texts = writeConfigs(configs);
  const tConvert = time(() => {
    for (const t of texts) convertOtelcol(t, { fileName: "collector.yaml" });
  }, { runs: 3, warmup: 1 });
  const sequential = report(configs, path.join(dir, "out-1"), 1);
  const parallel = report(configs, path.join(dir, "out-n"));
  const budget = (1.5 * sequential.wallMs) / cores;
  const busy = parallel.cpuMs / parallel.wallMs;
  table(
    ["run", "wall", "CPU", "cores busy", "vs --jobs 1", "goal"],
    [
      ["conversion only, in process, one after another", fmtMs(tConvert), "", "", fmtRatio(tConvert / sequential.wallMs), ""],
      ["alloy report --jobs 1", fmtMs(sequential.wallMs), fmtMs(sequential.cpuMs), (sequential.cpuMs / sequential.wallMs).toFixed(2), "1.00×", ""],
      [
        `alloy report (${cores} workers)`,
        fmtMs(parallel.wallMs),
        fmtMs(parallel.cpuMs),
        `${busy.toFixed(2)} ${check(busy >= 0.75 * cores)}`,
        fmtRatio(parallel.wallMs / sequential.wallMs),
        `≤ ${fmtMs(budget)} ${check(parallel.wallMs <= budget)}`,
      ],
    ],
  );
  console.log(`\n${parallel.summary} (same as --jobs 1: ${check(parallel.summary === sequential.summary)})`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) run();
