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
import { IDENTIFIER_PATTERN, isIdentifierStart, parse, SourceFile } from "@alloy-ts/grammar";
import type { RangedDiagnostic as Diagnostic, File } from "@alloy-ts/grammar";

export interface Recovered {
  /** Tree of the stubbed text (offsets are the document's). */
  readonly file: File;
  /** The stubbed text, for checks that read the source. */
  readonly source: SourceFile;
  /** One diagnostic per broken top-level statement. */
  readonly syntax: readonly Diagnostic[];
  /** `[start, end)` of every broken statement: checks of the stubs there say nothing about what was typed. */
  readonly broken: readonly (readonly [number, number])[];
  /**
   * Custom components (`declare` labels) and module namespaces (`import.*` labels, with a trailing `.`) that
   * broken statements declare: their instances cannot be checked meanwhile.
   */
  readonly brokenDeclares: readonly string[];
}

/**
 * A recovered analysis, or undefined when the errors cannot be isolated to statements. The statements are cut
 * as the scanner reads the text and, when the text has raw strings, also by layout alone, raw strings ignored: a raw string whose closing backtick is not typed yet runs on to the next backtick in the file,
 * which turns the strings and code of every later block inside out, and only the layout still shows where the
 * statements are.
 */
export function recover(text: string, name: string): Recovered | undefined {
  const scanned = recoverWith(text, name, true);
  if (!text.includes("`")) return scanned;
  const laidOut = recoverWith(text, name, false);
  if (!scanned || !laidOut) return scanned ?? laidOut;
  // Both isolate the errors: the cut that leaves less text broken is the one that found the statements.
  return brokenLength(laidOut) < brokenLength(scanned) ? laidOut : scanned;
}

const brokenLength = (r: Recovered): number => r.broken.reduce((n, [start, end]) => n + end - start, 0);

function recoverWith(text: string, name: string, rawStrings: boolean): Recovered | undefined {
  const starts = statementStarts(text, "", rawStrings);
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
    // Custom components and modules declared anywhere in the broken statement (its stub may have lost them).
    for (const m of piece.matchAll(MODULE_HEADER)) brokenDeclares.push(m[1] === "declare" ? m[2]! : `${m[2]}.`);
    const inner: [number, number][] = [];
    const innerErrors: Diagnostic[] = [];
    const repaired = stubInside(piece, name, 0, start, inner, rawStrings, innerErrors);
    if (repaired !== undefined) broken.splice(broken.length - 1, 1, ...inner);
    // One error per statement: its first, unless the repair found that error's place intact; then the text before
    // it made it unreadable (a raw string left open), and the first error of a broken part, parsed alone, is shown.
    const whole = atStatementEnd(text, { ...first, range: { start: first.range.start + start, end: first.range.end + start } });
    const inBroken = inner.some(([from, to]) => whole.range.start >= from && whole.range.start <= to);
    syntax.push(repaired === undefined || inBroken || !innerErrors[0] ? whole : atStatementEnd(text, innerErrors[0]));
    stubbed += text.slice(from, start) + (repaired ?? stub(piece));
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
  if (q < 0 || text[at] !== "=" || !LONE_NAME.test(text.slice(q + 1, at))) return d;
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

/** A line holding one name and blanks (the name being typed before an `=` that was read as a continuation). */
const LONE_NAME = new RegExp(`^[ \\t]*${IDENTIFIER_PATTERN}[ \\t]*$`, "u");

/** Last characters of a line that leave an expression open. */
const OPEN_END = /^[=.([,+\-*/%!<>&|:]$/;

/** `declare "name"` and `import.* "namespace"` headers. */
const MODULE_HEADER = /^[ \t]*(declare|import\.[a-z]+)[ \t]+"((?:[^"\\\n]|\\.)*)"/gm;

const HEADER = new RegExp(`^${IDENTIFIER_PATTERN}(?:\\.${IDENTIFIER_PATTERN})*[ \\t]*(?:"(?:[^"\\\\\\n]|\\\\.)*"[ \\t]*)?\\{`, "u");

/**
 * Sub-statements of a body start with leading blanks, which the header pattern does not allow: they are matched
 * after them.
 */
const leadingBlanks = (s: string): number => /^[ \t]*/.exec(s)![0].length;

