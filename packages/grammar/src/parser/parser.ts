/**
 * The Alloy parser: a hand-written recursive-descent port of upstream syntax/parser/internal.go.
 *
 * Why hand-written rather than generated: parity with upstream's exact error messages, positions and recovery
 * (spec §7) is easiest to get and to review when the code follows upstream method by method (`parseBody`,
 * `parseStatement`, `parseBlockName`, `parseExpression`, `parseBinOp`, `parsePowExpr`, `parseUnaryExpr`,
 * `parsePrimaryExpr`, `parseExpressionList`, `parseFieldList`, `parseField`), each with its EBNF rule; and a pull
 * scanner with no object per token keeps large inputs off the garbage-collection cliff described in the
 * performance notes.
 *
 * Differences from upstream, on purpose:
 * - Upstream returns no tree when there are errors; we always return one. A missing expression becomes an
 *   `Invalid` node (upstream substitutes a `null` literal), statements upstream skips are left out.
 * - Nesting is limited to `MAX_NESTING_DEPTH` levels (brackets, blocks, unary operators, operator chains) so
 *   that hostile input gets a diagnostic instead of a stack overflow in any consumer of the tree; upstream (Go,
 *   growable stacks) has no limit. Real configurations nest a few levels deep.
 */
import type {
  BinaryOp,
  Comment,
  CommentGroup,
  Expr,
  File,
  InvalidExpr,
  LiteralKind,
  ObjectField,
  Statement,
  UnaryOp,
} from "../ast/nodes.js";
import {
  accessNode,
  arrayNode,
  attributeNode,
  binaryNode,
  blockNode,
  callNode,
  commentGroupNode,
  commentNode,
  fieldNode,
  fileNode,
  identifierNode,
  indexNode,
  invalidNode,
  literalNode,
  objectNode,
  parenNode,
  unaryNode,
} from "../ast/factory.js";
import type { RangedDiagnostic as Diagnostic } from "../diagnostics/diagnostic.js";
import { ParseDiagnosticCode } from "../diagnostics/codes.js";
import { isValidIdentifier } from "../lexer/identifier.js";
import { borrowCodeUnits, returnCodeUnits, type CodeUnits } from "../lexer/code-units.js";
import { hashUnits, StringInterner } from "../lexer/interner.js";
import { commentText, Scanner } from "../lexer/scanner.js";
import { BINARY_PRECEDENCE, Tok, tokenString, type TokenCode } from "../lexer/token.js";
import { ForwardLineCounter, LineCursor, type LineLookup } from "../text/line-cursor.js";
import { SourceFile, toSourceFile } from "../text/source-file.js";
import { goQuote } from "./quote.js";

/**
 * Token codes as module constants: V8 reads an imported binding through its module cell on every use, where a
 * constant of this module is folded into optimized code (measured on the hot paths of the parser).
 */
const { ASSIGN, BOOL, COMMA, COMMENT, DOT, EOF, FLOAT, IDENT, ILLEGAL, LBRACK, LCURLY, LPAREN, NOT, NULL, NUMBER, POW, RBRACK, RCURLY, RPAREN, STRING, SUB, TERMINATOR } = Tok;

/**
 * Deepest nesting of brackets, blocks and operator chains the parser accepts (see the module comment). Each
 * level costs up to seven stack frames; 500 levels keep about a factor of two below the default Node stack even
 * in unoptimised code, and real configurations nest fewer than ten levels.
 */
export const MAX_NESTING_DEPTH = 500;

export interface ParseOptions {
  /** File name used in rendered positions (`FILE:LINE:COL`). */
  readonly name?: string;
}

export interface ParseResult {
  readonly file: File;
  /** Scanner and parser errors in upstream's report order. Empty means the input is valid. */
  readonly diagnostics: Diagnostic[];
  readonly source: SourceFile;
}

export interface ParseExpressionResult {
  readonly expr: Expr;
  readonly diagnostics: Diagnostic[];
  readonly source: SourceFile;
}

/** Diagnostic codes produced by the parser (the grammar's catalogue, diagnostics/codes.ts). */
export { ParseDiagnosticCode };

