#!/usr/bin/env node
/**
 * `npm run fuzz`: bounded fast-check campaigns over parse, format, validate, the language service and Alloy →
 * collector YAML conversion, run against the built packages (`npm run build` first).
 *
 *   node scripts/fuzz.mjs [--inputs N] [--seconds S] [--seed K] [--campaign parse,format,...] [--hang-seconds H]
 *
 * Each campaign runs in a worker thread watched by this process: an input that keeps a worker busy for
 * `--hang-seconds` (default 10) is recorded as a hang and the campaign restarts with a new seed. Seeds in
 * scripts/fuzz-seeds/<campaign>/ are run first; every new finding is written there (shrunk), to be kept as a
 * regression seed once fixed. Prints one line per campaign and exits 1 if anything was found.
 */
import { Worker, isMainThread, parentPort, workerData } from "node:worker_threads";
import { readFileSync, existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { readSeeds, saveSeed } from "./fuzz/seeds.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.join(here, "..");
const CAMPAIGNS = ["parse", "format", "validate", "lsp", "convert", "convert-yaml", "validate-yaml", "otlp"];
/** Room for the input being tried, shared with the watchdog (longer inputs are cut in the hang report). */
const INPUT_BYTES = 1 << 20;

async function loadLibraries() {
  const dist = (pkg, file = "index.js") => import(path.join(root, "packages", pkg, "dist", file));
  const [grammar, validator, lsp, converter, runtime] = await Promise.all([dist("grammar"), dist("validator"), dist("lsp"), dist("converter"), dist("runtime-lite")]);
  return { grammar, validator, lsp, converter, runtime };
}

if (!isMainThread) {
  // Worker: run one campaign, publishing each input and a heartbeat for the watchdog.
  const { name, inputs, seconds, seed, shared } = workerData;
  const { createCampaigns, runCampaign } = await import("./fuzz/campaigns.mjs");
  const { campaigns, stats } = createCampaigns(await loadLibraries());
  const beat = new Int32Array(shared, 0, 2);
  const bytes = new Uint8Array(shared, 8);
  const encoder = new TextEncoder();
  const onInput = (text) => {
    const { written } = encoder.encodeInto(text, bytes);
    Atomics.store(beat, 1, written);
    Atomics.add(beat, 0, 1);
  };
  const result = runCampaign(campaigns[name], name, { inputs, seconds, seed, seeds: workerData.withSeeds ? readSeeds(name) : [], onInput });
  parentPort.postMessage({ ...result, stats });
} else {
  const argv = process.argv.slice(2);
  const opt = (flag, dflt) => {
    const i = argv.indexOf(flag);
    if (i < 0) return dflt;
    const v = argv[i + 1];
    if (v === undefined || v.startsWith("--")) throw new Error(`${flag} needs a value`);
    return v;
  };
  const num = (flag, dflt) => {
    const v = Number(opt(flag, dflt));
    if (!Number.isFinite(v) || v <= 0) {
      console.error(`Error: ${flag} must be a positive number`);
      process.exit(2);
    }
    return v;
  };
  if (argv.includes("--help")) {
    const lines = readFileSync(fileURLToPath(import.meta.url), "utf8").split("\n");
    console.log(lines.slice(2, lines.indexOf(" */")).map((l) => l.replace(/^ \* ?/, "")).join("\n"));
    process.exit(0);
  }
  const inputs = num("--inputs", 2000);
  const seconds = num("--seconds", 1e9);
  const hangSeconds = num("--hang-seconds", 10);
  const seed = Math.floor(num("--seed", (Date.now() % 2 ** 31) + 1));
  const names = opt("--campaign", CAMPAIGNS.join(",")).split(",");
  for (const n of names) if (!CAMPAIGNS.includes(n)) (console.error(`Error: unknown campaign ${n}; known: ${CAMPAIGNS.join(", ")}`), process.exit(2));
  if (!existsSync(path.join(root, "packages", "grammar", "dist", "index.js"))) (console.error("Error: packages are not built; run npm run build first"), process.exit(2));

  console.log(`fuzz: seed ${seed}, up to ${inputs} inputs${seconds < 1e9 ? ` or ${seconds} s` : ""} per campaign`);
  let found = 0;
  for (const name of names) {
    const total = { tried: 0, crash: 0, hang: 0, invariant: 0, findings: [], relaid: 0, invalid: 0 };
    const t0 = Date.now();
    let runSeed = seed;
    let first = true;
    while (total.tried < inputs && Date.now() - t0 < seconds * 1000) {
      const shared = new SharedArrayBuffer(8 + INPUT_BYTES);
      const beat = new Int32Array(shared, 0, 2);
      const left = seconds * 1000 - (Date.now() - t0);
      const worker = new Worker(fileURLToPath(import.meta.url), { workerData: { name, inputs: inputs - total.tried, seconds: left / 1000, seed: runSeed, shared, withSeeds: first } });
      first = false;
      const outcome = await new Promise((resolve) => {
        let lastBeat = -1;
        let still = 0;
        const timer = setInterval(() => {
          const b = Atomics.load(beat, 0);
          if (b !== lastBeat) ((lastBeat = b), (still = 0));
          else if (++still * 250 >= hangSeconds * 1000) {
            clearInterval(timer);
            const input = new TextDecoder().decode(new Uint8Array(shared, 8, Atomics.load(beat, 1)));
            void worker.terminate();
            resolve({ hang: input, tried: b });
          }
        }, 250);
        worker.on("message", (r) => (clearInterval(timer), resolve({ result: r })));
        worker.on("error", (e) => (clearInterval(timer), resolve({ error: e, tried: Atomics.load(beat, 0) })));
      });
      if (outcome.result) {
        const r = outcome.result;
        total.tried += r.tried;
        for (const k of ["crash", "hang", "invariant"]) total[k] += r[k];
        total.findings.push(...r.findings);
        total.relaid += r.stats.strictNonIdempotent;
        total.invalid += r.stats.skippedInvalid;
        if (r.tried === 0) break;
        if (r.findings.length >= 50) break;
        if (r.tried >= inputs - total.tried || Date.now() - t0 >= seconds * 1000) break;
        runSeed++;
        continue;
      }
      total.tried += outcome.tried;
      if (outcome.hang !== undefined) {
        total.hang++;
        total.findings.push({ kind: "hang", message: `no progress for ${hangSeconds} s`, input: outcome.hang });
      } else {
        total.crash++;
        total.findings.push({ kind: "crash", message: `worker died: ${outcome.error?.message}`, input: "" });
      }
      runSeed++;
    }
    const secs = ((Date.now() - t0) / 1000).toFixed(1);
    console.log(`${name}: ${total.tried} inputs tried, ${total.crash} crashes, ${total.hang} hangs, ${total.invariant} invariant violations (${secs} s)`);
    if (name === "format") console.log(`  (${total.invalid} inputs did not parse and were refused as they must be; ${total.relaid} outputs were re-aligned or had a comment moved by a second run, meaning and tokens kept, as upstream's printer does: spec F32, F36)`);
    for (const f of total.findings) {
      found++;
      const where = f.input && !f.fromSeed ? path.relative(root, saveSeed(name, f.input)) : f.fromSeed ? "(existing seed)" : "";
      console.log(`  ${f.kind}: ${f.message.split("\n")[0].slice(0, 300)}\n    input ${JSON.stringify(f.input).slice(0, 300)} ${where}`);
    }
  }
  process.exitCode = found > 0 ? 1 : 0;
}
