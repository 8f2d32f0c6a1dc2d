/**
 * Reads collector YAML into plain data straight from the `yaml` package's lexer tokens, without the package's
 * concrete syntax tree or document.
 *
 * Why: the package's tree for a whole document (its CST alone is about 40× the input, its document another 20×)
 * was the peak memory of `alloy convert` on large files. The lexer streams, so this reader holds only the data it
 * returns. It takes on the YAML configurations are written in — block mappings and sequences, flow collections,
 * plain, quoted and block scalars, comments, anchors and aliases, `<<` merges, `!!str`, one document — and for
 * everything else returns `undefined`: any error, and any construct it does not read (explicit `?` keys,
 * directives, several documents, keys the core schema reads as other than strings, empty sequence items, tabs,
 * other tags), so that the caller reads the text again through the package's document, whose values and messages
 * are the reference. A test compares both readers' values and positions on generated and real files.
 *
 * Scalars are folded by the package's own functions (CST.resolveAsScalar), so quoting, escapes, line folding and
 * block-scalar chomping are exactly the package's.
 */
import { CST, Lexer } from "yaml";
import { MAX_ALIAS_NODES } from "./limits.js";
import { LineStarts, positionsOf, setPositions, type ContainerPositions } from "./positions.js";
import { resolvePlainScalar } from "./scalars.js";
import { applyMerges, setKey, YamlTreeError, type RawMap, type RawValue } from "./tree.js";

/** Thrown to give up on the text; the caller reads it through the package's document instead. */
const BAIL: unique symbol = Symbol("bail");

/** Nesting this reader takes on itself (the document reader reports deeper nesting with its own message). */
const MAX_NESTING = 256;

/** Plain scalars the package's core schema reads as something other than a string start so, or are these words. */
const NON_STRING_WORDS = new Set(["", "~", "null", "Null", "NULL", "true", "True", "TRUE", "false", "False", "FALSE"]);

/** Where a value is written: on the line of its indicator (`key: v`, `- v`), or on lines of its own. */
const enum Context {
  Document,
  MapValue,
  SeqItem,
}

/** The plain data of `text`, or undefined when the document reader must read it. */
export function fastRead(text: string): RawValue | undefined {
  try {
    return new FastReader(text).document();
  } catch (e) {
    if (e === BAIL || e instanceof YamlTreeError || e instanceof RangeError) return undefined;
    throw e;
  }
}

/** An anchored node still being read (an alias to it would be the node containing itself). */
interface Pending {
  readonly pending: true;
}

class FastReader {
  private readonly lexer: Iterator<string>;
  private readonly lines: LineStarts;
  /** The current token ("" at the end), its offset, and the offset at which its line starts. */
  private tok = "";
  private offset = 0;
  private lineStart = 0;
  /** Tokens read ahead of the current one. */
  private readonly ahead: string[] = [];
  private done = false;
  private depth = 0;
  private aliasNodes = 0;
  /** The value of each anchor name for the aliases that follow: the node whose anchor was written last. */
  private readonly anchors = new Map<string, { value: RawValue } | Pending>();
  /** One string per distinct key text: keys repeat in every component, and each token is a string of its own. */
  private readonly keyTexts = new Map<string, string>();

  constructor(private readonly text: string) {
    this.lexer = new Lexer().lex(text)[Symbol.iterator]();
    this.lines = LineStarts.of(text);
    this.tok = this.pull();
  }

  private pull(): string {
    if (this.ahead.length > 0) return this.ahead.shift()!;
    if (this.done) return "";
    const r = this.lexer.next();
    if (r.done) {
      this.done = true;
      return "";
    }
    return r.value;
  }

  private peek(k: number): string {
    while (this.ahead.length < k) {
      if (this.done) return "";
      const r = this.lexer.next();
      if (r.done) {
        this.done = true;
        return "";
      }
      this.ahead.push(r.value);
    }
    return this.ahead[k - 1]!;
  }

