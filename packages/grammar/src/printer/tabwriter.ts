/**
 * Stages 3 and 4 of the canonical printer (spec 11.2), fused into one streaming writer.
 *
 * Stage 3 is elastic-tabstop alignment with the semantics of Go's `text/tabwriter` as upstream configures it
 * (minwidth 0, tabwidth 8, padding 1, pad char ' ', flags DiscardEmptyColumns | TabIndent):
 * - the emitter ends cells with `endCell(hard)` (upstream writes `\t` = hard, `\v` = soft) and lines with
 *   `endLine(formfeed)` (`\n` / `\f`; a formfeed also ends every alignment block);
 * - escaped text (comments) is opaque: it never splits cells or lines and counts by its code points;
 * - buffered lines are aligned and emitted when a line ends with a formfeed, or ends with a single cell (it
 *   cannot influence later lines), or at the end.
 * Stage 4 then removes spaces and tabs at the end of every line, except inside escaped text.
 *
 * Memory layout, chosen for large inputs: the text of the buffered cells is copied into one code unit
 * buffer (Go tabwriter's `buf`), from strings or straight from the source's code units; cells are consecutive
 * ranges of it, described by typed arrays reused between flushes. Aligned lines are copied into an output code
 * unit buffer that is decoded to a string once at the end. No string or object is allocated per token or cell:
 * copying between typed arrays is cheaper than reading characters of (often sliced) strings.
 */

import { NodeBuffer } from "../text/node-buffer.js";

const TAB_WIDTH = 8;
const PADDING = 1;
const SPACE = 32;
const TAB = 9;
const NEWLINE = 10;

/**
 * Code units: UTF-16 in general, or bytes when all text written is ASCII (output of an ASCII source), which halves
 * the memory copied and decodes to a one-byte string directly.
 */
export type Units = Uint8Array | Uint16Array;

/**
 * Receives the output in pieces as it is aligned, each ending at a line end (but the last): `units` is valid only
 * during the call (the writer reuses its memory).
 */
export type UnitSink = (units: Units) => void;

/** Output code units handed to a `UnitSink` at a time (at least; a piece ends at a line end). */
const PIECE_UNITS = 1 << 16;

function newUnits(wide: boolean, n: number): Units {
  return wide ? new Uint16Array(n) : new Uint8Array(n);
}

/** A growable code unit buffer. */
class CodeUnits {
  data: Units;
  length = 0;

  constructor(
    readonly wide: boolean,
    capacity: number,
  ) {
    this.data = newUnits(wide, Math.max(capacity, 64));
  }

  reserve(extra: number): Units {
    const need = this.length + extra;
    if (need > this.data.length) {
      const next = newUnits(this.wide, Math.max(need, this.data.length * 2));
      next.set(this.data.subarray(0, this.length));
      this.data = next;
    }
    return this.data;
  }

  append(s: string): void {
    const n = s.length;
    const data = this.reserve(n);
    let k = this.length;
    for (let i = 0; i < n; i++) data[k++] = s.charCodeAt(i);
    this.length = k;
  }

  fill(unit: number, n: number): void {
    const data = this.reserve(n);
    if (n > 16) data.fill(unit, this.length, this.length + n);
    else for (let i = this.length, end = this.length + n; i < end; i++) data[i] = unit;
    this.length += n;
  }
}

/**
 * Code units to string: Node's Buffer is several times faster than TextDecoder, which browsers have. Bytes are
 * ASCII here, which `latin1` (and the browsers' `windows-1252`) decode as is.
 */
const decodeUnits: (units: Units) => string = (() => {
  const B = NodeBuffer;
  if (B) return (u) => B.from(u.buffer as ArrayBuffer, u.byteOffset, u.byteLength).toString(u instanceof Uint16Array ? "utf16le" : "latin1");
  const wide = new TextDecoder("utf-16le");
  const narrow = new TextDecoder("windows-1252");
  return (u) => (u instanceof Uint16Array ? wide : narrow).decode(u);
})();

/**
 * Without an `output`, the text is decoded a piece of this many code units at a time and the pieces are joined at
 * the end: one buffer of the whole output would be decoded in one go, but it is also grown by doubling, which for
 * a 12 MB conversion output meant a 50 MB buffer beside the text.
 */
