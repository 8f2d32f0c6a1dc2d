/**
 * The condition language of component rules (schemas/rules/*.json): a small expression syntax over the values
 * of one block body, evaluated with three-valued logic. A value that is not a literal in the file (a reference,
 * a call) is `UNKNOWN`, and a rule fires only when its condition is certainly true, so a rule never reports a
 * value it cannot see.
 *
 *   expr    := or ;  or := and ("||" and)* ;  and := not ("&&" not)* ;  not := "!" not | cmp
 *   cmp     := sum (("=="|"!="|"<"|"<="|">"|">=") sum | "in" list)?
 *   sum     := prod (("+"|"-") prod)* ;  prod := unary (("*"|"/") unary)* ;  unary := "-" unary | primary
 *   primary := number [duration unit] | string | true | false | null | list | call | path | "(" expr ")"
 *
 * Durations are nanosecond numbers (`10s`, `1m30s` in a rule; attributes of format `duration` in the file).
 */
import { dottedIdentifierEnd, parseGoDuration } from "@alloy-ts/grammar";

export const UNKNOWN: unique symbol = Symbol("unknown");
export type Value = string | number | boolean | null | Value[] | typeof UNKNOWN;

export type Expr =
  | { readonly t: "lit"; readonly v: Value }
  | { readonly t: "path"; readonly p: string }
  | { readonly t: "list"; readonly items: readonly Expr[] }
  | { readonly t: "call"; readonly f: string; readonly args: readonly Expr[] }
  | { readonly t: "un"; readonly op: "!" | "-"; readonly e: Expr }
  | { readonly t: "bin"; readonly op: string; readonly l: Expr; readonly r: Expr };

/** What an expression can ask of the body it is evaluated against. */
export interface Scope {
  /** The effective value of a path: the written literal, the schema default, or UNKNOWN. */
  value(path: string): Value;
  /** Whether the path is written and not Go's zero value (non-empty string or list, non-zero number, true, a block). */
  isSet(path: string): boolean | typeof UNKNOWN;
  /** Whether the path is written in the file at all (whatever its value). */
  isWritten(path: string): boolean;
  /** Number of blocks of that name (or the length of a list / string value). */
  length(path: string): number | typeof UNKNOWN;
  /** Whether a regular expression is rejected by Go's RE2 (returns the error text), as the `re2error` function. */
  re2Error?(pattern: string): string | undefined;
}

class Parser {
  private i = 0;
  constructor(private readonly src: string) {}

  parse(): Expr {
    const e = this.or();
    this.ws();
    if (this.i < this.src.length) throw this.err("unexpected input");
    return e;
  }

  private err(msg: string): Error {
    return new Error(`rule condition ${JSON.stringify(this.src)}: ${msg} at ${this.i}`);
  }

  private ws(): void {
    while (this.i < this.src.length && /\s/.test(this.src[this.i]!)) this.i++;
  }

  private eat(tok: string): boolean {
    this.ws();
    if (this.src.startsWith(tok, this.i)) {
      // Keywords must not run into an identifier.
      if (/^[a-z]+$/.test(tok) && /[A-Za-z0-9_]/.test(this.src[this.i + tok.length] ?? "")) return false;
      this.i += tok.length;
      return true;
    }
    return false;
  }

  private or(): Expr {
    let l = this.and();
    while (this.eat("||")) l = { t: "bin", op: "||", l, r: this.and() };
    return l;
  }

  private and(): Expr {
    let l = this.not();
    while (this.eat("&&")) l = { t: "bin", op: "&&", l, r: this.not() };
    return l;
  }

  private not(): Expr {
    this.ws();
    if (this.src[this.i] === "!" && this.src[this.i + 1] !== "=") {
      this.i++;
      return { t: "un", op: "!", e: this.not() };
    }
    return this.cmp();
  }

  private cmp(): Expr {
    const l = this.sum();
    for (const op of ["==", "!=", "<=", ">=", "<", ">"]) if (this.eat(op)) return { t: "bin", op, l, r: this.sum() };
    if (this.eat("in")) return { t: "bin", op: "in", l, r: this.primary() };
    return l;
  }

  private sum(): Expr {
    let l = this.prod();
    for (;;) {
      if (this.eat("+")) l = { t: "bin", op: "+", l, r: this.prod() };
      else if (this.eat("-")) l = { t: "bin", op: "-", l, r: this.prod() };
      else return l;
    }
  }

  private prod(): Expr {
    let l = this.unary();
    for (;;) {
      if (this.eat("*")) l = { t: "bin", op: "*", l, r: this.unary() };
      else if (this.eat("/")) l = { t: "bin", op: "/", l, r: this.unary() };
      else return l;
    }
  }

  private unary(): Expr {
    if (this.eat("-")) return { t: "un", op: "-", e: this.unary() };
    return this.primary();
  }

