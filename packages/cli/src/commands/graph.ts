/**
 * `alloy graph`: draws the pipeline of an Alloy file or of collector YAML (docs/cli/graph.md) as SVG (default),
 * a self-contained HTML page, DOT, Mermaid or the JSON graph; `--dialect` draws the Alloy a collector file
 * converts to; `--compare collector.yaml collector.alloy` draws both sides of a migration, linked.
 */
import { statSync } from "node:fs";
import type { Command } from "commander";
import { convertDialect, convertOtelcol, convertOtelcolToHybrid, decodeWithDescription, findComponent } from "@alloy-ts/converter";
import {
  compareGraphs,
  graphOfAlloy,
  graphOfSource,
  layoutGraph,
  renderCompareSvg,
  renderDot,
  renderHtml,
  renderJson,
  renderMermaid,
  renderSvg,
  sourceFormatOf,
  tooLargeToLayOut,
  viewOf,
  type InputDiagnostic,
  type PipelineGraph,
  type SourceFormat,
} from "@alloy-ts/graph";
import { validateDetailed, validateOtelcolYaml } from "@alloy-ts/validator";
import { SourceFile } from "@alloy-ts/grammar";
import { CliError } from "../cli-error.js";
import { utf8Text, writeFileAtomic } from "../io.js";
import { readInputCapped } from "../read-limit.js";

interface GraphFlags {
  format?: string;
  sourceFormat?: string;
  dialect?: string;
  output?: string;
  compare?: string[];
}

const FORMATS = ["svg", "html", "dot", "mermaid", "json"] as const;
type Format = (typeof FORMATS)[number];
const DIALECTS = ["otelcol", "otel", "hybrid"];

export function register(program: Command): void {
  program
    .command("graph")
    .description("Draw the pipeline graph of an Alloy file or an OpenTelemetry Collector YAML file")
    .argument("[file]", "file to draw; - or none reads standard input")
    .option("--format <format>", "svg (default), html (self-contained, pan/zoom, click a node for its settings), dot, mermaid or json", "svg")
    .option("-f, --source-format <format>", "alloy or otelcol (default: otelcol for .yaml/.yml files, else alloy)")
    .option("--dialect <dialect>", "draw the Alloy that collector YAML converts to: otelcol (otelcol.* components), otel (the bridge dialect) or hybrid")
    .option("-o, --output <file>", "write the drawing to this file instead of standard output")
    .option("--compare <files...>", "draw a collector file and its converted Alloy file side by side, each collector component linked to what it became")
    .action((file: string | undefined, flags: GraphFlags) => runGraph(file, flags));
}

export async function runGraph(file: string | undefined, flags: GraphFlags): Promise<void> {
  const format = (flags.format ?? "svg") as Format;
  if (!FORMATS.includes(format)) throw new CliError(`invalid value "${flags.format}" for --format: svg, html, dot, mermaid or json`);
  if (flags.sourceFormat !== undefined && flags.sourceFormat !== "alloy" && flags.sourceFormat !== "otelcol") {
    throw new CliError(`unsupported --source-format "${flags.sourceFormat}": alloy or otelcol`);
  }
  if (flags.dialect !== undefined && !DIALECTS.includes(flags.dialect)) throw new CliError(`invalid value "${flags.dialect}" for --dialect: otelcol, otel or hybrid`);
  const text = flags.compare !== undefined ? await compareText(file, flags, format) : await singleText(file, flags, format);
  if (flags.output !== undefined) writeFileAtomic(flags.output, text);
  else process.stdout.write(text);
}

function readText(file: string | undefined): { name: string; text: string } {
  // Said here rather than by the reader, whose message names the verbs of the other commands.
  if (file !== undefined && file !== "-" && isDirectory(file)) throw new CliError("cannot graph a directory");
  const { name, bytes } = readInputCapped(file, "convert");
  return { name, text: utf8Text(name, bytes) };
}

function isDirectory(file: string): boolean {
  try {
    return statSync(file).isDirectory();
  } catch {
    return false; // the reader reports a missing file with upstream's wording
  }
}

/** Fails with every problem that kept part of the graph from being read, each as `file:line:col: message`. */
function failOnProblems(graph: PipelineGraph): void {
  if (graph.problems.length === 0) return;
  throw new CliError(graph.problems.map((p) => `${graph.file}:${p.line}:${p.column}: ${p.message}`).join("\n"));
}