const TEXT_PIECE_UNITS = 1 << 20;

/** Doubles `a` until it holds index `i`. */
function growInt32(a: Int32Array, i: number): Int32Array<ArrayBuffer> {
  let n = a.length * 2;
  while (n <= i) n *= 2;
  const next = new Int32Array(n);
  next.set(a);
  return next;
}

function growUint8(a: Uint8Array, i: number): Uint8Array<ArrayBuffer> {
  let n = a.length * 2;
  while (n <= i) n *= 2;
  const next = new Uint8Array(n);
  next.set(a);
  return next;
}

/**
 * Copies `src[from, to)` to `dst` at `k` and returns the offset after it. Unrolled by four: texts are short, and a
 * loop copying one unit per iteration costs V8 several times a native copy, which is slower still for a few units
 * (`set` needs a `subarray` object).
 */
function copyUnits(dst: Units, k: number, src: Units, from: number, to: number): number {
  let i = from;
  for (; i + 4 <= to; i += 4, k += 4) {
    dst[k] = src[i]!;
    dst[k + 1] = src[i + 1]!;
    dst[k + 2] = src[i + 2]!;
    dst[k + 3] = src[i + 3]!;
  }
  for (; i < to; i++) dst[k++] = src[i]!;
  return k;
}

export class TabWriter {
  /** Text of the buffered cells, cell after cell (Go tabwriter's `buf`): `buf[0..bufLength)`. */
  private buf: Units;
  private bufLength = 0;
  private readonly out: CodeUnits;

  // The cell being filled: its text starts at `buf[curStart]`.
  private curStart = 0;
  private curWidth = 0;
  /** Buffer offset right after the current cell's last escaped text, or -1. */
  private curProtect = -1;

  // Cells of the buffered lines (cell k's text ends at `cellEnd[k]` and starts where cell k-1's ends).
  private cellEnd = new Int32Array(256);
  private cellWidth = new Int32Array(256);
  /** 1 for a cell ended by a hard tab. */
  private cellHard = new Uint8Array(256);
  private cellProtect = new Int32Array(256);
  private cellCount = 0;
  /** First cell of each buffered line; the entry at `lineCount - 1` belongs to the line being filled. */
  private lineFirst = new Int32Array(64);
  private lineCount = 1;
  /** Column block of each buffered cell but a line's last, and each block's width (see `sizeColumns`). */
  private cellBlock = new Int32Array(256);
  private blockWidth = new Int32Array(256);
  /** 0 for a block whose cells are all empty and soft: DiscardEmptyColumns gives it width 0. */
  private blockKept = new Uint8Array(256);
  /** The block of each column while consecutive lines have that column. */
  private openBlocks = new Int32Array(64);
  private final = false;
  /** Decoded pieces of the text so far, without an `output` (see `TEXT_PIECE_UNITS`). */
  private readonly textPieces: string[] = [];

  /**
   * `sizeHint`: expected output length in code units; `ascii`: every text written is ASCII (code units are then
   * stored as bytes); `output`: receives the output piece by piece as it is aligned, instead of `finish`
   * returning it (see `finishPieces`), so that the whole output is never in one buffer.
   */
  constructor(
    sizeHint = 0,
    ascii = false,
    private readonly output?: UnitSink,
    /** Code units given to `output` at a time (at least): small in tests, to cut many pieces. */
    private readonly pieceUnits = PIECE_UNITS,
  ) {
    this.out = output
      ? new CodeUnits(!ascii, 2 * pieceUnits)
      : new CodeUnits(!ascii, Math.min(sizeHint + (sizeHint >> 3), 2 * TEXT_PIECE_UNITS));
    this.buf = newUnits(!ascii, 4096);
  }

  /** Room for `n` more code units in the cell buffer. */
  private reserve(n: number): Units {
    const need = this.bufLength + n;
    if (need > this.buf.length) {
      const next = newUnits(this.out.wide, Math.max(need, this.buf.length * 2));
      next.set(this.buf.subarray(0, this.bufLength));
      this.buf = next;
    }
    return this.buf;
  }

