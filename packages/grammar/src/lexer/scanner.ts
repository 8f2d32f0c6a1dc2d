/**
 * The Alloy scanner: a hand-written port of upstream syntax/scanner/scanner.go (spec §1–2).
 *
 * It works on the decoded source string (offsets are UTF-16 indices) and reproduces upstream's byte-level
 * behaviour: the character reader reports NUL, invalid UTF-8 (characters that `SourceFile.fromBytes` marked as
 * standing for a bad byte, and lone surrogates) and misplaced byte order marks, even inside strings and
 * comments; newlines become TERMINATOR tokens only after tokens that can end a statement (§2.8).
 *
 * The scanner is pull-based: `scan()` returns the next token code and leaves its start and end offsets in
 * `pos`/`end`, so a parse allocates no object per token (see perf-notes: the GC cliff of per-token objects).
 *
 * EBNF of the tokens (spec §2):
 *
 *   IDENT   = letter { letter | digit }            letter = Unicode L | "_";  digit = Unicode Nd
 *   NUMBER  = decimal { decimal }
 *   FLOAT   = ( decimals | "." decimals | decimals "." [ decimals ] ) [ ("e" | "E") [ "+" | "-" ] decimals ]
 *   STRING  = '"' { char | escape } '"' | "`" { char | newline } "`"
 *   COMMENT = "//" { char } | "/*" { char | newline } "*\/"
 */
import { formatRune, isDecimal, isDigit, isLetter } from "./chars.js";
import { codeUnitsOf, type CodeUnits } from "./code-units.js";
import { HASH_PRIME, HASH_SEED, hashUnits } from "./interner.js";
import { TOKEN_KINDS, Tok, type TokenCode, type TokenKind } from "./token.js";

/**
 * Token codes as module constants: V8 reads an imported binding through its module cell on every use, where a
 * constant of this module is folded into optimized code (measured on the hot paths of the scanner). The same for
 * the identifier hash's constants.
 */
const FNV_SEED = HASH_SEED;
const FNV_PRIME = HASH_PRIME;
const { ADD, AND, ASSIGN, BOOL, COMMA, COMMENT, DIV, DOT, EOF, EQ, FLOAT, GT, GTE, IDENT, ILLEGAL, LBRACK, LCURLY, LPAREN, LT, LTE, MOD, MUL, NEQ, NOT, NULL, NUMBER, OR, POW, RBRACK, RCURLY, RPAREN, STRING, SUB, TERMINATOR } = Tok;

/** Receives scanner errors: offset of the problem and upstream's exact message. */
export type ScanErrorHandler = (offset: number, message: string) => void;

export interface ScannerOptions {
  /** Return comments as COMMENT tokens (the parser does; otherwise they are skipped). Default false. */
  readonly includeComments?: boolean;
  /** Offsets of characters that stand for invalid UTF-8 bytes (`SourceFile.invalidOffsets`). */
  readonly invalidOffsets?: readonly number[];
  /** Called for every scanner error, in the order upstream reports them. */
  readonly onError?: ScanErrorHandler;
  /** `text`'s code units, when the caller has them (`codeUnitsOf(text)` otherwise): bytes only for an ASCII text. */
  readonly codes?: Uint8Array | Uint16Array;
  /**
   * Whether plain ASCII tokens take the fast path (default true). Both paths give the same tokens and errors;
   * turning it off lets tests compare them.
   */
  readonly fastPath?: boolean;
}

const EOF_CH = -1;
const BOM = 0xfeff;

/** Classes of ASCII characters for the scanner's fast path: what a token starting with the character is. */
const enum Ascii {
  /** Anything the fast path leaves to the general scanner (comments, strings, floats, errors, …). */
  Other = 0,
  /** A letter or `_`: an identifier starts (and continues). */
  Letter = 1,
  /** `0`-`9`: a number starts; an identifier continues. */
  Digit = 2,
  /** A one-character token that never combines with the next character. */
  Single = 3,
  /** `=`, `!`, `<`, `>`: one character, or two when `=` follows. */
  WithEquals = 4,
}

