/**
 * Alloy syntax highlighting for CodeMirror: a stream tokenizer over the lexical grammar (comments, strings, raw
 * strings, numbers, keywords, operators), telling block names (`otelcol.receiver.otlp "x" {`) and attribute names
 * (`endpoint =`) from other identifiers by what follows them on the line.
 */
import { IDENTIFIER_PATTERN, isKeyword } from "@alloy-ts/grammar";
import { StreamLanguage, type StreamParser } from "@codemirror/language";

interface State {
  /** Inside a block comment that continues on the next line. */
  comment: boolean;
}

/** Identifiers joined by dots (`otelcol.receiver.otlp`). */
const DOTTED_NAME = new RegExp(`^${IDENTIFIER_PATTERN}(?:\\.${IDENTIFIER_PATTERN})*`, "u");

const parser: StreamParser<State> = {
  name: "alloy",
  startState: () => ({ comment: false }),
  token(stream, state) {
    if (state.comment) {
      state.comment = !stream.skipTo("*/");
      if (state.comment) stream.skipToEnd();
      else stream.match("*/");
      return "blockComment";
    }
    if (stream.eatSpace()) return null;
    if (stream.match("//")) {
      stream.skipToEnd();
      return "lineComment";
    }
    if (stream.match("/*")) {
      state.comment = true;
      return parser.token(stream, state);
    }
    if (stream.match(/^"(?:[^"\\]|\\.)*"?/)) return "string";
    if (stream.match(/^`[^`]*`?/)) return "string";
    if (stream.match(/^(?:0[xX][0-9a-fA-F]+|\d+(?:\.\d*)?(?:[eE][+-]?\d+)?)/)) return "number";
    const word = stream.match(DOTTED_NAME) as RegExpMatchArray | null;
    if (word) {
      if (isKeyword(word[0])) return "atom";
      const rest = stream.string.slice(stream.pos);
      if (/^\s*(?:"(?:[^"\\]|\\.)*"\s*)?\{/.test(rest)) return "typeName";
      if (/^\s*=(?!=)/.test(rest)) return "propertyName";
      if (/^\s*\(/.test(rest)) return "function";
      return "variableName";
    }
    if (stream.match(/^(?:==|!=|<=|>=|&&|\|\||[-+*/%^<>!=])/)) return "operator";
    stream.next();
    return "punctuation";
  },
  languageData: { commentTokens: { line: "//", block: { open: "/*", close: "*/" } } },
};

export const alloyLanguage = StreamLanguage.define(parser);
