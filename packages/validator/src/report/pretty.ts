/**
 * Upstream's diagnostic pretty printer (alloy-cli spec 4.1: syntax/diag/printer.go with one context line
 * before and after).
 */
import { maskSecretValues, safeMessage, type SourceFile } from "@alloy-ts/grammar";
import type { ValidationDiagnostic } from "../diagnostic.js";
import { isSecretSetting } from "./secrets.js";

export interface PrettyOptions {
  /** ANSI colours (bold red `Error: `, bold yellow `Warning: `, bold header). */
  readonly color?: boolean;
  /** Append each diagnostic's hint as an extra `= hint: ...` line (not upstream; off by default). */
  readonly hints?: boolean;
}

const BOLD = "\x1b[1m";
const RED = "\x1b[31m";
const YELLOW = "\x1b[33m";
const RESET = "\x1b[0m";

/**
 * Renders diagnostics as upstream prints them for `alloy validate` (no trailing newline after the last). Unlike
 * upstream, the quoted lines never show a secret: values of secret settings are masked (same byte columns, so the
 * carets still point where they should), and messages have URL credentials and control characters made safe.
 */
export function renderPretty(diags: readonly ValidationDiagnostic[], sources: ReadonlyMap<string, SourceFile>, opts: PrettyOptions = {}): string {
  const parts: string[] = [];
  const masked = new Map<string, string[]>();
  const linesOf = (src: SourceFile) => {
    let lines = masked.get(src.name);
    if (!lines) masked.set(src.name, (lines = printable(maskSecretValues(src.text, isSecretSetting)).split("\n")));
    return lines;
  };
  for (const d of diags) parts.push(renderOne(d, sources.get(d.file), opts, linesOf));
  return parts.join("\n");
}

/**
 * Control characters of a quoted line as `?`, one per UTF-8 byte so byte columns stay right: they would otherwise
 * reach the terminal raw (tabs and vertical tabs are expanded where the line is printed).
 */
function printable(text: string): string {
  return text
    .replace(/[\x00-\x08\x0c\x0e-\x1f\x7f]/g, "?")
    .replace(/[\x80-\x9f]/g, "??")
    .replace(/[\u202a-\u202e\u2066-\u2069]/g, "???");
}

function renderOne(d: ValidationDiagnostic, src: SourceFile | undefined, opts: PrettyOptions, linesOf: (src: SourceFile) => string[]): string {
  const sev = d.severity === "warning" ? "Warning" : d.severity === "info" ? "Info" : "Error";
  const pos = src ? src.position(d.range.start) : undefined;
  const where = pos ? `${d.file}:${pos.line}:${pos.column}` : d.file || "-";
  let header: string;
  if (opts.color) {
    const c = d.severity === "error" ? RED : YELLOW;
    header = `${BOLD}${c}${sev}: ${RESET}${BOLD}${where}: ${safeMessage(d.message)}${RESET}`;
  } else header = `${sev}: ${where}: ${safeMessage(d.message)}`;
  let out = header + "\n";
  if (src && pos) {
    out += "\n" + context(d, src, linesOf(src));
  }
  if (opts.hints && d.hint) out += `  = hint: ${d.hint}\n`;
  return out;
}

function context(d: ValidationDiagnostic, src: SourceFile, lines: readonly string[]): string {
  const start = src.position(d.range.start);
  // Parse errors carry only a start position upstream (syntax spec 7).
  const hasEnd = d.range.end > d.range.start && !d.code.startsWith("syntax/");
  const end = hasEnd ? src.position(d.range.end - 1) : start;
  const multi = end.line > start.line;
  const first = Math.max(start.line - 1, 1);
  const last = Math.min(end.line + 1, lines.length);
  const width = String(last).length;
  let out = "";
  for (let ln = first; ln <= last; ln++) {
    const raw = lines[ln - 1] ?? "";
    let row = `${String(ln).padStart(width)} | `;
    if (multi) row += inRange(ln, 0, start, end) ? "| " : "  ";
    row += raw.replace(/\r/g, "").replace(/[\t\v]/g, "    ");
    out += row + "\n";
    if (ln === start.line || (multi && ln === end.line)) {
      let m = " ".repeat(width) + (multi && ln === start.line ? " |  _" : multi ? " | |_" : " | ");
      const blank = multi ? "_" : " ";
      let col = 1;
      for (const ch of raw) {
        if (ln === end.line && col > end.column) break;
        if (ch === "\t" || ch === "\v") m += blank.repeat(4);
        else m += inRange(ln, col, start, end) ? "^" : blank;
        col += Buffer.byteLength(ch, "utf8");
      }
      out += m + "\n";
    }
  }
  return out;
}

interface Pos {
  readonly line: number;
  readonly column: number;
}

function inRange(line: number, col: number, start: Pos, end: Pos): boolean {
  if (line < start.line || line > end.line) return false;
  if (line === start.line) return col >= start.column;
  if (line === end.line) return col <= end.column;
  return true;
}
