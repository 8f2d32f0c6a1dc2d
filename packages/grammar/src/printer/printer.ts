/**
 * The canonical Alloy printer: what upstream `alloy fmt` writes (spec section 11), except where upstream's output
 * would mean something else than its input (see `FormatOptions.compat`).
 *
 * Four stages, as upstream (spec 11.2): the walker decides texts and whitespace from the tree and source lines;
 * the emitter re-inserts comments; the tabwriter aligns `=` signs and trailing comments; the trimmer drops
 * trailing blanks. Intended differences from upstream: spec F34 (see `Walker.callArguments`) and, unless
 * `compat` is "upstream", the quirks of F30 and F33 that change meaning.
 */
import type { CommentGroup, File, Statement } from "../ast/nodes.js";
import type { RangedDiagnostic as Diagnostic } from "../diagnostics/diagnostic.js";
import { ParseDiagnosticCode } from "../diagnostics/codes.js";
import { parse, parseStreaming } from "../parser/parser.js";
import { sameMeaning } from "./meaning.js";
import { SourceFile, toSourceFile } from "../text/source-file.js";
import { Emitter } from "./emitter.js";
import { SourceIndex } from "./source-index.js";
import { Walker } from "./walker.js";
import type { UnitSink } from "./tabwriter.js";
import type { CodeUnits } from "../lexer/code-units.js";
import { sameUnits, utf8Of } from "../text/units.js";

/** Outcome of `format`: the formatted text, or the parse diagnostics that prevented formatting. */
export type FormatResult =
  | { readonly ok: true; readonly text: string; readonly changed: boolean }
  | { readonly ok: false; readonly diagnostics: Diagnostic[]; readonly source: SourceFile };

export interface FormatOptions {
  /** File name used in diagnostics positions. */
  readonly name?: string;
  /**
   * `"upstream"`: upstream's exact bytes, including the printer quirks that change what a file means (tabs,
   * vertical tabs and form feeds inside strings, trailing blanks inside raw strings, form feeds in block
   * comments, quoted object keys escaped again). By default these are kept as written (docs/differences.md).
   */
  readonly compat?: "upstream";
}

/**
 * Prints a parsed file as upstream's printer does (see `FormatOptions.compat`): no final newline, trailing
 * blanks removed. `file` must come from `source` without error diagnostics (a recovered tree prints, but not
 * meaningfully). Throws in the case where `format` reports an internal error.
 */
export function print(file: File, source: SourceFile, options: Pick<FormatOptions, "compat"> = {}): string {
  const faithful = options.compat !== "upstream";
  const index = new SourceIndex(source);
  const emitter = new Emitter(index, file.comments, source.text.length, faithful);
  new Walker(emitter, index, faithful).statements(file.body);
  const text = emitter.finish();
  index.release();
  if (!emitter.displaced) return text;
  // As in `format`: upstream's layout only where it keeps the meaning.
  const checked = keepMeaning(source, text + "\n");
  if (typeof checked !== "string") throw new Error(checked.message);
  return checked.slice(0, -1);
}

/**
 * Formats Alloy source exactly like `alloy fmt`: on success `text` is the printer output plus `\n`, and `changed`
 * tells whether it differs from the input. Syntax errors come back as diagnostics. Never throws.
 *
 * The file is printed statement by statement while it is parsed, never as a whole tree: each top-level statement
 * is garbage as soon as it is printed, so formatting a large file costs what formatting its parts costs (a whole
 * tree would be copied by the garbage collector while it grows, see perf-notes).
 */
export function format(input: string | Uint8Array | SourceFile, options: FormatOptions = {}): FormatResult {
  let source: SourceFile | undefined;
  try {
    source = toSourceFile(input, options.name);
    const run = printStreaming(source, options.compat !== "upstream", undefined);
    if (!run.ok) return run;
    let text = run.text;
    if (run.displaced) {
      // Upstream's placement carried a comment past a token: keep its bytes if the file still means the same,
      // else place every comment between the tokens it was written between.
      const checked = keepMeaning(source, text);
      if (typeof checked !== "string") return { ok: false, diagnostics: [checked], source };
      text = checked;
    }
    return { ok: true, text, changed: text !== source.text || source.invalidOffsets.length > 0 };
  } catch (err) {
    return internalFailure(input, options, source, err);
  }
}

/** Where `formatTo` writes: the formatted bytes in pieces, in order. */
export interface FormatOutput {
  /**
   * The next bytes of the output (UTF-8). The array is valid only during the call (it may be the printer's own
   * buffer): a receiver that keeps the bytes copies them, one that writes them on needs no copy.
   */
  write(bytes: Uint8Array): void;
  /**
   * Everything written so far is void: the output starts again from its first byte (the layout had to be
   * checked against the meaning of the file, which needs the whole text, see `format`).
   */
  restart(): void;
}

/** Options of `formatTo`. */
export interface FormatToOptions extends FormatOptions {
  /**
   * Code units printed before a piece is given to `output` (at least; 64 Ki by default).
   * @internal tests cut many pieces with it
   */
  readonly pieceUnits?: number;
}

/** Outcome of `formatTo`: whether the output differs from the input, or what prevented formatting. */
export type FormatToResult =
  | { readonly ok: true; readonly changed: boolean }
  | { readonly ok: false; readonly diagnostics: Diagnostic[]; readonly source: SourceFile };

