/**
 * Go's `%q` formatting of a string (strconv.Quote): upstream prints string literals and some error messages with
 * it, so the printer, the parser's messages and the converter share this one implementation. Its inverse for
 * Alloy literals, `unquote`, is the one decoder of string literals every package uses.
 */
import type { ObjectField } from "../ast/nodes.js";
import { decodeUtf8 } from "../text/source-file.js";

const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;
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
    else if (PRINTABLE.test(c)) out += c;
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

/** Bytes of the one-character escapes the scanner accepts (upstream syntax/scanner scanEscape; no `\'`). */
const ESCAPED_BYTE: Record<string, number> = { a: 0x07, b: 0x08, f: 0x0c, n: 0x0a, r: 0x0d, t: 0x09, v: 0x0b, "\\": 0x5c, '"': 0x22 };
/** Digits, base and largest value of the numeric escapes (`\NNN`, `\xHH`, `\uHHHH`, `\UHHHHHHHH`). */
const NUMERIC_ESCAPE: Record<string, readonly [digits: number, base: number, max: number]> = {
  x: [2, 16, 0xff], u: [4, 16, 0x10ffff], U: [8, 16, 0x10ffff],
  0: [3, 8, 0xff], 1: [3, 8, 0xff], 2: [3, 8, 0xff], 3: [3, 8, 0xff], 4: [3, 8, 0xff], 5: [3, 8, 0xff], 6: [3, 8, 0xff], 7: [3, 8, 0xff],
};
const HEX_DIGITS = /^[0-9a-fA-F]*$/;
const OCTAL_DIGITS = /^[0-7]*$/;

/**
 * The value of the Alloy string literal written as `raw`, quotes included: what upstream's evaluation gets from
 * Go's `strconv.Unquote` (syntax/internal/transform/value.go), or undefined when `raw` is not a literal the
 * scanner accepts (an unknown escape such as `\q` or `\'`, a bad digit, a surrogate, an unescaped quote or
 * newline, a missing delimiter): in Alloy such a file fails to scan, so there is no value to give.
 *
 * Raw (backtick) strings lose their carriage returns, as upstream's scanner drops them. `\x` and octal escapes
 * are bytes: consecutive ones are read together as UTF-8 (`"\xc3\xa9"` is `é`), and a byte that forms no UTF-8
 * sequence becomes one U+FFFD, as Go reads such a string rune by rune.
 */
export function unquote(raw: string): string | undefined {
  const n = raw.length;
  if (n < 2) return undefined;
  const q = raw.charCodeAt(0);
  if (q === 0x60) {
    if (raw.charCodeAt(n - 1) !== 0x60 || raw.indexOf("`", 1) !== n - 1) return undefined;
    const body = raw.slice(1, -1);
    return body.indexOf("\r") < 0 ? body : body.replace(/\r/g, "");
  }
  if (q !== 0x22 || raw.charCodeAt(n - 1) !== 0x22) return undefined;
  const body = raw.slice(1, -1);
  if (body.indexOf("\n") >= 0) return undefined;
  if (body.indexOf("\\") < 0) return body.indexOf('"') < 0 ? body : undefined;
  return unescape(body);
}

/** Decodes the escapes of a double-quoted literal's body; undefined at the first one the scanner rejects. */
function unescape(body: string): string | undefined {
  let out = "";
  let bytes: number[] = []; // a run of byte escapes, read as UTF-8 once it ends
  const flush = (): void => {
    if (bytes.length === 0) return;
    out += decodeUtf8(Uint8Array.from(bytes)).text;
    bytes = [];
  };
  let i = 0;
  for (;;) {
    const slash = body.indexOf("\\", i);
    const text = body.slice(i, slash < 0 ? body.length : slash);
    if (text.indexOf('"') >= 0) return undefined;
    if (text !== "") {
      flush();
      out += text;
    }
    if (slash < 0) break;
    const e = body[slash + 1];
    if (e === undefined) return undefined;
    i = slash + 2;
    const simple = ESCAPED_BYTE[e];
    if (simple !== undefined) {
      bytes.push(simple);
      continue;
    }
    const numeric = NUMERIC_ESCAPE[e];
    if (numeric === undefined) return undefined;
    const [count, base, max] = numeric;
    const from = base === 8 ? slash + 1 : slash + 2; // an octal escape's first digit follows the backslash
    const digits = body.slice(from, from + count);
    if (digits.length !== count || !(base === 8 ? OCTAL_DIGITS : HEX_DIGITS).test(digits)) return undefined;
    const value = parseInt(digits, base);
    if (value > max || (value >= 0xd800 && value < 0xe000)) return undefined;
    i = from + count;
    if (max === 0xff) bytes.push(value);
    else {
      flush();
      out += String.fromCodePoint(value);
    }
  }
  flush();
  return out;
}

/**
 * The key an object field stands for: an identifier as written, a quoted key decoded as `unquote` decodes it
 * (a raw-string key when `text`, the parsed source, shows a backtick where the field starts). The parser keeps a
 * quoted key's text undecoded and spells an empty quoted key as the name `""`. A key that does not decode (a
 * scan error the parser has reported) is its text as written.
 */
export function fieldKey(field: ObjectField, text?: string): string {
  if (!field.quoted) return field.name === '""' ? "" : field.name;
  const raw = text !== undefined && text.charCodeAt(field.start) === 0x60 ? "`" + field.name + "`" : '"' + field.name + '"';
  return unquote(raw) ?? field.name;
}
