/**
 * prettier-plugin-alloy: formats Alloy configuration files with Prettier 3, byte for byte like `alloy fmt`.
 *
 * Alloy's canonical layout depends on source lines and column alignment (spec section 11), which Prettier's
 * document model does not express, so the plugin hands the whole text to `format` from @alloy-ts/grammar: the
 * parser's root node carries the text and its formatting, and the printer returns that as one string. Prettier's
 * own comment handling is bypassed (the root has no `comments`), because the canonical printer places comments
 * itself.
 *
 * Two inputs never reach the plugin, so their output follows Prettier core rather than `alloy fmt`: whitespace-only
 * text formats to "" (alloy fmt: "\n"), and a leading byte order mark is kept (alloy fmt drops it, spec F2).
 */
import { format } from "@alloy-ts/grammar";
import type { Parser, Plugin, Printer, SupportLanguage } from "prettier";

/** The AST root the plugin's parser produces: the source text, formatted as a whole by the printer. */
export interface AlloyRoot {
  readonly type: "alloy-root";
  readonly text: string;
  /** `alloy fmt` output for `text`, computed while parsing (the parse is the expensive part). */
  readonly formatted: string;
}

/** A syntax error in Prettier's shape: the message carries `LINE:COL: message`, `loc` lets Prettier show a code frame. */
export class AlloySyntaxError extends SyntaxError {
  constructor(
    message: string,
    readonly loc: { start: { line: number; column: number } },
  ) {
    super(message);
    this.name = "AlloySyntaxError";
  }
}

export const languages: SupportLanguage[] = [
  {
    name: "Alloy",
    parsers: ["alloy"],
    extensions: [".alloy"],
    vscodeLanguageIds: ["alloy"],
  },
];

const alloyParser: Parser<AlloyRoot> = {
  astFormat: "alloy",
  parse(text) {
    // Fail early with upstream's first diagnostic, as `alloy fmt` does.
    const result = format(text);
    if (!result.ok) {
      const first = result.diagnostics[0];
      const offset = first?.range.start ?? 0;
      // The message uses upstream's byte columns; Prettier's code frame wants characters.
      const pos = result.source.position(offset);
      const frame = result.source.lspPosition(offset);
      const more = result.diagnostics.length > 1 ? ` (and ${result.diagnostics.length - 1} more diagnostics)` : "";
      throw new AlloySyntaxError(`${pos.line}:${pos.column}: ${first?.message ?? "syntax error"}${more}`, {
        start: { line: frame.line + 1, column: frame.character + 1 },
      });
    }
    return { type: "alloy-root", text, formatted: result.text };
  },
  locStart: () => 0,
  locEnd: (node: AlloyRoot) => node.text.length,
};

const alloyPrinter: Printer<AlloyRoot> = {
  print(path) {
    return path.node.formatted;
  },
};

export const parsers: Record<string, Parser> = { alloy: alloyParser };
export const printers: Record<string, Printer> = { alloy: alloyPrinter };

/** The plugin object, for `prettier.format(text, { plugins: [plugin], parser: "alloy" })`. */
const plugin: Plugin<AlloyRoot> = { languages, parsers, printers };
export default plugin;
