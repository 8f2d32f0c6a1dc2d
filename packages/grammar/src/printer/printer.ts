/**
 * The canonical Alloy printer: exactly what upstream `alloy fmt` writes (spec section 11).
 *
 * Four stages, as upstream (spec 11.2): the walker decides texts and whitespace from the tree and source lines;
 * the emitter re-inserts comments; the tabwriter aligns `=` signs and trailing comments; the trimmer drops
 * trailing blanks. The one intended difference from upstream is spec F34 (see `Walker.call`).
 */
import type { File } from "../ast/nodes.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { parse } from "../parser/parser.js";
import { SourceFile } from "../text/source-file.js";
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
  return render(file, source, "");
}

/** Runs the four stages and appends `suffix` (formatting appends "\n" without copying the whole text again). */
function render(file: File, source: SourceFile, suffix: string): string {
  const index = new SourceIndex(source);
  const emitter = new Emitter(index, file.comments, source.text.length);
  new Walker(emitter, index).statements(file.body);
  return emitter.finish(suffix);
}

/**
 * Formats Alloy source exactly like `alloy fmt`: on success `text` is the printer output plus `\n`, and `changed`
 * tells whether it differs from the input. Syntax errors come back as diagnostics. Never throws.
 */
export function format(input: string | Uint8Array | SourceFile, options: FormatOptions = {}): FormatResult {
  let source: SourceFile | undefined;
  try {
    const parsed = parse(input, options);
    source = parsed.source;
    if (parsed.diagnostics.some((d) => d.severity === "error")) {
      return { ok: false, diagnostics: parsed.diagnostics, source };
    }
    const text = render(parsed.file, source, "\n");
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
