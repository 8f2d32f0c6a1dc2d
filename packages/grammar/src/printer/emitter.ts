/**
 * Stage 2 of the canonical printer (spec 11.2): turns the walker's texts and whitespace directives into a stream
 * for the tabwriter, re-inserting comments by source position.
 *
 * Positions follow upstream's model: `pos` is the source position of the text being written (a hint from the
 * walker, or an estimate continuing from the previous text) and `last` the position right after the last text.
 * Offsets are upstream byte offsets, lines are 1-based source lines. Comments are injected before the first text
 * whose position is at or after their start; line breaks around them are recomputed from source lines.
 */
import type { Comment, CommentGroup } from "../ast/nodes.js";
import type { SourceIndex } from "./source-index.js";
import { TabWriter, type UnitSink } from "./tabwriter.js";

/** Whitespace directives (the character codes they are written as, plus indentation changes). */
export const Ws = {
  Ignore: 0,
  Indent: 1,
  Unindent: 2,
  Blank: 32,
  VTab: 11,
  Newline: 10,
  Formfeed: 12,
} as const;
export type Ws = (typeof Ws)[keyof typeof Ws];

/**
 * `commentOff` when no comment group is left: greater than any offset, so that a text checks for comments with
 * one comparison (a small integer, unlike Infinity).
 */
const NO_COMMENT = 0x7fffffff;

/** Comment groups taken before `moreComments` removes them from the list (a few at a time would cost a copy each). */
const DROP_GROUPS = 256;

/** Upstream keeps at most this many queued directives before force-writing them. */
const QUEUE_CAPACITY = 16;
/** At most one blank line is kept around comments. */
const MAX_NEWLINES = 2;

/**
 * The printer state machine of stage 2. Whitespace directives are queued and only written before the next text,
 * so that comments found before that text can replace them; what is written goes straight to the alignment
 * stage (`TabWriter`).
 */
export class Emitter {
  private readonly sink: TabWriter;
  private written = false;
  private atLineStart = true;
  private indent = 0;
  /** Pending whitespace directives: `queue[0..queued)`. */
  private readonly queue: Ws[] = [];
  private queued = 0;
  private posOff = 0;
  private posLine = 1;
  /** Source line right after the last text; 0 until the first text is written (upstream: an invalid position). */
  private lastLine = 0;
  private lastWasNumber = false;

  private groupIdx = 0;
  private group: readonly Comment[] = [];
  /** Byte offset of the next comment group, or `NO_COMMENT` when none is left. */
  private commentOff = NO_COMMENT;
  /** `index.ascii`: byte offsets are offsets. */
  private readonly ascii: boolean;

  /**
   * `faithful` (the default): text inside string literals and comments is kept as written, so the output means
   * what the input means. Off, the emitter reproduces upstream's printer exactly (`--compat=upstream`): tabs,
   * vertical tabs and form feeds inside literals act as alignment cells and line ends, trailing blanks inside
   * multi-line raw strings are trimmed, and a form feed inside a block comment counts as a line break (F30).
   */
  constructor(
    private readonly index: SourceIndex,
    private readonly groups: readonly CommentGroup[],
    sizeHint = 0,
    private readonly faithful = true,
    /** Every text is placed at its own source position (see `at`). */
    private readonly precise = false,
    /** Receives the output piece by piece (see `TabWriter`), `finishPieces` then ends it. */
    output?: UnitSink,
    pieceUnits?: number,
  ) {
    // An ASCII source prints as ASCII (escapes `goQuote` adds are ASCII too).
    this.sink = new TabWriter(sizeHint, index.ascii, output, pieceUnits);
    this.ascii = index.ascii;
    this.nextGroup();
  }

  /**
   * Takes in comment groups appended to `groups` since the emitter ran out of them: a streaming parse (see
   * `format`) adds groups as it goes, always before the texts that follow them are written. The groups already
   * taken are removed from the array's start, which the streaming format owns: a large file's comments are
   * then garbage once printed, like its statements.
   */
  moreComments(): void {
    if (this.groupIdx >= DROP_GROUPS) {
      (this.groups as CommentGroup[]).splice(0, this.groupIdx);
      this.groupIdx = 0;
    }
    if (this.commentOff === NO_COMMENT && this.groupIdx < this.groups.length) this.nextGroup();
  }

