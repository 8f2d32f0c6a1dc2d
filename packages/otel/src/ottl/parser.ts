/**
 * The OpenTelemetry Transformation Language parser shared by the validator and runtime-lite: statements
 * `editor(args) where condition`, conditions with `and`/`or`/`not`, comparisons, paths with keys, enums,
 * converters, function names as arguments, bytes, lists, maps and arithmetic.
 *
 * It follows the token classes of upstream's lexer (pkg/ottl/grammar.go, buildLexer): paths and editors are
 * lowercase words, converters and enums uppercase ones, `0x..` is bytes. Every node carries the offset of its
 * first character (`pos`) and one past its last (`end`), so a checker can point inside the string. Errors are
 * returned, never thrown, with the offset of the offending character.
 */

export type OttlExpr =
  | { kind: "lit"; value: OttlValue; pos: number; end: number }
  | { kind: "path"; fields: string[]; fieldPos: number[]; keys: OttlExpr[]; pos: number; end: number }
  | { kind: "enum"; name: string; pos: number; end: number }
  | { kind: "call"; name: string; args: OttlExpr[]; argNames: (string | undefined)[]; keys: OttlExpr[]; pos: number; end: number }
  /** A converter named as an argument without being called (`replace_pattern(..., SHA256)`). */
  | { kind: "fn"; name: string; pos: number; end: number }
  | { kind: "list"; items: OttlExpr[]; pos: number; end: number }
  | { kind: "map"; entries: [string, OttlExpr][]; pos: number; end: number }
  | { kind: "not"; operand: OttlExpr; pos: number; end: number }
  | { kind: "neg"; operand: OttlExpr; pos: number; end: number }
  | { kind: "bin"; op: string; left: OttlExpr; right: OttlExpr; pos: number; end: number };

/** Runtime values: int64 as bigint, float64 as number, strings, bools, nil, lists and maps. */
export type OttlValue = string | number | bigint | boolean | null | OttlValue[] | { [k: string]: OttlValue } | Uint8Array;

export interface OttlStatement {
  editor: { name: string; args: OttlExpr[]; argNames: (string | undefined)[]; pos: number; end: number };
  where?: OttlExpr;
}

/** A syntax error: the message and the offset (in the statement's text) of the character it is about. */
export interface OttlParseError {
  error: string;
  pos: number;
}

type TokKind = "id" | "str" | "num" | "bytes" | "op" | "eof";
interface Tok {
  t: TokKind;
  v: string;
  pos: number;
  end: number;
  float?: boolean;
}

class OttlSyntaxError extends Error {
  constructor(
    message: string,
    readonly pos: number,
  ) {
    super(message);
  }
}

const describe = (t: Tok): string => (t.t === "eof" ? "end of input" : t.t === "str" ? "a string" : `"${t.v}"`);

/**
 * One sticky expression reads every token: whitespace, strings, bytes, numbers, words, operators (in the
 * order upstream's lexer tries them). One native regexp step per token keeps a cold first run cheap.
 */
const TOKEN = /[ \t\n\r\f\v]+|("(?:\\.|[^\\"])*")|(0[xX][0-9a-fA-F]*)|(\d*\.\d+(?:[eE][+-]?\d+)?|\d+\.?(?:[eE][+-]?\d+)?)|([A-Za-z_][A-Za-z0-9_]*)|(==|!=|<=|>=|[<>()[\]{},.:+\-*/=])/y;

/** Go's strconv.Unquote escapes (upstream builds its parser with participle.Unquote). */
function unescape(body: string): string {
  if (!body.includes("\\")) return body;
  return body.replace(/\\(.)/gs, (_m, n: string) => (n === "n" ? "\n" : n === "t" ? "\t" : n === "r" ? "\r" : n === "\\" ? "\\" : n === '"' ? '"' : `\\${n}`));
}

function tokenize(src: string): Tok[] {
  const out: Tok[] = [];
  const re = new RegExp(TOKEN);
  let i = 0;
  while (i < src.length) {
    re.lastIndex = i;
    const m = re.exec(src);
    if (!m) {
      if (src[i] === '"') throw new OttlSyntaxError("unterminated string", i);
      throw new OttlSyntaxError(`unexpected character ${JSON.stringify(src[i])}`, i);
    }
    const start = i;
    i = re.lastIndex;
    if (m[1] !== undefined) out.push({ t: "str", v: unescape(m[1].slice(1, -1)), pos: start, end: i });
    else if (m[2] !== undefined) {
      const hex = m[2].slice(2);
      if (!hex) throw new OttlSyntaxError("bytes literal needs hexadecimal digits after 0x", start);
      if (hex.length % 2) throw new OttlSyntaxError("odd length hex string", start);
      out.push({ t: "bytes", v: hex, pos: start, end: i });
    } else if (m[3] !== undefined) out.push({ t: "num", v: m[3], pos: start, end: i, float: /[.eE]/.test(m[3]) });
    else if (m[4] !== undefined) out.push({ t: "id", v: m[4], pos: start, end: i });
    else if (m[5] !== undefined) out.push({ t: "op", v: m[5], pos: start, end: i });
  }
  out.push({ t: "eof", v: "", pos: src.length, end: src.length });
  return out;
}

