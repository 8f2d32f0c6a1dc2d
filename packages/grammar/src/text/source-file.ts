/**
 * Source text with a line index. Offsets are UTF-16 indices into `text`; upstream reports 1-based lines and
 * 1-based *byte* columns (upstream syntax/token/file.go), LSP wants 0-based UTF-16 characters. Both are derived here.
 */

import { NodeBuffer } from "./node-buffer.js";

/** 1-based line and byte column, as upstream prints them. */
export interface Position {
  readonly line: number;
  readonly column: number;
}

/** 0-based line and UTF-16 character, as LSP wants them. */
export interface LspPosition {
  readonly line: number;
  readonly character: number;
}

/** Result of decoding raw bytes: invalid UTF-8 bytes become U+FFFD, one character per bad byte. */
export interface DecodedSource {
  readonly text: string;
  /** Offsets (in `text`) of characters that stand for an invalid byte. Sorted ascending. */
  readonly invalidOffsets: readonly number[];
}

const strictDecoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** Decodes bytes as UTF-8, keeping a one-to-one mapping from each invalid byte to a U+FFFD character. */
export function decodeUtf8(bytes: Uint8Array): DecodedSource {
  try {
    return { text: strictDecoder.decode(bytes), invalidOffsets: [] };
  } catch {
    return decodeLossy(bytes);
  }
}

function decodeLossy(bytes: Uint8Array): DecodedSource {
  const parts: string[] = [];
  const invalid: number[] = [];
  let textLength = 0;
  let runStart = 0;
  let i = 0;
  const flush = (end: number): void => {
    if (end > runStart) {
      const s = strictDecoder.decode(bytes.subarray(runStart, end));
      parts.push(s);
      textLength += s.length;
    }
  };
  while (i < bytes.length) {
    const len = validSequenceLength(bytes, i);
    if (len > 0) {
      i += len;
      continue;
    }
    flush(i);
    invalid.push(textLength);
    parts.push("\uFFFD");
    textLength += 1;
    i += 1;
    runStart = i;
  }
  flush(i);
  return { text: parts.join(""), invalidOffsets: invalid };
}

/** Length of the valid UTF-8 sequence starting at `i`, or 0 when the byte there starts none (Go's rules). */
function validSequenceLength(b: Uint8Array, i: number): number {
  const c = b[i]!;
  if (c < 0x80) return 1;
  const cont = (k: number, lo = 0x80, hi = 0xbf): boolean => i + k < b.length && b[i + k]! >= lo && b[i + k]! <= hi;
  if (c >= 0xc2 && c <= 0xdf) return cont(1) ? 2 : 0;
  if (c === 0xe0) return cont(1, 0xa0) && cont(2) ? 3 : 0;
  if ((c >= 0xe1 && c <= 0xec) || c === 0xee || c === 0xef) return cont(1) && cont(2) ? 3 : 0;
  if (c === 0xed) return cont(1, 0x80, 0x9f) && cont(2) ? 3 : 0;
  if (c === 0xf0) return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0;
  if (c >= 0xf1 && c <= 0xf3) return cont(1) && cont(2) && cont(3) ? 4 : 0;
  if (c === 0xf4) return cont(1, 0x80, 0x8f) && cont(2) && cont(3) ? 4 : 0;
  return 0;
}

export class SourceFile {
  private starts: Int32Array | undefined = undefined;
  private readonly invalid: readonly number[];
  /** The text's code units when the source was made from bytes handed over (see `fromBytes`). */
  private units: Uint8Array | Uint16Array | undefined = undefined;
  /** The text; made from `units` on first use when the source was made from bytes handed over. */
  private str: string | undefined;

  constructor(
    readonly name: string,
    text: string,
    invalidOffsets: readonly number[] = [],
  ) {
    this.str = text;
    this.invalid = invalidOffsets;
  }

  /** The source text (UTF-16; offsets index it). */
  get text(): string {
    if (this.str === undefined) {
      const u = this.units!;
      this.str = NodeBuffer!.from(u.buffer as ArrayBuffer, u.byteOffset, u.byteLength).toString(u instanceof Uint8Array ? "latin1" : "utf16le");
    }
    return this.str;
  }