  private primary(): Expr {
    this.ws();
    const s = this.src;
    const c = s[this.i];
    if (c === "(") {
      this.i++;
      const e = this.or();
      if (!this.eat(")")) throw this.err("expected )");
      return e;
    }
    if (c === "[") {
      this.i++;
      const items: Expr[] = [];
      if (!this.eat("]")) {
        do items.push(this.or());
        while (this.eat(","));
        if (!this.eat("]")) throw this.err("expected ]");
      }
      return { t: "list", items };
    }
    if (c === "'" || c === '"') {
      const end = s.indexOf(c, this.i + 1);
      if (end < 0) throw this.err("unterminated string");
      const v = s.slice(this.i + 1, end);
      this.i = end + 1;
      return { t: "lit", v };
    }
    const num = /^(?:[0-9]+(?:\.[0-9]+)?(?:ns|us|µs|ms|s|m|h))+|^[0-9]+(?:\.[0-9]+)?(?:e[+-]?[0-9]+)?/.exec(s.slice(this.i));
    if (num) {
      this.i += num[0].length;
      if (/[a-zµ]$/.test(num[0]) && !/e/.test(num[0].replace(/[0-9.]+(ns|us|µs|ms|s|m|h)/g, ""))) {
        return { t: "lit", v: parseGoDuration(num[0])! };
      }
      return { t: "lit", v: Number(num[0]) };
    }
    // Paths name attributes and blocks, so they are Alloy identifiers joined by dots.
    const end = dottedIdentifierEnd(s, this.i);
    if (end === this.i) throw this.err("expected a value");
    const id = s.slice(this.i, end);
    this.i = end;
    if (id === "true") return { t: "lit", v: true };
    if (id === "false") return { t: "lit", v: false };
    if (id === "null") return { t: "lit", v: null };
    if (this.eat("(")) {
      const args: Expr[] = [];
      if (!this.eat(")")) {
        do args.push(this.or());
        while (this.eat(","));
        if (!this.eat(")")) throw this.err("expected )");
      }
      if (!(id in FUNCS)) throw this.err(`unknown function ${id}`);
      return { t: "call", f: id, args };
    }
    return { t: "path", p: id };
  }
}

const cache = new Map<string, Expr>();

/** Parses a rule condition (cached); throws on a malformed condition, which is a bug in the rule data. */
export function parseCondition(src: string): Expr {
  let e = cache.get(src);
  if (!e) {
    e = new Parser(src).parse();
    cache.set(src, e);
  }
  return e;
}

/** Paths an expression reads (to find the attribute a diagnostic points at). */
export function pathsOf(e: Expr, out: string[] = []): string[] {
  switch (e.t) {
    case "path":
      out.push(e.p);
      break;
    case "list":
      e.items.forEach((x) => pathsOf(x, out));
      break;
    case "call":
      e.args.forEach((x) => pathsOf(x, out));
      break;
    case "un":
      pathsOf(e.e, out);
      break;
    case "bin":
      pathsOf(e.l, out);
      pathsOf(e.r, out);
      break;
    default:
  }
  return out;
}

type Fn = (sc: Scope, args: readonly Expr[]) => Value;

const pathArg = (args: readonly Expr[], i = 0): string => {
  const a = args[i];
  if (a?.t !== "path") throw new Error("rule function expects a path argument");
  return a.p;
};

const str = (v: Value): string | typeof UNKNOWN => (v === UNKNOWN ? UNKNOWN : typeof v === "string" ? v : v === null ? "" : String(v));