  /** Appends plain text (no tabs, vertical tabs or line breaks) of `width` code points to the current cell. */
  text(s: string, width: number): void {
    const n = s.length;
    const buf = this.reserve(n);
    let k = this.bufLength;
    for (let i = 0; i < n; i++) buf[k++] = s.charCodeAt(i);
    this.bufLength = k;
    this.curWidth += width;
  }

  /** Appends one code unit (a one-character token) of width 1. */
  char(unit: number): void {
    const buf = this.reserve(1);
    buf[this.bufLength++] = unit;
    this.curWidth++;
  }

  /** Like `text` for `codes[from, to)` (source code units). */
  span(codes: Units, from: number, to: number, width: number): void {
    const buf = this.reserve(to - from);
    this.bufLength = copyUnits(buf, this.bufLength, codes, from, to);
    this.curWidth += width;
  }

  /**
   * Like `span` when `codes[from, to)` holds no tab, line feed, vertical tab or form feed; otherwise appends
   * nothing and returns false (the caller then splits the text).
   */
  spanWithoutControls(codes: Units, from: number, to: number, width: number): boolean {
    const buf = this.reserve(to - from);
    let k = this.bufLength;
    for (let i = from; i < to; i++) {
      const ch = codes[i]!;
      if (ch <= 12 && ch >= 9) return false;
      buf[k++] = ch;
    }
    this.bufLength = k;
    this.curWidth += width;
    return true;
  }

  /**
   * Like `text` when `s` holds no tab, line feed, vertical tab or form feed; otherwise appends nothing and returns
   * false (the caller then splits the text).
   */
  textWithoutControls(s: string, width: number): boolean {
    const n = s.length;
    const buf = this.reserve(n);
    let k = this.bufLength;
    for (let i = 0; i < n; i++) {
      const ch = s.charCodeAt(i);
      if (ch <= 12 && ch >= 9) return false;
      buf[k++] = ch;
    }
    this.bufLength = k;
    this.curWidth += width;
    return true;
  }

  /** Appends `n` spaces to the current cell. */
  spaces(n: number): void {
    const buf = this.reserve(n);
    let k = this.bufLength;
    for (let i = 0; i < n; i++) buf[k++] = SPACE;
    this.bufLength = k;
    this.curWidth += n;
  }

  /** Appends opaque text (a comment) of `width` code points to the current cell. */
  escaped(s: string, width: number): void {
    this.text(s, width);
    this.curProtect = this.bufLength;
  }

  /** Like `escaped` for `codes[from, to)` (source code units). */
  escapedSpan(codes: Units, from: number, to: number, width: number): void {
    this.span(codes, from, to, width);
    this.curProtect = this.bufLength;
  }

  /** Ends the current cell: `\t` (hard) or `\v` (soft). */
  endCell(hard: boolean): void {
    this.terminateCell(hard);
  }

  /** Ends the current cell, then writes `n - 1` empty cells: `n` times `endCell(hard)` (indentation). */
  emptyCells(n: number, hard: boolean): void {
    this.terminateCell(hard);
    for (let i = 1; i < n; i++) this.terminateCell(hard);
  }

  /** Ends the current line: `\n`, or `\f` (formfeed) which also ends every alignment block. */
  endLine(formfeed: boolean): void {
    const cells = this.terminateCell(false);
    if (this.lineCount + 1 >= this.lineFirst.length) this.lineFirst = growInt32(this.lineFirst, this.lineCount + 1);
    this.lineFirst[this.lineCount++] = this.cellCount;
    if (formfeed || cells === 1) {
      this.flush();
      const out = this.out;
      if (this.output !== undefined && out.length >= this.pieceUnits) {
        this.output(out.data.subarray(0, out.length));
        out.length = 0;
      } else if (this.output === undefined && out.length >= TEXT_PIECE_UNITS) {
        this.textPieces.push(decodeUnits(out.data.subarray(0, out.length)));
        out.length = 0;
      }
    }
  }

