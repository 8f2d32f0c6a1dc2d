/**
 * `alloy report DIR`: a migration report over every collector configuration under DIR. Each file is converted
 * (to otelcol.* components, or to the otel.* bridge dialect when that is not possible), the output validated and,
 * where the runtime can, verified; results are written as HTML (inline SVG charts), JSON and Markdown.
 * Files are analysed on worker threads, one per core; a progress bar is drawn only on a terminal.
 */
import { lstatSync, readdirSync, readFileSync, readlinkSync, realpathSync, statSync } from "node:fs";
import { availableParallelism } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import type { Command } from "commander";
import {
  analyzeCollectorFile, renderHtml, renderJson, renderMarkdown, STATUS_TEXT, summarize, unreadFile,
  type FileReport, type MigrationReport, type ReportChecks,
} from "@alloy-ts/converter";
import { validateDetailed, ValidationCode } from "@alloy-ts/validator";
import { graphFromAlloy, graphFromCollectorYaml, implementedComponents, verifyGraphs } from "@alloy-ts/runtime-lite";
import { withLedger } from "./verify-ledger.js";
// The HTML page's pipeline graphs (docs/cli/graph.md).
import { graphOfCollector, layoutGraph, renderSvg } from "@alloy-ts/graph";
import { CliError } from "../cli-error.js";
import { decodeUtf8, SourceFile } from "@alloy-ts/grammar";
import { errnoText, makeDirectory, writeFileAtomic } from "../io.js";

interface ReportFlags {
  out?: string;
  format?: string;
  minSuccess?: string;
  jobs?: string;
  fileTimeLimit?: string;
}

/** Seconds one file may take (convert, validate, verify) before it is marked and the report goes on. */
const DEFAULT_FILE_TIME_LIMIT = 120;

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
    .option("--jobs <n>", "worker threads (default: one per core)")
    .option("--file-time-limit <seconds>", "mark a file that takes longer than this to analyse, and go on", String(DEFAULT_FILE_TIME_LIMIT))
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
        return { severity, code: d.code, message: d.message, ...(pos ? { position: { line: pos.line, column: pos.column } } : {}) };
      });
    },
    async verify(yaml, alloy, ledger) {
      // As `alloy verify` does: a path holding a setting the conversion did not carry is unverified.
      const report = withLedger(await verifyGraphs(graphFromCollectorYaml(yaml), graphFromAlloy(alloy)), ledger, yaml, "");
      const messages = report.diagnostics.filter((d) => d.severity === "error").map((d) => d.message);
      for (const e of report.exporters) {
        if (e.verdict === "unverified") for (const r of e.reasons ?? []) if (r.includes(" is not carried")) messages.push(`exporter ${e.exporter}: ${r}`);
        if (e.verdict === "different") messages.push(`exporter ${e.exporter}: outputs differ (${e.expectedItems} items expected, ${e.actualItems} received)`);
      }
      const verdicts = report.exporters.map((e) => e.verdict);
      const verdict = verdicts.includes("different") ? "different" : report.ok && verdicts.length > 0 && verdicts.every((v) => v === "equivalent") ? "equivalent" : "unverified";
      return { verdict, messages };
    },
    implemented: (kind, type) => implemented.has(`${kind}:${type}`),
  };
}

const isConfigName = (name: string) => /\.ya?ml$/i.test(name);

/** What a walk of the report root found: configuration files, and entries that could not be followed. */
export interface ConfigTree {
  readonly files: string[];
  readonly problems: { readonly file: string; readonly message: string }[];
}

/**
 * Collector configuration files under `dir`, sorted, relative to it. Symbolic links are followed only while they
 * stay inside `dir` (a report covers one tree, not what its links point at) and only once per directory (so a
 * loop ends); a dangling link, a loop, a link out of the tree or an unreadable directory is one problem entry and
 * the walk goes on. Problems are recorded for entries with a configuration's name, and for links to directories.
 */