  /** Moves past the current token. The control tokens (document start, scalar marker, flow error) have no width. */
  private next(): void {
    const t = this.t();
    const c = t.charCodeAt(0);
    if (!(t.length === 1 && (c === 0x02 || c === 0x1f || c === 0x18))) {
      const nl = t.lastIndexOf("\n");
      if (nl !== -1) this.lineStart = this.offset + nl + 1;
      this.offset += t.length;
    }
    this.tok = this.pull();
  }

  /** The current token (a method, so that comparisons are not narrowed across the calls that move on). */
  private t(): string {
    return this.tok;
  }

  /** A comment (the current token) must follow white space; the package reports one that does not. */
  private comment(): void {
    const before = this.offset === 0 ? 0x20 : this.text.charCodeAt(this.offset - 1);
    if (!(before === 0x20 || before === 0x09 || before === 0x0a || before === 0x0d)) throw BAIL;
  }

  /** Whether only indentation comes before the current token on its line. */
  private startsLine(): boolean {
    for (let i = this.lineStart; i < this.offset; i++) if (this.text.charCodeAt(i) !== 0x20) return false;
    return true;
  }

  private get column(): number {
    return this.offset - this.lineStart;
  }

  private atEnd(): boolean {
    return this.t() === "" && this.done && this.ahead.length === 0;
  }

  /** Skips spaces and comments, and newlines too when `lines`; whether a line ended. */
  private skipTrivia(lines: boolean): boolean {
    // A block scalar's text ends with its line break: the next token then starts a line.
    let crossed = lines && this.offset === this.lineStart;
    for (;;) {
      const t = this.t();
      if (t === "" && this.atEnd()) return crossed;
      const c = t.charCodeAt(0);
      if (c === 0x20) {
        if (t.includes("\t")) throw BAIL;
        this.next();
      } else if (c === 0x23) {
        this.comment();
        this.next();
      } else if (lines && (t === "\n" || t === "\r\n" || t === "")) {
        crossed = true;
        this.next();
      } else if (c === 0x09) {
        throw BAIL;
      } else {
        return crossed;
      }
    }
  }

  document(): RawValue {
    // Comments and blank lines before the content come ahead of the lexer's document-start token.
    if (this.t() === "\uFEFF") {
      this.next();
      // Indentation is counted after the byte order mark (positions still count it, as the package's do).
      this.lineStart = this.offset;
    }
    this.skipTrivia(true);
    // A text of comments and blank lines alone holds no document.
    if (this.atEnd()) return null;
    if (this.t() !== "\x02") throw BAIL;
    this.next();
    this.skipTrivia(true);
    if (this.t() === "---") {
      this.next();
      // Only a bare separator line: `--- value` and `--- !tag` are left to the document reader.
      if (!(this.t() === "\n" || this.t() === "\r\n" || this.t().charCodeAt(0) === 0x23 || this.t().charCodeAt(0) === 0x20 || this.atEnd())) throw BAIL;
      this.skipTrivia(true);
    }
    const value = this.atEnd() ? null : this.node(-1, Context.Document, true);
    this.skipTrivia(true);
    if (!this.atEnd()) throw BAIL;
    return value;
  }

  /** Offset of the last node read by {@link node}. */
  private start = 0;