/**
 * Parses a whole Alloy file. Never throws: errors are diagnostics and a (possibly partial) tree is always
 * returned. Accepts text, raw bytes (invalid UTF-8 is reported like upstream) or a prepared `SourceFile`.
 */
export function parse(input: string | Uint8Array | SourceFile, options: ParseOptions = {}): ParseResult {
  const source = toSourceFile(input, options.name);
  return withParser(source, (p) => {
    let file: File;
    try {
      file = p.parseFile();
    } catch (err) {
      p.internalError(err);
      file = fileNode([], p.comments, 0, source.textLength);
    }
    return { file, diagnostics: p.diags, source };
  });
}

/**
 * Parses a single expression that must be followed only by the end of input (upstream `ParseExpression`; a
 * terminator is implied at the end). Never throws.
 */
export function parseExpression(input: string | Uint8Array | SourceFile, options: ParseOptions = {}): ParseExpressionResult {
  const source = toSourceFile(input, options.name);
  return withParser(source, (p) => {
    let expr: Expr;
    try {
      expr = p.parseExpression();
      p.expect(TERMINATOR);
    } catch (err) {
      p.internalError(err);
      expr = invalidNode(0, 0);
    }
    return { expr, diagnostics: p.diags, source };
  });
}

/**
 * Parses a file without building its tree: each top-level statement goes to `sink` as soon as it is parsed and is
 * not kept, so a large file never has its whole tree in memory (the formatter prints statement by statement).
 * Comment groups accumulate in `comments` as they are read; the array is the caller's to watch (it may remove
 * groups from its start that it is done with). `codes`: the text's code units when the caller has them (the
 * printer's, see `borrowCodeUnits`), valid for the duration. Never throws.
 */
export function parseStreaming(
  source: SourceFile,
  sink: (statement: Statement) => void,
  comments: CommentGroup[],
  diagnostics: Diagnostic[],
  codes?: CodeUnits,
): void {
  const run = (p: Parser): void => {
    try {
      p.parseFileStreaming(sink);
    } catch (err) {
      p.internalError(err);
    }
  };
  if (codes === undefined) withParser(source, run, comments, diagnostics);
  else run(new Parser(source, codes, comments, diagnostics));
}

/**
 * Runs `work` with a parser over `source`, whose code units are borrowed for the duration (`borrowCodeUnits`):
 * the parser must not outlive it.
 */
function withParser<T>(source: SourceFile, work: (p: Parser) => T, comments?: CommentGroup[], diagnostics?: Diagnostic[]): T {
  const own = source.codeUnits;
  if (own !== undefined) return work(new Parser(source, own, comments, diagnostics));
  const codes = borrowCodeUnits(source.text);
  try {
    return work(new Parser(source, codes, comments, diagnostics));
  } finally {
    returnCodeUnits(codes);
  }
}


const LITERAL_KINDS: Partial<Record<number, LiteralKind>> = {
  [NUMBER]: "number",
  [FLOAT]: "float",
  [STRING]: "string",
  [BOOL]: "bool",
  [NULL]: "null",
};


class Parser {
  private readonly scanner: Scanner;
  /** `source.text.slice`, reading the bytes of a source that has them instead of its text (`SourceFile.slicer`). */
  private readonly slice: (from: number, to: number) => string;
  private readonly codes: CodeUnits;
  private readonly len: number;
  /** Lines of comments, which are looked up in increasing order. */
  private readonly lines: LineLookup;
  /** Identifier names, one string per distinct name. */
  private readonly names: StringInterner;

  /** Current token, its start and end. */
  private tok: TokenCode = EOF;
  private pos = 0;
  private end = 0;
  /** End of the last non-comment token consumed (for ranges of recovered nodes). */
  private prevEnd = 0;
  /** Line of the last error reported through `addError`; errors on the same line are dropped (§7.2). */
  private lastErrorLine = 0;
  private depth = 0;
  private nestingReported = false;
  /** Receiver of the top-level statements in a streaming parse (`parseFileStreaming`). */
  private sink: ((statement: Statement) => void) | undefined = undefined;

