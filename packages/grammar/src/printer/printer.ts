/**
 * The canonical Alloy printer: exactly what upstream `alloy fmt` writes (spec section 11).
 *
 * Four stages, as upstream (spec 11.2): the walker decides texts and whitespace from the tree and source lines;
 * the emitter re-inserts comments; the tabwriter aligns `=` signs and trailing comments; the trimmer drops
 * trailing blanks. The one intended difference from upstream is spec F34 (see `Walker.call`).
 */
import type { CommentGroup, File, Statement } from "../ast/nodes.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { parseStreaming } from "../parser/parser.js";
import { SourceFile, toSourceFile } from "../text/source-file.js";
import { Emitter } from "./emitter.js";
import { SourceIndex } from "./source-index.js";
import { Walker } from "./walker.js";

/** Outcome of `format`: the formatted text, or the parse diagnostics that prevented formatting. */
export type FormatResult =
  | { readonly ok: true; readonly text: string; readonly changed: boolean }
  | { readonly ok: false; readonly diagnostics: Diagnostic[]; readonly source: SourceFile };

export interface FormatOptions {
  /** File name used in diagnostics positions. */
  readonly name?: string;
}

/**
 * Prints a parsed file as upstream's printer does: no final newline, trailing blanks removed. `file` must come
 * from `source` without error diagnostics (a recovered tree prints, but not meaningfully).
 */
export function print(file: File, source: SourceFile): string {
  const index = new SourceIndex(source);
  const emitter = new Emitter(index, file.comments, source.text.length);
  new Walker(emitter, index).statements(file.body);
  const text = emitter.finish();
  index.release();
  return text;
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
    const index = new SourceIndex(source);
    const comments: CommentGroup[] = [];
    const diagnostics: Diagnostic[] = [];
    const emitter = new Emitter(index, comments, source.text.length);
    const walker = new Walker(emitter, index);
    let first = true;
    let prevEndLine = 0;
    const printStatement = (s: Statement): void => {
      // After a syntax error the output is discarded: don't print recovered trees.
      if (diagnostics.length > 0 && hasError(diagnostics)) return;
      emitter.moreComments();
      prevEndLine = walker.statement(s, first, prevEndLine);
      first = false;
    };
    parseStreaming(source, printStatement, comments, diagnostics);
    if (hasError(diagnostics)) {
      index.release();
      return { ok: false, diagnostics, source };
    }
    emitter.moreComments();
    const text = emitter.finish("\n");
    index.release();
    return { ok: true, text, changed: text !== source.text || source.invalidOffsets.length > 0 };
  } catch (err) {
    source ??= input instanceof SourceFile ? input : new SourceFile(options.name ?? "", typeof input === "string" ? input : "");
    const message = `internal formatter error: ${err instanceof Error ? err.message : String(err)}`;
    return {
      ok: false,
      diagnostics: [{ severity: "error", message, code: "syntax/internal", range: { start: 0, end: 0 } }],
      source,
    };
  }
}

function hasError(diagnostics: readonly Diagnostic[]): boolean {
  for (const d of diagnostics) if (d.severity === "error") return true;
  return false;
}
