/**
 * `alloy report DIR`: a migration report over every collector configuration under DIR. Each file is converted
 * (to otelcol.* components, or to the otel.* bridge dialect when that is not possible), the output validated and,
 * where the runtime can, verified; results are written as HTML (inline SVG charts), JSON and Markdown.
 * Files are analysed on worker threads, one per core; a progress bar is drawn only on a terminal.
 */
import { mkdirSync, readdirSync, readFileSync, statSync } from "node:fs";
import { availableParallelism } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import type { Command } from "commander";
import {
  analyzeCollectorFile, renderHtml, renderJson, renderMarkdown, STATUS_TEXT, summarize,
  type FileReport, type MigrationReport, type ReportChecks,
} from "@alloy-ts/converter";
import { validateDetailed, ValidationCode } from "@alloy-ts/validator";
import { graphFromAlloy, graphFromCollectorYaml, implementedComponents, verifyGraphs } from "@alloy-ts/runtime-lite";
import { CliError } from "../cli-error.js";
import { writeFileAtomic } from "../io.js";

interface ReportFlags {
  out?: string;
  format?: string;
  minSuccess?: string;
  jobs?: string;
}

const FORMATS = { html: ["report.html", renderHtml], json: ["report.json", renderJson], md: ["report.md", renderMarkdown] } as const;
type Format = keyof typeof FORMATS;
const WORKER_ROLE = "alloy-report-worker";
const SKIPPED_DIRS = new Set(["node_modules", ".git"]);

export function register(program: Command): void {
  program
    .command("report")
    .description("Convert, validate and verify every collector configuration under a directory and write a migration report")
    .argument("<dir>", "directory searched recursively for .yaml and .yml files")
    .option("--out <dir>", "directory the report files are written to", "alloy-report")
    .option("--format <list>", "comma-separated formats: html, json, md", "html,json,md")
    .option("--min-success <ratio>", "exit with status 1 when the success rate is below this ratio (0 to 1)")
    .option("--jobs <n>", "worker threads (default: one per core; 1 analyses in this thread)")
    .action((dir: string, flags: ReportFlags) => runReport(dir, flags));
}

/** The validator and runtime checks used for every file. */
export function reportChecks(): ReportChecks {
  const implemented = new Set(implementedComponents());
  return {
    validate(alloy, fileName) {
      const { diagnostics, sources } = validateDetailed([{ name: fileName, text: alloy }]);
      return diagnostics.map((d) => {
        const pos = sources.get(d.file)?.position(d.range.start);
        // Components below the default stability level, or community ones, run once a command-line flag enables
        // them (--stability.level, --feature.community-components.enabled): worth a warning, not manual work.
        const flagGated = d.code === ValidationCode.stability || d.code === ValidationCode.community || d.code === ValidationCode.runFlags;
        const severity = d.severity === "warning" || flagGated ? "warning" : "error";
        return { severity, message: d.message, ...(pos ? { line: pos.line, column: pos.column } : {}) };
      });
    },
    async verify(yaml, alloy) {
      const report = await verifyGraphs(graphFromCollectorYaml(yaml), graphFromAlloy(alloy));
      const messages = report.diagnostics.filter((d) => d.severity === "error").map((d) => d.message);
      for (const e of report.exporters) {
        if (e.verdict === "different") messages.push(`exporter ${e.exporter}: outputs differ (${e.expectedItems} items expected, ${e.actualItems} received)`);
      }
      const verdicts = report.exporters.map((e) => e.verdict);
      const verdict = verdicts.includes("different") ? "different" : report.ok && verdicts.length > 0 && verdicts.every((v) => v === "equivalent") ? "equivalent" : "unverified";
      return { verdict, messages };
    },
    implemented: (kind, type) => implemented.has(`${kind}:${type}`),
  };
}

/** Collector configuration files under `dir`, sorted, relative to it. */
export function findConfigs(dir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const name of readdirSync(path.join(dir, rel)).sort()) {
      const relPath = rel === "" ? name : path.join(rel, name);
      const st = statSync(path.join(dir, relPath));
      if (st.isDirectory()) {
        if (!SKIPPED_DIRS.has(name)) walk(relPath);
      } else if (/\.ya?ml$/i.test(name)) out.push(relPath);
    }
  };
  walk("");
  return out;
}

function parseFormats(text: string): Format[] {
  const formats = text.split(",").map((f) => f.trim()).filter((f) => f !== "");
  for (const f of formats) if (!(f in FORMATS)) throw new CliError(`invalid value "${f}" for --format: html, json or md`);
  if (formats.length === 0) throw new CliError("--format needs at least one of html, json, md");
  return [...new Set(formats)] as Format[];
}