  /**
   * Items of the lists being parsed (statements, elements, fields, name fragments, comments), each nested list
   * above its enclosing one. A finished list is copied out at its exact length: arrays grown by `push` keep room
   * for 16 more items, which for the many short lists of a large file is most of the tree's memory.
   */
  private readonly items: unknown[] = [];
  private top = 0;

  // The block name `parseBlockName` just parsed: its first fragment, the number of fragments, all of them joined
  // by "." and the end of the last one (the name starts at the current statement's start).
  private nameFirst = "";
  private nameCount = 0;
  private nameJoined = "";
  private nameEnd = 0;
  // Its label part: the text ("" when absent or empty) and the span of its token, quotes included
  // (`labelStart` is -1 when there is none).
  private label = "";
  private labelStart = -1;
  private labelEnd = -1;

  /** `comments` and `diags` collect comment groups and diagnostics in source order. */
  /** `codes`: the code units of the source's text. */
  constructor(
    private readonly source: SourceFile,
    codes: CodeUnits,
    readonly comments: CommentGroup[] = [],
    readonly diags: Diagnostic[] = [],
  ) {
    this.slice = source.slicer();
    this.codes = codes;
    this.len = codes.length;
    // The scanner reads `codes`; its own `text` (for `tokenText`, which the parser does not use) is left empty
    // when the source's text has not been made.
    this.scanner = new Scanner(source.hasText ? source.text : "", {
      codes,
      includeComments: true,
      invalidOffsets: source.invalidOffsets,
      onError: (offset, message) => this.addDiag(offset, offset + 1, message, ParseDiagnosticCode.scanner),
    });
    this.names = new StringInterner(this.slice, codes);
    this.lines = source.hasLineStarts ? new LineCursor(source.lineStarts) : new ForwardLineCounter(source.text);
    this.next();
  }

  // ---------------------------------------------------------------------------------------------------------
  // Token handling and errors

  /** Advances to the next non-comment token, collecting comment groups on the way. */
  private next(): void {
    this.prevEnd = this.end;
    this.next0();
    while (this.tok === COMMENT) this.consumeCommentGroup();
  }

  /** The current token, read through a call so that TypeScript does not narrow it across `next()`. */
  private cur(): number {
    return this.tok;
  }

  private next0(): void {
    this.tok = this.scanner.scan();
    this.pos = this.scanner.pos;
    this.end = this.scanner.end;
  }

  /**
   * Consumes adjacent comments as one group: each must start on the line where the previous one ended or the
   * line after (upstream consumeCommentGroup, §2.1).
   */
  private consumeCommentGroup(): void {
    const base = this.top;
    let endline = this.lines.line(this.pos);
    while (this.tok === COMMENT) {
      const line = this.lines.line(this.pos);
      if (line > endline + 1) break;
      const raw = this.slice(this.pos, this.end);
      endline = line;
      if (raw.charCodeAt(1) === 0x2a) for (let i = raw.indexOf("\n"); i !== -1; i = raw.indexOf("\n", i + 1)) endline++;
      this.items[this.top++] = commentNode(commentText(raw), this.pos, this.end);
      this.next0();
    }
    const list = this.takeList<Comment>(base);
    this.comments.push(commentGroupNode(list, list[0]!.start, list[list.length - 1]!.end));
  }

  /**
   * The items pushed since `base`, as an array of their exact length; they are removed from `items`. Short lists
   * (most of them) are made by array literals, whose allocation sites V8 can pretenure like the nodes' (see
   * ast/factory.ts); `slice` arrays always start in the young generation.
   */
  private takeList<T>(base: number): T[] {
    const it = this.items as T[];
    const n = this.top - base;
    this.top = base;
    switch (n) {
      case 0:
        return [];
      case 1:
        return [it[base]!];
      case 2:
        return [it[base]!, it[base + 1]!];
      case 3:
        return [it[base]!, it[base + 1]!, it[base + 2]!];
      case 4:
        return [it[base]!, it[base + 1]!, it[base + 2]!, it[base + 3]!];
      case 5:
        return [it[base]!, it[base + 1]!, it[base + 2]!, it[base + 3]!, it[base + 4]!];
      case 6:
        return [it[base]!, it[base + 1]!, it[base + 2]!, it[base + 3]!, it[base + 4]!, it[base + 5]!];
      default:
        return it.slice(base, base + n);
    }
  }