const ASCII_CLASS = new Uint8Array(128);
/** Token of each `Single` and `WithEquals` character (the `WithEquals` ones alone, without the `=`). */
const ASCII_TOKEN = new Uint8Array(128);
/** Whether a `Single` token lets a newline after it end the statement (§2.8). */
const ASCII_TERMINATES = new Uint8Array(128);
{
  for (let c = 0; c < 128; c++) {
    const l = c | 0x20;
    if ((l >= 0x61 && l <= 0x7a) || c === 0x5f) ASCII_CLASS[c] = Ascii.Letter;
    else if (c >= 0x30 && c <= 0x39) ASCII_CLASS[c] = Ascii.Digit;
  }
  const single: [string, TokenCode, boolean][] = [
    ["{", LCURLY, false], ["}", RCURLY, true], ["[", LBRACK, false], ["]", RBRACK, true],
    ["(", LPAREN, false], [")", RPAREN, true], [",", COMMA, false], ["+", ADD, false],
    ["-", SUB, false], ["*", MUL, false], ["%", MOD, false], ["^", POW, false],
  ];
  for (const [ch, tok, terminates] of single) {
    ASCII_CLASS[ch.charCodeAt(0)] = Ascii.Single;
    ASCII_TOKEN[ch.charCodeAt(0)] = tok;
    ASCII_TERMINATES[ch.charCodeAt(0)] = terminates ? 1 : 0;
  }
  const withEquals: [string, TokenCode][] = [["=", ASSIGN], ["!", NOT], ["<", LT], [">", GT]];
  for (const [ch, tok] of withEquals) {
    ASCII_CLASS[ch.charCodeAt(0)] = Ascii.WithEquals;
    ASCII_TOKEN[ch.charCodeAt(0)] = tok;
  }
}
/** The two-character token of a `WithEquals` character followed by `=`. */
const WITH_EQUALS: Partial<Record<number, TokenCode>> = { [ASSIGN]: EQ, [NOT]: NEQ, [LT]: LTE, [GT]: GTE };

export class Scanner {
  /** Start offset of the token returned by the last `scan()`. */
  pos = 0;
  /** End offset (exclusive) of the token returned by the last `scan()`. */
  end = 0;
  /**
   * `hashSpan` of the last IDENT token, computed while scanning it (the parser interns names with it).
   * @internal the parser's, left out of the published declarations
   */
  identHash = 0;

  private ch = EOF_CH;
  private offset = 0;
  private readOffset = 0;
  private insertTerm = false;
  private readonly len: number;
  /** `text` as code units (reading these is the scanner's hottest operation; the parser reuses them). */
  readonly codes: CodeUnits;
  private readonly includeComments: boolean;
  private readonly fastPath: boolean;
  private readonly invalid: ReadonlySet<number> | undefined;
  private readonly onError: ScanErrorHandler | undefined;

  constructor(
    readonly text: string,
    options: ScannerOptions = {},
  ) {
    this.codes = options.codes ?? codeUnitsOf(text);
    // Given code units are the text's; the parser gives them with an empty text when it has none as a string.
    this.len = this.codes.length;
    this.includeComments = options.includeComments ?? false;
    this.fastPath = options.fastPath ?? true;
    this.invalid = options.invalidOffsets?.length ? new Set(options.invalidOffsets) : undefined;
    this.onError = options.onError;
    this.next();
    if (this.ch === BOM) this.next(); // A byte order mark is permitted as the very first character (§1).
  }

  /** Source text of the last token (`text[pos, end)`). */
  tokenText(): string {
    return this.text.slice(this.pos, this.end);
  }

  private error(offset: number, message: string): void {
    this.onError?.(offset, message);
  }