  /** Queues a whitespace directive. */
  ws(w: Ws): void {
    if (this.queued === QUEUE_CAPACITY) this.writeWhitespace(QUEUE_CAPACITY);
    this.queue[this.queued++] = w;
    this.lastWasNumber = false;
  }

  /** Sets the source position of the next text. */
  hint(offset: number): void {
    this.posOff = this.ascii ? offset : this.index.byteOffset(offset);
    this.posLine = this.index.line(offset);
  }

  /**
   * A comment that a text without a position hint may have carried past the text: upstream places such texts at
   * an estimate (the end of the previous text), so a comment between the previous text and this one in the
   * source is written after this one, which can change the parse (a comment with a line break moved after a
   * name ends the statement there). Set by `at` when a comment pending before the text's source position is not
   * injected before it.
   */
  displaced = false;

  /**
   * The source position of the next text, for a text upstream gives no hint: a hint in the precise layout,
   * else only checked for a displaced comment (see `displaced`). `offset` is computed by the caller only when a
   * comment is pending (`commentPending`).
   */
  at(offset: number): void {
    if (this.precise) {
      this.hint(offset);
      return;
    }
    // A comment still pending before the text's source position may be written after the text (it is when it
    // starts after the estimate); one after the text's position but at or before the estimate is written before
    // it. Either is checked (a check is all it costs).
    const off = this.ascii ? offset : this.index.byteOffset(offset);
    if (this.commentOff < off || (this.commentOff <= this.posOff && this.commentOff > off)) this.displaced = true;
  }

  /**
   * The source position of the next text, used as its hint when a comment is pending before it (so the comment
   * is written before it, where it was) or when the estimate has run past a comment after it (so the comment is
   * not written before it), else left to upstream's estimate: upstream's bytes are kept wherever no
   * comment is involved, and the layout does not depend on comments further on (a streaming format knows only
   * those read so far).
   */
  placeAt(offset: number): void {
    const off = this.ascii ? offset : this.index.byteOffset(offset);
    if (this.commentOff < off || (this.commentOff <= this.posOff && this.commentOff > off)) {
      // The text's source line may differ from the estimated line of the text before it, which then decides
      // line breaks around the comment: the result is checked (see `displaced`).
      this.hint(offset);
      this.displaced = true;
    }
  }

  /** Whether `at` has anything to do: a comment is left to inject, or every text is placed. */
  commentPending(): boolean {
    return this.precise || (this.faithful && this.commentOff !== NO_COMMENT);
  }

  /**
   * After a text written differently from its source (a raw-string key written quoted): its source ends at
   * `offset`, which is where the next texts and comments are measured from, not from the end of what was written.
   */
  endedAt(offset: number): void {
    this.posOff = this.ascii ? offset : this.index.byteOffset(offset);
    this.posLine = this.lastLine = this.index.line(offset);
  }

  /** `hint` for an offset whose line the caller knows. */
  hintAt(offset: number, line: number): void {
    this.posOff = this.ascii ? offset : this.index.byteOffset(offset);
    this.posLine = line;
  }

  /** Writes a name (identifier); `at`: the source offset where `s` is written verbatim, or -1. */
  name(s: string, at: number): void {
    this.lastWasNumber = false;
    this.text(s, false, at, s.length);
  }

  /**
   * Writes a literal's source text; `number` marks integer literals (F35); `at`: the source offset where `s` is
   * written verbatim, or -1.
   */
  literal(s: string, number: boolean, at: number): void {
    this.lastWasNumber = number;
    // Only string literals can hold tabs or line breaks (raw strings may span lines, F29/F30).
    const first = s.charCodeAt(0);
    this.text(s, first === 0x60 /* ` */ || first === 0x22 /* " */, at, s.length);
  }

