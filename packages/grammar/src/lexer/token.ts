/**
 * Token kinds of the Alloy scanner, mirroring upstream syntax/token/token.go.
 *
 * Internally the scanner and parser use small integers (`Tok.*`) so that tokens can live in typed arrays and
 * comparisons stay cheap; the public names are upstream's constant names (`IDENT`, `ADD`, …). Error messages
 * use a different spelling (`tokenString`): operators print as themselves (`+`, `{`), the rest by name.
 */

/** Numeric token codes. The order only matters for `TOKEN_KINDS` and `TOKEN_STRINGS` below. */
export const Tok = {
  ILLEGAL: 0,
  EOF: 1,
  COMMENT: 2,
  IDENT: 3,
  NUMBER: 4,
  FLOAT: 5,
  STRING: 6,
  BOOL: 7,
  NULL: 8,
  OR: 9,
  AND: 10,
  NOT: 11,
  ASSIGN: 12,
  EQ: 13,
  NEQ: 14,
  LT: 15,
  LTE: 16,
  GT: 17,
  GTE: 18,
  ADD: 19,
  SUB: 20,
  MUL: 21,
  DIV: 22,
  MOD: 23,
  POW: 24,
  LCURLY: 25,
  RCURLY: 26,
  LPAREN: 27,
  RPAREN: 28,
  LBRACK: 29,
  RBRACK: 30,
  COMMA: 31,
  DOT: 32,
  TERMINATOR: 33,
} as const;

/** A numeric token code (a value of `Tok`). */
export type TokenCode = (typeof Tok)[keyof typeof Tok];

/** Upstream's constant name of a token kind (`IDENT`, `ADD`, `LCURLY`, …). */
export type TokenKind = keyof typeof Tok;

/** Constant name per code: `TOKEN_KINDS[Tok.ADD] === "ADD"`. */
export const TOKEN_KINDS: readonly TokenKind[] = (() => {
  const names: TokenKind[] = [];
  for (const [name, code] of Object.entries(Tok)) names[code] = name as TokenKind;
  return names;
})();

/** Spelling used in error messages (upstream `Token.String()`): `+` for ADD, `IDENT` for IDENT. */
const TOKEN_STRINGS: readonly string[] = (() => {
  const operators: Partial<Record<TokenKind, string>> = {
    OR: "||", AND: "&&", NOT: "!", ASSIGN: "=", EQ: "==", NEQ: "!=", LT: "<", LTE: "<=", GT: ">", GTE: ">=",
    ADD: "+", SUB: "-", MUL: "*", DIV: "/", MOD: "%", POW: "^",
    LCURLY: "{", RCURLY: "}", LPAREN: "(", RPAREN: ")", LBRACK: "[", RBRACK: "]", COMMA: ",", DOT: ".",
  };
  return TOKEN_KINDS.map((k) => operators[k] ?? k);
})();

/** The message spelling of a token code, e.g. `expected %s, got %s` arguments. */
export function tokenString(tok: number): string {
  return TOKEN_STRINGS[tok] ?? "ILLEGAL";
}

/**
 * Binary operator precedence (upstream `Token.BinaryPrecedence`): 1 `||`, 2 `&&`, 3 comparisons, 4 `+ -`,
 * 5 `* / %`, 6 `^`; 0 for everything else.
 */
export const BINARY_PRECEDENCE: Uint8Array = (() => {
  const p = new Uint8Array(TOKEN_KINDS.length);
  p[Tok.OR] = 1;
  p[Tok.AND] = 2;
  for (const t of [Tok.EQ, Tok.NEQ, Tok.LT, Tok.LTE, Tok.GT, Tok.GTE]) p[t] = 3;
  p[Tok.ADD] = 4;
  p[Tok.SUB] = 4;
  p[Tok.MUL] = 5;
  p[Tok.DIV] = 5;
  p[Tok.MOD] = 5;
  p[Tok.POW] = 6;
  return p;
})();