const isUpper = (s: string): boolean => s[0]! >= "A" && s[0]! <= "Z";
const isLower = (s: string): boolean => s[0]! >= "a" && s[0]! <= "z";
/** Upstream's enum token: an uppercase word with no lowercase letter. */
const isEnumWord = (s: string): boolean => /^[A-Z][A-Z0-9_]*$/.test(s);

class Parser {
  private i = 0;
  constructor(private readonly toks: Tok[]) {}
  private peek(): Tok {
    return this.toks[this.i]!;
  }
  private next(): Tok {
    return this.toks[this.i++]!;
  }
  private isOp(v: string): boolean {
    const t = this.peek();
    return t.t === "op" && t.v === v;
  }
  private isWord(v: string): boolean {
    const t = this.peek();
    return t.t === "id" && t.v === v;
  }
  private expect(v: string): Tok {
    const t = this.next();
    if (t.t !== "op" || t.v !== v) throw new OttlSyntaxError(`unexpected token ${describe(t)} (expected "${v}")`, t.pos);
    return t;
  }
  private get lastEnd(): number {
    return this.toks[this.i - 1]!.end;
  }
  atEnd(): boolean {
    return this.peek().t === "eof";
  }
  fail(expected: string): never {
    const t = this.peek();
    throw new OttlSyntaxError(`unexpected token ${describe(t)} (expected ${expected})`, t.pos);
  }

  statement(): OttlStatement {
    const t = this.peek();
    if (t.t !== "id" || this.toks[this.i + 1]?.v !== "(") this.fail("an editor call");
    if (!isLower(t.v)) throw new OttlSyntaxError(`editor names must start with a lowercase letter but got '${t.v}'`, t.pos);
    const call = this.primary();
    if (call.kind !== "call") this.fail("an editor call");
    if (call.keys.length) throw new OttlSyntaxError(`only paths and converters may be indexed, not editors, but got ${call.name}`, call.keys[0]!.pos);
    let where: OttlExpr | undefined;
    if (this.isWord("where")) {
      this.next();
      where = this.or();
    }
    if (!this.atEnd()) this.fail(where ? "end of statement" : '"where" or end of statement');
    return { editor: { name: call.name, args: call.args, argNames: call.argNames, pos: call.pos, end: call.end }, where };
  }