  /** Reads the next code point into `ch`, reporting NUL, bad encodings and misplaced BOMs (§1). */
  private next(): void {
    if (this.readOffset >= this.len) {
      this.offset = this.len;
      this.ch = EOF_CH;
      return;
    }
    const off = this.readOffset;
    this.offset = off;
    let r = this.codes[off]!;
    let width = 1;
    if (r === 0) {
      this.error(off, "illegal character NUL");
    } else if (r >= 0x80) {
      if (r >= 0xd800 && r <= 0xdfff) {
        const lo = r <= 0xdbff && off + 1 < this.len ? this.codes[off + 1]! : 0;
        if (lo >= 0xdc00 && lo <= 0xdfff) {
          r = ((r - 0xd800) << 10) + (lo - 0xdc00) + 0x10000;
          width = 2;
        } else {
          // A lone surrogate has no UTF-8 encoding; treat it like an invalid byte (Go's RuneError).
          r = 0xfffd;
          this.error(off, "illegal UTF-8 encoding");
        }
      } else if (r === 0xfffd && this.invalid?.has(off)) {
        this.error(off, "illegal UTF-8 encoding");
      } else if (r === BOM && off > 0) {
        this.error(off, "illegal byte order mark");
      }
    }
    this.readOffset = off + width;
    this.ch = r;
  }

  /** The current character, read through a call so that TypeScript does not narrow it across `next()`. */
  private cur(): number {
    return this.ch;
  }

  private peek(): number {
    return this.readOffset < this.len ? this.codes[this.readOffset]! : 0;
  }

  /** Scans the next token and returns its code; `pos`/`end` delimit it. Returns EOF forever at the end. */
  scan(): TokenCode {
    // Fast path for the tokens most of a file is made of, on plain ASCII: identifiers, integers, punctuation and
    // line ends, read straight from the code units without the checking reader. Whatever it does not take
    // (strings, comments, floats, non-ASCII, NUL, the end of input, errors) goes to `scanGeneral`, with the reader
    // at the same position, so both paths give the same tokens and errors.
    if (!this.fastPath) return this.scanGeneral();
    const codes = this.codes;
    const len = this.len;
    let ch = this.ch;
    let off = this.offset;
    if (ch === 0x20 || ch === 0x09 || ch === 0x0d || (ch === 0x0a && !this.insertTerm)) {
      const newlineIsSpace = !this.insertTerm;
      let i = this.readOffset;
      for (; i < len; i++) {
        const c = codes[i]!;
        if (!(c === 0x20 || c === 0x09 || c === 0x0d || (c === 0x0a && newlineIsSpace))) break;
      }
      const c = i < len ? codes[i]! : 0;
      if (c === 0 || c >= 0x80) {
        this.readOffset = i;
        this.next();
        return this.scanGeneral();
      }
      ch = c;
      off = i;
      this.ch = c;
      this.offset = i;
      this.readOffset = i + 1;
    }
    if (ch <= 0 || ch >= 0x80) return this.scanGeneral();
    switch (ASCII_CLASS[ch]) {
      case Ascii.Letter: {
        let h = Math.imul(FNV_SEED ^ ch, FNV_PRIME);
        let i = off + 1;
        for (; i < len; i++) {
          const b = codes[i]!;
          if (b >= 0x80) break;
          const k = ASCII_CLASS[b];
          if (k === Ascii.Letter || k === Ascii.Digit) h = Math.imul(h ^ b, FNV_PRIME);
          else break;
        }
        // A non-ASCII character may continue the identifier: the general path reads it with its checks.
        if (i < len && (codes[i] === 0 || codes[i]! >= 0x80)) return this.scanGeneral();
        this.identHash = h;
        this.insertTerm = true;
        this.pos = off;
        this.end = i;
        this.readAt(i);
        const n = i - off;
        return n === 4 || n === 5 ? keyword(codes, off, i) : IDENT;
      }
      case Ascii.Digit: {
        let i = off + 1;
        while (i < len && codes[i]! < 0x80 && ASCII_CLASS[codes[i]!] === Ascii.Digit) i++;
        // `1.5`, `1e3` and malformed numbers are the general path's.
        if (i < len && (codes[i] === 0x2e || (codes[i]! | 0x20) === 0x65 || codes[i] === 0 || codes[i]! >= 0x80)) return this.scanGeneral();
        this.insertTerm = true;
        this.pos = off;
        this.end = i;
        this.readAt(i);
        return NUMBER;
      }
      case Ascii.Single:
        this.insertTerm = ASCII_TERMINATES[ch] === 1;
        this.pos = off;
        this.end = off + 1;
        this.readAt(off + 1);
        return ASCII_TOKEN[ch] as TokenCode;
      case Ascii.WithEquals: {
        this.insertTerm = false;
        this.pos = off;
        if (off + 1 < len && codes[off + 1] === 0x3d) {
          this.end = off + 2;
          this.readAt(off + 2);
          return WITH_EQUALS[ASCII_TOKEN[ch]!]!;
        }
        this.end = off + 1;
        this.readAt(off + 1);
        return ASCII_TOKEN[ch] as TokenCode;
      }
      default:
        if (ch === 0x0a) {
          // Only reachable with a terminator pending: the whitespace skip took every other newline.
          this.insertTerm = false;
          this.pos = off;
          this.end = off + 1;
          this.readAt(off + 1);
          return TERMINATOR;
        }
        return this.scanGeneral();
    }
  }

