// Collector YAML → Alloy conversion time against `yaml.parse` of the same file, measured in the same run (the
// converter's own YAML library, so the baseline is the reading the conversion cannot avoid); scaling when the
// configuration grows 10×; the hybrid dialect (components without an Alloy equivalent kept as otel.* blocks) and
// the otel.* bridge dialect against the same baseline.
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { convertOtelcol, convertOtelcolToBridge } from "../packages/converter/dist/index.js";
import { generateCollectorYaml } from "./generate.mjs";
import { check, fmtMs, fmtRatio, table, time } from "./harness.mjs";

// `yaml` is the converter's dependency, not the root's: resolve it from the converter package.
const requireFromConverter = createRequire(new URL("../packages/converter/package.json", import.meta.url));
const YAML = await import(pathToFileURL(requireFromConverter.resolve("yaml")).href);

const lineCount = (text) => text.split("\n").length - 1;

/** Converts once outside the timing and fails loudly if the conversion produced nothing (a broken benchmark). */
function checked(name, convert, text) {
  const result = convert(text);
  if (result.output === undefined) {
    const first = result.diagnostics.find((d) => d.severity === "critical" || d.severity === "error");
    throw new Error(`${name}: the conversion produced no output (${first?.summary ?? "no diagnostic"})`);
  }
  return lineCount(result.output);
}

export function run() {
  console.log("\n## Convert: collector YAML → Alloy (goals: 5,000 lines ≤ 2× yaml.parse; 10× the lines ≤ 12× the time)\n");
  const small = generateCollectorYaml(5_000);
  const large = generateCollectorYaml(50_000);
  const hybrid = generateCollectorYaml(5_000, { unsupported: true });
  const variants = [
    { name: "otelcol (default)", text: small, convert: (t) => convertOtelcol(t, { fileName: "collector.yaml" }), goal: 2 },
    { name: "otelcol, 10× lines", text: large, convert: (t) => convertOtelcol(t, { fileName: "collector.yaml" }), runs: 3 },
    { name: "hybrid dialect", text: hybrid, convert: (t) => convertOtelcol(t, { fileName: "collector.yaml", dialect: "hybrid" }) },
    { name: "otel.* bridge dialect", text: small, convert: (t) => convertOtelcolToBridge(t, { fileName: "collector.yaml" }) },
  ];
  const rows = [];
  const results = new Map();
  for (const v of variants) {
    const outLines = checked(v.name, v.convert, v.text);
    // The large input runs after the small one has warmed the same code, and one run of it takes seconds.
    const opts = v.runs ? { runs: v.runs, warmup: 0 } : { runs: 7, warmup: 3 };
    const tYaml = time(() => YAML.parse(v.text), opts);
    const tConvert = time(() => v.convert(v.text), opts);
    results.set(v.name, { tYaml, tConvert });
    const ratio = tConvert / tYaml;
    rows.push([
      v.name,
      `${lineCount(v.text).toLocaleString("en-US")} → ${outLines.toLocaleString("en-US")}`,
      fmtMs(tYaml),
      fmtMs(tConvert),
      `${fmtRatio(ratio)}${v.goal ? ` ${check(ratio <= v.goal)}` : ""}`,
    ]);
  }
  table(["conversion", "lines in → out", "yaml.parse", "convert", "convert/yaml.parse"], rows);
  const a = results.get("otelcol (default)"), b = results.get("otelcol, 10× lines");
  const scale = (b.tConvert / a.tConvert) * (lineCount(small) / lineCount(large)) * 10;
  const yamlScale = (b.tYaml / a.tYaml) * (lineCount(small) / lineCount(large)) * 10;
  console.log(`\nscaling 5,000 → 50,000 lines: convert ${fmtRatio(scale)} ${check(scale <= 12)} (yaml.parse ${fmtRatio(yamlScale)})`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) run();