  /**
   * Writes `"inner"`, where `inner` needs no escaping (a label or object key): copied from the source when the
   * string token at `at` is written that way, which saves building the quoted string.
   */
  quoted(inner: string, at: number): void {
    this.lastWasNumber = false;
    const codes = this.index.codes;
    const n = inner.length;
    if (at >= 0 && codes[at] === QUOTE && codes[at + n + 1] === QUOTE) this.text(inner, false, at, n + 2);
    else this.text(`"${inner}"`, false, -1, 0);
  }

  /** Writes an operator or punctuation token. */
  token(s: string): void {
    // A number followed by `.` would re-scan as a float: separate them (spec F35).
    if (this.lastWasNumber && s.charCodeAt(0) === 0x2e && this.queued === 0) this.queue[this.queued++] = Ws.Blank;
    this.lastWasNumber = false;
    const nextOff = this.posOff;
    const nextLine = this.posLine;
    this.beforeText(nextOff, nextLine);
    // Tokens are ASCII: their width and byte length are their length.
    if (this.atLineStart) this.writeIndent();
    this.sink.text(s, s.length);
    this.written = true;
    this.atLineStart = false;
    this.posOff = nextOff + s.length;
    this.posLine = this.lastLine = nextLine;
  }

  /** Writes the remaining comments and returns the aligned and trimmed output, followed by `suffix`. */
  finish(suffix = ""): string {
    if (this.commentOff !== NO_COMMENT) this.injectComments(Infinity, Infinity, true);
    return this.sink.finish(suffix);
  }

  /** `finish` for an emitter with an `output`: the rest goes to it. */
  finishPieces(suffix = ""): void {
    if (this.commentOff !== NO_COMMENT) this.injectComments(Infinity, Infinity, true);
    this.sink.finishPieces(suffix);
  }

  /**
   * What goes before a text at source position (off, line): the comments found before it, which replace the
   * queued whitespace, or else that whitespace.
   */
  private beforeText(off: number, line: number): void {
    if (this.commentOff <= off) this.injectComments(off, line, false);
    else if (this.queued > 0) this.writeWhitespace(this.queued);
  }

  /** `at` and `n`: see `writeString`. */
  private text(s: string, multiline: boolean, at: number, n: number): void {
    const nextOff = this.posOff;
    const nextLine = this.posLine;
    this.beforeText(nextOff, nextLine);
    this.writeString(nextOff, nextLine, s, false, multiline, at, n);
  }

  private nextGroup(): void {
    while (this.groupIdx < this.groups.length) {
      const g = this.groups[this.groupIdx++]!;
      if (g.comments.length > 0) {
        this.group = g.comments;
        this.commentOff = this.index.byteOffset(g.comments[0]!.start);
        return;
      }
    }
    this.commentOff = NO_COMMENT;
  }

  private injectComments(nextOff: number, nextLine: number, eof: boolean): void {
    let lastComment: Comment | undefined;
    while (this.commentOff !== NO_COMMENT && this.commentOff <= nextOff) {
      for (const c of this.group) {
        this.writeCommentPrefix(nextLine, c);
        this.writeString(
          this.index.byteOffset(c.start),
          this.index.line(c.start),
          c.text,
          true,
          c.text.charCodeAt(1) === 0x2a /* block comment */,
          // Carriage returns dropped from the text make it differ from the source.
          c.end - c.start === c.text.length ? c.start : -1,
          c.text.length,
        );
        lastComment = c;
      }
      this.nextGroup();
    }
    if (!eof && lastComment) this.writeCommentSuffix(nextLine, lastComment);
  }

  private writeCommentPrefix(nextLine: number, c: Comment): void {
    if (!this.written) return; // the comment is the first output: nothing before it
    const line = this.index.line(c.start);
    if (line === this.lastLine) {
      // Same line as the previous token: a trailing comment (tab, aligned later) or an inline one (space).
      this.writeByte(line === nextLine ? SP : TAB, 1);
      return;
    }
    // Drop the first pending whitespace directive; indentation changes queued before it take effect.
    const q = this.queue;
    let count = 0;
    for (let i = 0; i < this.queued; i++) {
      const w = q[i]!;
      if (w === Ws.Indent || w === Ws.Unindent) continue;
      if (w !== Ws.Ignore) q[i] = Ws.Ignore;
      count = i;
      break;
    }
    this.writeWhitespace(count);
    const newlines = this.lastLine > 0 ? line - this.lastLine : 0;
    if (newlines > 0) this.writeByte(FF, Math.min(newlines, MAX_NEWLINES));
  }

