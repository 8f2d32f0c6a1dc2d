/**
 * Everything the page shows about the editor's text, computed with the toolchain's public APIs and nothing else:
 * the conversion in each dialect, the validator's and converter's diagnostics as editor ranges, and the pipeline
 * graph. Pure functions of the text; the page (main.ts) only displays what comes back.
 */
import { convertDiagnostic, convertDialect, convertOtelcol, convertOtelcolToHybrid, decodeWithDescription } from "@alloy-ts/converter";
import { format, SourceFile, type Diagnostic, type Severity } from "@alloy-ts/grammar";
import { graphOfSource, layoutGraph, renderSvg, type InputDiagnostic, type PipelineGraph } from "@alloy-ts/graph";
import { validateDetailed, validateOtelcolYaml } from "@alloy-ts/validator";

export type InputFormat = "otelcol" | "alloy";

/**
 * A diagnostic of the one model placed in the editor's text (UTF-16 offsets, as CodeMirror wants them), with the
 * severities CodeMirror draws (a Critical is drawn as an error) and who said it: the validator, or a conversion.
 */
export type PlacedDiagnostic = Pick<Diagnostic, "message"> & {
  readonly from: number;
  readonly to: number;
  readonly severity: "error" | "warning" | "info";
  readonly source: string;
};

/** One conversion the page offers, by the input's format. */
export interface Dialect {
  readonly id: string;
  readonly title: string;
  /** Language of the output, for highlighting. */
  readonly output: "alloy" | "yaml";
  readonly convert: (text: string, fileName: string) => { output: string | undefined; diagnostics: Diagnostic[] };
}

export const DIALECTS: Record<InputFormat, readonly Dialect[]> = {
  otelcol: [
    { id: "otelcol", title: "Alloy (otelcol.*)", output: "alloy", convert: (t, f) => convertOtelcol(t, { fileName: f }) },
    { id: "upstream", title: "upstream compat", output: "alloy", convert: (t, f) => convertOtelcol(t, { fileName: f, compat: "upstream" }) },
    { id: "otel", title: "bridge (otel.*)", output: "alloy", convert: (t, f) => convertDialect(t, { sourceFormat: "otelcol", dialect: "otel", fileName: f }) },
    { id: "hybrid", title: "hybrid", output: "alloy", convert: (t, f) => convertOtelcolToHybrid(t, { fileName: f }) },
  ],
  alloy: [
    { id: "collector", title: "collector YAML", output: "yaml", convert: (t, f) => convertDialect(t, { sourceFormat: "alloy", target: "otelcol", fileName: f }) },
    { id: "otelcol", title: "Alloy (otelcol.*)", output: "alloy", convert: (t, f) => convertDialect(t, { sourceFormat: "alloy", dialect: "otelcol", fileName: f }) },
    { id: "otel", title: "bridge (otel.*)", output: "alloy", convert: (t, f) => convertDialect(t, { sourceFormat: "alloy", dialect: "otel", fileName: f }) },
  ],
};

const COLLECTOR_KEYS = /^(receivers|exporters|processors|service|connectors|extensions)\s*:/m;

/** Collector YAML when a top-level collector section starts a line, else Alloy. */
export function detectFormat(text: string): InputFormat {
  return COLLECTOR_KEYS.test(text) ? "otelcol" : "alloy";
}

export const fileNameOf = (f: InputFormat): string => (f === "otelcol" ? "config.yaml" : "config.alloy");

export interface Conversion {
  readonly dialect: Dialect;
  readonly output: string | undefined;
  readonly diagnostics: readonly Diagnostic[];
  readonly ms: number;
}

export interface Analysis {
  readonly format: InputFormat;
  readonly conversions: readonly Conversion[];
  readonly diagnostics: readonly PlacedDiagnostic[];
  readonly graph: PipelineGraph;
}

