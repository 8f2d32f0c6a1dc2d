/**
 * What an Alloy identifier is, in one place (spec §2.2; upstream syntax/scanner/scanner.go isLetter/isDigit and
 * syntax/scanner/identifier.go): a letter (Go's unicode.IsLetter, general category L) or `_`, then letters,
 * digits (unicode.IsDigit, category Nd) and `_`; `true`, `false` and `null` scan as literals instead. Every
 * package asks these functions rather than writing its own pattern.
 */
import { isDigit, isLetter } from "./chars.js";
import { goQuote } from "../parser/quote.js";

/**
 * The identifier rule as a regular-expression source (use with the `u` flag), for the places that match
 * identifiers inside larger patterns (headers, `name =` before a cursor).
 */
export const IDENTIFIER_PATTERN = "[\\p{L}_][\\p{L}\\p{Nd}_]*";

/** The words that look like identifiers but scan as literals. */
export const KEYWORDS: ReadonlySet<string> = new Set(["true", "false", "null"]);

/** Whether `s` is one of `KEYWORDS`. */
export function isKeyword(s: string): boolean {
  return KEYWORDS.has(s);
}

/** Whether the code point `cp` may start an identifier: a letter or `_`. */
export function isIdentifierStart(cp: number): boolean {
  return isLetter(cp);
}

/** Whether the code point `cp` may continue an identifier: a letter, a digit or `_`. */
export function isIdentifierPart(cp: number): boolean {
  return isLetter(cp) || isDigit(cp);
}

/**
 * The end of the identifier characters from `start` in `text` (code points, so letters outside the BMP count):
 * `start` itself when none is there or the first is a digit. Keywords are not excluded: the caller has the word.
 */
export function identifierEnd(text: string, start: number): number {
  const n = text.length;
  let i = start;
  // ASCII first, decided inline as the scanner does; the Unicode tests only for what follows.
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    const l = c | 0x20;
    if ((l >= 0x61 && l <= 0x7a) || c === 0x5f || (i > start && c >= 0x30 && c <= 0x39)) continue;
    if (c < 0x80) return i;
    break;
  }
  while (i < n) {
    const cp = text.codePointAt(i)!;
    if (cp >= 0xd800 && cp <= 0xdfff) break; // a lone surrogate stands for bytes that are not UTF-8
    if (i === start ? !isIdentifierStart(cp) : !isIdentifierPart(cp)) break;
    i += cp > 0xffff ? 2 : 1;
  }
  return i;
}

/** The end of a dotted chain of identifiers (`a.b.c`) from `start`: `start` when none begins there. */
export function dottedIdentifierEnd(text: string, start: number): number {
  let end = identifierEnd(text, start);
  if (end === start) return start;
  while (text.charCodeAt(end) === 0x2e) {
    const next = identifierEnd(text, end + 1);
    if (next === end + 1) break;
    end = next;
  }
  return end;
}

/**
 * True when the whole string scans as exactly one IDENT token, as upstream's IsValidIdentifier asks the scanner
 * (so `true`, `null`, `""` and `1a` are not). Decided on the characters, which the scanner's rule is.
 */
export function isValidIdentifier(s: string): boolean {
  const n = s.length;
  // Keywords have four or five letters: other lengths skip hashing the string for the set (the parser checks
  // every block label here).
  return n > 0 && identifierEnd(s, 0) === n && (n < 4 || n > 5 || !KEYWORDS.has(s));
}

/** An object key as Alloy writes it: bare when it is an identifier, otherwise a quoted string. */
export function objectKeyText(key: string): string {
  return isValidIdentifier(key) ? key : goQuote(key);
}

/** Result of `sanitizeIdentifier`. */
export type SanitizeResult = { ok: true; value: string } | { ok: false; message: string };

/**
 * Turns a string into a valid identifier: unchanged when already valid; otherwise a leading digit gets a `_`
 * prefix and every character that is neither a letter nor a digit becomes one `_`. Empty input is an error.
 */
export function sanitizeIdentifier(s: string): SanitizeResult {
  if (s === "") return { ok: false, message: "cannot generate a new identifier for an empty string" };
  if (isValidIdentifier(s)) return { ok: true, value: s };
  let out = "";
  let first = true;
  for (const c of s) {
    const cp = c.codePointAt(0)!;
    if (first && isDigit(cp)) out = "_";
    first = false;
    // A lone surrogate stands for bytes that are not UTF-8, which Go decodes as U+FFFD (not a letter).
    const isLoneSurrogate = cp >= 0xd800 && cp <= 0xdfff;
    out += !isLoneSurrogate && isIdentifierPart(cp) ? c : "_";
  }
  return { ok: true, value: out };
}