  /**
   * Number of code units of the text (without making it, see `fromBytes`).
   * @internal
   */
  get textLength(): number {
    return this.str !== undefined ? this.str.length : this.units!.length;
  }

  /**
   * `text.slice` as a function, which reads the code units of a source made from bytes while its text has not
   * been made: a large file's parse and print then never hold the text as a string beside its code units.
   * @internal the parser's
   */
  slicer(): (from: number, to: number) => string {
    const text = this.str;
    if (text !== undefined) return (from, to) => text.slice(from, to);
    const u = this.units!;
    const view = NodeBuffer!.from(u.buffer as ArrayBuffer, u.byteOffset, u.byteLength);
    if (u instanceof Uint8Array) return (from, to) => view.toString("latin1", from, to);
    return (from, to) => view.toString("utf16le", 2 * from, 2 * to);
  }

  /**
   * Whether `text` has been made (false only for a source of bytes handed over whose text nothing has asked
   * for yet).
   * @internal tests check that formatting does not make it
   */
  get hasText(): boolean {
    return this.str !== undefined;
  }

  /**
   * Offsets at which each line starts; `lineStarts[0] === 0`. Made on first use: a parse of valid text needs
   * line numbers only for its comments, which the parser counts as it goes.
   */
  get lineStarts(): Int32Array {
    return (this.starts ??= this.str !== undefined ? lineStartsOf(this.str) : lineStartsOfUnits(this.units!));
  }

  /** Whether `lineStarts` has been made already (looking lines up in it is then cheaper than counting). */
  get hasLineStarts(): boolean {
    return this.starts !== undefined;
  }

  /**
   * Builds a source file from raw bytes (what the CLI reads), tracking invalid UTF-8. `adopt`: the caller hands
   * the bytes over and never changes them. Under Node, valid UTF-8 then becomes the source's code units
   * (`codeUnits`) and its text is made from them only when asked: an ASCII input's bytes are its code units
   * as they are, another is decoded into UTF-16 units piece by piece, so that formatting a large file holds
   * neither the text as a string nor a second copy (a plain Uint8Array view is kept, not the Buffer: typed-array
   * reads of a Buffer in a loop are slower). Invalid UTF-8 is decoded as without `adopt`. `roomBefore` (with
   * `adopt`): the `bytes.length` bytes before `bytes` in its buffer are the caller's too and unused, and a
   * non-ASCII input is decoded into them and its own bytes' place (two bytes a unit), so that the bytes and their
   * UTF-16 units are never both held: an ASCII input leaves that room untouched, which for a freshly allocated
   * buffer costs no memory.
   */
  static fromBytes(name: string, bytes: Uint8Array, adopt = false, roomBefore = false): SourceFile {
    if (adopt && NodeBuffer !== undefined) {
      let units: Uint8Array | Uint16Array | undefined;
      if (isAsciiBytes(bytes)) units = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
      else {
        const decoded = utf16Units(bytes, roomBefore && bytes.byteOffset >= bytes.length && (bytes.byteOffset - bytes.length) % 2 === 0);
        if (decoded instanceof Uint16Array) units = decoded;
        else bytes = decoded;
      }
      if (units !== undefined) {
        // The text is made only if something asks for it (`text`); the parser and printer do not.
        const file = new SourceFile(name, "");
        file.str = undefined;
        file.units = units;
        return file;
      }
    }
    const d = decodeUtf8(bytes);
    return new SourceFile(name, d.text, d.invalidOffsets);
  }

  /**
   * The text's code units (bytes for an ASCII text, else UTF-16 units) when the source was made from bytes
   * handed over (`fromBytes` with `adopt`); else undefined. Read-only.
   * @internal the parser's and printer's, left out of the published declarations
   */
  get codeUnits(): Uint8Array | Uint16Array | undefined {
    return this.units;
  }

  /** Offsets of characters that stand for invalid UTF-8 bytes. */
  get invalidOffsets(): readonly number[] {
    return this.invalid;
  }

  /** 0-based line index of an offset. */
  lineIndexOf(offset: number): number {
    return lineIndexIn(this.lineStarts, offset);
  }

