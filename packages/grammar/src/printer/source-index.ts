/**
 * Position lookups the printer needs for every token: 1-based line numbers and upstream *byte* offsets (spec 1:
 * upstream offsets count UTF-8 bytes; ours count UTF-16 units). Lookups are mostly in increasing order, so both
 * use a cursor and fall back to a search only when the offset moves away from it.
 */
import { borrowCodeUnits, isAsciiText, returnCodeUnits, type CodeUnits } from "../lexer/code-units.js";
import { LineCursor } from "../text/line-cursor.js";
import type { SourceFile } from "../text/source-file.js";
/** Whether a source is ASCII, remembered per source (printing the same file again skips the scan). */
const asciiCache = new WeakMap<SourceFile, boolean>();

export class SourceIndex {
  /** True when UTF-16 offsets equal byte offsets (the source is ASCII). */
  readonly ascii: boolean;
  /**
   * The source's code units: bytes when it is ASCII, else UTF-16 units. Texts that are source slices are copied
   * from here when they are ASCII (`asciiSpan`), where widths and byte lengths are their lengths. Valid until
   * `release`. The parser of a streaming format reads the same array (`format`).
   */
  readonly codes: CodeUnits;
  /** Whether `codes` was borrowed (`borrowCodeUnits`) and is given back by `release`. */
  private readonly borrowed: boolean;
  private readonly lines: LineCursor;
  /**
   * A source that is not ASCII: the offsets of its non-ASCII code units in increasing order, and for each the
   * extra bytes (UTF-8 length minus UTF-16 length) of the source up to and including it. A byte offset is then
   * the offset plus the extra bytes before it, so a file with a few non-ASCII characters costs a cursor step per
   * lookup, not a walk over the text between lookups.
   */
  private readonly wide: Int32Array | undefined;
  private readonly extra: Int32Array | undefined;
  /** Number of entries of `wide` before the last offset looked up. */
  private wideCursor = 0;
  /** Number of entries of `wide` before the last span checked by `asciiSpan`. */
  private spanCursor = 0;

  constructor(private readonly source: SourceFile) {
    this.lines = new LineCursor(source.lineStarts);
    let ascii = asciiCache.get(source);
    if (ascii === undefined) {
      const own = source.codeUnits;
      ascii = own !== undefined ? own instanceof Uint8Array : isAsciiText(source.text);
      asciiCache.set(source, ascii);
    }
    this.ascii = ascii;
    // A source with non-ASCII text keeps its ASCII spans on the same copying path as an ASCII source: only the
    // spans that hold non-ASCII units (found in `wide`) take the general one. A source made from bytes handed
    // over has its code units already (`SourceFile.fromBytes`): no copy.
    const own = source.codeUnits;
    this.borrowed = own === undefined;
    this.codes = own ?? borrowCodeUnits(source.text, ascii);
    if (!ascii) [this.wide, this.extra] = wideUnits(this.codes as Uint16Array, source.hasText ? source.text : undefined);
  }

  /** Gives the code unit buffer back for the next source; `codes` must not be used afterwards. */
  release(): void {
    if (this.borrowed) returnCodeUnits(this.codes);
  }

  /** Whether `codes[from, from + n)` is ASCII (its widths and byte lengths are then its length). */
  asciiSpan(from: number, n: number): boolean {
    const wide = this.wide;
    if (wide === undefined) return true;
    let k = this.spanCursor;
    const len = wide.length;
    if (k < len && wide[k]! < from) {
      if (k + 8 < len && wide[k + 8]! < from) k = lowerBound(wide, from, k + 8, len);
      else while (k < len && wide[k]! < from) k++;
    } else if (k > 0 && wide[k - 1]! >= from) k = lowerBound(wide, from, 0, k);
    this.spanCursor = k;
    return k === len || wide[k]! >= from + n;
  }

  /** The source's code unit at an offset (undefined past the end). */
  codeAt(offset: number): number | undefined {
    return this.codes[offset];
  }

