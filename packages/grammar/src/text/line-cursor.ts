import { lineIndexIn } from "./source-file.js";

/** Line numbers of offsets looked up mostly in increasing order. */
export interface LineLookup {
  /** 1-based line of an offset. */
  line(offset: number): number;
}

/**
 * Line numbers of offsets that are looked up mostly in increasing order (the parser's comments, the printer's
 * tokens): a cursor at the last line found, stepping a few lines forward or back before falling back to a binary
 * search. In a large file a binary search per lookup is a series of cache misses over the line table.
 */
export class LineCursor implements LineLookup {
  private lineIdx = 0;

  /** `starts`: offsets at which each line starts (`SourceFile.lineStarts`). */
  constructor(private readonly starts: Int32Array) {}

  /** 1-based line of an offset. */
  line(offset: number): number {
    const starts = this.starts;
    let i = this.lineIdx;
    if (offset >= starts[i]!) {
      // Common case: same line or a few lines further on.
      for (let k = 0; k < 4; k++) {
        if (i + 1 >= starts.length || offset < starts[i + 1]!) {
          this.lineIdx = i;
          return i + 1;
        }
        i++;
      }
    } else {
      // Callers also look back a little (a previous value's first line).
      for (let k = 0; k < 4 && i > 0; k++) {
        i--;
        if (offset >= starts[i]!) {
          this.lineIdx = i;
          return i + 1;
        }
      }
    }
    const found = lineIndexIn(starts, offset);
    this.lineIdx = found;
    return found + 1;
  }
}

/**
 * Line numbers of offsets looked up in increasing order, counted from the text itself: the parser's comment
 * groups need line numbers, and counting the newlines it passes spares it (and valid text's parse) the table of
 * every line's start. Looking back restarts the count from the top.
 */
export class ForwardLineCounter implements LineLookup {
  private offset = 0;
  private lineNumber = 1;

  constructor(private readonly text: string) {}

  /** 1-based line of an offset. */
  line(offset: number): number {
    if (offset < this.offset) {
      this.offset = 0;
      this.lineNumber = 1;
    }
    const text = this.text;
    let n = this.lineNumber;
    for (let i = text.indexOf("\n", this.offset); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) n++;
    this.offset = offset;
    this.lineNumber = n;
    return n;
  }
}
