/**
 * @alloy-ts/grammar/reference: the Alloy grammar as a Chevrotain grammar (see grammar.ts), for differential
 * testing of the production parser and for syntactic content assist in editors. Kept out of the main entry
 * point so that tools that only parse and print do not load Chevrotain.
 */
import { createTokenInstance, type IToken } from "chevrotain";
import { scanTokens } from "../lexer/scanner.js";
import { Tok, TOKEN_KINDS, type TokenKind } from "../lexer/token.js";
import { referenceGrammar, TOKEN_TYPES } from "./grammar.js";

export { referenceGrammar, TOKEN_TYPES } from "./grammar.js";

/** Result of recognising a text with the reference grammar. */
export interface Recognition {
  /** True when the scanner reported no error and the token stream is a sentence of the grammar. */
  readonly ok: boolean;
  /** Scanner errors and the first grammar error (Chevrotain's message), with offsets. */
  readonly errors: readonly { readonly offset: number; readonly message: string }[];
}

/** The production scanner's tokens as Chevrotain tokens (comments and the final EOF left out). */
function toChevrotainTokens(text: string, upTo = Infinity): IToken[] {
  const list = scanTokens(text);
  const out: IToken[] = [];
  for (let i = 0; i < list.count; i++) {
    const kind = list.kinds[i]!;
    const start = list.starts[i]!;
    if (kind === Tok.EOF || start >= upTo) break;
    const end = list.ends[i]!;
    out.push(createTokenInstance(TOKEN_TYPES[kind]!, text.slice(start, end), start, end - 1, NaN, NaN, NaN, NaN));
  }
  return out;
}

/** Recognises a whole configuration file (`mode: "file"`) or one expression (`mode: "expression"`). */
export function recognize(text: string, mode: "file" | "expression" = "file"): Recognition {
  const scanned = scanTokens(text);
  const errors: { offset: number; message: string }[] = scanned.errors.map((e) => ({ ...e }));
  const grammar = referenceGrammar();
  let tokens = toChevrotainTokens(text);
  // Upstream's ParseExpression stops after the terminator that follows the expression; the rest is not read.
  if (mode === "expression") {
    const end = tokens.findIndex((t) => t.tokenType === TOKEN_TYPES[Tok.TERMINATOR]);
    if (end >= 0) tokens = tokens.slice(0, end + 1);
  }
  grammar.input = tokens;
  if (mode === "file") grammar.file();
  else grammar.standaloneExpression();
  for (const e of grammar.errors) errors.push({ offset: Number.isFinite(e.token.startOffset) ? e.token.startOffset : text.length, message: e.message });
  return { ok: errors.length === 0, errors };
}

/**
 * Token kinds the grammar allows at `offset` in a file, given the tokens before it (Chevrotain content assist).
 * An editor uses this to decide what to offer: e.g. after `a` at statement start, `=`, `.`, a label or `{`.
 */
export function expectedTokenKinds(text: string, offset: number): TokenKind[] {
  const before = toChevrotainTokens(text, offset);
  let paths;
  try {
    paths = referenceGrammar().computeContentAssist("file", before);
  } catch {
    return [];
  }
  const kinds = new Set<TokenKind>();
  for (const p of paths) {
    const idx = TOKEN_TYPES.indexOf(p.nextTokenType);
    if (idx >= 0) kinds.add(TOKEN_KINDS[idx]!);
  }
  return [...kinds];
}