  /** Moves the reader to `i`, the end of a token: plain ASCII is taken as it is, anything else through `next`. */
  private readAt(i: number): void {
    if (i < this.len) {
      const b = this.codes[i]!;
      if (b > 0 && b < 0x80) {
        this.ch = b;
        this.offset = i;
        this.readOffset = i + 1;
        return;
      }
    }
    this.readOffset = i;
    this.next();
  }

  /** `scan` for every token: the checking reader, errors, strings, comments, numbers, terminators. */
  private scanGeneral(): TokenCode {
    for (;;) {
      this.skipWhitespace();
      const pos = this.offset;
      this.pos = pos;
      const ch = this.ch;
      let tok: TokenCode;
      let insertTerm = false;

      if (isLetter(ch)) {
        const start = this.offset;
        this.scanIdentifier();
        tok = IDENT;
        insertTerm = true;
        if (this.offset - start === 4 || this.offset - start === 5) tok = keyword(this.codes, start, this.offset);
      } else if (isDecimal(ch) || (ch === 0x2e && isDecimal(this.peek()))) {
        insertTerm = true;
        tok = this.scanNumber();
      } else {
        this.next(); // Make progress; `ch` is the first character, `this.ch` the second.
        switch (ch) {
          case EOF_CH:
            if (this.insertTerm) {
              this.insertTerm = false; // Consumed EOF
              this.end = pos;
              return TERMINATOR;
            }
            this.end = pos;
            return EOF;
          case 0x0a: // "\n": only reachable when insertTerm is set; skipWhitespace eats other newlines.
            this.insertTerm = false;
            this.end = pos + 1;
            return TERMINATOR;
          case 0x27: // "'"
            this.error(pos, "illegal single-quoted string; use double quotes");
            insertTerm = true;
            tok = ILLEGAL;
            this.scanString(0x27, true, false);
            break;
          case 0x22: // '"'
            insertTerm = true;
            tok = STRING;
            this.scanString(0x22, true, false);
            break;
          case 0x60: // "`"
            insertTerm = true;
            tok = STRING;
            this.scanString(0x60, false, true);
            break;
          case 0x7c: // "|"
            if (this.ch !== 0x7c) this.error(this.offset, "missing second | in ||");
            else this.next();
            tok = OR;
            break;
          case 0x26: // "&"
            if (this.ch !== 0x26) this.error(this.offset, "missing second & in &&");
            else this.next();
            tok = AND;
            break;
          case 0x21: // "!" "!="
            tok = this.switch2(NOT, NEQ);
            break;
          case 0x3d: // "=" "=="
            tok = this.switch2(ASSIGN, EQ);
            break;
          case 0x3c: // "<" "<="
            tok = this.switch2(LT, LTE);
            break;
          case 0x3e: // ">" ">="
            tok = this.switch2(GT, GTE);
            break;
          case 0x2b:
            tok = ADD;
            break;
          case 0x2d:
            tok = SUB;
            break;
          case 0x2a:
            tok = MUL;
            break;
          case 0x2f: // "/": division or a comment
            if (this.ch === 0x2f || this.ch === 0x2a) {
              // A pending terminator goes before the comment only if the comment runs to the end of its line;
              // otherwise it is produced after the comment (§2.8).
              if (this.insertTerm && this.findLineEnd()) {
                this.ch = 0x2f;
                this.offset = pos;
                this.readOffset = pos + 1;
                this.insertTerm = false;
                this.end = pos;
                return TERMINATOR;
              }
              this.scanComment();
              if (!this.includeComments) {
                this.insertTerm = false;
                continue;
              }
              tok = COMMENT;
            } else {
              tok = DIV;
            }
            break;
          case 0x25:
            tok = MOD;
            break;
          case 0x5e:
            tok = POW;
            break;
          case 0x7b:
            tok = LCURLY;
            break;
          case 0x7d:
            insertTerm = true;
            tok = RCURLY;
            break;
          case 0x28:
            tok = LPAREN;
            break;
          case 0x29:
            insertTerm = true;
            tok = RPAREN;
            break;
          case 0x5b:
            tok = LBRACK;
            break;
          case 0x5d:
            insertTerm = true;
            tok = RBRACK;
            break;
          case 0x2c:
            tok = COMMA;
            break;
          case 0x2e:
            tok = DOT; // fractions starting with "." were handled above
            break;
          default:
            // next() already reported a misplaced BOM.
            if (ch !== BOM) this.error(pos, `illegal character ${formatRune(ch)}`);
            insertTerm = this.insertTerm; // an illegal character keeps the insertion state
            tok = ILLEGAL;
        }
      }
      this.insertTerm = insertTerm;
      this.end = this.offset;
      return tok;
    }
  }