/** Converts, validates and models the text; never throws (a failing step becomes a diagnostic). */
export function analyze(text: string, format: InputFormat): Analysis {
  const fileName = fileNameOf(format);
  const source = new SourceFile(fileName, text);
  const conversions = DIALECTS[format].map((dialect) => convertOne(dialect, text, fileName));
  const validation = format === "otelcol" ? validateCollector(text, fileName) : validateAlloy(text, fileName);
  // The converter's positions are about the input only when the input is collector YAML. Its Info messages
  // ("Converted receiver/otlp into ...") stay in the conversion's list: one per component would bury the markers.
  const converterDiagnostics =
    format === "otelcol"
      ? conversions
          .filter((c) => c.dialect.id === "otelcol")
          .flatMap((c) => c.diagnostics.filter((d) => d.severity !== "info").map((d) => placeConverter(d, source, c.dialect.title)))
      : [];
  const diagnostics = dedupe([...validation, ...converterDiagnostics]).sort((a, b) => a.from - b.from || a.to - b.to);
  const badges: InputDiagnostic[] = diagnostics.map((d) => ({ severity: d.severity, message: d.message, line: lineOf(source, d.from) }));
  const graph = safely(
    () => graphOfSource(text, fileName, format, { diagnostics: badges }),
    (message): PipelineGraph => ({ format, file: fileName, nodes: [], edges: [], containers: [], problems: [{ line: 1, column: 1, message }] }),
  );
  return { format, conversions, diagnostics, graph };
}

export function convertOne(dialect: Dialect, text: string, fileName: string): Conversion {
  const start = performance.now();
  const r = safely(
    () => dialect.convert(text, fileName),
    (message) => ({ output: undefined, diagnostics: [convertDiagnostic("critical", `internal error: ${message}`)] }),
  );
  return { dialect, output: r.output, diagnostics: r.diagnostics, ms: performance.now() - start };
}

function validateAlloy(text: string, fileName: string): PlacedDiagnostic[] {
  const r = validateDetailed([{ name: fileName, text }]);
  return r.diagnostics
    .filter((d) => d.file === fileName)
    .map((d) => ({ from: d.range.start, to: Math.max(d.range.end, d.range.start), severity: SEVERITY[d.severity], message: d.hint ? `${d.message} (${d.hint})` : d.message, source: "validator" }));
}

function validateCollector(text: string, fileName: string): PlacedDiagnostic[] {
  const r = validateOtelcolYaml(text, fileName, { decodeFallback: decodeWithDescription });
  return r.diagnostics.map((d) => ({ from: d.range.start, to: Math.max(d.range.end, d.range.start), severity: SEVERITY[d.severity], message: d.hint ? `${d.message} (${d.hint})` : d.message, source: "validator" }));
}

const SEVERITY: Record<Severity, PlacedDiagnostic["severity"]> = { critical: "error", error: "error", warning: "warning", info: "info" };

/** A converter diagnostic (1-based line, byte column) placed on the rest of its line; without a position, on line 1. */
function placeConverter(d: Diagnostic, source: SourceFile, dialect: string): PlacedDiagnostic {
  const text = source.text;
  let from = 0;
  if (d.position) {
    from = offsetOfLine(text, d.position.line);
    from += charsOfBytes(text.slice(from, lineEnd(text, from)), d.position.column - 1);
  }
  const end = lineEnd(text, from);
  const message = d.detail ? `${d.message}\n${d.detail}` : d.message;
  return { from, to: end > from ? end : Math.min(from + 1, text.length), severity: SEVERITY[d.severity], message, source: `converter, ${dialect}` };
}

function offsetOfLine(text: string, line: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const next = text.indexOf("\n", offset);
    if (next < 0) return text.length;
    offset = next + 1;
  }
  return offset;
}

function lineEnd(text: string, from: number): number {
  const i = text.indexOf("\n", from);
  return i < 0 ? text.length : i;
}

/** How many UTF-16 units of `line` the first `bytes` UTF-8 bytes cover. */
function charsOfBytes(line: string, bytes: number): number {
  let b = 0;
  let i = 0;
  for (const ch of line) {
    if (b >= bytes) break;
    const cp = ch.codePointAt(0)!;
    b += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    i += ch.length;
  }
  return i;
}

const lineOf = (source: SourceFile, offset: number): number => source.position(Math.min(offset, source.text.length)).line;

function dedupe(ds: PlacedDiagnostic[]): PlacedDiagnostic[] {
  const seen = new Set<string>();
  return ds.filter((d) => {
    const key = `${d.from}:${d.to}:${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** `alloy fmt` of Alloy text: the formatted text, or undefined when the text does not parse. */
export function formatAlloy(text: string): string | undefined {
  const r = format(text, { name: "config.alloy" });
  return r.ok ? r.text : undefined;
}

/** The graph drawn as SVG (elkjs layout, deterministic). */
export async function drawGraph(graph: PipelineGraph): Promise<string> {
  return renderSvg(await layoutGraph(graph));
}

function safely<T>(f: () => T, fallback: (message: string) => T): T {
  try {
    return f();
  } catch (e) {
    return fallback(e instanceof Error ? e.message : String(e));
  }
}