  /** Flushes everything and returns the aligned, trimmed text followed by `suffix`. */
  finish(suffix = ""): string {
    this.flushAll(suffix);
    const last = decodeUnits(this.out.data.subarray(0, this.out.length));
    if (this.textPieces.length === 0) return last;
    this.textPieces.push(last);
    return this.textPieces.join("");
  }

  /** `finish` for a writer with an `output`: the rest of the text, followed by `suffix`, goes to it. */
  finishPieces(suffix = ""): void {
    this.flushAll(suffix);
    if (this.out.length > 0) this.output!(this.out.data.subarray(0, this.out.length));
    this.out.length = 0;
  }

  private flushAll(suffix: string): void {
    if (this.bufLength > this.curStart) this.terminateCell(false);
    this.final = true;
    if (this.lineCount + 1 >= this.lineFirst.length) this.lineFirst = growInt32(this.lineFirst, this.lineCount + 1);
    this.flush();
    this.out.append(suffix);
  }

  /** Adds the current cell to the current line and returns the line's cell count. */
  private terminateCell(hard: boolean): number {
    const k = this.cellCount++;
    if (k >= this.cellEnd.length) this.growCells(k);
    this.cellEnd[k] = this.bufLength;
    this.cellWidth[k] = this.curWidth;
    this.cellHard[k] = hard ? 1 : 0;
    this.cellProtect[k] = this.curProtect;
    this.curStart = this.bufLength;
    this.curWidth = 0;
    this.curProtect = -1;
    return this.cellCount - this.lineFirst[this.lineCount - 1]!;
  }

  private growCells(k: number): void {
    this.cellEnd = growInt32(this.cellEnd, k);
    this.cellWidth = growInt32(this.cellWidth, k);
    this.cellHard = growUint8(this.cellHard, k);
    this.cellProtect = growInt32(this.cellProtect, k);
    this.cellBlock = growInt32(this.cellBlock, k);
  }

  private flush(): void {
    // Close the line being filled so that it has a cell range too.
    this.lineFirst[this.lineCount] = this.cellCount;
    // One complete line (the most common flush): each of its columns is a block of its own.
    if (this.lineCount === 2 && !this.final) this.writeSingleLine();
    else {
      this.sizeColumns();
      this.writeLines();
    }
    this.cellCount = 0;
    this.lineCount = 1;
    this.lineFirst[0] = 0;
    // Every buffered cell has been written; the current cell is empty after a line end.
    this.bufLength = 0;
    this.curStart = 0;
  }

  /**
   * Go tabwriter `format`, in one pass over the cells. Upstream sizes column k recursively: within a run of lines
   * that all have a (non-final) cell in column k-1, each run of consecutive lines with a (non-final) cell in column
   * k gets the run's widest cell plus padding as width (0 when all its cells are empty and soft:
   * DiscardEmptyColumns). Those runs are exactly the maximal runs of consecutive lines with more than k + 1 cells,
   * so a column block stays open from one line to the next while both lines have the column. A line is written
   * with the widths of the blocks it is in, i.e. one per cell except its last.
   */
  private sizeColumns(): void {
    const { lineFirst, cellWidth, cellHard, cellBlock } = this;
    let { blockWidth, blockKept, openBlocks } = this;
    let blocks = 0;
    let open = 0;
    for (let line = 0; line < this.lineCount; line++) {
      const first = lineFirst[line]!;
      const columns = lineFirst[line + 1]! - first - 1;
      if (columns > openBlocks.length) this.openBlocks = openBlocks = growInt32(openBlocks, columns);
      for (let j = 0; j < columns; j++) {
        let block: number;
        if (j < open) block = openBlocks[j]!;
        else {
          block = blocks++;
          if (block >= blockWidth.length) {
            this.blockWidth = blockWidth = growInt32(blockWidth, block);
            this.blockKept = blockKept = growUint8(blockKept, block);
          }
          blockWidth[block] = 0;
          blockKept[block] = 0;
          openBlocks[j] = block;
        }
        const c = first + j;
        const w = cellWidth[c]! + PADDING;
        if (w > blockWidth[block]!) blockWidth[block] = w;
        if (cellWidth[c]! > 0 || cellHard[c] !== 0) blockKept[block] = 1;
        cellBlock[c] = block;
      }
      open = columns > 0 ? columns : 0;
    }
  }

