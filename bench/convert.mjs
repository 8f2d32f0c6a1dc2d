// Collector YAML → Alloy conversion time against `yaml.parse` of the same file, measured in the same run (the
// converter's own YAML library, so the baseline is the reading the conversion cannot avoid); scaling when the
// configuration grows 10×; the hybrid dialect (components without an Alloy equivalent kept as otel.* blocks) and
// the otel.* bridge dialect against the same baseline.
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { convertOtelcol, convertOtelcolToBridge } from "../packages/converter/dist/index.js";
import { generateCollectorYaml } from "./generate.mjs";
import { performance } from "node:perf_hooks";
import { check, fmtMs, fmtRatio, table } from "./harness.mjs";
import { collectorFiles, corpusMissing, haveCorpus, nonAsciiSummary } from "./corpus.mjs";

// `yaml` is the converter's dependency, not the root's: resolve it from the converter package.
const requireFromConverter = createRequire(new URL("../packages/converter/package.json", import.meta.url));
const YAML = await import(pathToFileURL(requireFromConverter.resolve("yaml")).href);

const lineCount = (text) => text.split("\n").length - 1;

/** Converts once outside the timing and fails loudly if the conversion produced nothing (a broken benchmark). */
function checked(name, convert, text) {
  const result = convert(text);
  if (result.output === undefined) {
    const first = result.diagnostics.find((d) => d.severity === "critical" || d.severity === "error");
    throw new Error(`${name}: the conversion produced no output (${first?.message ?? "no diagnostic"})`);
  }
  return lineCount(result.output);
}

/**
 * Medians in milliseconds of interleaved runs: every round runs `plan` in order (a series may appear in it more
 * than once), so load from other processes that comes and goes during the suite lands on the baseline and the
 * conversion alike (a ratio of two medians taken seconds apart measures the machine as much as the code). Series
 * marked `warm` are warmed up first for a minimum count and time; a large input is measured from its first round
 * (one run takes seconds, and the checking conversion before it has warmed the code).
 */
function interleaved(plan, rounds) {
  const samples = new Map(plan.map((s) => [s, []]));
  for (const s of samples.keys()) {
    if (!s.warm) continue;
    const until = performance.now() + 300;
    for (let i = 0; i < 3 || performance.now() < until; i++) s.fn();
  }
  for (let r = 0; r < rounds; r++) {
    for (const s of plan) {
      const t0 = performance.now();
      s.fn();
      samples.get(s).push(performance.now() - t0);
    }
  }
  return [...samples.values()].map((list) => list.sort((x, y) => x - y)[list.length >> 1]);
}

export function run() {
  console.log("\n## Convert: collector YAML → Alloy (goals: 5,000 lines ≤ 2× yaml.parse; 10× the lines ≤ 12× the time)\n");
  const small = generateCollectorYaml(5_000);
  const large = generateCollectorYaml(50_000);
  const hybrid = generateCollectorYaml(5_000, { unsupported: true });
  const otelcol = (t) => convertOtelcol(t, { fileName: "collector.yaml" });
  const variants = [
    { name: "otelcol (default)", text: small, convert: otelcol, goal: 2 },
    { name: "otelcol, 10× lines", text: large, convert: otelcol },
    { name: "hybrid dialect", text: hybrid, convert: (t) => convertOtelcol(t, { fileName: "collector.yaml", dialect: "hybrid" }) },
    { name: "otel.* bridge dialect", text: small, convert: (t) => convertOtelcolToBridge(t, { fileName: "collector.yaml" }) },
  ];
  const outLines = variants.map((v) => checked(v.name, v.convert, v.text));
  const series = (v) => {
    const warm = v.text !== large;
    return [{ fn: () => YAML.parse(v.text), warm }, { fn: () => v.convert(v.text), warm }];
  };
  const [a, b, ...others] = variants.map(series);
  // Both sizes of the default conversion share each round, so that the scaling compares runs made under the same
  // load: the large pair once, then the small pair five times (the first small runs after a large one also pay
  // for collecting its garbage; the median of fifteen leaves them out).
  const [bYaml, bConvert, aYaml, aConvert] = interleaved([...b, ...Array.from({ length: 5 }, () => a).flat()], 3);
  const times = [[aYaml, aConvert], [bYaml, bConvert], ...others.map((pair) => interleaved(pair, 9))];
  const rows = variants.map((v, i) => {
    const [tYaml, tConvert] = times[i];
    const ratio = tConvert / tYaml;
    return [
      v.name,
      `${lineCount(v.text).toLocaleString("en-US")} → ${outLines[i].toLocaleString("en-US")}`,
      fmtMs(tYaml),
      fmtMs(tConvert),
      `${fmtRatio(ratio)}${v.goal ? ` ${check(ratio <= v.goal)}` : ""}`,
    ];
  });
  table(["conversion", "lines in → out", "yaml.parse", "convert", "convert/yaml.parse"], rows);
  const lines = lineCount(small) / lineCount(large);
  const scale = (bConvert / aConvert) * lines * 10;
  const yamlScale = (bYaml / aYaml) * lines * 10;
  console.log(`\nscaling 5,000 → 50,000 lines: convert ${fmtRatio(scale)} ${check(scale <= 12)} (yaml.parse ${fmtRatio(yamlScale)})`);
  runReal();
}