/**
 * `format`, with the output given to `output` in pieces of about 64 KiB as it is printed, never held whole: the
 * bytes written (since the last `restart`) are `format(input, options).text` in UTF-8. What was written is void
 * when the result is not ok (a syntax error can come last): a caller that must write nothing on error keeps the
 * pieces until the end. Never throws (an exception from `output` comes back as an internal error).
 */
export function formatTo(input: string | Uint8Array | SourceFile, output: FormatOutput, options: FormatToOptions = {}): FormatToResult {
  let source: SourceFile | undefined;
  let changed = false;
  let compared = 0;
  let codes: CodeUnits | undefined;
  const piece = (units: CodeUnits): void => {
    // Compared while the source's code units are at hand: the output is of the same kind (bytes for ASCII).
    if (!changed) {
      changed = compared + units.length > codes!.length || !sameUnits(units, codes!, compared);
      compared += units.length;
    }
    // An ASCII piece is its UTF-8 bytes: handed over as the printer's view, not copied.
    output.write(units instanceof Uint8Array ? units : utf8Of(units));
  };
  try {
    source = toSourceFile(input, options.name);
    const run = printStreaming(source, options.compat !== "upstream", piece, (c) => (codes = c), options.pieceUnits);
    if (!run.ok) return run;
    if (!run.displaced) return { ok: true, changed: changed || compared !== source.textLength || source.invalidOffsets.length > 0 };
    // See `format`: the check needs the whole text; what was written is replaced by its result.
    const whole = format(source, options);
    if (!whole.ok) return whole;
    output.restart();
    output.write(utf8Of(whole.text));
    return { ok: true, changed: whole.changed };
  } catch (err) {
    return internalFailure(input, options, source, err);
  }
}

/**
 * The streaming print shared by `format` and `formatTo`: parses `source` statement by statement and prints each
 * as it comes. With `output`, the text goes to it in pieces (`text` is then empty); `codesOf` is told the code
 * units the pieces are compared with. `displaced`: see `Emitter.displaced`.
 */
function printStreaming(
  source: SourceFile,
  faithful: boolean,
  output: UnitSink | undefined,
  codesOf?: (codes: CodeUnits) => void,
  pieceUnits?: number,
): { ok: true; text: string; displaced: boolean } | { ok: false; diagnostics: Diagnostic[]; source: SourceFile } {
  const index = new SourceIndex(source);
  try {
    codesOf?.(index.codes);
    const comments: CommentGroup[] = [];
    const diagnostics: Diagnostic[] = [];
    const emitter = new Emitter(index, comments, source.textLength, faithful, false, output, pieceUnits);
    const walker = new Walker(emitter, index, faithful);
    let first = true;
    let prevEndLine = 0;
    const printStatement = (s: Statement): void => {
      // After a syntax error the output is discarded: don't print recovered trees.
      if (diagnostics.length > 0 && hasError(diagnostics)) return;
      emitter.moreComments();
      prevEndLine = walker.statement(s, first, prevEndLine);
      first = false;
    };
    // The parser reads the printer's code units: one copy of the source, or none (`SourceFile.codeUnits`).
    parseStreaming(source, printStatement, comments, diagnostics, index.codes);
    if (hasError(diagnostics)) return { ok: false, diagnostics, source };
    emitter.moreComments();
    let text = "";
    if (output === undefined) text = emitter.finish("\n");
    else emitter.finishPieces("\n");
    return { ok: true, text, displaced: emitter.displaced };
  } finally {
    index.release();
  }
}

function internalFailure(input: string | Uint8Array | SourceFile, options: FormatOptions, source: SourceFile | undefined, err: unknown): { ok: false; diagnostics: Diagnostic[]; source: SourceFile } {
  source ??= input instanceof SourceFile ? input : new SourceFile(options.name ?? "", typeof input === "string" ? input : "");
  const message = `internal formatter error: ${err instanceof Error ? err.message : String(err)}`;
  return {
    ok: false,
    diagnostics: [{ severity: "error", message, code: ParseDiagnosticCode.internal, range: { start: 0, end: 0 } }],
    source,
  };
}

/**
 * `text` (upstream's layout of `source`) when it means what `source` means, else the precise layout (every
 * text at its source position), which must; a diagnostic if neither does, so that nothing is written.
 */
function keepMeaning(source: SourceFile, text: string): string | Diagnostic {
  const original = parse(source);
  const means = (out: string): boolean => {
    const r = parse(out);
    return !hasError(r.diagnostics) && sameMeaning(original.file, source.text, r.file, out);
  };
  if (means(text)) return text;
  const index = new SourceIndex(source);
  const emitter = new Emitter(index, original.file.comments, source.text.length, true, true);
  new Walker(emitter, index, true, true).statements(original.file.body);
  const precise = emitter.finish("\n");
  index.release();
  if (means(precise)) return precise;
  return { severity: "error", message: "internal formatter error: the formatted text would not mean what the input means", code: ParseDiagnosticCode.internal, range: { start: 0, end: 0 } };
}

function hasError(diagnostics: readonly Diagnostic[]): boolean {
  for (const d of diagnostics) if (d.severity === "error") return true;
  return false;
}