  or(): OttlExpr {
    let left = this.and();
    while (this.isWord("or")) {
      this.next();
      const right = this.and();
      left = { kind: "bin", op: "or", left, right, pos: left.pos, end: right.end };
    }
    return left;
  }
  private and(): OttlExpr {
    let left = this.not();
    while (this.isWord("and")) {
      this.next();
      const right = this.not();
      left = { kind: "bin", op: "and", left, right, pos: left.pos, end: right.end };
    }
    return left;
  }
  private not(): OttlExpr {
    if (this.isWord("not")) {
      const pos = this.next().pos;
      const operand = this.not();
      return { kind: "not", operand, pos, end: operand.end };
    }
    return this.comparison();
  }
  private comparison(): OttlExpr {
    const left = this.additive();
    const t = this.peek();
    if (t.t === "op" && ["==", "!=", "<", "<=", ">", ">="].includes(t.v)) {
      this.next();
      const right = this.additive();
      return { kind: "bin", op: t.v, left, right, pos: left.pos, end: right.end };
    }
    return left;
  }
  private additive(): OttlExpr {
    let left = this.multiplicative();
    while (this.isOp("+") || this.isOp("-")) {
      const op = this.next().v;
      const right = this.multiplicative();
      left = { kind: "bin", op, left, right, pos: left.pos, end: right.end };
    }
    return left;
  }
  private multiplicative(): OttlExpr {
    let left = this.unary();
    while (this.isOp("*") || this.isOp("/")) {
      const op = this.next().v;
      const right = this.unary();
      left = { kind: "bin", op, left, right, pos: left.pos, end: right.end };
    }
    return left;
  }
  private unary(): OttlExpr {
    if (this.isOp("-") || this.isOp("+")) {
      const t = this.next();
      const operand = this.unary();
      return t.v === "-" ? { kind: "neg", operand, pos: t.pos, end: operand.end } : operand;
    }
    return this.primary();
  }
  private keys(): OttlExpr[] {
    const keys: OttlExpr[] = [];
    while (this.isOp("[")) {
      this.next();
      if (this.isOp("]")) this.fail("a key");
      keys.push(this.or());
      this.expect("]");
    }
    return keys;
  }
  /** `( arg, ... )` after a function name; `name = value` arguments keep their name. */
  private args(): { args: OttlExpr[]; argNames: (string | undefined)[] } {
    this.expect("(");
    const args: OttlExpr[] = [];
    const argNames: (string | undefined)[] = [];
    while (!this.isOp(")")) {
      let name: string | undefined;
      if (this.peek().t === "id" && this.toks[this.i + 1]?.v === "=") {
        name = this.next().v;
        this.next();
      }
      if (this.isOp(")") || this.isOp(",")) this.fail("a value");
      args.push(this.or());
      argNames.push(name);
      if (!this.isOp(")")) {
        if (!this.isOp(",")) this.fail('"," or ")"');
        this.next();
        if (this.isOp(")")) this.fail("a value");
      }
    }
    this.next();
    return { args, argNames };
  }
  primary(): OttlExpr {
    const t = this.peek();
    const pos = t.pos;
    if (t.t === "str") return this.next(), { kind: "lit", value: t.v, pos, end: t.end };
    if (t.t === "num") {
      this.next();
      return { kind: "lit", value: t.float ? Number(t.v) : BigInt(t.v), pos, end: t.end };
    }
    if (t.t === "bytes") {
      this.next();
      return { kind: "lit", value: Uint8Array.from(t.v.match(/../g)!.map((h) => parseInt(h, 16))), pos, end: t.end };
    }
    if (t.t === "op" && t.v === "(") {
      this.next();
      const e = this.or();
      this.expect(")");
      return { ...e, pos, end: this.lastEnd };
    }
    if (t.t === "op" && t.v === "[") {
      this.next();
      const items: OttlExpr[] = [];
      while (!this.isOp("]")) {
        items.push(this.or());
        if (!this.isOp("]")) {
          if (!this.isOp(",")) this.fail('"," or "]"');
          this.next();
          if (this.isOp("]")) this.fail("a value");
        }
      }
      this.next();
      return { kind: "list", items, pos, end: this.lastEnd };
    }
    if (t.t === "op" && t.v === "{") {
      this.next();
      const entries: [string, OttlExpr][] = [];
      while (!this.isOp("}")) {
        const k = this.next();
        if (k.t !== "str") throw new OttlSyntaxError(`unexpected token ${describe(k)} (expected a string map key)`, k.pos);
        this.expect(":");
        entries.push([k.v, this.or()]);
        if (this.isOp(",")) this.next();
        else if (!this.isOp("}")) this.fail('"," or "}"');
      }
      this.next();
      return { kind: "map", entries, pos, end: this.lastEnd };
    }
    if (t.t === "id") {
      this.next();
      if (t.v === "true" || t.v === "false") return { kind: "lit", value: t.v === "true", pos, end: t.end };
      if (t.v === "nil") return { kind: "lit", value: null, pos, end: t.end };
      if (["where", "and", "or", "not"].includes(t.v)) throw new OttlSyntaxError(`unexpected token "${t.v}" (expected a value)`, pos);
      if (this.isOp("(")) {
        const { args, argNames } = this.args();
        const keys = this.keys();
        return { kind: "call", name: t.v, args, argNames, keys, pos, end: this.lastEnd };
      }
      if (isUpper(t.v)) return isEnumWord(t.v) ? { kind: "enum", name: t.v, pos, end: t.end } : { kind: "fn", name: t.v, pos, end: t.end };
      if (!isLower(t.v)) throw new OttlSyntaxError(`unexpected token "${t.v}" (expected a value)`, pos);
      const fields = [t.v];
      const fieldPos = [pos];
      while (this.isOp(".")) {
        this.next();
        const f = this.next();
        if (f.t !== "id" || !isLower(f.v)) throw new OttlSyntaxError(`unexpected token ${describe(f)} (expected a lowercase field name after ".")`, f.pos);
        fields.push(f.v);
        fieldPos.push(f.pos);
      }
      const keys = this.keys();
      return { kind: "path", fields, fieldPos, keys, pos, end: this.lastEnd };
    }
    this.fail("a value");
  }
}

function run<T>(src: string, f: (p: Parser) => T): T | OttlParseError {
  try {
    return f(new Parser(tokenize(src)));
  } catch (e) {
    if (e instanceof OttlSyntaxError) return { error: e.message, pos: e.pos };
    // Deeply nested input overflows the stack: reported, not thrown.
    if (e instanceof RangeError) return { error: "statement is nested too deeply", pos: 0 };
    throw e;
  }
}

/** Parses one statement. */
export function parseStatement(src: string): OttlStatement | OttlParseError {
  return run(src, (p) => p.statement());
}

/** Parses one boolean condition. */
export function parseCondition(src: string): OttlExpr | OttlParseError {
  return run(src, (p) => {
    if (p.atEnd()) p.fail("a condition");
    const e = p.or();
    if (!p.atEnd()) p.fail("end of condition");
    return e;
  });
}

/** Parses a value expression (an argument, a key). */
export function parseValue(src: string): OttlExpr | OttlParseError {
  return parseCondition(src);
}

export const isParseError = (v: unknown): v is OttlParseError =>
  !!v && typeof v === "object" && "error" in v && typeof (v as { error: unknown }).error === "string" && !("kind" in v) && !("editor" in v);