export function walkConfigs(dir: string): ConfigTree {
  const files: string[] = [];
  const problems: { file: string; message: string }[] = [];
  const root = realpathSync(dir);
  const inside = (real: string) => real === root || real.startsWith(root.endsWith(path.sep) ? root : root + path.sep);
  const walked = new Set<string>([root]);
  const walk = (rel: string, realDir: string) => {
    let names: string[];
    try {
      names = readdirSync(path.join(dir, rel)).sort();
    } catch (e) {
      problems.push({ file: rel === "" ? "." : rel, message: `cannot read the directory: ${errnoText(e)}` });
      return;
    }
    for (const name of names) {
      const relPath = rel === "" ? name : path.join(rel, name);
      const full = path.join(dir, relPath);
      let st;
      try {
        st = lstatSync(full);
      } catch (e) {
        if (isConfigName(name)) problems.push({ file: relPath, message: `cannot read the file: ${errnoText(e)}` });
        continue;
      }
      if (st.isSymbolicLink()) {
        const link = linkTarget(full);
        let real: string;
        try {
          real = realpathSync(full);
          st = statSync(full);
        } catch (e) {
          const code = (e as NodeJS.ErrnoException).code;
          const why = code === "ELOOP" ? `symbolic link loop (${link})` : code === "ENOENT" ? `dangling symbolic link (to ${link})` : `cannot follow the symbolic link: ${errnoText(e)}`;
          if (isConfigName(name) || code === "ELOOP") problems.push({ file: relPath, message: why });
          continue;
        }
        if (!inside(real)) {
          if (isConfigName(name) || st.isDirectory()) problems.push({ file: relPath, message: `symbolic link to ${link}, outside ${dir}: not followed` });
          continue;
        }
        if (st.isDirectory()) {
          if (walked.has(real)) {
            problems.push({ file: relPath, message: `symbolic link loop (${link}): a directory already in the report` });
            continue;
          }
          walked.add(real);
          walk(relPath, real);
        } else if (st.isFile() && isConfigName(name)) files.push(relPath);
        continue;
      }
      if (st.isDirectory()) {
        if (SKIPPED_DIRS.has(name)) continue;
        walked.add(path.join(realDir, name));
        walk(relPath, path.join(realDir, name));
      } else if (st.isFile() && isConfigName(name)) files.push(relPath);
    }
  };
  walk("", root);
  return { files, problems };
}

/** Path order of a walk that sorts each directory's names: by path segments, not by whole strings. */
function byWalkOrder(a: string, b: string): number {
  const x = a.split(path.sep);
  const y = b.split(path.sep);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! < y[i]! ? -1 : 1;
  return x.length - y.length;
}

function linkTarget(file: string): string {
  try {
    return readlinkSync(file);
  } catch {
    return "?";
  }
}