  /** Consumes tokens up to (not including) `to`, or up to EOF. */
  private advance(to: TokenCode): void {
    while (this.tok !== EOF && this.tok !== to) this.next();
  }

  /** Consumes tokens up to (not including) a statement end: TERMINATOR `)` `}` `]` `,`. */
  private advanceToStatementEnd(): void {
    for (;;) {
      const t = this.tok;
      if (t === EOF || t === TERMINATOR || t === RPAREN || t === RCURLY || t === RBRACK || t === COMMA) {
        return;
      }
      this.next();
    }
  }

  /** Consumes the current token, reporting `expected T, got U` when it is not `t`. Returns its start. */
  expect(t: TokenCode): number {
    const pos = this.pos;
    if (this.tok !== t) this.addError(`expected ${tokenString(t)}, got ${tokenString(this.tok)}`);
    this.next();
    return pos;
  }

  /** Reports an error at the current token unless the last such error was on the same line (§7.2). */
  private addError(message: string): void {
    const line = this.source.lineOf(this.pos);
    if (line === this.lastErrorLine) return;
    this.lastErrorLine = line;
    this.addDiag(this.pos, this.end, message, ParseDiagnosticCode.parser);
  }

  /** Appends a diagnostic without deduplication (scanner errors and the statement-level checks). */
  private addDiag(start: number, end: number, message: string, code: string): void {
    const len = this.len;
    const s = Math.min(start, len);
    this.diags.push({ severity: "error", message, range: { start: s, end: Math.max(s, Math.min(end, len)) }, code });
  }

  /** Records an unexpected exception as a diagnostic so that the public API never throws. */
  internalError(err: unknown): void {
    const message =
      err instanceof RangeError
        ? `input is nested too deeply to parse (limit ${MAX_NESTING_DEPTH} levels)`
        : `internal parser error: ${err instanceof Error ? err.message : String(err)}`;
    this.addDiag(this.pos, this.end, message, ParseDiagnosticCode.internal);
  }

  /**
   * Enters one nesting level. Past `MAX_NESTING_DEPTH` it reports the limit (once per parse), skips the rest of
   * the current nested construct and returns false; the caller then yields an `Invalid` node (or no statement).
   */
  private enter(): boolean {
    if (this.depth < MAX_NESTING_DEPTH) {
      this.depth++;
      return true;
    }
    if (!this.nestingReported) {
      this.nestingReported = true;
      this.addDiag(this.pos, this.end, `nesting depth exceeds the limit of ${MAX_NESTING_DEPTH} levels`, ParseDiagnosticCode.nesting);
    }
    this.skipNested();
    return false;
  }

  private leave(): void {
    this.depth--;
  }

  /**
   * Skips the remainder of the current construct without recursion: balanced brackets are consumed; it stops
   * (without consuming) at an unbalanced closer, or at a TERMINATOR or `,` outside brackets, or at EOF.
   */
  private skipNested(): void {
    let balance = 0;
    for (;;) {
      const t = this.tok;
      if (t === EOF) return;
      if (t === LCURLY || t === LBRACK || t === LPAREN) balance++;
      else if (t === RCURLY || t === RBRACK || t === RPAREN) {
        if (balance === 0) return;
        balance--;
      } else if (balance === 0 && (t === TERMINATOR || t === COMMA)) return;
      this.next();
    }
  }

  private invalid(start: number): InvalidExpr {
    return invalidNode(start, Math.max(start, this.prevEnd));
  }

  /** Literal text of the current token as upstream's scanner reports it (empty for operators). */
  private literalText(): string {
    switch (this.tok) {
      case IDENT:
      case NUMBER:
      case FLOAT:
      case STRING:
      case BOOL:
      case NULL:
      case ILLEGAL:
        return this.slice(this.pos, this.end);
      default:
        return "";
    }
  }