async function singleText(file: string | undefined, flags: GraphFlags, format: Format): Promise<string> {
  const { name, text } = readText(file);
  const source = sourceFormatOf(name, flags.sourceFormat);
  let graph: PipelineGraph;
  if (flags.dialect !== undefined) {
    if (source !== "otelcol") throw new CliError("--dialect draws converted collector YAML; give a collector file (--source-format=otelcol)");
    const converted = convertTo(text, name, flags.dialect);
    graph = graphOfAlloy(converted, `${name} (${flags.dialect} dialect)`, { diagnostics: alloyDiagnostics(converted, `${name}.alloy`) });
  } else {
    graph = graphOfSource(text, name, source, { diagnostics: diagnosticsOf(text, name, source), carried });
  }
  failOnProblems(graph);
  return render(graph, format);
}

/** Refuses a drawing past the layout's bounds before starting it (the other formats need no layout). */
function checkSize(graph: PipelineGraph): void {
  const tooLarge = tooLargeToLayOut(graph);
  if (tooLarge) throw new CliError(`${graph.file}: ${tooLarge}; --format=json, dot or mermaid prints it without a layout`);
}

async function render(graph: PipelineGraph, format: Format): Promise<string> {
  if (format === "svg" || format === "html") checkSize(graph);
  switch (format) {
    case "json":
      return renderJson(graph);
    case "dot":
      return renderDot(graph);
    case "mermaid":
      return renderMermaid(graph);
    case "svg":
      return renderSvg(await layoutGraph(graph));
    case "html":
      return renderHtml(await layoutGraph(graph));
  }
}

/** The Alloy text of a collector file in a dialect; a conversion that produces nothing fails with its first error. */
function convertTo(text: string, name: string, dialect: string): string {
  const r =
    dialect === "hybrid"
      ? convertOtelcolToHybrid(text, { fileName: name })
      : convertDialect(text, { sourceFormat: "otelcol", dialect: dialect as "otelcol" | "otel", fileName: name });
  if (r.output === undefined) {
    const d = r.diagnostics.find((x) => x.severity === "critical" || x.severity === "error");
    const where = d?.position ? `${name}:${d.position.line}:${d.position.column}: ` : `${name}: `;
    throw new CliError(`${where}${d?.message ?? "the conversion produced no output"}`);
  }
  return r.output;
}

/** Whether `alloy convert` has an Alloy component for a collector component type. */
const carried = (kind: "receiver" | "processor" | "exporter" | "connector", type: string) => findComponent(kind, type) !== undefined;

function diagnosticsOf(text: string, name: string, format: SourceFormat): InputDiagnostic[] {
  return format === "otelcol" ? collectorDiagnostics(text, name) : alloyDiagnostics(text, name);
}

/** The validator's diagnostics of an Alloy file (what `alloy validate` reports with no flags), by line, for the nodes' badges. */
function alloyDiagnostics(text: string, name: string): InputDiagnostic[] {
  const r = validateDetailed([{ name, text }]);
  const source = r.sources.get(name) ?? new SourceFile(name, text);
  return r.diagnostics.filter((d) => d.file === name).map((d) => ({ severity: d.severity, message: d.message, line: source.position(d.range.start).line }));
}

function collectorDiagnostics(text: string, name: string): InputDiagnostic[] {
  const r = validateOtelcolYaml(text, name, { decodeFallback: decodeWithDescription });
  return r.diagnostics.map((d) => ({ severity: d.severity, message: d.message, line: r.source.position(d.range.start).line }));
}

async function compareText(file: string | undefined, flags: GraphFlags, format: Format): Promise<string> {
  const files = flags.compare ?? [];
  if (file !== undefined) files.unshift(file);
  if (files.length !== 2) throw new CliError(`--compare takes two files, a collector file and its Alloy conversion; got ${files.length}`);
  if (format !== "svg" && format !== "html" && format !== "json") throw new CliError(`--compare draws svg, html or json, not ${format}`);
  const yaml = readText(files[0]);
  const alloy = readText(files[1]);
  const left = graphOfSource(yaml.text, yaml.name, "otelcol", { diagnostics: collectorDiagnostics(yaml.text, yaml.name) });
  const right = graphOfAlloy(alloy.text, alloy.name, { diagnostics: alloyDiagnostics(alloy.text, alloy.name) });
  failOnProblems(left);
  failOnProblems(right);
  const { ledger } = convertOtelcol(yaml.text, { fileName: yaml.name });
  const cmp = compareGraphs(left, right, ledger);
  if (format === "json") return JSON.stringify(cmp, null, 2) + "\n";
  checkSize(cmp.collector);
  checkSize(cmp.alloy);
  const [l, r] = [await layoutGraph(cmp.collector), await layoutGraph(cmp.alloy)];
  if (format === "svg") return renderCompareSvg(l, r, cmp.links);
  return renderHtml([viewOf(l), viewOf(r)], { links: cmp.links, title: `${yaml.name} → ${alloy.name}` });
}