  private writeCommentSuffix(nextLine: number, c: Comment): void {
    if (c.text.charCodeAt(1) === 0x2a /* * */) {
      const endLine = this.index.line(c.start + c.text.length - 1);
      if (endLine === nextLine) this.writeByte(SP, 1);
    }
    const newlines = nextLine - this.lastLine;
    let droppedFormfeed = false;
    const q = this.queue;
    for (let i = 0; i < this.queued; i++) {
      const w = q[i]!;
      if (w === Ws.Blank || w === Ws.VTab || w === Ws.Newline) q[i] = Ws.Ignore;
      else if (w === Ws.Formfeed) {
        droppedFormfeed = true;
        q[i] = Ws.Ignore;
      }
    }
    this.writeWhitespace(this.queued);
    if (newlines > 0) this.writeByte(droppedFormfeed ? FF : NL, Math.min(newlines, MAX_NEWLINES));
  }

  /** Writes the first `n` queued directives and removes them from the queue. */
  private writeWhitespace(n: number): void {
    if (n === 0) return;
    const q = this.queue;
    for (let i = 0; i < n; i++) {
      const w = q[i]!;
      if (w === Ws.Ignore) continue;
      if (w === Ws.Indent) this.indent++;
      else if (w === Ws.Unindent) this.indent = Math.max(0, this.indent - 1);
      else this.writeByte(w, 1);
    }
    // Shift the remaining entries down.
    for (let i = n; i < this.queued; i++) q[i - n] = q[i]!;
    this.queued -= n;
  }

  private writeIndent(): void {
    const depth = this.indent;
    if (depth === 0) return;
    this.sink.emptyCells(depth, true);
    this.written = true;
    this.posOff += depth;
    this.atLineStart = false;
  }

  /** Writes a whitespace character (space, `\t`, `\v`, `\n` or `\f`) `n` times. */
  private writeByte(ch: number, n: number): void {
    if (this.atLineStart) this.writeIndent();
    this.written = true;
    this.posOff += n;
    if (ch === NL || ch === FF) {
      for (let i = 0; i < n; i++) this.sink.endLine(ch === FF);
      this.posLine += n;
      this.atLineStart = true;
      return;
    }
    if (ch === SP) this.sink.spaces(n);
    else for (let i = 0; i < n; i++) this.sink.endCell(ch === TAB);
    this.atLineStart = false;
  }