  // ---------------------------------------------------------------------------------------------------------
  // Statements

  /** File = Body . */
  parseFile(): File {
    const body = this.parseBody(EOF);
    return fileNode(body, this.comments, 0, this.len);
  }

  /**
   * File = Body, handing each top-level statement to `sink` as soon as it is parsed instead of keeping it. When
   * `sink` runs, `comments` holds every comment before the current token, so everything up to the statement's end.
   */
  parseFileStreaming(sink: (statement: Statement) => void): void {
    this.sink = sink;
    this.parseBody(EOF);
  }

  /**
   * Body = [ Statement { terminator Statement } ] [ terminator ] .
   * Parses statements up to (not including) `until`.
   */
  private parseBody(until: TokenCode): Statement[] {
    const base = this.top;
    while (this.tok !== until && this.tok !== EOF) {
      const stmt = this.parseStatement();
      if (stmt !== null) {
        if (until === EOF && this.sink !== undefined) this.sink(stmt);
        else this.items[this.top++] = stmt;
      }
      if (this.tok === until) break;
      if (this.tok !== TERMINATOR) {
        this.addError(`expected TERMINATOR, got ${tokenString(this.tok)}`);
        this.consumeStatement();
      }
      this.next();
    }
    return this.takeList(base);
  }

  /**
   * Skips the rest of a statement: up to a TERMINATOR seen while the `{}`, `[]` and `()` opened during the skip
   * are all closed (counts may go negative when the statement started inside a pair).
   */
  private consumeStatement(): void {
    let curly = 0;
    let brack = 0;
    let paren = 0;
    while (this.tok !== EOF) {
      switch (this.tok) {
        case LCURLY: curly++; break;
        case RCURLY: curly--; break;
        case LBRACK: brack++; break;
        case RBRACK: brack--; break;
        case LPAREN: paren++; break;
        case RPAREN: paren--; break;
        case TERMINATOR:
          if (curly <= 0 && brack <= 0 && paren <= 0) return;
      }
      this.next();
    }
  }

  /**
   * Statement = Attribute | Block .
   * Attribute = identifier "=" Expression .
   * Block     = BlockName "{" Body "}" .
   */
  private parseStatement(): Statement | null {
    const start = this.pos;
    if (!this.parseBlockName()) {
      this.advance(IDENT); // skip to the next identifier, which could start a statement
      return null;
    }
    const count = this.nameCount;
    switch (this.tok) {
      case ASSIGN: {
        this.next();
        if (count !== 1) {
          this.addDiag(start, this.nameEnd, `attribute names may only consist of a single identifier with no "."`, ParseDiagnosticCode.parser);
        } else if (this.labelStart >= 0) {
          this.addDiag(this.labelStart, this.labelEnd, "attribute names may not have labels", ParseDiagnosticCode.parser);
        }
        const name = this.nameFirst;
        const value = this.parseExpression();
        return attributeNode(name, value, start, value.end);
      }
      case LCURLY: {
        const name = this.nameJoined;
        const nameEnd = this.nameEnd;
        const label = this.label === "" ? undefined : this.label;
        const labelStart = this.labelStart;
        const labelEnd = this.labelEnd;
        if (!this.enter()) return null;
        const lCurly = this.expect(LCURLY);
        const body = this.parseBody(RCURLY);
        const closed = this.cur() === RCURLY;
        const rCurly = this.expect(RCURLY);
        this.leave();
        const end = closed ? rCurly + 1 : rCurly;
        return blockNode(name, nameEnd, label, labelStart, labelEnd, body, lCurly, rCurly, start, end);
      }
      default:
        if (count === 1 && this.label === "") {
          // The name could start an attribute or a block: mention both.
          this.addError(`expected attribute assignment or block body, got ${tokenString(this.tok)}`);
        } else {
          this.addError(`expected block body, got ${tokenString(this.tok)}`);
        }
        this.advance(IDENT);
        return null;
    }
  }

