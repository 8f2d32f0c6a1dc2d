/**
 * A parser for the OpenTelemetry Transformation Language subset that configs use: statements
 * `editor(args) where condition`, conditions with `and`/`or`/`not`, comparisons, paths with keys, enums,
 * converters, lists, maps and arithmetic. Errors are returned, never thrown.
 */

export type OttlExpr =
  | { kind: "lit"; value: OttlValue }
  | { kind: "path"; fields: string[]; keys: OttlExpr[] }
  | { kind: "enum"; name: string }
  | { kind: "call"; name: string; args: OttlExpr[]; keys: OttlExpr[] }
  | { kind: "list"; items: OttlExpr[] }
  | { kind: "map"; entries: [string, OttlExpr][] }
  | { kind: "not"; operand: OttlExpr }
  | { kind: "neg"; operand: OttlExpr }
  | { kind: "bin"; op: string; left: OttlExpr; right: OttlExpr };

/** Runtime values: int64 as bigint, float64 as number, strings, bools, nil, lists and maps. */
export type OttlValue = string | number | bigint | boolean | null | OttlValue[] | { [k: string]: OttlValue } | Uint8Array;

export interface OttlStatement {
  editor: { name: string; args: OttlExpr[] };
  where?: OttlExpr;
}

type Tok = { t: "id" | "str" | "num" | "op" | "eof"; v: string; float?: boolean };

function tokenize(src: string): Tok[] | string {
  const out: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '"') {
      let s = "";
      i++;
      while (i < src.length && src[i] !== '"') {
        if (src[i] === "\\" && i + 1 < src.length) {
          const n = src[i + 1];
          s += n === "n" ? "\n" : n === "t" ? "\t" : n === "\\" ? "\\" : n === '"' ? '"' : `\\${n}`;
          i += 2;
        } else s += src[i++];
      }
      if (i >= src.length) return "unterminated string";
      i++;
      out.push({ t: "str", v: s });
      continue;
    }
    const num = /^(\d+\.\d*|\.\d+|\d+)([eE][+-]?\d+)?/.exec(src.slice(i));
    if (num && /[\d.]/.test(c)) {
      out.push({ t: "num", v: num[0], float: /[.eE]/.test(num[0]) });
      i += num[0].length;
      continue;
    }
    const id = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i));
    if (id) {
      out.push({ t: "id", v: id[0] });
      i += id[0].length;
      continue;
    }
    const op = /^(==|!=|<=|>=|[<>()[\]{},.:+\-*/])/.exec(src.slice(i));
    if (op) {
      out.push({ t: "op", v: op[0] });
      i += op[0].length;
      continue;
    }
    return `unexpected character ${JSON.stringify(c)}`;
  }
  out.push({ t: "eof", v: "" });
  return out;
}

class Parser {
  private i = 0;
  constructor(private readonly toks: Tok[]) {}
  private peek(): Tok {
    return this.toks[this.i];
  }
  private next(): Tok {
    return this.toks[this.i++];
  }
  private isOp(v: string): boolean {
    const t = this.peek();
    return t.t === "op" && t.v === v;
  }
  private isWord(v: string): boolean {
    const t = this.peek();
    return t.t === "id" && t.v === v;
  }
  private expect(v: string): void {
    const t = this.next();
    if (t.v !== v) throw new Error(`expected "${v}", got "${t.v || "end of input"}"`);
  }
  atEnd(): boolean {
    return this.peek().t === "eof";
  }

  statement(): OttlStatement {
    const call = this.primary();
    if (call.kind !== "call") throw new Error("a statement must start with an editor call");
    let where: OttlExpr | undefined;
    if (this.isWord("where")) {
      this.next();
      where = this.or();
    }
    if (!this.atEnd()) throw new Error(`unexpected "${this.peek().v}"`);
    return { editor: { name: call.name, args: call.args }, where };
  }