const FUNCS: Record<string, Fn> = {
  set: (sc, a) => sc.isSet(pathArg(a)),
  has: (sc, a) => sc.isWritten(pathArg(a)),
  len: (sc, a) => sc.length(pathArg(a)),
  count: (sc, a) => {
    let n = 0;
    for (let i = 0; i < a.length; i++) {
      const s = sc.isSet(pathArg(a, i));
      if (s === UNKNOWN) return UNKNOWN;
      if (s) n++;
    }
    return n;
  },
  lower: (sc, a) => {
    const v = str(evaluate(a[0]!, sc));
    return v === UNKNOWN ? v : v.toLowerCase();
  },
  upper: (sc, a) => {
    const v = str(evaluate(a[0]!, sc));
    return v === UNKNOWN ? v : v.toUpperCase();
  },
  trim: (sc, a) => {
    const v = str(evaluate(a[0]!, sc));
    return v === UNKNOWN ? v : v.trim();
  },
  contains: (sc, a) => {
    const v = evaluate(a[0]!, sc);
    const x = evaluate(a[1]!, sc);
    if (v === UNKNOWN || x === UNKNOWN) return UNKNOWN;
    if (Array.isArray(v)) return v.includes(UNKNOWN) ? UNKNOWN : v.some((y) => y === x);
    return typeof v === "string" && typeof x === "string" ? v.includes(x) : false;
  },
  startsWith: (sc, a) => {
    const v = str(evaluate(a[0]!, sc));
    const x = str(evaluate(a[1]!, sc));
    return v === UNKNOWN || x === UNKNOWN ? UNKNOWN : v.startsWith(x);
  },
  /** Whether a string matches a (JavaScript) pattern written in the rule; only used for plain character classes. */
  matches: (sc, a) => {
    const v = str(evaluate(a[0]!, sc));
    const re = evaluate(a[1]!, sc);
    return v === UNKNOWN || typeof re !== "string" ? UNKNOWN : new RegExp(re, "u").test(v);
  },
  /** The first element of a list not among the given values, or null. */
  firstNotIn: (sc, a) => {
    const v = evaluate(a[0]!, sc);
    const allowed = evaluate(a[1]!, sc);
    if (v === UNKNOWN || !Array.isArray(v) || !Array.isArray(allowed)) return v === UNKNOWN ? UNKNOWN : null;
    for (const x of v) {
      if (x === UNKNOWN) return UNKNOWN;
      if (!allowed.includes(x)) return x;
    }
    return null;
  },
  /** The first duplicated element of a list, or null. */
  firstDuplicate: (sc, a) => {
    const v = evaluate(a[0]!, sc);
    if (v === UNKNOWN || !Array.isArray(v)) return v === UNKNOWN ? UNKNOWN : null;
    const seen = new Set<Value>();
    for (const x of v) {
      if (x === UNKNOWN) return UNKNOWN;
      if (seen.has(x)) return x;
      seen.add(x);
    }
    return null;
  },
  /** RE2's error for a pattern, or null when RE2 accepts it. */
  re2error: (sc, a) => {
    const v = str(evaluate(a[0]!, sc));
    if (v === UNKNOWN || !sc.re2Error) return UNKNOWN;
    return sc.re2Error(v) ?? null;
  },
};

function truthy(v: Value): boolean | typeof UNKNOWN {
  if (v === UNKNOWN) return UNKNOWN;
  return v === true;
}

function equal(l: Value, r: Value): boolean | typeof UNKNOWN {
  if (l === UNKNOWN || r === UNKNOWN) return UNKNOWN;
  if (Array.isArray(l) || Array.isArray(r)) {
    if (!Array.isArray(l) || !Array.isArray(r)) return false;
    if (l.includes(UNKNOWN) || r.includes(UNKNOWN)) return UNKNOWN;
    return l.length === r.length && l.every((x, i) => x === r[i]);
  }
  return l === r;
}

/** Evaluates an expression against a body. */
export function evaluate(e: Expr, sc: Scope): Value {
  switch (e.t) {
    case "lit":
      return e.v;
    case "path":
      return sc.value(e.p);
    case "list":
      return e.items.map((x) => evaluate(x, sc));
    case "call":
      return FUNCS[e.f]!(sc, e.args);
    case "un": {
      const v = evaluate(e.e, sc);
      if (v === UNKNOWN) return UNKNOWN;
      if (e.op === "!") return !(v === true);
      return typeof v === "number" ? -v : UNKNOWN;
    }
    case "bin": {
      if (e.op === "&&") {
        const l = truthy(evaluate(e.l, sc));
        if (l === false) return false;
        const r = truthy(evaluate(e.r, sc));
        if (r === false) return false;
        return l === UNKNOWN || r === UNKNOWN ? UNKNOWN : true;
      }
      if (e.op === "||") {
        const l = truthy(evaluate(e.l, sc));
        if (l === true) return true;
        const r = truthy(evaluate(e.r, sc));
        if (r === true) return true;
        return l === UNKNOWN || r === UNKNOWN ? UNKNOWN : false;
      }
      const l = evaluate(e.l, sc);
      const r = evaluate(e.r, sc);
      if (e.op === "==") return equal(l, r);
      if (e.op === "!=") {
        const q = equal(l, r);
        return q === UNKNOWN ? q : !q;
      }
      if (e.op === "in") {
        if (l === UNKNOWN || !Array.isArray(r)) return UNKNOWN;
        if (r.includes(UNKNOWN)) return UNKNOWN;
        return r.includes(l);
      }
      if (l === UNKNOWN || r === UNKNOWN) return UNKNOWN;
      if (typeof l !== "number" || typeof r !== "number") {
        if (typeof l === "string" && typeof r === "string" && e.op === "+") return l + r;
        return UNKNOWN;
      }
      switch (e.op) {
        case "<": return l < r;
        case "<=": return l <= r;
        case ">": return l > r;
        case ">=": return l >= r;
        case "+": return l + r;
        case "-": return l - r;
        case "*": return l * r;
        case "/": return r === 0 ? UNKNOWN : l / r;
        default: return UNKNOWN;
      }
    }
  }
}
