/** The grammar's diagnostic codes: what the scanner, the parser and the formatter report. */
import { defineCatalogue, codes } from "./catalogue.js";

export const GRAMMAR_DIAGNOSTICS = defineCatalogue("@alloy-ts/grammar", {
  scanner: {
    code: "syntax/scanner",
    severity: "error",
    summary: "The text cannot be split into tokens: an unterminated string or comment, a character Alloy does not use, invalid UTF-8.",
    message: "{message}",
    upstream: true,
    example: { runner: "parse", file: "config.alloy", text: 'a = "unterminated\n' },
  },
  parser: {
    code: "syntax/parser",
    severity: "error",
    summary: "The tokens do not form an Alloy file: a missing value, bracket or comma, a dotted attribute name, a block used as a value.",
    message: "{message}",
    upstream: true,
    example: { runner: "parse", file: "config.alloy", text: "a = 1 +\n" },
  },
  nesting: {
    code: "syntax/nesting-limit",
    severity: "error",
    summary: "Arrays, objects, blocks or parentheses nest deeper than the parser's limit; the nested part is skipped instead of exhausting the stack.",
    message: "nesting depth exceeds the limit of {limit} levels",
    example: { runner: "parse", file: "config.alloy", text: "a = " + "[".repeat(501) + "\n" },
  },
  internal: {
    code: "syntax/internal",
    severity: "error",
    summary: "The parser or the formatter failed on its own (a defect, not a problem of the input); the formatter writes nothing.",
    message: "internal {stage} error: {reason}",
    example: { unreachable: "it guards against defects of the parser and the formatter; no valid or invalid input is meant to reach it" },
  },
});

/** Codes of the scanner, the parser and the formatter. */
export const ParseDiagnosticCode = codes(GRAMMAR_DIAGNOSTICS);
