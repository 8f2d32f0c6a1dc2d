/**
 * Go's `%q` formatting of a string (strconv.Quote): upstream prints string literals and some error messages with
 * it, so the printer, the parser's messages and the converter share this one implementation. Its inverse for
 * Alloy literals is `unquote` (unquote.ts).
 */
import { isPrint } from "../lexer/chars.js";

const SHORT_ESCAPES: Record<number, string> = {
  0x07: "\\a", 0x08: "\\b", 0x0c: "\\f", 0x0a: "\\n", 0x0d: "\\r", 0x09: "\\t", 0x0b: "\\v", 0x5c: "\\\\", 0x22: '\\"',
};

/** Double-quotes `s` with Go escapes: printable characters stay, others become `\n`, `\x07`, `\u00ad`, …. */
export function goQuote(s: string): string {
  if (quotesAsIs(s)) return '"' + s + '"';
  let out = '"';
  for (const c of s) {
    const cp = c.codePointAt(0)!;
    const short = SHORT_ESCAPES[cp];
    if (short !== undefined) out += short;
    else if (cp === 0x20 || (cp >= 0x21 && cp < 0x7f)) out += c;
    else if (cp < 0x20 || cp === 0x7f) out += "\\x" + cp.toString(16).padStart(2, "0");
    else if (cp >= 0xd800 && cp <= 0xdfff) out += "\\ufffd"; // a lone surrogate has no UTF-8 form
    else if (isPrint(cp)) out += c;
    else if (cp < 0x10000) out += "\\u" + cp.toString(16).padStart(4, "0");
    else out += "\\U" + cp.toString(16).padStart(8, "0");
  }
  return out + '"';
}

/** Whether `goQuote` leaves `s` as it is between the quotes: printable ASCII without `"` and `\`. */
export function quotesAsIs(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c > 0x7e || c === 0x22 || c === 0x5c) return false;
  }
  return true;
}