  /**
   * BlockName = identifier { "." identifier } [ string ] .
   * Sets `nameFirst`, `nameCount`, `nameJoined` and `nameEnd`, and `label`, `labelStart` and `labelEnd`; false
   * when the current token cannot start a name.
   */
  private parseBlockName(): boolean {
    if (this.tok !== IDENT) {
      this.addError(`expected identifier, got ${tokenString(this.tok)}`);
      return false;
    }
    const start = this.pos;
    const first = this.identName();
    let end = this.end;
    let count = 1;
    let joined = first;
    this.next();
    if (this.cur() === DOT) {
      // The joined name is interned from the source when it was written without spaces or comments around the
      // dots (nearly always); otherwise the fragments are joined.
      const base = this.top;
      this.items[this.top++] = first;
      let contiguous = true;
      while (this.cur() === DOT) {
        if (this.pos !== end) contiguous = false;
        const dotEnd = this.end;
        this.next();
        // Keep going with a malformed name to parse as much as possible.
        let fragment: string;
        if (this.tok === IDENT) fragment = this.identName();
        else {
          this.addError(`expected identifier, got ${tokenString(this.tok)}`);
          fragment = this.literalText();
        }
        if (this.pos !== dotEnd || fragment.length !== this.end - this.pos) contiguous = false;
        end = this.pos + fragment.length;
        this.items[this.top++] = fragment;
        count++;
        this.next();
      }
      if (contiguous) {
        this.top = base;
        joined = this.names.intern(start, end, hashUnits(this.codes, start, end));
      } else joined = this.takeList<string>(base).join(".");
    }
    this.nameFirst = first;
    this.nameCount = count;
    this.nameJoined = joined;
    this.nameEnd = end;
    this.label = "";
    this.labelStart = -1;
    this.labelEnd = -1;
    if (this.cur() !== ASSIGN && this.cur() !== LCURLY) {
      if (this.cur() === STRING) {
        const pos = this.pos;
        const end = this.end;
        if (this.codes[pos] !== 0x22) this.addError(`expected block label to be a double quoted string, but got ${goQuote(this.slice(pos, end))}`);
        if (end - pos > 2) {
          // The last character is stripped blindly, as upstream does (an unterminated label loses its last one).
          const label = this.slice(pos + 1, end - 1);
          this.label = label;
          if (!isValidIdentifier(label)) {
            this.addError(`expected block label to be a valid identifier, but got ${goQuote(label)}`);
          }
        }
        this.labelStart = pos;
        this.labelEnd = end;
      } else {
        this.addError(`expected block label, got ${tokenString(this.tok)}`);
      }
      this.next();
    }
    return true;
  }

  /** The name of the current IDENT token, interned. */
  private identName(): string {
    return this.names.intern(this.pos, this.end, this.scanner.identHash);
  }

  // ---------------------------------------------------------------------------------------------------------
  // Expressions

  /** Expression = BinOpExpr . */
  parseExpression(): Expr {
    return this.parseBinOp(1);
  }

  /**
   * BinOpExpr = OrExpr .
   * OrExpr    = AndExpr { "||" AndExpr } .
   * AndExpr   = CmpExpr { "&&" CmpExpr } .
   * CmpExpr   = AddExpr { cmp_op AddExpr } .
   * AddExpr   = MulExpr { add_op MulExpr } .
   * MulExpr   = PowExpr { mul_op PowExpr } .
   *
   * One function for all left-associative levels: `inPrec` is the lowest precedence handled by this call.
   */
  private parseBinOp(inPrec: number): Expr {
    let lhs = this.parsePowExpr();
    // Each operator of a chain is one more level of the tree (`1 + 2 + 3` is `(1 + 2) + 3`): the chain counts
    // against the nesting limit, so that every tree walker, recursive or not, sees a bounded depth.
    let levels = 0;
    for (;;) {
      const tok = this.tok;
      const prec = BINARY_PRECEDENCE[tok]!;
      if (prec === 0 || prec < inPrec) break;
      const opStart = this.pos;
      const opEnd = this.end;
      if (!this.enter()) {
        lhs = this.invalid(lhs.start);
        break;
      }
      levels++;
      this.next();
      const rhs = this.parseBinOp(prec + 1);
      lhs = binaryNode(tokenString(tok) as BinaryOp, opStart, opEnd, lhs, rhs, lhs.start, rhs.end);
    }
    this.depth -= levels;
    return lhs;
  }

