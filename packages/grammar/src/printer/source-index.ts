/**
 * Position lookups the printer needs for every token: 1-based line numbers and upstream *byte* offsets (spec 1:
 * upstream offsets count UTF-8 bytes; ours count UTF-16 units). Lookups are mostly in increasing order, so both
 * use a cursor and fall back to a search only when the offset moves away from it.
 */
import { LineCursor } from "../text/line-cursor.js";
import type { SourceFile } from "../text/source-file.js";
import { nativeWrite, SpareBytes, writeText } from "../text/spare-bytes.js";

const NON_ASCII = /[^\x00-\x7f]/;
/** Whether a source is ASCII, remembered per source (printing the same file again skips the scan). */
const asciiCache = new WeakMap<SourceFile, boolean>();

export class SourceIndex {
  /** True when UTF-16 offsets equal byte offsets (the source is ASCII). */
  readonly ascii: boolean;
  /**
   * The source's characters as bytes when it is ASCII (texts that are source slices are then copied from here,
   * where widths and byte lengths are their lengths), else undefined. Valid until `release`.
   */
  readonly codes: Uint8Array | undefined;
  private readonly lines: LineCursor;
  private byteCursor = 0;
  private byteAtCursor = 0;

  constructor(private readonly source: SourceFile) {
    this.lines = new LineCursor(source.lineStarts);
    let ascii = asciiCache.get(source);
    if (ascii === undefined) {
      ascii = isAscii(source.text);
      asciiCache.set(source, ascii);
    }
    this.ascii = ascii;
    this.codes = ascii ? acquireCodes(source.text) : undefined;
  }

  /** Gives the code unit buffer back for the next source; `codes` must not be used afterwards. */
  release(): void {
    if (this.codes !== undefined) spareCodes.release(this.codes);
  }

  /** The source's code unit at an offset. */
  codeAt(offset: number): number {
    return this.source.text.charCodeAt(offset);
  }

  /** Offset of the first token at or after `offset`: whitespace and comments are skipped. */
  tokenAfter(offset: number): number {
    const t = this.source.text;
    let i = offset;
    for (;;) {
      const c = t.charCodeAt(i);
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) i++;
      else if (c === 0x2f && t.charCodeAt(i + 1) === 0x2f) {
        const nl = t.indexOf("\n", i);
        i = nl < 0 ? t.length : nl;
      } else if (c === 0x2f && t.charCodeAt(i + 1) === 0x2a) {
        const close = t.indexOf("*/", i + 2);
        i = close < 0 ? t.length : close + 2;
      } else return i;
    }
  }

  /**
   * Whether a comment starts on the same line after `offset`, with only spaces, tabs, commas and closing
   * brackets before it.
   */
  commentFollows(offset: number): boolean {
    const t = this.source.text;
    let i = offset;
    for (let c = t.charCodeAt(i); c === 0x20 || c === 0x09 || c === 0x2c || c === 0x29 || c === 0x5d || c === 0x7d; c = t.charCodeAt(++i));
    return t.charCodeAt(i) === 0x2f && (t.charCodeAt(i + 1) === 0x2f || t.charCodeAt(i + 1) === 0x2a);
  }

  /** 1-based line of an offset. */
  line(offset: number): number {
    return this.lines.line(offset);
  }

  /** Upstream byte offset of a UTF-16 offset. */
  byteOffset(offset: number): number {
    if (this.ascii) return offset;
    const text = this.source.text;
    if (offset < this.byteCursor) {
      if (offset < this.byteCursor - offset) {
        this.byteCursor = 0;
        this.byteAtCursor = 0;
      } else {
        this.byteAtCursor -= utf8Length(text, offset, this.byteCursor);
        this.byteCursor = offset;
        return this.byteAtCursor;
      }
    }
    this.byteAtCursor += utf8Length(text, this.byteCursor, offset);
    this.byteCursor = offset;
    return this.byteAtCursor;
  }

  /** Number of UTF-8 bytes of a printed text. */
  byteLength(s: string): number {
    return this.ascii ? s.length : utf8Length(s, 0, s.length);
  }
}

/** Source bytes are kept between prints up to 32 MiB (`SpareBytes`). */
const spareCodes = new SpareBytes(32 << 20);

/** The characters of the ASCII `text` as bytes, in the kept buffer when it is large enough. */
function acquireCodes(text: string): Uint8Array {
  const n = text.length;
  const units = spareCodes.acquire(n);
  if (nativeWrite) writeText(units, text, "latin1");
  else for (let i = 0; i < n; i++) units[i] = text.charCodeAt(i);
  return units;
}

/**
 * Whether `text` is ASCII. Its UTF-8 length equals its UTF-16 length exactly then (any other code unit takes two
 * or more bytes), and Node's Buffer computes that length natively, several times faster than a regex scan.
 */
function isAscii(text: string): boolean {
  const NodeBuffer = (globalThis as { Buffer?: { byteLength(s: string, e: string): number } }).Buffer;
  return NodeBuffer ? NodeBuffer.byteLength(text, "utf8") === text.length : !NON_ASCII.test(text);
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
