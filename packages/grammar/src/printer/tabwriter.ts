/**
 * Stage 3 of the canonical printer (spec 11.2): elastic-tabstop alignment with the semantics of Go's
 * `text/tabwriter` configured as upstream does (minwidth 0, tabwidth 8, padding 1, pad char ' ',
 * flags DiscardEmptyColumns | TabIndent).
 *
 * Input conventions:
 * - `\t` ends a hard cell, `\v` ends a soft cell, `\n` and `\f` end a line (`\f` also flushes every
 *   alignment block).
 * - Text between two `ESCAPE` characters is opaque: it never splits cells or lines, and the markers themselves do
 *   not count towards the cell width. The markers are copied to the output; stage 4 removes them.
 *
 * Cells are kept as index ranges into the input string (no per-character objects), so the cost is linear in the
 * input plus the number of cells times the number of columns of their alignment block.
 */

/** Marks the start and end of opaque (comment) text. NUL cannot occur in text that parsed without errors. */
export const ESCAPE = "\u0000";
const ESC = 0;

const TAB_WIDTH = 8;
const PADDING = 1;

const CH_TAB = 9;
const CH_NL = 10;
const CH_VTAB = 11;
const CH_FF = 12;

const spaceCache: string[] = [];
function spaces(n: number): string {
  if (n < 64) return (spaceCache[n] ??= " ".repeat(n));
  return " ".repeat(n);
}

/** Aligns `input` into columns; the result still holds the escape markers. */
export function alignColumns(input: string): string {
  return new TabWriter(input).run();
}

class TabWriter {
  private readonly out: string[] = [];
  // Buffered cells of the current alignment block, as parallel arrays.
  private cellStart: number[] = [];
  private cellEnd: number[] = [];
  private cellWidth: number[] = [];
  private cellHard: boolean[] = [];
  private cellCount = 0;
  /** Index of the first cell of each buffered line; the last entry is the line being filled. */
  private lineFirst: number[] = [0];
  private readonly widths: number[] = [];

  constructor(private readonly text: string) {}

  run(): string {
    const text = this.text;
    const n = text.length;
    let cellBegin = 0;
    // Characters of the current cell that do not count as code points (escape markers, low surrogates).
    let uncounted = 0;
    let inEscape = false;
    for (let i = 0; i < n; i++) {
      const ch = text.charCodeAt(i);
      if (inEscape) {
        if (ch === ESC) {
          inEscape = false;
          uncounted++;
        } else if (ch >= 0xdc00 && ch <= 0xdfff) uncounted++;
        continue;
      }
      if (ch > CH_FF) {
        if (ch >= 0xdc00 && ch <= 0xdfff) uncounted++;
        continue;
      }
      if (ch === ESC) {
        inEscape = true;
        uncounted++;
        continue;
      }
      if (ch < CH_TAB) continue;
      // \t, \n, \v or \f: end of cell.
      const cellsInLine = this.terminateCell(cellBegin, i, i - cellBegin - uncounted, ch === CH_TAB);
      cellBegin = i + 1;
      uncounted = 0;
      if (ch === CH_NL || ch === CH_FF) {
        this.lineFirst.push(this.cellCount);
        // A single-cell line cannot influence later alignment, so everything buffered can be emitted.
        if (ch === CH_FF || cellsInLine === 1) this.flush();
      }
    }
    if (n > cellBegin) this.terminateCell(cellBegin, n, n - cellBegin - uncounted, false);
    this.flush();
    return this.out.join("");
  }

  /** Adds a cell to the current line and returns the line's cell count. */
  private terminateCell(start: number, end: number, width: number, hard: boolean): number {
    const k = this.cellCount++;
    this.cellStart[k] = start;
    this.cellEnd[k] = end;
    this.cellWidth[k] = width;
    this.cellHard[k] = hard;
    return this.cellCount - this.lineFirst[this.lineFirst.length - 1]!;
  }

  private cellsOf(line: number): number {
    const next = line + 1 < this.lineFirst.length ? this.lineFirst[line + 1]! : this.cellCount;
    return next - this.lineFirst[line]!;
  }

  private flush(): void {
    this.format(0, this.lineFirst.length);
    this.cellCount = 0;
    this.lineFirst.length = 1;
    this.lineFirst[0] = 0;
  }

  /**
   * Sizes column `widths.length` for each run of consecutive lines that have a (non-final) cell in it, then
   * recurses into the next column within the run (Go tabwriter `format`).
   */
  private format(line0: number, line1: number): void {
    const column = this.widths.length;
    for (let line = line0; line < line1; line++) {
      if (column >= this.cellsOf(line) - 1) continue;
      this.writeLines(line0, line);
      line0 = line;
      let width = 0;
      let discardable = true;
      for (; line < line1; line++) {
        if (column >= this.cellsOf(line) - 1) break;
        const c = this.lineFirst[line]! + column;
        const w = this.cellWidth[c]! + PADDING;
        if (w > width) width = w;
        if (this.cellWidth[c]! > 0 || this.cellHard[c]) discardable = false;
      }
      if (discardable) width = 0; // DiscardEmptyColumns
      this.widths.push(width);
      this.format(line0, line);
      this.widths.pop();
      line0 = line;
    }
    this.writeLines(line0, line1);
  }

  private writeLines(line0: number, line1: number): void {
    const { out, widths, text } = this;
    const lastLine = this.lineFirst.length - 1;
    for (let line = line0; line < line1; line++) {
      const first = this.lineFirst[line]!;
      const count = this.cellsOf(line);
      // TabIndent: leading empty cells are written as tabs.
      let useTabs = true;
      for (let j = 0; j < count; j++) {
        const c = first + j;
        const start = this.cellStart[c]!;
        const end = this.cellEnd[c]!;
        if (end === start) {
          if (j < widths.length) {
            if (useTabs) {
              const tabs = Math.ceil(widths[j]! / TAB_WIDTH);
              if (tabs > 0) out.push("\t".repeat(tabs));
            } else if (widths[j]! > 0) out.push(spaces(widths[j]!));
          }
        } else {
          useTabs = false;
          out.push(text.slice(start, end));
          if (j < widths.length) {
            const pad = widths[j]! - this.cellWidth[c]!;
            if (pad > 0) out.push(spaces(pad));
          }
        }
      }
      // The last buffered line is the one still being filled: it gets no line break.
      if (line !== lastLine) out.push("\n");
    }
  }
}