  private skipWhitespace(): void {
    const ch = this.ch;
    if (!(ch === 0x20 || ch === 0x09 || ch === 0x0d || (ch === 0x0a && !this.insertTerm))) return;
    // Whitespace never triggers reader errors, so skip it without next()'s checks, then read what follows.
    const codes = this.codes;
    const newlineIsSpace = !this.insertTerm;
    let i = this.readOffset;
    for (; i < this.len; i++) {
      const c = codes[i]!;
      if (!(c === 0x20 || c === 0x09 || c === 0x0d || (c === 0x0a && newlineIsSpace))) break;
    }
    this.readOffset = i;
    this.next();
  }

  /** Scans identifier characters starting at `offset` (which holds a letter), ASCII on a fast path. */
  private scanIdentifier(): void {
    const codes = this.codes;
    const len = this.len;
    const start = this.offset;
    let h = FNV_SEED;
    for (let i = start; i < len; i++) {
      const b = codes[i]!;
      if ((b >= 0x61 && b <= 0x7a) || (b >= 0x41 && b <= 0x5a) || b === 0x5f || (b >= 0x30 && b <= 0x39)) {
        h = Math.imul(h ^ b, FNV_PRIME);
        continue;
      }
      if (b > 0 && b < 0x80) {
        // ASCII that ends the identifier: no error checks are needed for it.
        this.ch = b;
        this.offset = i;
        this.readOffset = i + 1;
        this.identHash = h;
        return;
      }
      // Non-ASCII (or NUL): continue with the checking reader, from the first character if that is the one.
      if (i === start) {
        this.next();
      } else {
        this.readOffset = i;
        this.next();
      }
      while (isLetter(this.ch) || isDigit(this.ch)) this.next();
      this.identHash = hashUnits(this.codes, start, this.offset);
      return;
    }
    this.offset = len;
    this.readOffset = len;
    this.ch = EOF_CH;
    this.identHash = h;
  }

  private scanNumber(): TokenCode {
    let tok: TokenCode = NUMBER;
    const off = this.offset;
    if (this.ch !== 0x2e) this.digits();
    if (this.ch === 0x2e) {
      tok = FLOAT;
      this.next();
      this.digits();
    }
    if ((this.ch | 0x20) === 0x65) {
      tok = FLOAT;
      this.next();
      if (this.ch === 0x2b || this.ch === 0x2d) this.next();
      if (this.digits() === 0) this.error(off, "exponent has no digits");
    }
    return tok;
  }

  private digits(): number {
    let n = 0;
    while (this.ch >= 0x30 && this.ch <= 0x39) {
      this.next();
      n++;
    }
    return n;
  }

