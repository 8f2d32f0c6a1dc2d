/**
 * Offsets ↔ LSP positions exactly as the protocol defines them: a line ends at `\n`, `\r\n` or a lone `\r`
 * (LSP 3.17 "Text Documents"), and `character` counts UTF-16 code units, or UTF-8 bytes when the client and
 * server agreed on `positionEncoding: "utf-8"` at initialize. The parser's own line table counts `\n` only, as
 * upstream does for its messages; this index is the LSP boundary and is used for every position the server
 * reads or writes.
 */
import type { Position, Range } from "vscode-languageserver-types";

export type PositionEncoding = "utf-16" | "utf-8";

export class LineIndex {
  /** Offset (UTF-16 index into `text`) at which each line starts. */
  readonly starts: Int32Array;
  /** Whether columns are UTF-16 offsets within the line (UTF-16 encoding, or UTF-8 on ASCII-only text). */
  private readonly direct: boolean;

  constructor(
    readonly text: string,
    readonly encoding: PositionEncoding = "utf-16",
  ) {
    this.starts = lineStarts(text);
    this.direct = encoding === "utf-16" || /^[\x00-\x7f]*$/.test(text);
  }

  /** Number of lines (a text always has at least one). */
  get lineCount(): number {
    return this.starts.length;
  }

  /** 0-based line of an offset. */
  lineOf(offset: number): number {
    const s = this.starts;
    let lo = 0;
    let hi = s.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (s[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Offset where a line's content ends (before its `\n`, `\r\n` or `\r`). */
  lineEnd(line: number): number {
    if (line + 1 >= this.starts.length) return this.text.length;
    const next = this.starts[line + 1]!;
    return next >= 2 && this.text.charCodeAt(next - 1) === 10 && this.text.charCodeAt(next - 2) === 13 ? next - 2 : next - 1;
  }

  /** LSP position of an offset (clamped to the text; an offset inside `\r\n` maps to the line's end). */
  lspPosition(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    const line = this.lineOf(o);
    const start = this.starts[line]!;
    const end = Math.min(o, this.lineEnd(line));
    return { line, character: this.direct ? end - start : utf8Length(this.text, start, end) };
  }

  /** Offset of an LSP position; a line past the end clamps to the end, a character past the line to its end. */
  offsetAt(pos: Position): number {
    if (!pos || typeof pos.line !== "number" || pos.line < 0) return 0;
    if (pos.line >= this.starts.length) return this.text.length;
    const start = this.starts[pos.line]!;
    const end = this.lineEnd(pos.line);
    const ch = Math.max(0, pos.character | 0);
    if (this.direct) {
      const o = Math.min(start + ch, end);
      // Never split a surrogate pair: a position inside one means the character's start.
      return o > start && o < end && isLowSurrogate(this.text.charCodeAt(o)) ? o - 1 : o;
    }
    return start + utf8Advance(this.text, start, end, ch);
  }

  range(start: number, end: number): Range {
    return { start: this.lspPosition(start), end: this.lspPosition(Math.max(start, end)) };
  }
}

const isLowSurrogate = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff;

/**
 * Line starts after every `\n`, `\r\n` and lone `\r`. Found with `indexOf` (native, the hot path of every
 * change on a long document) into a typed array grown by doubling.
 */
function lineStarts(text: string): Int32Array {
  let out = new Int32Array(Math.max(16, (text.length >> 5) + 1));
  let n = 1;
  const push = (at: number): void => {
    if (n === out.length) {
      const grown = new Int32Array(out.length * 2);
      grown.set(out);
      out = grown;
    }
    out[n++] = at;
  };
  if (text.indexOf("\r") < 0) {
    for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) push(i + 1);
  } else {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        push(i + 1);
      }
    }
  }
  return out.slice(0, n);
}

/** UTF-8 byte length of `text[from, to)`. */
function utf8Length(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < to && isLowSurrogate(text.charCodeAt(i + 1))) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** How many UTF-16 units from `from` cover `bytes` UTF-8 bytes, stopping at `end` and at character starts. */
function utf8Advance(text: string, from: number, end: number, bytes: number): number {
  let i = from;
  let n = 0;
  while (i < end) {
    const c = text.charCodeAt(i);
    let w = 3;
    let units = 1;
    if (c < 0x80) w = 1;
    else if (c < 0x800) w = 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < end && isLowSurrogate(text.charCodeAt(i + 1))) {
      w = 4;
      units = 2;
    }
    if (n + w > bytes) break;
    n += w;
    i += units;
  }
  return i - from;
}
