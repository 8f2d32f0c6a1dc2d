/**
 * Identifier checks used for block labels and by the converter (spec §2.2; upstream
 * syntax/scanner/identifier.go).
 */
import { isDigit, isLetter } from "./chars.js";
import { Scanner } from "./scanner.js";
import { Tok } from "./token.js";

/** True when the whole string scans as exactly one IDENT token (so `true`, `null`, `""`, `1a` are not). */
export function isValidIdentifier(s: string): boolean {
  if (s.length === 0) return false;
  const scanner = new Scanner(s);
  return scanner.scan() === Tok.IDENT && scanner.pos === 0 && scanner.end === s.length;
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
    out += !isLoneSurrogate && (isLetter(cp) || isDigit(cp)) ? c : "_";
  }
  return { ok: true, value: out };
}