  /** Scans a string whose opening delimiter was just consumed (§2.4). */
  private scanString(until: number, escape: boolean, multiline: boolean): void {
    const off = this.offset - 1;
    for (;;) {
      const ch = this.ch;
      if ((!multiline && ch === 0x0a) || ch === EOF_CH) {
        this.error(off, "string literal not terminated");
        return;
      }
      if (ch !== until && ch !== 0x5c && ch > 0 && ch < 0x80) {
        // Fast path over plain ASCII, which cannot trigger reader errors.
        const codes = this.codes;
        let i = this.readOffset;
        for (; i < this.len; i++) {
          const c = codes[i]!;
          if (c === until || c === 0x5c || c === 0x0a || c === 0 || c >= 0x80) break;
        }
        this.readOffset = i;
        this.next();
        continue;
      }
      this.next();
      if (ch === until) return;
      if (escape && ch === 0x5c) this.scanEscape();
    }
  }

  /** Checks one escape sequence after a backslash; stops at an offending character without consuming it. */
  private scanEscape(): void {
    const off = this.offset; // the character after the backslash: where upstream reports escape errors
    let n: number;
    let base: number;
    let max: number;
    switch (this.ch) {
      case 0x61: case 0x62: case 0x66: case 0x6e: case 0x72: case 0x74: case 0x76: case 0x5c: case 0x22:
        this.next();
        return;
      case 0x30: case 0x31: case 0x32: case 0x33: case 0x34: case 0x35: case 0x36: case 0x37:
        n = 3; base = 8; max = 255;
        break;
      case 0x78: // x
        this.next();
        n = 2; base = 16; max = 255;
        break;
      case 0x75: // u
        this.next();
        n = 4; base = 16; max = 0x10ffff;
        break;
      case 0x55: // U
        this.next();
        n = 8; base = 16; max = 0x10ffff;
        break;
      default:
        this.error(off, this.ch === EOF_CH ? "escape sequence not terminated" : "unknown escape sequence");
        return;
    }
    let x = 0;
    for (; n > 0; n--) {
      const d = digitVal(this.ch);
      if (d >= base) {
        this.error(
          off,
          this.cur() === EOF_CH ? "escape sequence not terminated" : `illegal character ${formatRune(this.cur())} in escape sequence`,
        );
        return;
      }
      x = x * base + d;
      this.next();
    }
    if (x > max || (x >= 0xd800 && x < 0xe000)) this.error(off, "escape sequence is invalid Unicode code point");
  }

  /** Scans a comment whose `/` was just consumed; the token ends before a line comment's newline. */
  private scanComment(): void {
    const off = this.offset - 1;
    if (this.ch === 0x2f) {
      // Plain ASCII up to the newline cannot trigger reader errors: skip it directly.
      const codes = this.codes;
      let i = this.readOffset;
      for (; i < this.len; i++) {
        const c = codes[i]!;
        if (c === 0x0a || c === 0 || c >= 0x80) break;
      }
      this.readOffset = i;
      this.next();
      while (this.cur() !== 0x0a && this.cur() !== EOF_CH) this.next();
      return;
    }
    this.next();
    while (this.ch !== EOF_CH) {
      const ch = this.ch;
      this.next();
      if (ch === 0x2a && this.ch === 0x2f) {
        this.next();
        return;
      }
    }
    this.error(off, "block comment not terminated");
  }

  /**
   * Whether the comment starting at the consumed `/` (and any comments right after it) runs to the end of its
   * line. Restores the scanner position afterwards; like upstream, characters read ahead may report errors.
   */
  private findLineEnd(): boolean {
    const off = this.offset - 1;
    let result = false;
    for (;;) {
      if (this.ch !== 0x2f && this.ch !== 0x2a) break;
      if (this.ch === 0x2f) {
        result = true; // "//" comments always run to a newline
        break;
      }
      this.next();
      let newline = false;
      while (this.cur() !== EOF_CH) {
        const ch = this.cur();
        if (ch === 0x0a) {
          newline = true;
          break;
        }
        this.next();
        if (ch === 0x2a && this.cur() === 0x2f) {
          this.next();
          break;
        }
      }
      if (newline) {
        result = true;
        break;
      }
      this.skipWhitespace(); // insertTerm is set, so newlines stop it
      if (this.cur() === EOF_CH || this.cur() === 0x0a) {
        result = true;
        break;
      }
      if (this.cur() !== 0x2f) break;
      this.next();
    }
    this.ch = 0x2f;
    this.offset = off;
    this.readOffset = off + 1;
    this.next();
    return result;
  }