const SECTIONS = ["receivers", "processors", "exporters", "connectors", "extensions"];

/** `type/name` made unique to file `i`: `otlp` → `otlp/f3`, `otlp/a` → `otlp/a_f3`. */
const renamed = (id, i) => (id.includes("/") ? `${id}_f${i}` : `${id}/f${i}`);

/**
 * The corpus's collector files merged into one configuration: every component and pipeline ID made unique to its
 * file, with the references to them (pipeline lists, service extensions, settings naming an extension) renamed
 * alike, so the merged file has the same components as the files one by one.
 */
function mergedCorpus(files) {
  const merged = Object.fromEntries(SECTIONS.map((s) => [s, {}]));
  merged.service = { extensions: [], pipelines: {} };
  let used = 0;
  files.forEach(([, text], i) => {
    let doc;
    try {
      doc = YAML.parse(text);
    } catch {
      return;
    }
    if (doc === null || typeof doc !== "object" || Array.isArray(doc) || typeof doc.service?.pipelines !== "object" || doc.service.pipelines === null) return;
    used++;
    const ids = new Set(SECTIONS.flatMap((s) => (doc[s] && typeof doc[s] === "object" ? Object.keys(doc[s]) : [])));
    const rename = (v) => (typeof v === "string" && ids.has(v) ? renamed(v, i) : Array.isArray(v) ? v.map(rename) : v && typeof v === "object" ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, rename(x)])) : v);
    for (const s of SECTIONS) for (const [id, cfg] of Object.entries(doc[s] ?? {})) merged[s][renamed(id, i)] = rename(cfg);
    if (Array.isArray(doc.service.extensions)) merged.service.extensions.push(...doc.service.extensions.map((e) => renamed(String(e), i)));
    for (const [id, p] of Object.entries(doc.service.pipelines)) merged.service.pipelines[renamed(id, i)] = rename(p);
  });
  for (const s of SECTIONS) if (Object.keys(merged[s]).length === 0) delete merged[s];
  return { text: YAML.stringify(merged), used };
}

/** The same measurement on collector files other people wrote: each file on its own, and all of them merged into one. */
function runReal() {
  console.log("\n### Real content: ../shared/corpus collector files, one by one and merged into one file\n");
  if (!haveCorpus) {
    console.log(`(${corpusMissing})`);
    return;
  }
  const files = collectorFiles();
  const all = files.map(([, t]) => t);
  const { text: merged, used } = mergedCorpus(files);
  const oneByOne = { fn: () => { for (const t of all) { try { YAML.parse(t); } catch { /* a file the collector refuses too */ } } }, warm: true };
  const convertEach = { fn: () => { for (const t of all) convertOtelcol(t, { fileName: "collector.yaml" }); }, warm: true };
  const mergedYaml = { fn: () => YAML.parse(merged), warm: true };
  const mergedConvert = { fn: () => convertOtelcol(merged, { fileName: "collector.yaml" }), warm: true };
  const [tYaml, tConvert, tMYaml, tMConvert] = interleaved([oneByOne, convertEach, mergedYaml, mergedConvert], 7);
  const bytes = all.reduce((n, t) => n + t.length, 0);
  table(["input", "text", "yaml.parse", "convert", "convert/yaml.parse"], [
    [`${files.length} files one by one (${(bytes / 1e3).toFixed(0)} KB)`, nonAsciiSummary(all.join("")), fmtMs(tYaml), fmtMs(tConvert), `${fmtRatio(tConvert / tYaml)} ${check(tConvert / tYaml <= 2)}`],
    [`${used} files merged (${lineCount(merged).toLocaleString("en-US")} lines)`, nonAsciiSummary(merged), fmtMs(tMYaml), fmtMs(tMConvert), `${fmtRatio(tMConvert / tMYaml)} ${check(tMConvert / tMYaml <= 2)}`],
  ]);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) run();