  /** 1-based line number of an offset. */
  lineOf(offset: number): number {
    return this.lineIndexOf(offset) + 1;
  }

  /** Upstream position: 1-based line, 1-based byte column. */
  position(offset: number): Position {
    const li = this.lineIndexOf(offset);
    const start = this.lineStarts[li]!;
    return { line: li + 1, column: this.byteLength(start, offset) + 1 };
  }

  /** LSP position: 0-based line, 0-based UTF-16 character. */
  lspPosition(offset: number): LspPosition {
    const li = this.lineIndexOf(offset);
    return { line: li, character: offset - this.lineStarts[li]! };
  }

  /** Offset of an LSP position (clamped to the text). */
  offsetAt(pos: LspPosition): number {
    if (pos.line < 0) return 0;
    if (pos.line >= this.lineStarts.length) return this.text.length;
    const start = this.lineStarts[pos.line]!;
    const next = pos.line + 1 < this.lineStarts.length ? this.lineStarts[pos.line + 1]! : this.text.length;
    return Math.min(start + Math.max(0, pos.character), next);
  }

  /** `FILE:LINE:COL` (or `LINE:COL` when the file has no name), as upstream renders positions. */
  formatPosition(offset: number): string {
    const p = this.position(offset);
    return this.name ? `${this.name}:${p.line}:${p.column}` : `${p.line}:${p.column}`;
  }

  /** Number of UTF-8 bytes the text between two offsets had in the original input. */
  byteLength(from: number, to: number): number {
    let n = 0;
    const t = this.text;
    for (let i = from; i < to; i++) {
      const c = t.charCodeAt(i);
      if (c < 0x80) n += 1;
      else if (c < 0x800) n += 2;
      else if (c >= 0xd800 && c <= 0xdbff && i + 1 < to) {
        n += 4;
        i++;
      } else n += 3;
    }
    if (this.invalid.length) for (const o of this.invalid) if (o >= from && o < to) n -= 2; // a bad byte was one byte
    return n;
  }
}

/** Whether every byte is ASCII (one pass, eight bytes at a time where the bytes are aligned for it). */
function isAsciiBytes(b: Uint8Array): boolean {
  const n = b.length;
  let i = 0;
  let acc = 0;
  for (; i < n && ((b.byteOffset + i) & 3) !== 0; i++) acc |= b[i]!;
  const words = (n - i) >> 2;
  if (words > 0) {
    const w = new Uint32Array(b.buffer, b.byteOffset + i, words);
    for (let k = 0; k < words; k++) acc |= w[k]!;
    i += words << 2;
  }
  for (; i < n; i++) acc |= b[i]!;
  return (acc & 0x80808080) === 0;
}

/**
 * UTF-16 units of valid UTF-8 `bytes`, decoded a megabyte at a time (cut before a character's first byte), so
 * that no string of the whole text is made; for invalid UTF-8 the bytes as they were (decoded as a whole then,
 * for its byte-by-byte replacement). Node only.
 *
 * `inPlace`: the units are written from `bytes.length` bytes before `bytes` on (see `SourceFile.fromBytes`).
 * A piece is decoded before its units are written, and units are never more than the bytes they come from, so
 * the writing never reaches bytes not yet decoded: with `to` bytes decoded into `u <= to` units, the units end at
 * `2u <= length + to`. When invalid UTF-8 turns up, the bytes already overwritten are those decoded so far, which
 * encode back to exactly what they were.
 */
