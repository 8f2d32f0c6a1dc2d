/**
 * The one decoder of Alloy string literals (the inverse of `goQuote`, quote.ts): what upstream's evaluation gets
 * from Go's `strconv.Unquote` (syntax/internal/transform/value.go) for a literal its scanner accepted
 * (syntax/scanner scanEscape). Every package reads literal values through it.
 */
import type { ObjectField } from "../ast/nodes.js";
import { decodeUtf8 } from "../text/source-file.js";

/** Bytes of the one-character escapes the scanner accepts (no `\'`, which upstream's docs list but it rejects). */
const ESCAPED_BYTE: Record<string, number> = { a: 0x07, b: 0x08, f: 0x0c, n: 0x0a, r: 0x0d, t: 0x09, v: 0x0b, "\\": 0x5c, '"': 0x22 };
/** Digits, base and largest value of the numeric escapes (`\NNN`, `\xHH`, `\uHHHH`, `\UHHHHHHHH`). */
const NUMERIC_ESCAPE: Record<string, readonly [digits: number, base: number, max: number]> = {
  x: [2, 16, 0xff], u: [4, 16, 0x10ffff], U: [8, 16, 0x10ffff],
  0: [3, 8, 0xff], 1: [3, 8, 0xff], 2: [3, 8, 0xff], 3: [3, 8, 0xff], 4: [3, 8, 0xff], 5: [3, 8, 0xff], 6: [3, 8, 0xff], 7: [3, 8, 0xff],
};
const HEX_DIGITS = /^[0-9a-fA-F]*$/;
const OCTAL_DIGITS = /^[0-7]*$/;

/**
 * The value of the Alloy string literal written as `raw`, quotes included, or undefined when `raw` is not a
 * literal the scanner accepts (an unknown escape such as `\q` or `\'`, a bad digit, a surrogate, an unescaped
 * quote or newline, a missing delimiter): in Alloy such a file fails to scan, so there is no value to give.
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

/**
 * `unquote` with, for every UTF-16 unit of the value, the offset in `raw` of the text it comes from (the
 * character, or the escape that starts its bytes), plus one entry for the end (the closing delimiter): how a
 * position inside a value (an error in an embedded OTTL statement) is shown in the file.
 */
export function unquoteWithOffsets(raw: string): { value: string; offsets: number[] } | undefined {
  const value = unquote(raw);
  if (value === undefined) return undefined;
  const offsets: number[] = [];
  if (raw.charCodeAt(0) === 0x60) {
    for (let i = 1; i < raw.length - 1; i++) if (raw.charCodeAt(i) !== 0x0d) offsets.push(i);
  } else unescape(raw.slice(1, -1), offsets, 1);
  offsets.push(raw.length - 1);
  return { value, offsets };
}

/**
 * Decodes the escapes of a double-quoted literal's body; undefined at the first one the scanner rejects. With
 * `offsets`, records for each unit of the value its offset in the body plus `base`.
 */
function unescape(body: string, offsets?: number[], base = 0): string | undefined {
  let out = "";
  let bytes: number[] = []; // a run of byte escapes, read as UTF-8 once it ends
  let byteAt: number[] = []; // with `offsets`: where each byte's escape starts
  const flush = (): void => {
    if (bytes.length === 0) return;
    const decoded = decodeUtf8(Uint8Array.from(bytes));
    out += decoded.text;
    if (offsets) mapBytes(decoded.text, decoded.invalidOffsets, byteAt, offsets, base);
    bytes = [];
    byteAt = [];
  };
  let i = 0;
  for (;;) {
    const slash = body.indexOf("\\", i);
    const text = body.slice(i, slash < 0 ? body.length : slash);
    if (text.indexOf('"') >= 0) return undefined;
    if (text !== "") {
      flush();
      out += text;
      if (offsets) for (let k = 0; k < text.length; k++) offsets.push(base + i + k);
    }
    if (slash < 0) break;
    const e = body[slash + 1];
    if (e === undefined) return undefined;
    i = slash + 2;
    const simple = ESCAPED_BYTE[e];
    if (simple !== undefined) {
      bytes.push(simple);
      byteAt.push(slash);
      continue;
    }
    const numeric = NUMERIC_ESCAPE[e];
    if (numeric === undefined) return undefined;
    const [count, radix, max] = numeric;
    const from = radix === 8 ? slash + 1 : slash + 2; // an octal escape's first digit follows the backslash
    const digits = body.slice(from, from + count);
    if (digits.length !== count || !(radix === 8 ? OCTAL_DIGITS : HEX_DIGITS).test(digits)) return undefined;
    const value = parseInt(digits, radix);
    if (value > max || (value >= 0xd800 && value < 0xe000)) return undefined;
    i = from + count;
    if (max === 0xff) {
      bytes.push(value);
      byteAt.push(slash);
    } else {
      flush();
      const c = String.fromCodePoint(value);
      out += c;
      if (offsets) for (let k = 0; k < c.length; k++) offsets.push(base + slash);
    }
  }
  flush();
  return out;
}

/** Offsets of the units of a decoded byte run: each character maps to the escape of its first byte. */
function mapBytes(text: string, invalid: readonly number[], byteAt: readonly number[], offsets: number[], base: number): void {
  let b = 0;
  let bad = 0;
  for (let j = 0; j < text.length; ) {
    const cp = text.codePointAt(j)!;
    const units = cp > 0xffff ? 2 : 1;
    for (let k = 0; k < units; k++) offsets.push(base + byteAt[b]!);
    const isInvalid = bad < invalid.length && invalid[bad] === j;
    if (isInvalid) bad++;
    b += isInvalid ? 1 : cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    j += units;
  }
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