  or(): OttlExpr {
    let left = this.and();
    while (this.isWord("or")) {
      this.next();
      left = { kind: "bin", op: "or", left, right: this.and() };
    }
    return left;
  }
  private and(): OttlExpr {
    let left = this.not();
    while (this.isWord("and")) {
      this.next();
      left = { kind: "bin", op: "and", left, right: this.not() };
    }
    return left;
  }
  private not(): OttlExpr {
    if (this.isWord("not")) {
      this.next();
      return { kind: "not", operand: this.not() };
    }
    return this.comparison();
  }
  private comparison(): OttlExpr {
    const left = this.additive();
    const t = this.peek();
    if (t.t === "op" && ["==", "!=", "<", "<=", ">", ">="].includes(t.v)) {
      this.next();
      return { kind: "bin", op: t.v, left, right: this.additive() };
    }
    return left;
  }
  private additive(): OttlExpr {
    let left = this.multiplicative();
    while (this.isOp("+") || this.isOp("-")) {
      const op = this.next().v;
      left = { kind: "bin", op, left, right: this.multiplicative() };
    }
    return left;
  }
  private multiplicative(): OttlExpr {
    let left = this.unary();
    while (this.isOp("*") || this.isOp("/")) {
      const op = this.next().v;
      left = { kind: "bin", op, left, right: this.unary() };
    }
    return left;
  }
  private unary(): OttlExpr {
    if (this.isOp("-")) {
      this.next();
      return { kind: "neg", operand: this.unary() };
    }
    return this.primary();
  }
  private keys(): OttlExpr[] {
    const keys: OttlExpr[] = [];
    while (this.isOp("[")) {
      this.next();
      keys.push(this.or());
      this.expect("]");
    }
    return keys;
  }
  primary(): OttlExpr {
    const t = this.next();
    if (t.t === "str") return { kind: "lit", value: t.v };
    if (t.t === "num") return { kind: "lit", value: t.float ? Number(t.v) : BigInt(t.v) };
    if (t.t === "op" && t.v === "(") {
      const e = this.or();
      this.expect(")");
      return e;
    }
    if (t.t === "op" && t.v === "[") {
      const items: OttlExpr[] = [];
      while (!this.isOp("]")) {
        items.push(this.or());
        if (!this.isOp("]")) this.expect(",");
      }
      this.next();
      return { kind: "list", items };
    }
    if (t.t === "op" && t.v === "{") {
      const entries: [string, OttlExpr][] = [];
      while (!this.isOp("}")) {
        const k = this.next();
        if (k.t !== "str") throw new Error("map keys must be strings");
        this.expect(":");
        entries.push([k.v, this.or()]);
        if (!this.isOp("}")) this.expect(",");
      }
      this.next();
      return { kind: "map", entries };
    }
    if (t.t === "id") {
      if (t.v === "true" || t.v === "false") return { kind: "lit", value: t.v === "true" };
      if (t.v === "nil") return { kind: "lit", value: null };
      if (this.isOp("(")) {
        this.next();
        const args: OttlExpr[] = [];
        while (!this.isOp(")")) {
          // Named arguments (`name = value`) are accepted and taken positionally.
          if (this.peek().t === "id" && this.toks[this.i + 1]?.v === "=") this.i += 2;
          args.push(this.or());
          if (!this.isOp(")")) this.expect(",");
        }
        this.next();
        return { kind: "call", name: t.v, args, keys: this.keys() };
      }
      if (/^[A-Z][A-Z0-9_]*$/.test(t.v) && t.v.includes("_")) return { kind: "enum", name: t.v };
      const fields = [t.v];
      while (this.isOp(".")) {
        this.next();
        const f = this.next();
        if (f.t !== "id") throw new Error(`expected a field name after "."`);
        fields.push(f.v);
      }
      return { kind: "path", fields, keys: this.keys() };
    }
    throw new Error(`unexpected "${t.v || "end of input"}"`);
  }
}

/** Parses one statement. */
export function parseStatement(src: string): OttlStatement | { error: string } {
  const toks = tokenize(src);
  if (typeof toks === "string") return { error: toks };
  try {
    return new Parser(toks).statement();
  } catch (e) {
    return { error: (e as Error).message };
  }
}

/** Parses one boolean condition. */
export function parseCondition(src: string): OttlExpr | { error: string } {
  const toks = tokenize(src);
  if (typeof toks === "string") return { error: toks };
  try {
    const p = new Parser(toks);
    const e = p.or();
    if (!p.atEnd()) return { error: "unexpected trailing input" };
    return e;
  } catch (e) {
    return { error: (e as Error).message };
  }
}

export const isParseError = (v: unknown): v is { error: string } =>
  !!v && typeof v === "object" && "error" in v && typeof (v as { error: unknown }).error === "string" && !("kind" in v) && !("editor" in v);
