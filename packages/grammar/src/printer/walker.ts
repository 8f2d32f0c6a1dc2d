/**
 * Stage 1 of the canonical printer (spec 11.2): walks the tree and sends texts, position hints and whitespace
 * directives to the emitter. Line breaks are decided from source lines only, which is why `alloy fmt` keeps the
 * line structure of its input (spec 11, F3-F29).
 */
import type {
  AccessExpr,
  ArrayExpr,
  BinaryExpr,
  Block,
  CallExpr,
  Expr,
  IndexExpr,
  ObjectExpr,
  ObjectField,
  Statement,
} from "../ast/nodes.js";
import type { Emitter } from "./emitter.js";
import { Ws } from "./emitter.js";
import { goQuote, quotesAsIs } from "../parser/quote.js";
import type { SourceIndex } from "./source-index.js";

/**
 * Whitespace directives as module constants: V8 reads an imported binding through its module cell on every use,
 * where a constant of this module is folded into optimized code.
 */
const { Blank: BLANK, Formfeed: FORMFEED, Indent: INDENT, Newline: NEWLINE, Unindent: UNINDENT, VTab: VTAB } = Ws;

const BACKTICK = 0x60;
const COMMA = 0x2c;

export class Walker {
  /**
   * Postfix chains being printed, innermost last; each `postfixChain` call uses the entries from its own base up
   * and removes them when done, so nested chains (inside index or call arguments) share one array. A fresh array
   * per chain cost more than the rest of printing an `a.b.c.d` reference.
   */
  private readonly spine: (AccessExpr | IndexExpr | CallExpr)[] = [];
  private spineTop = 0;

  /** `faithful`: see `Emitter`; off, quoted object keys are re-quoted as upstream does (F33). */
  constructor(
    private readonly out: Emitter,
    private readonly index: SourceIndex,
    private readonly faithful = true,
    /**
     * Place every text at its source position, so that each comment stays between the tokens it was written
     * between: the fallback layout when upstream's placement would change what the file means (see `format`).
     */
    private readonly precise = false,
  ) {}

  /**
   * Before a text upstream writes without a position hint: its source position, which a precise layout uses as
   * the hint and the default one checks for a comment carried past it (`Emitter.at`).
   */
  private at(offset: number): void {
    this.out.at(offset);
  }

  /**
   * Before the parentheses of calls and parenthesised expressions and the `.name` of member accesses: upstream
   * writes them at an estimate, so a comment next to them moves on by one token on every run, and a line break
   * in it may end the statement early. By default they are placed at their source position, which keeps each
   * comment where it was (and gives upstream's bytes wherever upstream's estimate is right).
   */
  private place(offset: number): void {
    if (this.precise) this.out.hint(offset);
    else if (this.faithful) this.out.placeAt(offset);
  }

  /** The source position of the `,` after the item ending at `end`, or `end` when the comma is added. */
  private commaAfter(end: number): number {
    const i = this.index.tokenAfter(end);
    return this.index.codeAt(i) === COMMA ? i : end;
  }

  /** A statement list (file or block body): F3-F5. */
  statements(list: readonly Statement[]): void {
    let prevEndLine = 0;
    for (let i = 0; i < list.length; i++) prevEndLine = this.statement(list[i]!, i === 0, prevEndLine);
  }

  /**
   * One statement of a list: `first` tells whether it opens the list, `prevEndLine` is the last source line of
   * the statement before it. Returns this statement's last source line, for the next call.
   */
  statement(s: Statement, first: boolean, prevEndLine: number): number {
    const { out } = this;
    const startLine = this.line(s.start);
    // A block is always preceded by a blank line; otherwise one blank source line (or more) is kept as one.
    if (!first && (s.kind === "Block" || startLine - prevEndLine > 1)) out.ws(FORMFEED);
    if (s.kind === "Block") this.block(s, startLine);
    else {
      out.hintAt(s.start, startLine);
      out.name(s.name, s.start);
      out.ws(VTAB);
      if (out.commentPending()) this.at(this.index.tokenAfter(s.start + s.name.length));
      out.token("=");
      out.ws(BLANK);
      this.expr(s.value);
    }
    // A statement spanning several lines ends its alignment block (F8).
    // Statements end at their value's or closing brace's last character (upstream `EndPos`).
    const endLine = this.line(s.end - 1);
    out.ws(startLine !== endLine ? FORMFEED : NEWLINE);
    return endLine;
  }