  /**
   * Writes a text at source position (off, line). Comments (`escaped`) are opaque to the alignment stage; other
   * texts are written raw, so tabs and line breaks inside string literals act as cell and line breaks (F30).
   * `at` is the source offset where the `n` code units of the text are written verbatim, or -1: in an ASCII
   * source the text is then copied from the source's code units, where its width and byte length are its length
   * (`s` is then only read if the text has to be split, and may differ by its delimiters, see `quoted`).
   */
  private writeString(off: number, line: number, s: string, escaped: boolean, mayBreak: boolean, at: number, n: number): void {
    if (this.atLineStart) this.writeIndent();
    const codes = this.index.codes;
    if (at >= 0 && this.index.asciiSpan(at, n) && this.writeSpan(off, line, codes, at, n, escaped, mayBreak)) return;
    if (s.length > 0 || escaped) this.written = true;
    const ascii = this.index.ascii;
    let newlines = 0;
    let lastBreak = -1;
    if (escaped) {
      this.sink.escaped(s, ascii ? s.length : codePoints(s, 0, s.length));
      if (mayBreak) {
        // The source counts only line feeds as line breaks; upstream also counts a form feed, which then joins
        // the next line to the comment's.
        const ff = this.faithful ? NL : FF;
        for (let i = 0; i < s.length; i++) {
          const ch = s.charCodeAt(i);
          if (ch === NL || ch === ff) {
            newlines++;
            lastBreak = i;
          }
        }
      }
    } else if (!mayBreak) {
      this.sink.text(s, ascii ? s.length : codePoints(s, 0, s.length));
    } else if (this.sink.textWithoutControls(s, ascii ? s.length : codePoints(s, 0, s.length))) {
      // Plain text: written.
    } else if (this.faithful) {
      // A string literal with tabs, vertical or form feeds, or line breaks: each line of it is opaque text, which
      // the alignment stage neither splits nor trims; only its line feeds end output lines.
      let from = 0;
      for (let i = 0; i <= s.length; i++) {
        if (i < s.length && s.charCodeAt(i) !== NL) continue;
        if (i > from) this.sink.escaped(s.slice(from, i), ascii ? i - from : codePoints(s, from, i));
        if (i < s.length) {
          this.sink.endLine(false);
          newlines++;
          lastBreak = i;
        }
        from = i + 1;
      }
    } else {
      // The text holds characters the tabwriter interprets (F30): write it in pieces split at them.
      let from = 0;
      for (let i = 0; i < s.length; i++) {
        const ch = s.charCodeAt(i);
        if (ch < TAB || ch > FF) continue;
        if (i > from) this.sink.text(s.slice(from, i), ascii ? i - from : codePoints(s, from, i));
        if (ch === NL || ch === FF) {
          this.sink.endLine(ch === FF);
          newlines++;
          lastBreak = i;
        } else this.sink.endCell(ch === TAB);
        from = i + 1;
      }
      if (s.length > from) this.sink.text(s.slice(from), ascii ? s.length - from : codePoints(s, from, s.length));
    }
    off += this.index.byteLength(s);
    if (newlines > 0) {
      line += newlines;
      this.atLineStart = lastBreak === s.length - 1;
    } else if (s.length > 0) this.atLineStart = false;
    // The position after this text is both the estimate for an unhinted next text and `last`.
    this.posOff = off;
    this.posLine = this.lastLine = line;
  }

  /**
   * `writeString` for an ASCII span `codes[at, at + n)` of the source; false (nothing written) for a text that is not a
   * comment and holds tabs or line breaks, which `writeString` splits.
   */
  private writeSpan(off: number, line: number, codes: Uint8Array | Uint16Array, at: number, n: number, escaped: boolean, mayBreak: boolean): boolean {
    const end = at + n;
    if (escaped) {
      this.sink.escapedSpan(codes, at, end, n);
      this.written = true;
      if (mayBreak) {
        let newlines = 0;
        let lastBreak = -1;
        const ff = this.faithful ? NL : FF;
        for (let i = at; i < end; i++) {
          const ch = codes[i]!;
          if (ch === NL || ch === ff) {
            newlines++;
            lastBreak = i;
          }
        }
        if (newlines > 0) {
          this.posOff = off + n;
          this.posLine = this.lastLine = line + newlines;
          this.atLineStart = lastBreak === end - 1;
          return true;
        }
      }
    } else if (n === 0) {
      // Nothing written: the position still moves past it.
    } else {
      if (!mayBreak) this.sink.span(codes, at, end, n);
      else if (!this.sink.spanWithoutControls(codes, at, end, n)) return false;
      this.written = true;
    }
    if (n > 0) this.atLineStart = false;
    this.posOff = off + n;
    this.posLine = this.lastLine = line;
    return true;
  }
}

const TAB = 9;
const NL = 10;
const QUOTE = 0x22;
const FF = 12;
const SP = 32;

/** Number of code points in `s[from, to)` (alignment widths count code points, F10). */
function codePoints(s: string, from: number, to: number): number {
  let n = to - from;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xdc00 && c <= 0xdfff && i > from) {
      const p = s.charCodeAt(i - 1);
      if (p >= 0xd800 && p <= 0xdbff) n--;
    }
  }
  return n;
}