  /**
   * Writes the one buffered line when it is flushed alone (the most common flush): its columns are blocks of their
   * own, as wide as its cells. The text is the same as `writeLines` would write after `sizeColumns`.
   */
  private writeSingleLine(): void {
    const { out, cellEnd, cellWidth, cellHard, cellProtect, buf } = this;
    const last = this.lineFirst[1]! - 1;
    let data = out.data;
    let k = out.length;
    let protect = k;
    let start = 0;
    let c = 0;
    // TabIndent: leading empty cells are written as tabs; an empty hard cell is one tab wide.
    for (; c < last && cellEnd[c] === 0; c++) {
      const width = cellWidth[c]!;
      if (width === 0 && cellHard[c] === 0) continue;
      if (k + 1 >= data.length) {
        out.length = k;
        data = out.reserve(2);
      }
      data[k++] = TAB;
    }
    for (; c <= last; c++) {
      const end = cellEnd[c]!;
      const length = end - start;
      const width = cellWidth[c]!;
      const w = c < last && (width > 0 || cellHard[c] !== 0) ? width + PADDING : 0;
      // Room for the text, its padding and a line break.
      if (k + length + w >= data.length) {
        out.length = k;
        data = out.reserve(length + w + 1);
      }
      if (length === 0) {
        for (let i = w; i > 0; i--) data[k++] = SPACE;
        continue;
      }
      const p = cellProtect[c]!;
      if (p >= 0) protect = k + (p - start);
      k = copyUnits(data, k, buf, start, end);
      for (let i = w - width; i > 0; i--) data[k++] = SPACE;
      start = end;
    }
    // Stage 4: drop trailing blanks (never inside a comment).
    while (k > protect && (data[k - 1] === SPACE || data[k - 1] === TAB)) k--;
    data[k++] = NEWLINE;
    out.length = k;
  }

  /** Writes the buffered lines, with the column widths of `sizeColumns`. */
  private writeLines(): void {
    const { out, lineFirst, cellEnd, cellWidth, cellHard, cellProtect, cellBlock, blockWidth, blockKept, buf } = this;
    const open = this.lineCount - 1;
    const lines = this.final ? this.lineCount : open;
    let data = out.data;
    let k = out.length;
    // Cells are consecutive in `buf` from its start.
    let start = 0;
    for (let line = 0; line < lines; line++) {
      const first = lineFirst[line]!;
      const last = lineFirst[line + 1]! - 1;
      let protect = k;
      // TabIndent: leading empty cells are written as tabs.
      let useTabs = true;
      for (let c = first; c <= last; c++) {
        const end = cellEnd[c]!;
        const length = end - start;
        const width = cellWidth[c]!;
        let w = 0;
        if (c < last) {
          const block = cellBlock[c]!;
          if (blockKept[block] !== 0) w = blockWidth[block]!;
        }
        // Room for the text, its padding (or tabs) and a line break.
        if (k + length + w >= data.length) {
          out.length = k;
          data = out.reserve(length + w + 1);
        }
        if (length === 0) {
          if (w > 0) {
            // ceil(w / TAB_WIDTH) tabs, in integer arithmetic (w is a small positive integer).
            if (useTabs) for (let i = ((w + TAB_WIDTH - 1) / TAB_WIDTH) | 0; i > 0; i--) data[k++] = TAB;
            else for (let i = w; i > 0; i--) data[k++] = SPACE;
          }
          continue;
        }
        useTabs = false;
        const p = cellProtect[c]!;
        if (p >= 0) protect = k + (p - start);
        k = copyUnits(data, k, buf, start, end);
        for (let i = w - width; i > 0; i--) data[k++] = SPACE;
        start = end;
      }
      // Stage 4: drop trailing blanks (never inside a comment).
      while (k > protect && (data[k - 1] === SPACE || data[k - 1] === TAB)) k--;
      if (line !== open) {
        if (k >= data.length) {
          out.length = k;
          data = out.reserve(1);
        }
        data[k++] = NEWLINE;
      }
    }
    out.length = k;
  }
}
