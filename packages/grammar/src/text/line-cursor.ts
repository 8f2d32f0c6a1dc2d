/**
 * Line numbers of offsets that are looked up mostly in increasing order (the parser's comments, the printer's
 * tokens): a cursor at the last line found, stepping a few lines forward or back before falling back to a binary
 * search. In a large file a binary search per lookup is a series of cache misses over the line table.
 */
export class LineCursor {
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
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    this.lineIdx = lo;
    return lo + 1;
  }
}