  /** PowExpr = UnaryExpr [ "^" PowExpr ] .  (right-associative) */
  private parsePowExpr(): Expr {
    const lhs = this.parseUnaryExpr();
    if (this.tok !== POW) return lhs;
    const opStart = this.pos;
    const opEnd = this.end;
    if (!this.enter()) return this.invalid(lhs.start);
    this.next();
    const rhs = this.parsePowExpr();
    this.leave();
    return binaryNode("^", opStart, opEnd, lhs, rhs, lhs.start, rhs.end);
  }

  /**
   * UnaryExpr  = OperExpr | unary_op UnaryExpr .
   * OperExpr   = PrimaryExpr { AccessExpr | IndexExpr | CallExpr } .
   * AccessExpr = "." identifier .
   * IndexExpr  = "[" Expression "]" .
   * CallExpr   = "(" [ ExpressionList ] ")" .
   */
  private parseUnaryExpr(): Expr {
    if (this.tok === NOT || this.tok === SUB) {
      const start = this.pos;
      const opEnd = this.end;
      const op: UnaryOp = this.tok === NOT ? "!" : "-";
      if (!this.enter()) return this.invalid(start);
      this.next();
      const operand = this.parseUnaryExpr();
      this.leave();
      return unaryNode(op, start, opEnd, operand, start, operand.end);
    }

    let primary = this.parsePrimaryExpr();
    for (;;) {
      switch (this.tok) {
        case DOT: {
          this.next();
          const isIdent = this.cur() === IDENT;
          const name = isIdent ? this.identName() : "";
          const end = isIdent ? this.end : this.pos;
          this.expect(IDENT);
          primary = accessNode(primary, name, primary.start, end);
          break;
        }
        case LBRACK: {
          if (!this.enter()) return this.invalid(primary.start);
          const lBrack = this.expect(LBRACK);
          const index = this.parseExpression();
          const rBrack = this.closer(RBRACK);
          this.leave();
          primary = indexNode(primary, index, lBrack, primary.start, rBrack);
          break;
        }
        case LPAREN: {
          if (!this.enter()) return this.invalid(primary.start);
          const lParen = this.expect(LPAREN);
          const args = this.cur() !== RPAREN ? this.parseExpressionList(RPAREN) : [];
          const rParen = this.closer(RPAREN);
          this.leave();
          primary = callNode(primary, args, lParen, primary.start, rParen);
          break;
        }
        case STRING:
        case LCURLY: {
          // Looks like a block assigned to an attribute: parse it as a block body to say so; if it is not
          // one, give up on the rest of the statement.
          if (this.tok === STRING) this.next();
          const isCurly = this.tok === LCURLY;
          if (isCurly && !this.enter()) return this.invalid(primary.start);
          this.expect(LCURLY);
          if (!isCurly) {
            this.consumeStatement();
            return primary;
          }
          this.parseBody(RCURLY);
          this.leave();
          const closed = this.cur() === RCURLY;
          const rCurly = this.expect(RCURLY);
          if (!closed) {
            this.consumeStatement();
            return primary;
          }
          this.addDiag(primary.start, rCurly + 1, "cannot use a block as an expression", ParseDiagnosticCode.parser);
          break;
        }
        default:
          return primary;
      }
    }
  }

  /** Consumes a closing token via `expect` and returns the end of the node it closes. */
  private closer(t: TokenCode): number {
    const ok = this.tok === t;
    const pos = this.expect(t);
    return ok ? pos + 1 : pos; // a missing closer: the node ends where it was expected
  }

