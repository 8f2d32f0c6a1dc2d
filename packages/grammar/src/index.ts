/**
 * @alloy-ts/grammar: the Alloy syntax core.
 *
 * parse → typed AST + diagnostics (never throws); print/format → canonical `alloy fmt` text; walk → traversal.
 */
export type * from "./ast/nodes.js";
export type { Diagnostic, RangedDiagnostic, FileDiagnostic, Severity, LineColumn, Location, RelatedLocation, TextEdit, Fix } from "./diagnostics/diagnostic.js";
export { isError, severityRank } from "./diagnostics/diagnostic.js";
export { defineCatalogue, codes, formatMessage, templatePattern, matchesTemplate, mergeCatalogues } from "./diagnostics/catalogue.js";
export type { Catalogue, CatalogueEntry, CatalogueItem, DiagnosticExample, ExampleRunner } from "./diagnostics/catalogue.js";
export { GRAMMAR_DIAGNOSTICS } from "./diagnostics/codes.js";
export { SourceFile, decodeUtf8 } from "./text/source-file.js";
export type { Position, LspPosition, DecodedSource } from "./text/source-file.js";
export { parse, parseExpression } from "./parser/parser.js";
export type { ParseResult, ParseOptions } from "./parser/parser.js";
export { IDENTIFIER_PATTERN, KEYWORDS, dottedIdentifierEnd, identifierEnd, isIdentifierPart, isIdentifierStart, isKeyword, isValidIdentifier, objectKeyText, sanitizeIdentifier } from "./lexer/identifier.js";
export { goQuote, quotesAsIs } from "./parser/quote.js";
export { fieldKey, unquote, unquoteWithOffsets } from "./parser/unquote.js";
export { numberValue } from "./parser/number.js";
export type { NumberValue } from "./parser/number.js";
export { print, format, formatTo } from "./printer/printer.js";
/** Synthesized trees written as tokens for the printer (`builder.str`, `builder.FileBuilder`, …). */
export * as builder from "./builder/index.js";
export type { FormatResult, FormatOptions, FormatOutput, FormatToOptions, FormatToResult } from "./printer/printer.js";
export { walk } from "./ast/walk.js";
export { Scanner, scanTokens, tokenKind, commentText } from "./lexer/scanner.js";
export type { ScannerOptions, ScanErrorHandler, TokenList } from "./lexer/scanner.js";
export { Tok, TOKEN_KINDS, tokenString } from "./lexer/token.js";
export type { TokenCode, TokenKind } from "./lexer/token.js";
export type { SanitizeResult } from "./lexer/identifier.js";
export { MAX_NESTING_DEPTH, ParseDiagnosticCode } from "./parser/parser.js";
export type { ParseExpressionResult } from "./parser/parser.js";
export { children } from "./ast/walk.js";
export type { Visitor } from "./ast/walk.js";
export { equalIgnoringRanges } from "./ast/equal.js";
export { rangeOf, labelRangeOf, opRangeOf, nameSpanOf, traversalName, traversalParts } from "./ast/factory.js";
export { parseGoDuration, goDurationError, formatGoDuration } from "./text/go-duration.js";
export { REDACTED, redactUrlCredentials, isSecretKey, maskSecretValues, escapeControl, safeMessage } from "./text/safe-text.js";
export type { SecretPredicate } from "./text/safe-text.js";
