/**
 * Whether two parses mean the same: the same tree apart from positions, with string literals and quoted object
 * keys compared by value (an escape and the character it stands for are equal), and the same comment texts in
 * the same order. The formatter uses it to check its output where upstream's comment placement could change the
 * parse (see `format`).
 */
import type { CommentGroup, File } from "../ast/nodes.js";

const POSITIONS: ReadonlySet<string> = new Set(["start", "end", "opStart", "opEnd", "lBrack", "lParen", "lCurly", "rCurly", "nameEnd", "labelStart", "labelEnd", "comments"]);

export function sameMeaning(a: File, aText: string, b: File, bText: string): boolean {
  return sameComments(a.comments, b.comments) && same(a.body, aText, b.body, bText);
}

function sameComments(a: readonly CommentGroup[], b: readonly CommentGroup[]): boolean {
  const texts = (gs: readonly CommentGroup[]): string[] => gs.flatMap((g) => g.comments.map((c) => c.text));
  const x = texts(a);
  const y = texts(b);
  return x.length === y.length && x.every((t, i) => t === y[i]);
}

/**
 * Structural comparison with an explicit stack: trees are as deep as the parser's nesting limit, and this runs
 * inside the formatter, which must not overflow.
 */
function same(a: unknown, aText: string, b: unknown, bText: string): boolean {
  const stack: [unknown, unknown][] = [[a, b]];
  while (stack.length > 0) {
    const [x, y] = stack.pop()!;
    if (x === y) continue;
    if (typeof x !== "object" || typeof y !== "object" || x === null || y === null) return false;
    if (Array.isArray(x) !== Array.isArray(y)) return false;
    if (Array.isArray(x)) {
      const ya = y as unknown[];
      if (x.length !== ya.length) return false;
      for (let i = 0; i < x.length; i++) stack.push([x[i], ya[i]]);
      continue;
    }
    const xo = x as Record<string, unknown>;
    const yo = y as Record<string, unknown>;
    if (xo.kind !== yo.kind) return false;
    if (xo.kind === "Literal" && xo.literal === "string") {
      if (yo.literal !== "string" || stringValue(xo.raw as string) !== stringValue(yo.raw as string)) return false;
      continue;
    }
    const keys = Object.keys(xo).filter((k) => !POSITIONS.has(k) && xo[k] !== undefined);
    const ykeys = Object.keys(yo).filter((k) => !POSITIONS.has(k) && yo[k] !== undefined);
    if (keys.length !== ykeys.length) return false;
    for (const k of keys) {
      if (xo.kind === "Field" && (k === "name" || k === "quoted")) continue;
      stack.push([xo[k], yo[k]]);
    }
    if (xo.kind === "Field" && keyValue(xo, aText) !== keyValue(yo, bText)) return false;
  }
  return true;
}

/** An object key's value: identifiers as written, string keys decoded. */
function keyValue(field: Record<string, unknown>, text: string): string {
  const name = field.name as string;
  if (!field.quoted) return name;
  return text.charCodeAt(field.start as number) === 0x60 ? name.replace(/\r/g, "") : stringValue(`"${name}"`);
}

const SIMPLE: Record<string, string> = { a: "\x07", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t", v: "\v", "\\": "\\", '"': '"' };

/**
 * The value of a string literal's source text (Go escapes; raw strings lose carriage returns as upstream's
 * scanner drops them). Byte escapes (`\x..`, octal) are kept as their escape text: equal escapes compare equal,
 * which is all the comparison needs, without decoding byte sequences.
 */
export function stringValue(raw: string): string {
  if (raw.charCodeAt(0) === 0x60) return raw.slice(1, -1).replace(/\r/g, "");
  const body = raw.slice(1, -1);
  if (!body.includes("\\")) return body;
  let out = "";
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c !== "\\") {
      out += c;
      continue;
    }
    const e = body[++i]!;
    if (SIMPLE[e] !== undefined) out += SIMPLE[e];
    else if (e === "u" || e === "U") {
      const n = e === "u" ? 4 : 8;
      out += String.fromCodePoint(parseInt(body.slice(i + 1, i + 1 + n), 16) || 0xfffd);
      i += n;
    } else if (e === "x") {
      out += `\\x${body.slice(i + 1, i + 3).toLowerCase()}`;
      i += 2;
    } else {
      out += `\\${body.slice(i, i + 3)}`;
      i += 2;
    }
  }
  return out;
}