  private switch2(single: TokenCode, double: TokenCode): TokenCode {
    if (this.ch === 0x3d) {
      this.next();
      return double;
    }
    return single;
  }
}

/** `true`/`false` → BOOL, `null` → NULL, anything else IDENT (upstream token.Lookup); compares without slicing. */
function keyword(codes: CodeUnits, start: number, end: number): TokenCode {
  const c = codes[start];
  if (end - start === 4) {
    if (c === 0x74 && codes[start + 1] === 0x72 && codes[start + 2] === 0x75 && codes[start + 3] === 0x65) return BOOL; // true
    if (c === 0x6e && codes[start + 1] === 0x75 && codes[start + 2] === 0x6c && codes[start + 3] === 0x6c) return NULL; // null
  } else if (c === 0x66 && codes[start + 1] === 0x61 && codes[start + 2] === 0x6c && codes[start + 3] === 0x73 && codes[start + 4] === 0x65) {
    return BOOL; // false
  }
  return IDENT;
}

function digitVal(ch: number): number {
  if (ch >= 0x30 && ch <= 0x39) return ch - 0x30;
  const l = ch | 0x20;
  if (ch >= 0 && l >= 0x61 && l <= 0x66) return l - 0x61 + 10;
  return 16;
}

/**
 * Comment text as upstream keeps it (§2.1): carriage returns removed, except a final one before a line end is
 * always dropped, and in block comments a CR between `*` and `/` is kept (upstream stripCR).
 */
export function commentText(raw: string): string {
  if (raw.indexOf("\r") === -1) return raw;
  let lit = raw;
  let numCR = 0;
  for (let i = 0; i < lit.length; i++) if (lit.charCodeAt(i) === 0x0d) numCR++;
  if (lit.charCodeAt(lit.length - 1) === 0x0d) {
    lit = lit.slice(0, -1);
    numCR--;
  }
  if (numCR === 0) return lit;
  const block = lit.charCodeAt(1) === 0x2a;
  let out = "";
  for (let j = 0; j < lit.length; j++) {
    const ch = lit[j]!;
    if (ch !== "\r" || (block && out.length > 2 && out[out.length - 1] === "*" && lit[j + 1] === "/")) out += ch;
  }
  return out;
}

/** Tokens of a whole input as parallel typed arrays (no object per token). */
export interface TokenList {
  readonly count: number;
  /** Token codes (`Tok.*`); `TOKEN_KINDS[kinds[i]]` gives the name. */
  readonly kinds: Uint8Array;
  /** Start offsets (UTF-16). */
  readonly starts: Uint32Array;
  /** End offsets (UTF-16, exclusive). */
  readonly ends: Uint32Array;
  /** Scanner errors in report order. */
  readonly errors: readonly { readonly offset: number; readonly message: string }[];
}

/**
 * Scans a whole input into a `TokenList`, ending with the EOF token (for tests, semantic highlighting and tools).
 * Never throws. A leading BOM is skipped.
 */
export function scanTokens(
  text: string,
  options: { includeComments?: boolean; invalidOffsets?: readonly number[] } = {},
): TokenList {
  const errors: { offset: number; message: string }[] = [];
  const s = new Scanner(text, { ...options, onError: (offset, message) => errors.push({ offset, message }) });
  let cap = 64;
  let kinds = new Uint8Array(cap);
  let starts = new Uint32Array(cap);
  let ends = new Uint32Array(cap);
  let n = 0;
  for (;;) {
    const tok = s.scan();
    if (n === cap) {
      cap *= 2;
      const k = new Uint8Array(cap);
      k.set(kinds);
      kinds = k;
      const st = new Uint32Array(cap);
      st.set(starts);
      starts = st;
      const e = new Uint32Array(cap);
      e.set(ends);
      ends = e;
    }
    kinds[n] = tok;
    starts[n] = s.pos;
    ends[n] = s.end;
    n++;
    if (tok === EOF) break;
  }
  return { count: n, kinds: kinds.subarray(0, n), starts: starts.subarray(0, n), ends: ends.subarray(0, n), errors };
}

/** The upstream constant name of a token code. */
export function tokenKind(code: number): TokenKind {
  return TOKEN_KINDS[code] ?? "ILLEGAL";
}