function utf16Units(bytes: Uint8Array, inPlace: boolean): Uint16Array | Uint8Array {
  const at = inPlace ? bytes.byteOffset - bytes.length : 0;
  const out = inPlace ? NodeBuffer!.from(bytes.buffer as ArrayBuffer, at, 2 * bytes.length) : NodeBuffer!.allocUnsafeSlow(2 * bytes.length);
  const view = NodeBuffer!.from(out.buffer as ArrayBuffer, out.byteOffset, out.length);
  const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
  const STEP = 1 << 20;
  let units = 0;
  for (let from = 0; from < bytes.length; ) {
    let to = Math.min(bytes.length, from + STEP);
    // Not inside a character: back off over continuation bytes (10xxxxxx), at most three.
    for (let k = 0; k < 3 && to < bytes.length && (bytes[to]! & 0xc0) === 0x80; k++) to--;
    let piece: string;
    try {
      piece = decoder.decode(bytes.subarray(from, to));
    } catch {
      if (!inPlace || 2 * units <= bytes.length) return bytes;
      const before = NodeBuffer!.from(view.toString("utf16le", 0, 2 * units), "utf8");
      const restored = new Uint8Array(bytes.length);
      restored.set(before, 0);
      restored.set(bytes.subarray(from), from);
      return restored;
    }
    units += view.write(piece, 2 * units, "utf16le") / 2;
    from = to;
  }
  return new Uint16Array(out.buffer, out.byteOffset, units);
}

/**
 * Line start offsets of code units (see `lineStartsOf`), in a table of the exact size: the newlines are counted
 * first (a word at a time for bytes), so that a large file's table is made once, with no copies of it while it
 * grows (for a generated 10 MB file these were 4 MB beside the 2 MB table). Bytes are searched by the native
 * `indexOf`.
 */
function lineStartsOfUnits(units: Uint8Array | Uint16Array): Int32Array {
  const starts = new Int32Array(countNewlines(units) + 1);
  let k = 1;
  if (units instanceof Uint16Array) {
    for (let i = 0; i < units.length; i++) if (units[i] === 10) starts[k++] = i + 1;
    return starts;
  }
  const view = NodeBuffer!.from(units.buffer as ArrayBuffer, units.byteOffset, units.length) as unknown as { indexOf(value: number, from: number): number };
  for (let i = view.indexOf(10, 0); i !== -1; i = view.indexOf(10, i + 1)) starts[k++] = i + 1;
  return starts;
}

/** Number of "\n" code units; bytes four at a time where they are aligned. */
function countNewlines(units: Uint8Array | Uint16Array): number {
  let n = 0;
  if (units instanceof Uint16Array) {
    for (let i = 0; i < units.length; i++) if (units[i] === 10) n++;
    return n;
  }
  let i = 0;
  while (i < units.length && (units.byteOffset + i) & 3) if (units[i++] === 10) n++;
  const words = (units.length - i) >> 2;
  if (words > 0) {
    const w = new Uint32Array(units.buffer, units.byteOffset + i, words);
    for (let j = 0; j < words; j++) {
      // Bytes equal to 10 become zero; each zero byte then sets its top bit alone (no borrow between bytes).
      const v = w[j]! ^ 0x0a0a0a0a;
      let zero = ~(((v & 0x7f7f7f7f) + 0x7f7f7f7f) | v | 0x7f7f7f7f);
      if (zero !== 0) {
        zero >>>= 7;
        zero = (zero & 0x00ff00ff) + ((zero >>> 8) & 0x00ff00ff);
        n += (zero + (zero >>> 16)) & 0xff;
      }
    }
    i += words << 2;
  }
  for (; i < units.length; i++) if (units[i] === 10) n++;
  return n;
}

/** `input` as a source file: taken as it is, made from a string, or decoded from UTF-8 bytes. */
export function toSourceFile(input: string | Uint8Array | SourceFile, name = ""): SourceFile {
  if (input instanceof SourceFile) return input;
  if (typeof input === "string") return new SourceFile(name, input);
  return SourceFile.fromBytes(name, input);
}

/**
 * Line start offsets of `text`, in one pass over its newlines: into a typed array sized for lines of about 32
 * characters, doubled when that is too small, then cut to its exact size.
 */
function lineStartsOf(text: string): Int32Array {
  let starts = new Int32Array(Math.max(16, (text.length >> 5) + 1));
  let k = 1;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) {
    if (k === starts.length) {
      const grown = new Int32Array(k * 2);
      grown.set(starts);
      starts = grown;
    }
    starts[k++] = i + 1;
  }
  return k === starts.length ? starts : starts.slice(0, k);
}

/** 0-based index of the line of `offset` in a table of line starts (binary search). */
export function lineIndexIn(starts: Int32Array, offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