function parseRatio(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (text.trim() === "" || !Number.isFinite(n) || n < 0 || n > 1) throw new CliError(`invalid value "${text}" for --min-success: a ratio between 0 and 1`);
  return n;
}

/** Draws `[#####-----] n/total` on a terminal; does nothing otherwise. */
function progressBar(total: number): { tick(): void; done(): void } {
  const tty = process.stderr.isTTY === true;
  let n = 0;
  const draw = () => {
    const width = 30;
    const filled = total === 0 ? width : Math.round((n / total) * width);
    process.stderr.write(`\r[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${n}/${total}`);
  };
  return {
    tick() {
      n++;
      if (tty) draw();
    },
    done() {
      if (tty) process.stderr.write("\n");
    },
  };
}

/** Analyses files on worker threads; falls back to this thread when workers cannot run this module. */
async function analyzeAll(dir: string, files: string[], jobs: number, onDone: () => void): Promise<FileReport[]> {
  const self = fileURLToPath(import.meta.url);
  const results: FileReport[] = new Array(files.length);
  if (jobs <= 1 || files.length <= 1 || self.endsWith(".ts")) {
    const checks = reportChecks();
    for (const [i, f] of files.entries()) {
      results[i] = await analyzeOne(dir, f, checks);
      onDone();
    }
    return results;
  }
  let next = 0;
  const runWorker = () =>
    new Promise<void>((resolve, reject) => {
      const worker = new Worker(self, { workerData: { role: WORKER_ROLE, dir } });
      let current = -1;
      const feed = () => {
        if (next >= files.length) {
          void worker.terminate().then(() => resolve());
          return;
        }
        current = next++;
        worker.postMessage({ index: current, file: files[current] });
      };
      worker.on("message", (m: { index: number; report: FileReport }) => {
        results[m.index] = m.report;
        onDone();
        feed();
      });
      worker.on("error", reject);
      worker.on("online", feed);
    });
  await Promise.all(Array.from({ length: Math.min(jobs, files.length) }, runWorker));
  return results;
}

async function analyzeOne(dir: string, file: string, checks: ReportChecks): Promise<FileReport> {
  let text: string;
  try {
    text = readFileSync(path.join(dir, file), "utf8");
  } catch (e) {
    return { file, status: "failed", verification: "skipped", components: [], diagnostics: [{ stage: "convert", severity: "critical", message: `cannot read the file: ${(e as Error).message}` }] };
  }
  return analyzeCollectorFile(file, text, checks);
}

export async function runReport(dir: string, flags: ReportFlags): Promise<void> {
  const formats = parseFormats(flags.format ?? "html,json,md");
  const minSuccess = parseRatio(flags.minSuccess);
  const jobs = flags.jobs === undefined ? availableParallelism() : Number(flags.jobs);
  if (!Number.isInteger(jobs) || jobs < 1) throw new CliError(`invalid value "${flags.jobs}" for --jobs: a positive integer`);
  let st;
  try {
    st = statSync(dir);
  } catch {
    throw new CliError(`stat ${dir}: no such file or directory`);
  }
  if (!st.isDirectory()) throw new CliError(`${dir} is not a directory`);
  const files = findConfigs(dir);
  const progress = progressBar(files.length);
  const reports = await analyzeAll(dir, files, jobs, () => progress.tick());
  progress.done();
  const report: MigrationReport = { generatedAt: new Date().toISOString(), root: dir, summary: summarize(reports), files: reports };
  const out = flags.out ?? "alloy-report";
  mkdirSync(out, { recursive: true });
  for (const f of formats) {
    const [name, render] = FORMATS[f];
    writeFileAtomic(path.join(out, name), render(report));
  }
  const s = report.summary;
  process.stdout.write(
    `${s.files} file(s): ${(["clean", "warnings", "manual", "failed"] as const).map((k) => `${STATUS_TEXT[k]} ${s.byStatus[k]}`).join(", ")}; ` +
      `success rate ${(s.successRate * 100).toFixed(1)}%; report written to ${out}\n`,
  );
  if (minSuccess !== undefined && s.successRate < minSuccess) {
    throw new CliError(`success rate ${(s.successRate * 100).toFixed(1)}% is below --min-success ${minSuccess}`);
  }
}

/** Worker side: analyse the files the main thread sends, one at a time. */
if (!isMainThread && (workerData as { role?: string } | undefined)?.role === WORKER_ROLE) {
  const { dir } = workerData as { dir: string };
  const checks = reportChecks();
  parentPort!.on("message", (m: { index: number; file: string }) => {
    void analyzeOne(dir, m.file, checks).then((report) => parentPort!.postMessage({ index: m.index, report }));
  });
}