  /** `line`: the line of `b.start`. */
  private block(b: Block, line: number): void {
    const { out } = this;
    out.hintAt(b.start, line);
    const contiguous = b.nameEnd - b.start === b.name.length;
    // A comment inside a dotted name would end up after the whole name, where a line break ends the statement:
    // precisely placed, it goes before the name.
    if (!contiguous && out.commentPending()) this.at(b.nameEnd - 1);
    // A dotted name (F11) is copied from the source unless it was written with spaces around its dots.
    out.name(b.name, contiguous ? b.start : -1);
    // A name written across lines (`a .⏎b`) ends on a later line than it starts: what follows is measured from
    // there, so a comment after it stays on the header line.
    if (!contiguous && this.faithful) out.endedAt(b.nameEnd);
    if (b.label !== undefined && b.label !== "" && b.labelStart >= 0) {
      out.ws(BLANK);
      out.hint(b.labelStart);
      // Labels are identifiers, so Go's %q quoting rarely has anything to escape: the label is then written as in
      // the source, where `label` is the text between the quotes.
      if (quotesAsIs(b.label)) out.quoted(b.label, b.labelStart);
      else out.literal(goQuote(b.label), false, -1);
    }
    out.ws(BLANK);
    out.hint(b.lCurly);
    out.token("{");
    out.ws(INDENT);
    if (b.body.length > 0) {
      out.ws(FORMFEED);
      this.statements(b.body);
    } else out.ws(BLANK);
    out.ws(UNINDENT);
    out.hint(b.rCurly);
    out.token("}");
  }

  private expr(e: Expr): void {
    const { out } = this;
    switch (e.kind) {
      case "Literal":
        out.hint(e.start);
        out.literal(e.raw, e.literal === "number", e.start);
        return;
      case "Identifier":
        out.hint(e.start);
        out.name(e.name, e.start);
        return;
      case "Access":
      case "Index":
      case "Call":
        this.postfixChain(e);
        return;
      case "Unary":
        out.hint(e.opStart);
        out.token(e.op);
        this.expr(e.operand);
        return;
      case "Binary":
        this.binaryChain(e);
        return;
      case "Paren":
        if (out.commentPending()) this.place(e.start);
        out.token("(");
        this.expr(e.inner);
        if (out.commentPending()) this.place(e.end - 1);
        out.token(")");
        return;
      case "Array":
        this.array(e);
        return;
      case "Object":
        this.object(e);
        return;
      case "Invalid":
        // Only trees with error diagnostics hold these; `format` never prints such trees.
        return;
    }
  }

  /**
   * `left op right`, walking the left spine of a left-associative chain (`1 + 2 + … + n`) with a loop: such
   * chains are not nesting-limited by the parser and may be arbitrarily long.
   */
  private binaryChain(e: BinaryExpr): void {
    if (e.left.kind === "Binary") {
      const spine: BinaryExpr[] = [];
      let base: Expr = e;
      while (base.kind === "Binary") {
        spine.push(base);
        base = base.left;
      }
      this.expr(base);
      for (let i = spine.length - 1; i >= 0; i--) this.binaryRest(spine[i]!);
    } else {
      this.expr(e.left);
      this.binaryRest(e);
    }
  }

  private binaryRest(b: BinaryExpr): void {
    const { out } = this;
    out.ws(BLANK);
    out.hint(b.opStart);
    out.token(b.op);
    out.ws(BLANK);
    this.expr(b.right);
  }

  /** `.name`, `[index]` and `(args)` suffixes, walked with a loop for the same reason as `binaryChain`. */
  private postfixChain(e: AccessExpr | IndexExpr | CallExpr): void {
    const inner = e.kind === "Call" ? e.callee : e.value;
    if (inner.kind === "Access" || inner.kind === "Index" || inner.kind === "Call") {
      const spine = this.spine;
      const from = this.spineTop;
      let top = from;
      let base: Expr = e;
      while (base.kind === "Access" || base.kind === "Index" || base.kind === "Call") {
        spine[top++] = base;
        base = base.kind === "Call" ? base.callee : base.value;
      }
      this.spineTop = top;
      this.expr(base);
      for (let i = top - 1; i >= from; i--) this.postfixRest(spine[i]!);
      this.spineTop = from;
    } else {
      this.expr(inner);
      this.postfixRest(e);
    }
  }

  private postfixRest(p: AccessExpr | IndexExpr | CallExpr): void {
    const { out } = this;
    if (p.kind === "Access") {
      if (out.commentPending()) this.place(this.index.tokenAfter(p.value.end));
      out.token(".");
      const nameAt = p.end - p.name.length;
      // A name on the line after its `.` is estimated on the `.`'s line: a comment after it on its own line
      // would then get a line break before it, which ends the expression there.
      if (this.faithful && this.index.commentFollows(p.end)) out.hint(nameAt);
      else if (out.commentPending()) this.place(nameAt);
      out.name(p.name, nameAt);
    } else if (p.kind === "Index") {
      out.hint(p.lBrack);
      out.token("[");
      this.expr(p.index);
      out.hint(p.end - 1);
      out.token("]");
    } else this.callArguments(p);
  }

