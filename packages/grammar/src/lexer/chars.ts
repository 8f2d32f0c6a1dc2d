/**
 * Character classes of the Alloy scanner (upstream syntax/scanner/scanner.go isLetter/isDigit), on code points.
 * ASCII is decided inline; only non-ASCII code points reach the Unicode property tests.
 */

// The Unicode property classes are built on first use: constructing them took 0.2–0.3 ms of every start-up of a
// command, and most inputs are ASCII.
let unicodeLetter: RegExp | undefined;
let unicodeDigit: RegExp | undefined;
let unicodePrint: RegExp | undefined;

/** ASCII letter, `_`, or a Unicode letter (general category L). */
export function isLetter(ch: number): boolean {
  const l = ch | 0x20;
  if (l >= 0x61 && l <= 0x7a) return true;
  if (ch === 0x5f) return true;
  return ch >= 0x80 && (unicodeLetter ??= /^\p{L}$/u).test(String.fromCodePoint(ch));
}

/** ASCII `0`–`9`. */
export function isDecimal(ch: number): boolean {
  return ch >= 0x30 && ch <= 0x39;
}

/** ASCII digit or a Unicode decimal digit (general category Nd). */
export function isDigit(ch: number): boolean {
  if (ch >= 0x30 && ch <= 0x39) return true;
  return ch >= 0x80 && (unicodeDigit ??= /^\p{Nd}$/u).test(String.fromCodePoint(ch));
}

/** Go's `%#U` rendering of a code point: `U+0040 '@'`, or `U+0007` when it is not printable. */
export function formatRune(ch: number): string {
  const hex = "U+" + ch.toString(16).toUpperCase().padStart(4, "0");
  const s = String.fromCodePoint(ch);
  return isPrint(ch) ? `${hex} '${s}'` : hex;
}

/** Go's unicode.IsPrint: categories L, M, N, P, S, and the ASCII space. */
export function isPrint(ch: number): boolean {
  if (ch >= 0x20 && ch < 0x7f) return true;
  return ch >= 0x80 && (unicodePrint ??= /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u).test(String.fromCodePoint(ch));
}