  /** Offset of the first token at or after `offset`: whitespace and comments are skipped. */
  tokenAfter(offset: number): number {
    const t = this.codes;
    const n = t.length;
    let i = offset;
    while (i < n) {
      const c = t[i]!;
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) i++;
      else if (c === 0x2f && t[i + 1] === 0x2f) {
        i += 2;
        while (i < n && t[i] !== 0x0a) i++;
      } else if (c === 0x2f && t[i + 1] === 0x2a) {
        i += 2;
        while (i < n && !(t[i] === 0x2a && t[i + 1] === 0x2f)) i++;
        i = i < n ? i + 2 : n;
      } else return i;
    }
    return i;
  }

  /**
   * Whether a comment starts on the same line after `offset`, with only spaces, tabs, commas and closing
   * brackets before it.
   */
  commentFollows(offset: number): boolean {
    const t = this.codes;
    let i = offset;
    for (let c = t[i]; c === 0x20 || c === 0x09 || c === 0x2c || c === 0x29 || c === 0x5d || c === 0x7d; c = t[++i]);
    return t[i] === 0x2f && (t[i + 1] === 0x2f || t[i + 1] === 0x2a);
  }

  /** 1-based line of an offset. */
  line(offset: number): number {
    return this.lines.line(offset);
  }

  /** Upstream byte offset of a UTF-16 offset. */
  byteOffset(offset: number): number {
    const wide = this.wide;
    if (wide === undefined) return offset;
    let k = this.wideCursor;
    const n = wide.length;
    if (k < n && wide[k]! < offset) {
      // Forward, the usual direction: a few steps, else a search.
      if (k + 8 < n && wide[k + 8]! < offset) k = lowerBound(wide, offset, k + 8, n);
      else while (k < n && wide[k]! < offset) k++;
    } else if (k > 0 && wide[k - 1]! >= offset) k = lowerBound(wide, offset, 0, k);
    this.wideCursor = k;
    return k === 0 ? offset : offset + this.extra![k - 1]!;
  }

  /** Number of UTF-8 bytes of a printed text. */
  byteLength(s: string): number {
    return this.ascii ? s.length : utf8Length(s, 0, s.length);
  }
}

/** Index of the first entry of `a[from, to)` that is ≥ `x` (`to` when none is). */
function lowerBound(a: Int32Array, x: number, from: number, to: number): number {
  while (from < to) {
    const mid = (from + to) >>> 1;
    if (a[mid]! < x) from = mid + 1;
    else to = mid;
  }
  return from;
}

const NON_ASCII_RUN = /[^\x00-\x7f]+/g;

/**
 * The non-ASCII code units of a text and the extra UTF-8 bytes up to each (see `SourceIndex.wide`), counted as
 * `utf8Length` counts them: a surrogate pair's two extra bytes on its first unit, a lone surrogate as three bytes.
 * `codes` are the text's units; runs are found by a regular expression over `text` when there is one, which scans
 * the ASCII between them natively, else by reading the units.
 */
function wideUnits(codes: Uint16Array, text: string | undefined): [Int32Array, Int32Array] {
  let wide: Int32Array<ArrayBuffer> = new Int32Array(64);
  let extra: Int32Array<ArrayBuffer> = new Int32Array(64);
  let n = 0;
  let total = 0;
  const len = codes.length;
  const run = (from: number, end: number): void => {
    for (let i = from; i < end; i++) {
      const c = codes[i]!;
      const add = c < 0x800 ? 1 : 2;
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < len) {
        const d = codes[i + 1]!;
        if (d >= 0xdc00 && d <= 0xdfff) {
          // The pair's second unit adds nothing: its entry keeps the total.
          if (n + 2 > wide.length) [wide, extra] = [grow(wide), grow(extra)];
          total += 2;
          wide[n] = i;
          extra[n++] = total;
          wide[n] = i + 1;
          extra[n++] = total;
          i++;
          continue;
        }
      }
      if (n === wide.length) [wide, extra] = [grow(wide), grow(extra)];
      total += add;
      wide[n] = i;
      extra[n++] = total;
    }
  };
  if (text !== undefined) {
    NON_ASCII_RUN.lastIndex = 0;
    for (let m = NON_ASCII_RUN.exec(text); m !== null; m = NON_ASCII_RUN.exec(text)) run(m.index, m.index + m[0].length);
  } else {
    for (let i = 0; i < len; i++) {
      if (codes[i]! < 0x80) continue;
      let end = i + 1;
      while (end < len && codes[end]! >= 0x80) end++;
      run(i, end);
      i = end;
    }
  }
  return [wide.subarray(0, n), extra.subarray(0, n)];
}

function grow(a: Int32Array): Int32Array<ArrayBuffer> {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}

/** UTF-8 length of `s[from, to)`. */
export function utf8Length(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < to) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 4;
        i++;
      } else n += 3;
    } else n += 3;
  }
  return n;
}