/** Deepest block nesting repaired statement by statement; deeper, the whole block is stubbed. */
const MAX_REPAIR_DEPTH = 6;

/**
 * A broken block repaired inside: its body is cut into statements (lines at the indentation of its first
 * statement), the broken ones are stubbed in turn (recursively), and the others kept, so a half-typed attribute
 * leaves its siblings in the tree and checked. Undefined when the block does not end in its own `}` line or the
 * repair does not parse.
 */
function stubInside(
  piece: string,
  name: string,
  depth: number,
  base: number,
  stubs: [number, number][],
  rawStrings: boolean,
  errors: Diagnostic[],
): string | undefined {
  if (depth >= MAX_REPAIR_DEPTH) return undefined;
  const lead = leadingBlanks(piece);
  const header = HEADER.exec(piece.slice(lead));
  if (!header) return undefined;
  // The statement's own `}`: the comments that introduce the next statement are cut with this one.
  const close = codeEnd(piece, piece.length) - 1;
  if (piece[close] !== "}" || !/(^|\n)[ \t]*$/.test(piece.slice(0, close))) return undefined;
  const bodyStart = lead + header[0].length;
  const body = piece.slice(bodyStart, close);
  const indent = /\n([ \t]+)[^\s/}]/.exec(body)?.[1];
  if (!indent) return undefined;
  const starts = statementStarts(body, indent, rawStrings);
  if (!starts.length) return undefined;
  let out = body.slice(0, starts[0]);
  const mine: [number, number][] = [];
  const mineErrors: Diagnostic[] = [];
  for (let k = 0; k < starts.length; k++) {
    const subStart = starts[k]!;
    const sub = body.slice(subStart, k + 1 < starts.length ? starts[k + 1]! : body.length);
    const first = parse(sub, { name }).diagnostics.find((d) => d.severity === "error");
    if (first) {
      const at = base + bodyStart + subStart;
      const deeper: [number, number][] = [];
      const deeperErrors: Diagnostic[] = [];
      const fixed = stubInside(sub, name, depth + 1, at, deeper, rawStrings, deeperErrors);
      if (fixed !== undefined) {
        mine.push(...deeper);
        mineErrors.push(...deeperErrors);
      } else {
        mine.push([at, at + sub.length]);
        mineErrors.push({ ...first, range: { start: first.range.start + at, end: first.range.end + at } });
      }
      out += fixed ?? stub(sub);
    } else out += sub;
  }
  if (!mine.length) return undefined;
  const result = piece.slice(0, bodyStart) + out + piece.slice(close);
  if (parse(result, { name }).diagnostics.some((d) => d.severity === "error")) return undefined;
  stubs.push(...mine);
  errors.push(...mineErrors);
  return result;
}

/** The statement with its body emptied (or blanked when it is no block), with the same length and line ends. */
function stub(piece: string): string {
  const blank = (s: string): string => s.replace(/[^\r\n]/g, " ");
  const lead = leadingBlanks(piece);
  const header = HEADER.exec(piece.slice(lead));
  if (!header) return blank(piece);
  const end = lead + header[0].length;
  return `${piece.slice(0, end)}}${blank(piece.slice(end + 1))}`;
}

/**
 * Offsets of the lines that begin a top-level statement: an identifier in the first column, outside comments
 * and strings (raw strings only when `rawStrings`). One pass over the text.
 */
export function statementStarts(text: string, indent = "", rawStrings = true): number[] {
  const out: number[] = [];
  let i = 0;
  const n = text.length;
  let lineStart = true;
  while (i < n) {
    if (lineStart && indent && text.startsWith(indent, i)) {
      // Statements of a block body start at its indentation; deeper lines continue them.
      if (isIdentStart(text, i + indent.length)) out.push(i);
      i += indent.length;
      lineStart = false;
      continue;
    }
    const c = text.charCodeAt(i);
    if (lineStart && !indent && isIdentStart(text, i)) out.push(i);
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
    } else if (c === 96 && rawStrings) {
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

/** Whether the character at `i` can start a statement's name (the code point, so any letter counts). */
function isIdentStart(text: string, i: number): boolean {
  return i < text.length && isIdentifierStart(text.codePointAt(i)!);
}