  /**
   * PrimaryExpr  = LiteralValue | ArrayExpr | ObjectExpr .
   * LiteralValue = identifier | string | number | float | bool | null | "(" Expression ")" .
   * ArrayExpr    = "[" [ ExpressionList ] "]" .
   * ObjectExpr   = "{" [ FieldList ] "}" .
   */
  private parsePrimaryExpr(): Expr {
    const start = this.pos;
    switch (this.tok) {
      case IDENT: {
        const e = identifierNode(this.identName(), start, this.end);
        this.next();
        return e;
      }
      case STRING:
      case NUMBER:
      case FLOAT:
      case BOOL:
      case NULL: {
        const tok = this.tok;
        // Keywords take their constant text rather than a new string each.
        const raw = tok === BOOL ? (this.end - start === 4 ? "true" : "false") : tok === NULL ? "null" : this.slice(start, this.end);
        const e = literalNode(LITERAL_KINDS[tok]!, raw, start, this.end);
        this.next();
        return e;
      }
      case LPAREN: {
        if (!this.enter()) return this.invalid(start);
        this.expect(LPAREN);
        const inner = this.parseExpression();
        const end = this.closer(RPAREN);
        this.leave();
        return parenNode(inner, start, end);
      }
      case LBRACK: {
        if (!this.enter()) return this.invalid(start);
        this.expect(LBRACK);
        const elements = this.cur() !== RBRACK ? this.parseExpressionList(RBRACK) : [];
        const end = this.closer(RBRACK);
        this.leave();
        return arrayNode(elements, start, end);
      }
      case LCURLY: {
        if (!this.enter()) return this.invalid(start);
        this.expect(LCURLY);
        // Upstream compares with "]" here, not "}"; kept because it changes the error for `{]`.
        const fields = this.cur() !== RBRACK ? this.parseFieldList(RCURLY) : [];
        const end = this.closer(RCURLY);
        this.leave();
        return objectNode(fields, start, end);
      }
    }
    this.addError(`expected expression, got ${tokenString(this.tok)}`);
    this.advanceToStatementEnd(); // eat up the rest of the expression
    return this.invalid(start);
  }

  /** ExpressionList = Expression { "," Expression } [ "," ] . */
  private parseExpressionList(until: TokenCode): Expr[] {
    const base = this.top;
    while (this.tok !== until && this.tok !== EOF) {
      const expr = this.parseExpression();
      this.items[this.top++] = expr;
      if (this.tok === until) break;
      // Anything else is taken as the missing comma (§7.2).
      if (this.tok !== COMMA) this.addError("missing ',' in expression list");
      this.next();
    }
    return this.takeList(base);
  }

  /** FieldList = Field { "," Field } [ "," ] . */
  private parseFieldList(until: TokenCode): ObjectField[] {
    const base = this.top;
    while (this.tok !== until && this.tok !== EOF) {
      const field = this.parseField();
      this.items[this.top++] = field;
      if (this.tok === until) break;
      if (this.tok !== COMMA) this.addError("missing ',' in field list");
      this.next();
    }
    return this.takeList(base);
  }

  /** Field = ( string | identifier ) "=" Expression . */
  private parseField(): ObjectField {
    const start = this.pos;
    let name: string;
    let nameEnd: number;
    let quoted = false;
    if (this.tok === STRING || this.tok === IDENT) {
      // A string key keeps its raw text between the delimiters (not unescaped); `""` stays as written (§3).
      quoted = this.tok === STRING && this.end - this.pos > 2;
      if (quoted) name = this.names.intern(this.pos + 1, this.end - 1, hashUnits(this.codes, this.pos + 1, this.end - 1));
      else name = this.tok === IDENT ? this.identName() : this.slice(this.pos, this.end);
      nameEnd = this.end;
      this.next();
    } else {
      name = "";
      nameEnd = this.pos;
      this.addError(`expected field name (string or identifier), got ${tokenString(this.tok)}`);
      this.advance(ASSIGN);
    }
    this.expect(ASSIGN);
    const value = this.parseExpression();
    return fieldNode(name, quoted, value, start, Math.max(nameEnd, value.end));
  }
}

