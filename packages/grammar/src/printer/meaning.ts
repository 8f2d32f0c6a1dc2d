/**
 * Whether two parses mean the same: the same tree apart from positions, with string literals and quoted object
 * keys compared by value (an escape and the character it stands for are equal), and the same comment texts in
 * the same order. The formatter uses it to check its output where upstream's comment placement could change the
 * parse (see `format`).
 */
import type { CommentGroup, File, ObjectField } from "../ast/nodes.js";
import { fieldKey, unquote } from "../parser/unquote.js";

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
    if (xo.kind === "Field" && fieldKey(xo as unknown as ObjectField, aText) !== fieldKey(yo as unknown as ObjectField, bText)) return false;
  }
  return true;
}

/** A string literal's value, or its text when it does not scan (two such literals compare as written). */
const stringValue = (raw: string): string => unquote(raw) ?? raw;