  /** F15-F17. */
  private array(e: ArrayExpr): void {
    const { out } = this;
    const close = e.end - 1;
    out.hint(e.start);
    out.token("[");
    let prevLine = this.line(e.start);
    const n = e.elements.length;
    for (let i = 0; i < n; i++) {
      const el = e.elements[i]!;
      // The indent comes before the line break so that comments written at the break are indented too.
      const broken = this.line(el.start) !== prevLine;
      if (broken) {
        out.ws(INDENT);
        out.ws(FORMFEED);
      } else if (i > 0) out.ws(BLANK);
      prevLine = this.line(el.end - 1);
      this.expr(el);
      if (i + 1 < n) {
        if (out.commentPending()) this.place(this.commaAfter(el.end));
        out.token(",");
      }
      if (broken) out.ws(UNINDENT);
    }
    if (n > 0 && this.line(close) !== prevLine) {
      if (out.commentPending()) this.place(this.commaAfter(e.elements[n - 1]!.end));
      out.token(",");
      out.ws(INDENT);
      out.ws(FORMFEED);
      out.ws(UNINDENT);
    }
    out.hint(close);
    out.token("]");
  }

  /** F18-F21. */
  private object(e: ObjectExpr): void {
    const { out } = this;
    const close = e.end - 1;
    out.hint(e.start);
    out.token("{");
    out.ws(INDENT);
    let prevLine = this.line(e.start);
    const n = e.fields.length;
    for (let i = 0; i < n; i++) {
      const f = e.fields[i]!;
      if (this.line(f.start) !== prevLine) {
        // Keep `=` alignment with the previous field only when its value fit on one line (F21).
        const prev = i > 0 ? e.fields[i - 1]!.value : undefined;
        const prevSingleLine = prev !== undefined && this.line(prev.start) === this.line(prev.end - 1);
        out.ws(prevSingleLine ? NEWLINE : FORMFEED);
      } else if (i > 0) out.ws(BLANK);
      // Upstream measures the key's end from its stored text, which for quoted keys excludes the delimiters.
      prevLine = this.line(keyEnd(f));
      out.hint(f.start);
      if (!f.quoted) out.name(f.name, f.start);
      else if (quotesAsIs(f.name)) out.quoted(f.name, f.start);
      else if (!this.faithful) out.literal(goQuote(f.name), false, -1);
      // A raw key's value is its text without carriage returns (the scanner drops them from raw strings).
      else if (this.index.codeAt(f.start) === BACKTICK) {
        out.literal(goQuote(f.name.replace(/\r/g, "")), false, -1);
        out.endedAt(f.start + f.name.length + 2);
      }
      // The stored text of a double-quoted key is its escaped form: quoting it again (upstream, F33) would escape
      // the escapes on every run, so it is written back as it was.
      else out.literal(`"${f.name}"`, false, -1);
      out.ws(VTAB);
      if (out.commentPending()) this.at(this.index.tokenAfter(f.start + f.name.length + (f.quoted ? 2 : 0)));
      out.token("=");
      out.ws(BLANK);
      this.expr(f.value);
      if (i + 1 < n) {
        if (out.commentPending()) this.place(this.commaAfter(f.value.end));
        out.token(",");
      }
    }
    if (n > 0 && this.line(close) !== prevLine) {
      if (out.commentPending()) this.place(this.commaAfter(e.fields[n - 1]!.value.end));
      out.token(",");
      out.ws(FORMFEED);
    }
    out.ws(UNINDENT);
    out.hint(close);
    out.token("}");
  }

  /** The `(args)` of a call (F28); the callee has been written. */
  private callArguments(e: CallExpr): void {
    const { out } = this;
    if (out.commentPending()) this.place(e.lParen);
    out.token("(");
    let prevLine = this.line(e.lParen);
    const n = e.args.length;
    for (let i = 0; i < n; i++) {
      const arg = e.args[i]!;
      const broken = this.line(arg.start) !== prevLine;
      if (broken) {
        out.ws(FORMFEED);
        out.ws(INDENT);
      }
      this.expr(arg);
      prevLine = this.line(arg.end - 1);
      if (i + 1 < n) {
        if (out.commentPending()) this.place(this.commaAfter(arg.end));
        out.token(",");
        out.ws(BLANK);
      }
      if (broken) out.ws(UNINDENT);
    }
    // Deliberate deviation from upstream (spec F34): for a call without arguments whose `)` is on a later line,
    // upstream writes a trailing comma (`f(,⏎)`), which does not parse. We print `f()` instead.
    if (n > 0 && this.line(e.end - 1) !== prevLine) {
      if (out.commentPending()) this.place(this.commaAfter(e.args[n - 1]!.end));
      out.token(",");
      out.ws(FORMFEED);
    }
    // A `)` on a later line (after the trailing comma, or `f(⏎)` printed as `f()`, F34 above) is placed at its
    // source line when a comment follows on that line: upstream measures from the line before, and so writes a
    // line break before the comment, which ends the statement early.
    const closeLine = this.line(e.end - 1);
    if (closeLine !== prevLine && (n === 0 || (this.faithful && this.index.commentFollows(e.end)))) out.hint(e.end - 1);
    else if (out.commentPending()) this.place(e.end - 1);
    out.token(")");
  }

  private line(offset: number): number {
    return this.index.line(offset);
  }
}

/**
 * Upstream's end of a key: its start plus the stored text length, minus one (for quoted keys, whose text excludes
 * the delimiters, one before the closing quote).
 */
function keyEnd(f: ObjectField): number {
  return f.start + f.name.length - 1;
}