/** Collector configuration files under `dir`, sorted, relative to it (see `walkConfigs`). */
export function findConfigs(dir: string): string[] {
  return walkConfigs(dir).files;
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

/** The entry of a file whose analysis went past the time limit. */
function overTimeLimit(file: string, seconds: number): FileReport {
  return unreadFile(file, `analysis took longer than the time limit of ${seconds} s per file (--file-time-limit); not analysed`);
}

/**
 * Analyses files on worker threads, each file within `limit` seconds: a worker still busy then is stopped (the only
 * way to interrupt a synchronous conversion), the file marked, and a fresh worker takes the remaining files. Under
 * the TypeScript sources (tests), where workers cannot load this module, files are analysed in this thread and
 * only the asynchronous part (verification) can be cut short.
 */
async function analyzeAll(dir: string, files: string[], jobs: number, limit: number, onDone: () => void): Promise<FileReport[]> {
  const self = fileURLToPath(import.meta.url);
  const results: FileReport[] = new Array(files.length);
  // setTimeout takes at most 2^31 - 1 ms (a larger delay fires at once).
  const limitMs = Math.min(limit * 1000, 2 ** 31 - 1);
  if (self.endsWith(".ts")) {
    const checks = reportChecks();
    for (const [i, f] of files.entries()) {
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<FileReport>((resolve) => (timer = setTimeout(() => resolve(overTimeLimit(f, limit)), limitMs)));
      results[i] = await Promise.race([analyzeOne(dir, f, checks), late]);
      clearTimeout(timer);
      onDone();
    }
    return results;
  }
  let next = 0;
  // One worker at a time per slot; a worker stopped at the time limit is replaced by a new one.
  const runSlot = async () => {
    while (next < files.length) await runWorker();
  };
  const runWorker = () =>
    new Promise<void>((resolve, reject) => {
      const worker = new Worker(self, { workerData: { role: WORKER_ROLE, dir } });
      let current = -1;
      let timer: NodeJS.Timeout | undefined;
      const feed = () => {
        if (next >= files.length) {
          void worker.terminate().then(() => resolve());
          return;
        }
        current = next++;
        const index = current;
        timer = setTimeout(() => {
          results[index] = overTimeLimit(files[index]!, limit);
          onDone();
          current = -1;
          void worker.terminate().then(() => resolve());
        }, limitMs);
        worker.postMessage({ index, file: files[index] });
      };
      worker.on("message", (m: { ready?: true; index: number; report: FileReport }) => {
        if (m.ready) return feed();
        if (m.index !== current) return;
        clearTimeout(timer);
        results[m.index] = m.report;
        onDone();
        feed();
      });
      // A worker that dies on a file (out of memory, say) costs that file only: it is marked, the slot goes on.
      worker.on("error", (e) => {
        clearTimeout(timer);
        if (current < 0) return reject(e);
        results[current] = unreadFile(files[current]!, `analysis failed: ${e.message}`);
        onDone();
        current = -1;
        void worker.terminate().then(() => resolve());
      });
    });
  await Promise.all(Array.from({ length: Math.min(jobs, files.length) }, runSlot));
  return results;
}

async function analyzeOne(dir: string, file: string, checks: ReportChecks): Promise<FileReport> {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path.join(dir, file));
  } catch (e) {
    return unreadFile(file, `cannot read the file: ${errnoText(e)}`);
  }
  const decoded = decodeUtf8(bytes);
  if (decoded.invalidOffsets.length) {
    const src = new SourceFile(file, decoded.text, decoded.invalidOffsets);
    return unreadFile(file, `${src.formatPosition(decoded.invalidOffsets[0]!)}: invalid UTF-8 encoding`);
  }
  return analyzeCollectorFile(file, decoded.text, checks);
}

function parseSeconds(text: string | undefined): number {
  if (text === undefined) return DEFAULT_FILE_TIME_LIMIT;
  const n = Number(text);
  if (text.trim() === "" || !Number.isFinite(n) || n <= 0) throw new CliError(`invalid value "${text}" for --file-time-limit: a number of seconds above 0`);
  return n;
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
  const limit = parseSeconds(flags.fileTimeLimit);
  const tree = walkConfigs(dir);
  const files = tree.files;
  const progress = progressBar(files.length);
  const analysed = await analyzeAll(dir, files, jobs, limit, () => progress.tick());
  progress.done();
  const reports = [...analysed, ...tree.problems.map((p) => unreadFile(p.file, p.message))].sort((a, b) => byWalkOrder(a.file, b.file));
  const report: MigrationReport = { generatedAt: new Date().toISOString(), root: dir, summary: summarize(reports), files: reports };
  const out = flags.out ?? "alloy-report";
  makeDirectory(out);
  const graphs = formats.includes("html") ? await fileGraphs(dir, files) : undefined;
  for (const f of formats) {
    const [name, render] = FORMATS[f];
    writeFileAtomic(path.join(out, name), f === "html" ? renderHtml(report, { graphs }) : render(report));
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

/** The SVG pipeline graph of each readable file (one that cannot be read or drawn has none). */
async function fileGraphs(dir: string, files: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const file of files) {
    try {
      const decoded = decodeUtf8(readFileSync(path.join(dir, file)));
      if (decoded.invalidOffsets.length > 0) continue;
      const graph = graphOfCollector(decoded.text, file);
      if (graph.problems.length === 0 && graph.nodes.length > 0) out.set(file, renderSvg(await layoutGraph(graph)));
    } catch {
      // The file's row already says what is wrong with it.
    }
  }
  return out;
}

/** Worker side: analyse the files the main thread sends, one at a time. */
if (!isMainThread && (workerData as { role?: string } | undefined)?.role === WORKER_ROLE) {
  const { dir } = workerData as { dir: string };
  const checks = reportChecks();
  parentPort!.on("message", (m: { index: number; file: string }) => {
    void analyzeOne(dir, m.file, checks).then((report) => parentPort!.postMessage({ index: m.index, report }));
  });
  // Ready only now, with the modules loaded: the main thread starts a file's time limit when it sends the file.
  parentPort!.postMessage({ ready: true });
}
