/**
 * Stage 4 of the canonical printer (spec 11.2): drop spaces and tabs at the end of every line and at the end of
 * the text, except inside escaped (comment) text, and remove the escape markers.
 */
import { ESCAPE } from "./tabwriter.js";

const ESC = 0;
const NL = 10;
const SPACE = 32;
const TAB = 9;

/** Trims trailing blanks outside comments and strips escape markers. */
export function trimTrailingBlanks(input: string): string {
  const out: string[] = [];
  const n = input.length;
  // `from` is the start of text not yet copied; `blankStart` the start of the current run of blanks (or -1).
  let from = 0;
  let blankStart = -1;
  let i = 0;
  while (i < n) {
    const ch = input.charCodeAt(i);
    if (ch === SPACE || ch === TAB) {
      if (blankStart < 0) blankStart = i;
      i++;
      continue;
    }
    if (ch === NL) {
      if (blankStart >= 0) {
        out.push(input.slice(from, blankStart));
        from = i;
      }
      blankStart = -1;
      i++;
      continue;
    }
    blankStart = -1;
    if (ch === ESC) {
      // Copy up to the marker, then the escaped text verbatim, skipping both markers.
      out.push(input.slice(from, i));
      const close = input.indexOf(ESCAPE, i + 1);
      const end = close < 0 ? n : close;
      out.push(input.slice(i + 1, end));
      i = end + 1;
      from = i;
      continue;
    }
    i++;
  }
  out.push(input.slice(from, blankStart >= 0 ? blankStart : n));
  return out.join("");
}