  /**
   * The value after an indicator (or at the document's start), for a parent at column `indent`: on the same line
   * or on the following, more indented lines; null when nothing is written.
   */
  private node(indent: number, context: Context, crossed: boolean): RawValue {
    if (++this.depth > MAX_NESTING) throw BAIL;
    try {
      crossed = this.skipTrivia(true) || crossed;
      let anchor: string | undefined;
      let pending: Pending | undefined;
      let tag = false;
      /** Whether properties were written on the line the content starts on (then a key there would own them). */
      let propsOnLine = false;
      for (;;) {
        const c = this.t().charCodeAt(0);
        if (c === 0x26 /* & */ && anchor === undefined && !crossed) {
          anchor = this.t().slice(1);
          if (anchor === "") throw BAIL;
          pending = { pending: true };
          this.anchors.set(anchor, pending);
          this.next();
        } else if (c === 0x21 /* ! */ && !tag && !crossed) {
          if (this.t() !== "!!str") throw BAIL;
          tag = true;
          this.next();
        } else {
          break;
        }
        // Properties stand apart from what follows (`&a{}` is an error of the package's).
        const after = this.t();
        if (!(after.charCodeAt(0) === 0x20 || after === "\n" || after === "\r\n" || this.atEnd())) throw BAIL;
        crossed = this.skipTrivia(true);
        propsOnLine = !crossed;
      }
      if (this.atEnd() || (crossed && !this.inside(indent, context))) {
        if (anchor !== undefined || tag) throw BAIL;
        return null;
      }
      const value = this.content(indent, context, crossed, tag, propsOnLine);
      // A node inside this one may have taken the same name since: aliases after it mean that node.
      if (anchor !== undefined && this.anchors.get(anchor) === pending) this.anchors.set(anchor, { value });
      return value;
    } finally {
      this.depth--;
    }
  }

  /** Whether the token that starts a line belongs to the value of a parent at column `indent`. */
  private inside(indent: number, context: Context): boolean {
    const col = this.column;
    if (col > indent) return true;
    // A sequence may be written at its key's column.
    return context === Context.MapValue && col === indent && this.t() === "-";
  }

  private content(indent: number, context: Context, crossed: boolean, tag: boolean, propsOnLine: boolean): RawValue {
    const t = this.t();
    const col = this.column;
    const offset = this.offset;
    switch (t.charCodeAt(0)) {
      case 0x2d /* - */:
        if (t !== "-" || tag || propsOnLine || (!crossed && context === Context.MapValue)) throw BAIL;
        const seq = this.blockSeq(col, offset);
        this.start = offset;
        return seq;
      case 0x1f /* scalar marker */: {
        this.next();
        const source = this.t();
        if (this.isKeyAhead()) {
          if (tag || propsOnLine || (!crossed && context === Context.MapValue)) throw BAIL;
          const map = this.blockMap(col, this.offset);
          this.start = offset;
          return map;
        }
        this.start = this.offset;
        this.next();
        return tag ? this.flowScalarText("scalar", source, offset, indent) : this.plain(source, offset, indent);
      }
      case 0x27 /* ' */:
      case 0x22 /* " */: {
        if (this.isKeyAhead()) {
          if (tag || propsOnLine || (!crossed && context === Context.MapValue)) throw BAIL;
          const map = this.blockMap(col, offset);
          this.start = offset;
          return map;
        }
        this.start = offset;
        this.next();
        return this.flowScalarText(t.charCodeAt(0) === 0x27 ? "single-quoted-scalar" : "double-quoted-scalar", t, offset, indent);
      }
      case 0x7c /* | */:
      case 0x3e /* > */:
        if (crossed) throw BAIL;
        const text = this.blockScalar(indent);
        this.start = offset;
        return text;
      case 0x5b /* [ */:
      case 0x7b /* { */: {
        if (tag) throw BAIL;
        const v = this.flowCollection(indent);
        if (this.followedByColon()) throw BAIL;
        this.start = offset;
        return v;
      }
      case 0x2a /* * */: {
        if (tag) throw BAIL;
        this.start = offset;
        const v = this.alias(t.slice(1));
        this.next();
        if (this.followedByColon()) throw BAIL;
        return v;
      }
      default:
        throw BAIL;
    }
  }

  /** After a key's token (the current one): whether `:` follows directly. A space before it is left alone. */
  private isKeyAhead(): boolean {
    const n = this.peek(1);
    if (n === ":") return true;
    if (n.charCodeAt(0) === 0x20 && this.peek(2) === ":") throw BAIL;
    return false;
  }

