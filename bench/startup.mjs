// Start-up: the wall time of the commands people run on small files (a pre-commit hook, a CI step, an editor
// starting its language server), each against a bare `node -e ""` measured in the same rounds, interleaved, so
// that whatever else the machine is doing weighs on both alike.
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { generateAlloy } from "./generate.mjs";
import { check, fmtMs, fmtRatio, table } from "./harness.mjs";
import { concatTo, corpusMissing, haveCorpus, parsingAlloyTexts } from "./corpus.mjs";

const bin = path.resolve("packages/cli/bin/alloy.cjs");
const ROUNDS = 15;

const median = (a) => [...a].sort((x, y) => x - y)[a.length >> 1];

/** LSP frames of an `initialize` request. */
function initializeFrame() {
  const body = Buffer.from(JSON.stringify({ jsonrpc: "2.0", id: 1, method: "initialize", params: { processId: null, rootUri: null, capabilities: {} } }));
  return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`), body]);
}

/** Milliseconds from spawning `alloy lsp --stdio` to its `initialize` result. */
function lspInitialize() {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [bin, "lsp", "--stdio"], { stdio: ["pipe", "pipe", "ignore"] });
    let out = "";
    const timer = setTimeout(() => (child.kill(), reject(new Error("alloy lsp did not answer initialize in 10 s"))), 10_000);
    child.stdout.on("data", (d) => {
      out += d;
      if (!out.includes('"id":1')) return;
      const ms = performance.now() - t0;
      clearTimeout(timer);
      child.kill();
      resolve(ms);
    });
    child.stdin.write(initializeFrame());
  });
}

function wall(args) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { stdio: ["ignore", "ignore", "pipe"] });
  if (r.status !== 0) throw new Error(`node ${args.join(" ")} exited ${r.status}: ${String(r.stderr).slice(0, 500)}`);
  return performance.now() - t0;
}

export async function run() {
  console.log('\n## Start-up on small files, against a bare `node -e ""` in the same rounds (goals: fmt ≤ 1.1×, validate, convert and the language server\'s `initialize` ≤ 1.3×)\n');
  const dir = path.resolve(".bench-tmp");
  mkdirSync(dir, { recursive: true });
  const small = path.join(dir, "startup.alloy");
  writeFileSync(small, generateAlloy(2_000));
  const collector = path.join(dir, "startup.yaml");
  writeFileSync(collector, readFileSync("examples/otlp-gateway/collector.yaml"));
  const commands = [
    { name: "alloy fmt (2 KB)", goal: 1.1, time: () => wall([bin, "fmt", small]) },
    { name: "alloy validate (examples/otlp-gateway/collector.alloy)", goal: 1.3, time: () => wall([bin, "validate", "examples/otlp-gateway/collector.alloy"]) },
    { name: "alloy convert (examples/otlp-gateway/collector.yaml)", goal: 1.3, time: () => wall([bin, "convert", "--source-format=otelcol", collector, "-o", path.join(dir, "startup-out.alloy")]) },
    { name: "alloy lsp --stdio → initialize result", goal: 1.3, time: lspInitialize },
  ];
  const node = [];
  const samples = commands.map(() => []);
  for (let round = 0; round < ROUNDS + 2; round++) {
    const n = wall(["-e", ""]);
    const t = [];
    for (const c of commands) t.push(await c.time());
    if (round < 2) continue; // warm-up: the file system cache and the code caches
    node.push(n);
    t.forEach((ms, i) => samples[i].push(ms));
  }
  const base = median(node);
  const rows = commands.map((c, i) => {
    const m = median(samples[i]);
    return [c.name, fmtMs(m), fmtRatio(m / base), `≤ ${c.goal}×: ${check(m / base <= c.goal)}`];
  });
  table(["command", "median wall", `/ node -e "" (${fmtMs(base)})`, "goal"], rows);
  wholeProcessFormat(dir);
}

/** `alloy fmt` of 10 MB of real content as a whole process, output to a file (goal: ≤ 0.35 s per MB of input). */
function wholeProcessFormat(dir) {
  console.log("\n### Whole process: `alloy fmt` of the corpus's .alloy files concatenated to 10 MB, beside a bare `node -e \"\"`\n");
  if (!haveCorpus) {
    console.log(`(${corpusMissing})`);
    return;
  }
  const file = path.join(dir, "real-10mb.alloy");
  writeFileSync(file, concatTo(parsingAlloyTexts(), 10_000_000));
  const bytes = readFileSync(file).length;
  const out = path.join(dir, "real-10mb.out.alloy");
  const fmtTimes = [];
  const nodeTimes = [];
  for (let round = 0; round < 6; round++) {
    nodeTimes.push(wall(["-e", ""]));
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [bin, "fmt", file], { stdio: ["ignore", "pipe", "pipe"], maxBuffer: 64 << 20 });
    if (r.status !== 0) throw new Error(`alloy fmt failed: ${String(r.stderr).slice(0, 500)}`);
    writeFileSync(out, r.stdout);
    if (round > 0) fmtTimes.push(performance.now() - t0);
  }
  const m = median(fmtTimes);
  const perMb = m / 1000 / (bytes / 1e6);
  table(["input", "median wall", "per MB", "goal", 'node -e ""'], [[`${(bytes / 1e6).toFixed(1)} MB`, fmtMs(m), `${perMb.toFixed(3)} s`, `≤ 0.35 s per MB: ${check(perMb <= 0.35)}`, fmtMs(median(nodeTimes))]]);
}

if (process.argv[1] && new URL(import.meta.url).pathname === process.argv[1]) await run();
