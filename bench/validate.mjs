// Validation after parsing, against the parse of the same text measured in the same run: a 10,000-line
// configuration, and growth when the configuration is 4× longer (40,000 lines). Two shapes: exporters fed by
// batch processors (bench/generate.mjs, as the syntax suite parses), and the Alloy text the converter writes for
// a generated collector configuration (many component types, some below the default stability level, so the
// diagnostics path is measured too).
import { pathToFileURL } from "node:url";
import { parse } from "../packages/grammar/dist/index.js";
import { convertOtelcol } from "../packages/converter/dist/index.js";
import { validate } from "../packages/validator/dist/index.js";
import { generateAlloyLines, generateCollectorYaml, generateOttlRegexLines } from "./generate.mjs";
import { check, fmtMs, fmtRatio, table, time } from "./harness.mjs";
import { concatTo, corpusMissing, haveCorpus, nonAsciiSummary, parsingAlloyTexts } from "./corpus.mjs";

const lineCount = (text) => text.split("\n").length - 1;

/** Alloy text of about `lines` lines converted from a generated collector configuration. */
function convertedAlloy(lines) {
  // The converter writes about two Alloy lines per collector line (measured on the generator's output).
  const result = convertOtelcol(generateCollectorYaml(Math.round(lines / 2.07)), { fileName: "collector.yaml" });
  if (result.output === undefined) throw new Error("convertedAlloy: the conversion produced no output");
  return result.output;
}

function measure(text) {
  const runs = lineCount(text) > 20_000 ? 5 : 9;
  const tParse = time(() => parse(text, { name: "big.alloy" }), { runs, warmup: 2 });
  const parsed = parse(text, { name: "big.alloy" });
  if (parsed.diagnostics.length > 0) throw new Error(`validate bench: the input does not parse: ${parsed.diagnostics[0].message}`);
  // The first validation of this text: nothing it checks (patterns, statements) has been seen before.
  const t0 = performance.now();
  const diagnostics = validate([parsed]).length;
  const tFirst = performance.now() - t0;
  const tValidate = time(() => validate([parsed]), { runs, warmup: 2 });
  return { lines: lineCount(text), tParse, tValidate, tFirst, diagnostics };
}

export function run() {
  console.log("\n## Validate: after parsing (goals: 10,000 lines ≤ 100 ms, on the first validation of the text too; 4× the lines ≤ 4.8× the time, i.e. linear within 20%)\n");
  // Schemas are loaded once per process: a small unrelated validation first, so "first run" is the input's own.
  validate([parse(generateAlloyLines(40), { name: "warm.alloy" })]);
  const shapes = [
    ["exporters + batch", generateAlloyLines],
    ["converted collector config", convertedAlloy],
    ["OTTL + regular expressions", generateOttlRegexLines],
  ];
  const rows = [];
  const scaling = [];
  for (const [name, generate] of shapes) {
    const [a, b] = [measure(generate(10_000)), measure(generate(40_000))];
    for (const r of [a, b]) {
      rows.push([
        name,
        r.lines.toLocaleString("en-US"),
        String(r.diagnostics),
        fmtMs(r.tParse),
        `${fmtMs(r.tValidate)}${r === a ? ` ${check(r.tValidate <= 100)}` : ""}`,
        `${fmtMs(r.tFirst)}${r === a ? ` ${check(r.tFirst <= 100)}` : ""}`,
        fmtRatio(r.tValidate / r.tParse),
      ]);
    }
    scaling.push([name, (b.tValidate / a.tValidate) * (a.lines / b.lines) * 4, (b.tParse / a.tParse) * (a.lines / b.lines) * 4]);
  }
  table(["input", "lines", "diagnostics", "parse", "validate", "first validate", "validate/parse"], rows);
  console.log("");
  for (const [name, v, p] of scaling) console.log(`scaling 10,000 → 40,000 lines (${name}): validate ${fmtRatio(v)} ${check(v <= 4.8)} (parse ${fmtRatio(p)})`);
  runReal();
}

/**
 * Real content: the corpus's `.alloy` files that parse, validated one by one (each against the parse of the same
 * files), and concatenated to about 10,000 lines (one configuration with every file's components; repeated
 * labels are diagnostics, which the suite measures too).
 */
function runReal() {
  console.log("\n### Real content: ../shared/corpus .alloy files, one by one and concatenated to about 10,000 lines (goal: ≤ 100 ms for 10,000 lines)\n");
  if (!haveCorpus) {
    console.log(`(${corpusMissing})`);
    return;
  }
  const texts = parsingAlloyTexts();
  const parsedEach = texts.map((t, i) => parse(t, { name: `f${i}.alloy` }));
  const opts = { stabilityLevel: "experimental", communityComponents: true };
  const tParseEach = time(() => texts.forEach((t, i) => parse(t, { name: `f${i}.alloy` })), { runs: 7, warmup: 2 });
  const tValidateEach = time(() => parsedEach.forEach((p) => validate([p], opts)), { runs: 7, warmup: 2 });
  const all = texts.join("\n");
  const joined = concatTo(texts, Math.round(all.length * (10_000 / lineCount(all))));
  const parsed = parse(joined, { name: "joined.alloy" });
  const tParse = time(() => parse(joined, { name: "joined.alloy" }), { runs: 7, warmup: 2 });
  const tValidate = time(() => validate([parsed], opts), { runs: 7, warmup: 2 });
  const lines = (n) => n.toLocaleString("en-US");
  table(["input", "text", "parse", "validate", "validate/parse"], [
    [`${texts.length} files one by one (${lines(lineCount(all))} lines)`, nonAsciiSummary(all), fmtMs(tParseEach), fmtMs(tValidateEach), fmtRatio(tValidateEach / tParseEach)],
    [`concatenated (${lines(lineCount(joined))} lines)`, nonAsciiSummary(joined), fmtMs(tParse), `${fmtMs(tValidate)} ${check(tValidate <= 100 * (lineCount(joined) / 10_000))}`, fmtRatio(tValidate / tParse)],
  ]);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) run();