  /** After a value on one line: whether a `:` makes it a key (which this reader does not take on). */
  private followedByColon(): boolean {
    const t = this.t();
    if (t === ":") return true;
    return t.charCodeAt(0) === 0x20 && this.peek(1) === ":";
  }

  private plain(source: string, offset: number, indent: number): RawValue {
    if (!simplePlain(source)) return resolvePlainScalar(this.resolve("scalar", source, offset, indent));
    return resolvePlainScalar(source);
  }

  /** A quoted (or `!!str`-tagged) scalar's string, folded and unescaped by the package. */
  private flowScalarText(type: "scalar" | "single-quoted-scalar" | "double-quoted-scalar", source: string, offset: number, indent: number): string {
    if (source.length >= 2 && !source.includes("\n") && !source.includes("\r")) {
      const q = source.charCodeAt(0);
      const body = source.slice(1, -1);
      if (q === 0x27 && source.charCodeAt(source.length - 1) === 0x27 && !body.includes("'")) return body;
      if (q === 0x22 && source.charCodeAt(source.length - 1) === 0x22 && !body.includes("\\") && !body.includes('"')) return body;
    }
    return this.resolve(type, source, offset, indent);
  }

  private resolve(type: "scalar" | "single-quoted-scalar" | "double-quoted-scalar", source: string, offset: number, indent: number): string {
    const r = CST.resolveAsScalar({ type, offset, indent: Math.max(indent, 0), source }, true, () => {
      throw BAIL;
    });
    if (r === null) throw BAIL;
    return r.value;
  }

  private blockScalar(indent: number): string {
    const header = this.t();
    const props: CST.SourceToken[] = [{ type: "block-scalar-header", offset: this.offset, indent: Math.max(indent, 0), source: header }];
    const offset = this.offset;
    this.next();
    while (this.t().charCodeAt(0) === 0x20 || this.t().charCodeAt(0) === 0x23) {
      if (this.t().charCodeAt(0) === 0x23) this.comment();
      props.push({ type: this.t().charCodeAt(0) === 0x20 ? "space" : "comment", offset: this.offset, indent: Math.max(indent, 0), source: this.t() });
      if (this.t().includes("\t")) throw BAIL;
      this.next();
    }
    let source = "";
    if (this.t() === "\n" || this.t() === "\r\n") {
      props.push({ type: "newline", offset: this.offset, indent: Math.max(indent, 0), source: this.t() });
      this.next();
      if (this.t() === "\x1f") {
        this.next();
        source = this.t();
        this.next();
      }
    } else if (!this.atEnd()) {
      throw BAIL;
    }
    const token: CST.BlockScalar = { type: "block-scalar", offset, indent: Math.max(indent, 0), props, source };
    const r = CST.resolveAsScalar(token, true, () => {
      throw BAIL;
    });
    if (r === null) throw BAIL;
    return r.value;
  }

  /** A block mapping whose first key is the current token, at column `col`. */
  private blockMap(col: number, self: number): RawMap {
    const out: RawMap = new Map();
    const keys = new Map<string, number>();
    setPositions(out, { lines: this.lines, self, keys });
    const seen = new Set<string>();
    let merges: RawValue[] | undefined;
    for (;;) {
      const keyOffset = this.offset;
      const key = this.key();
      if (seen.has(key)) throw BAIL; // the document reader reports the repeated key
      seen.add(key);
      if (this.t() !== ":") throw BAIL;
      this.next();
      const value = this.node(col, Context.MapValue, false);
      if (key === "<<") (merges ??= []).push(value);
      else setKey(out, key, value, keyOffset, keys, this.lines);
      this.skipTrivia(true);
      if (!this.atEnd() && !this.startsLine()) throw BAIL;
      if (this.atEnd() || this.column < col) break;
      if (this.column > col || this.t() === "-") throw BAIL;
      if (this.t() === "\x1f") this.next();
    }
    if (merges) applyMerges(out, merges);
    return out;
  }

