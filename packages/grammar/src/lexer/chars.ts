/**
 * Character classes of the Alloy scanner (upstream syntax/scanner/scanner.go isLetter/isDigit), on code points.
 * ASCII is decided inline; only non-ASCII code points reach the Unicode property tests.
 */

const UNICODE_LETTER = /^\p{L}$/u;
const UNICODE_DIGIT = /^\p{Nd}$/u;
/** Go's unicode.IsPrint: categories L, M, N, P, S plus the ASCII space. */
const UNICODE_PRINT = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;

/** ASCII letter, `_`, or a Unicode letter (general category L). */
export function isLetter(ch: number): boolean {
  const l = ch | 0x20;
  if (l >= 0x61 && l <= 0x7a) return true;
  if (ch === 0x5f) return true;
  return ch >= 0x80 && UNICODE_LETTER.test(String.fromCodePoint(ch));
}

/** ASCII `0`–`9`. */
export function isDecimal(ch: number): boolean {
  return ch >= 0x30 && ch <= 0x39;
}

/** ASCII digit or a Unicode decimal digit (general category Nd). */
export function isDigit(ch: number): boolean {
  if (ch >= 0x30 && ch <= 0x39) return true;
  return ch >= 0x80 && UNICODE_DIGIT.test(String.fromCodePoint(ch));
}

/** Go's `%#U` rendering of a code point: `U+0040 '@'`, or `U+0007` when it is not printable. */
export function formatRune(ch: number): string {
  const hex = "U+" + ch.toString(16).toUpperCase().padStart(4, "0");
  const s = String.fromCodePoint(ch);
  return ch === 0x20 || UNICODE_PRINT.test(s) ? `${hex} '${s}'` : hex;
}
