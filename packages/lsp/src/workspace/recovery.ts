/**
 * Keeps syntax errors where they are typed. Upstream's parser (and ours, for parity of messages and positions)
 * reports a half-typed statement and then often misreads everything after it: a reference typed up to its
 * trailing `.` or a deleted `}` produced errors in unrelated blocks and no semantic checks at all.
 *
 * When a parse has errors, the document is cut into its top-level statements (each starts on a line that begins
 * with an identifier, as formatted Alloy files are written), each statement is parsed on its own, and the ones
 * that fail are replaced by a stub: their header with an empty body (`name "label" {}`), or blanks for a top-level
 * attribute, keeping every offset and line. The stubbed text parses cleanly, so every other block keeps its tree
 * and its validator checks; references to a broken block still resolve; each broken statement reports the first
 * error of its own parse. When the cut does not isolate the errors, the whole-file parse is kept as it is.
 */
import { parse, SourceFile } from "@alloy-ts/grammar";
import type { Diagnostic, File } from "@alloy-ts/grammar";

export interface Recovered {
  /** Tree of the stubbed text (offsets are the document's). */
  readonly file: File;
  /** The stubbed text, for checks that read the source. */
  readonly source: SourceFile;
  /** One diagnostic per broken top-level statement. */
  readonly syntax: readonly Diagnostic[];
  /** `[start, end)` of every broken statement: checks of the stubs there say nothing about what was typed. */
  readonly broken: readonly (readonly [number, number])[];
  /** Labels of `declare` blocks among the broken statements: their instances cannot be checked meanwhile. */
  readonly brokenDeclares: readonly string[];
}

/** A recovered analysis, or undefined when the errors cannot be isolated to statements. */
export function recover(text: string, name: string): Recovered | undefined {
  const starts = statementStarts(text);
  if (!starts.length) return undefined;
  const broken: [number, number][] = [];
  const syntax: Diagnostic[] = [];
  const brokenDeclares: string[] = [];
  let stubbed = "";
  let from = 0;
  for (let i = 0; i < starts.length; i++) {
    const start = starts[i]!;
    const end = i + 1 < starts.length ? starts[i + 1]! : text.length;
    const piece = text.slice(start, end);
    const alone = parse(piece, { name });
    const first = alone.diagnostics.find((d) => d.severity === "error");
    if (!first) continue;
    broken.push([start, end]);
    const declare = /^declare[ \t]+"((?:[^"\\\n]|\\.)*)"/.exec(piece);
    if (declare) brokenDeclares.push(declare[1]!);
    syntax.push(atStatementEnd(text, { ...first, range: { start: first.range.start + start, end: first.range.end + start } }));
    stubbed += text.slice(from, start) + stub(piece);
    from = end;
  }
  if (!broken.length) return undefined;
  stubbed += text.slice(from);
  const reparsed = parse(stubbed, { name });
  if (reparsed.diagnostics.some((d) => d.severity === "error")) return undefined;
  return { file: reparsed.file, source: reparsed.source, syntax, broken, brokenDeclares };
}

/**
 * A parser error found at the first token of a later line (`expected attribute assignment or block body, got
 * IDENT` after a half-typed name) is about what precedes that line: it is shown where that text ends, on the line
 * being typed, rather than on the next statement. The message is the parser's.
 */
export function atStatementEnd(text: string, d: Diagnostic): Diagnostic {
  const at = Math.min(d.range.start, text.length);
  const p = codeEnd(text, at);
  if (text.slice(p, at).indexOf("\n") >= 0) return { ...d, range: { start: p, end: p } };
  // The same when the error's line was read as the continuation of an expression left open on an earlier line
  // (`username =` above `password = ...` parses as `username = password` and fails at the second `=`).
  const q = text.lastIndexOf("\n", at - 1);
  if (q < 0 || text[at] !== "=" || !/^[ \t]*[\p{L}_][\p{L}\p{Nd}_]*[ \t]*$/u.test(text.slice(q + 1, at))) return d;
  const end = codeEnd(text, q + 1);
  return OPEN_END.test(text[end - 1] ?? "") ? { ...d, range: { start: end, end } } : d;
}

/** Where the code before `offset` ends: blanks and line comments (`// ...`) are skipped backwards. */
function codeEnd(text: string, offset: number): number {
  let p = offset;
  for (;;) {
    while (p > 0 && /\s/.test(text[p - 1]!)) p--;
    const lineStart = text.lastIndexOf("\n", p - 1) + 1;
    const comment = lineCommentStart(text.slice(lineStart, p));
    if (comment < 0) return p;
    p = lineStart + comment;
  }
}

/** Index of a `//` that starts a comment in a line (outside strings), or -1. */
function lineCommentStart(line: string): number {
  let quote = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote && c === "\\") i++;
    else if (c === '"') quote = !quote;
    else if (!quote && c === "/" && line[i + 1] === "/") return i;
  }
  return -1;
}

/** Last characters of a line that leave an expression open. */
const OPEN_END = /^[=.([,+\-*/%!<>&|:]$/;

const HEADER = /^[\p{L}_][\p{L}\p{Nd}_]*(?:\.[\p{L}_][\p{L}\p{Nd}_]*)*[ \t]*(?:"(?:[^"\\\n]|\\.)*"[ \t]*)?\{/u;

/** The statement with its body emptied (or blanked when it is no block), with the same length and line ends. */
function stub(piece: string): string {
  const blank = (s: string): string => s.replace(/[^\r\n]/g, " ");
  const header = HEADER.exec(piece);
  if (!header) return blank(piece);
  return `${header[0]}}${blank(piece.slice(header[0].length + 1))}`;
}

/**
 * Offsets of the lines that begin a top-level statement: an identifier in the first column, outside comments
 * and strings. One pass over the text.
 */
export function statementStarts(text: string): number[] {
  const out: number[] = [];
  let i = 0;
  const n = text.length;
  let lineStart = true;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (lineStart && isIdentStart(c)) out.push(i);
    lineStart = false;
    if (c === 10) {
      lineStart = true;
      i++;
    } else if (c === 47 && text.charCodeAt(i + 1) === 47) {
      const nl = text.indexOf("\n", i);
      i = nl < 0 ? n : nl;
    } else if (c === 47 && text.charCodeAt(i + 1) === 42) {
      const e = text.indexOf("*/", i + 2);
      i = e < 0 ? n : e + 2;
    } else if (c === 96) {
      const e = text.indexOf("`", i + 1);
      i = e < 0 ? n : e + 1;
    } else if (c === 34) {
      i++;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (d === 92) i += 2;
        else if (d === 34) {
          i++;
          break;
        } else if (d === 10) break;
        else i++;
      }
    } else i++;
  }
  return out;
}

function isIdentStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c > 127;
}