  /** The key at the current token (the scalar marker already passed for plain keys): a string as written. */
  private key(): string {
    const t = this.t();
    if (t.length > 1024 || t.includes("\n") || t.includes("\r")) throw BAIL;
    const c = t.charCodeAt(0);
    let text: string;
    if (c === 0x27 || c === 0x22) {
      text = this.flowScalarText(c === 0x27 ? "single-quoted-scalar" : "double-quoted-scalar", t, this.offset, 0);
    } else {
      // Keys the core schema reads as numbers, booleans or null compare by value there: left to the package.
      if (NON_STRING_WORDS.has(t) || (c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2d || c === 0x2e) throw BAIL;
      if (!simplePlain(t)) throw BAIL;
      if (c === 0x26 || c === 0x21 || c === 0x2a || c === 0x3f || c === 0x5b || c === 0x7b || c === 0x7c || c === 0x3e || c === 0x25 || c === 0x40 || c === 0x60) throw BAIL;
      text = t;
    }
    this.next();
    let interned = this.keyTexts.get(text);
    if (interned === undefined) this.keyTexts.set(text, (interned = text));
    return interned;
  }

  /** A block sequence whose first `-` is the current token, at column `col`. */
  private blockSeq(col: number, self: number): RawValue[] {
    const out: RawValue[] = [];
    const items: number[] = [];
    setPositions(out, { lines: this.lines, self, items });
    for (;;) {
      this.next(); // the `-`
      const crossed = this.skipTrivia(true);
      if (this.atEnd() || (crossed && this.column <= col)) throw BAIL; // an empty item
      const value = this.node(col, Context.SeqItem, crossed);
      items.push(this.start);
      out.push(value);
      this.skipTrivia(true);
      if (!this.atEnd() && !this.startsLine()) throw BAIL;
      if (this.atEnd() || this.column < col) break;
      if (this.column > col) throw BAIL;
      if (this.t() !== "-") break; // a sequence at its key's column ends at the next key
    }
    return out;
  }

  /** `[...]` or `{...}`, the current token being the opening bracket, inside a block node at column `indent`. */
  private flowCollection(indent: number): RawValue {
    if (++this.depth > MAX_NESTING) throw BAIL;
    try {
      const open = this.t();
      const close = open === "[" ? "]" : "}";
      const self = this.offset;
      const seq: RawValue[] | undefined = open === "[" ? [] : undefined;
      const map: RawMap | undefined = open === "[" ? undefined : new Map();
      const items: number[] = [];
      const keys = new Map<string, number>();
      setPositions(seq ?? map!, seq ? { lines: this.lines, self, items } : { lines: this.lines, self, keys });
      const seen = new Set<string>();
      let merges: RawValue[] | undefined;
      this.next();
      this.flowSpace(indent);
      while (this.t() !== close) {
        if (seq) {
          items.push(this.offset);
          seq.push(this.flowValue(indent));
        } else {
          if (this.t() === "\x1f") this.next();
          const keyOffset = this.offset;
          const key = this.key();
          if (seen.has(key)) throw BAIL;
          seen.add(key);
          if (this.t() !== ":") throw BAIL;
          this.next();
          this.flowSpace(indent);
          if (this.t() === "," || this.t() === close) throw BAIL;
          const value = this.flowValue(indent);
          if (key === "<<") (merges ??= []).push(value);
          else setKey(map!, key, value, keyOffset, keys, this.lines);
        }
        this.flowSpace(indent);
        if (this.t() === close) break;
        if (this.t() !== ",") throw BAIL;
        this.next();
        this.flowSpace(indent);
        if (this.t() === ",") throw BAIL;
      }
      this.next();
      if (map && merges) applyMerges(map, merges);
      return seq ?? map!;
    } finally {
      this.depth--;
    }
  }

  /**
   * Spaces, comments and line breaks inside a flow collection. Its lines must be indented past the block node
   * holding it (a closing bracket may stand at that node's column), as the package requires.
   */
  private flowSpace(indent: number): void {
    for (;;) {
      const t = this.t();
      const c = t.charCodeAt(0);
      if (c === 0x20) {
        if (t.includes("\t")) throw BAIL;
      } else if (c === 0x23) {
        this.comment();
      } else if (t === "\n" || t === "\r\n") {
        this.next();
        this.skipBlankLines();
        const col = this.column;
        if (!(col > indent || (col === indent && (this.t() === "]" || this.t() === "}")))) throw BAIL;
        continue;
      } else {
        return;
      }
      this.next();
    }
  }

  /** Past blank lines and the indentation of the next line with content, inside a flow collection. */
  private skipBlankLines(): void {
    for (;;) {
      const t = this.t();
      if (t.charCodeAt(0) === 0x20) {
        if (t.includes("\t")) throw BAIL;
        this.next();
      } else if (t === "\n" || t === "\r\n") {
        this.next();
      } else {
        return;
      }
    }
  }

  /** An item or a mapping value inside a flow collection. */
  private flowValue(indent: number): RawValue {
    const t = this.t();
    const offset = this.offset;
    switch (t.charCodeAt(0)) {
      case 0x1f: {
        this.next();
        const source = this.t();
        this.next();
        if (this.t() === ":") throw BAIL;
        return this.plain(source, offset, indent);
      }
      case 0x27:
      case 0x22: {
        this.next();
        if (this.t() === ":") throw BAIL;
        return this.flowScalarText(t.charCodeAt(0) === 0x27 ? "single-quoted-scalar" : "double-quoted-scalar", t, offset, indent);
      }
      case 0x5b:
      case 0x7b: {
        const v = this.flowCollection(indent);
        if (this.t() === ":") throw BAIL;
        return v;
      }
      case 0x2a: {
        const v = this.alias(t.slice(1));
        this.next();
        if (this.t() === ":" || (this.t().charCodeAt(0) === 0x20 && this.peek(1) === ":")) throw BAIL;
        return v;
      }
      default:
        throw BAIL;
    }
  }

  /** A copy of the anchored value, as the document reader builds the anchored node again at each alias. */
  private alias(name: string): RawValue {
    if (name === "" || name.endsWith(":")) throw BAIL;
    const target = this.anchors.get(name);
    if (target === undefined || "pending" in target) throw BAIL;
    return this.copy(target.value);
  }

  private copy(v: RawValue): RawValue {
    // Half the document reader's bound: it also counts the aliases inside the copied value (at most one per node),
    // so every copy this reader makes is one the document reader accepts.
    if (++this.aliasNodes > MAX_ALIAS_NODES / 2) throw BAIL;
    if (v instanceof Map) {
      const out: RawMap = new Map();
      for (const [k, x] of v) out.set(k, this.copy(x));
      copyPositions(v, out);
      return out;
    }
    if (Array.isArray(v)) {
      const out = v.map((x) => this.copy(x));
      copyPositions(v, out);
      return out;
    }
    return v;
  }
}

/**
 * Whether a plain scalar's token is its value as it stands: one line, nothing to trim, and no first character the
 * package refuses or reads otherwise (it reports those, so such text goes through its own function).
 */
function simplePlain(source: string): boolean {
  const first = source.charCodeAt(0);
  const last = source.charCodeAt(source.length - 1);
  if (first === 0x09 || first === 0x2c || first === 0x25 || first === 0x7c || first === 0x3e || first === 0x40 || first === 0x60) return false;
  if (last === 0x20 || last === 0x09) return false;
  return !source.includes("\n") && !source.includes("\r");
}

function copyPositions(from: object, to: object): void {
  const p = positionsOf(from);
  if (!p) return;
  const record: ContainerPositions = { lines: p.lines, self: p.self, keys: p.keys && new Map(p.keys), items: p.items && [...p.items] };
  setPositions(to, record);
}
