/**
 * The Alloy grammar (spec alloy-syntax §3) as an executable Chevrotain grammar.
 *
 * The production parser (../parser) is a hand-written port of upstream's recursive-descent parser, because
 * reproducing upstream's exact messages, positions and error recovery (§7) and the throughput goals need full
 * control over every token. This module is the grammar's *reference form*: the EBNF written as Chevrotain rules,
 * checked by Chevrotain's grammar analysis when it is built (LL(k), no ambiguities, no left recursion). It serves
 * two purposes:
 * - differential testing: for any token stream, the reference grammar accepts exactly when the production parser
 *   reports no syntax error (property test in reference.test.ts);
 * - syntactic content assist: which token kinds may come next at a position (`expectedTokenKinds`), computed by
 *   Chevrotain from the grammar, used by editor completion.
 *
 * Tokens come from the production scanner (terminator insertion, §2.8, lives there), not from a Chevrotain lexer.
 */
import { createToken, createTokenInstance, EmbeddedActionsParser, EOF, Lexer, type IToken, type TokenType } from "chevrotain";
import { Tok, TOKEN_KINDS, type TokenKind } from "../lexer/token.js";
import { isValidIdentifier } from "../lexer/identifier.js";

/** One Chevrotain token type per scanner token code, named as upstream (`IDENT`, `ADD`, …). */
export const TOKEN_TYPES: readonly TokenType[] = TOKEN_KINDS.map((name) => createToken({ name, pattern: Lexer.NA }));

const T = (code: number): TokenType => TOKEN_TYPES[code]!;
const IDENT = T(Tok.IDENT);
const STRING = T(Tok.STRING);
const TERMINATOR = T(Tok.TERMINATOR);

/** A block label is a double-quoted string whose text is empty or a valid identifier (§5). */
function isLabelToken(tok: IToken): boolean {
  const image = tok.image;
  if (tok.tokenType !== STRING || !image.startsWith('"')) return false;
  const text = image.slice(1, -1);
  return text === "" || isValidIdentifier(text);
}

class AlloyReferenceGrammar extends EmbeddedActionsParser {
  constructor() {
    super([...TOKEN_TYPES], { maxLookahead: 3, recoveryEnabled: false });
    this.performSelfAnalysis();
  }

  /** File = Body . */
  readonly file = this.RULE("file", () => {
    this.SUBRULE(this.body);
  });

  /** Body = [ Statement { term Statement } ] [ term ] . */
  readonly body = this.RULE("body", () => {
    this.OPTION(() => {
      this.SUBRULE(this.statement);
      this.MANY(() => {
        this.CONSUME(TERMINATOR);
        this.OPTION2(() => this.SUBRULE2(this.statement));
      });
    });
  });

  /**
   * Statement = Attribute | Block .
   * Attribute = identifier "=" Expression .
   * Block     = identifier { "." identifier } [ label ] "{" Body "}" .
   */
  readonly statement = this.RULE("statement", () => {
    this.CONSUME(IDENT);
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T(Tok.ASSIGN));
          this.SUBRULE(this.expression);
        },
      },
      {
        ALT: () => {
          this.MANY(() => {
            this.CONSUME(T(Tok.DOT));
            this.CONSUME2(IDENT);
          });
          this.OPTION({ GATE: () => isLabelToken(this.LA(1)), DEF: () => this.CONSUME(STRING) });
          this.CONSUME(T(Tok.LCURLY));
          this.SUBRULE(this.body);
          this.CONSUME(T(Tok.RCURLY));
        },
      },
    ]);
  });

  /** Expression = OrExpr . OrExpr = AndExpr { "||" AndExpr } . */
  readonly expression = this.RULE("expression", () => {
    this.SUBRULE(this.andExpr);
    this.MANY(() => {
      this.CONSUME(T(Tok.OR));
      this.SUBRULE2(this.andExpr);
    });
  });

  /** AndExpr = CmpExpr { "&&" CmpExpr } . */
  readonly andExpr = this.RULE("andExpr", () => {
    this.SUBRULE(this.cmpExpr);
    this.MANY(() => {
      this.CONSUME(T(Tok.AND));
      this.SUBRULE2(this.cmpExpr);
    });
  });

  /** CmpExpr = AddExpr { ( "==" | "!=" | "<" | "<=" | ">" | ">=" ) AddExpr } . */
  readonly cmpExpr = this.RULE("cmpExpr", () => {
    this.SUBRULE(this.addExpr);
    this.MANY(() => {
      this.OR([Tok.EQ, Tok.NEQ, Tok.LT, Tok.LTE, Tok.GT, Tok.GTE].map((t) => ({ ALT: () => this.CONSUME(T(t)) })));
      this.SUBRULE2(this.addExpr);
    });
  });

  /** AddExpr = MulExpr { ( "+" | "-" ) MulExpr } . */
  readonly addExpr = this.RULE("addExpr", () => {
    this.SUBRULE(this.mulExpr);
    this.MANY(() => {
      this.OR([{ ALT: () => this.CONSUME(T(Tok.ADD)) }, { ALT: () => this.CONSUME(T(Tok.SUB)) }]);
      this.SUBRULE2(this.mulExpr);
    });
  });

  /** MulExpr = PowExpr { ( "*" | "/" | "%" ) PowExpr } . */
  readonly mulExpr = this.RULE("mulExpr", () => {
    this.SUBRULE(this.powExpr);
    this.MANY(() => {
      this.OR([Tok.MUL, Tok.DIV, Tok.MOD].map((t) => ({ ALT: () => this.CONSUME(T(t)) })));
      this.SUBRULE2(this.powExpr);
    });
  });

  /** PowExpr = UnaryExpr [ "^" PowExpr ] . (right-associative) */
  readonly powExpr: () => void = this.RULE("powExpr", () => {
    this.SUBRULE(this.unaryExpr);
    this.OPTION(() => {
      this.CONSUME(T(Tok.POW));
      this.SUBRULE(this.powExpr);
    });
  });

  /** UnaryExpr = ( "!" | "-" ) UnaryExpr | OperExpr . */
  readonly unaryExpr: () => void = this.RULE("unaryExpr", () => {
    this.OR([
      {
        ALT: () => {
          this.OR2([{ ALT: () => this.CONSUME(T(Tok.NOT)) }, { ALT: () => this.CONSUME(T(Tok.SUB)) }]);
          this.SUBRULE(this.unaryExpr);
        },
      },
      { ALT: () => this.SUBRULE(this.operExpr) },
    ]);
  });

  /** OperExpr = PrimaryExpr { "." identifier | "[" Expression "]" | "(" [ ExpressionList ] ")" } . */
  readonly operExpr = this.RULE("operExpr", () => {
    this.SUBRULE(this.primaryExpr);
    this.MANY(() => {
      this.OR([
        {
          ALT: () => {
            this.CONSUME(T(Tok.DOT));
            this.CONSUME(IDENT);
          },
        },
        {
          ALT: () => {
            this.CONSUME(T(Tok.LBRACK));
            this.SUBRULE(this.expression);
            this.CONSUME(T(Tok.RBRACK));
          },
        },
        {
          ALT: () => {
            this.CONSUME(T(Tok.LPAREN));
            this.OPTION(() => this.SUBRULE(this.expressionList));
            this.CONSUME(T(Tok.RPAREN));
          },
        },
      ]);
    });
  });

  /**
   * PrimaryExpr = identifier | string | number | float | bool | null
   *             | "(" Expression ")" | "[" [ ExpressionList ] "]" | "{" [ FieldList ] "}" .
   */
  readonly primaryExpr = this.RULE("primaryExpr", () => {
    this.OR([
      ...[Tok.IDENT, Tok.STRING, Tok.NUMBER, Tok.FLOAT, Tok.BOOL, Tok.NULL].map((t) => ({ ALT: () => this.CONSUME(T(t)) })),
      {
        ALT: () => {
          this.CONSUME(T(Tok.LPAREN));
          this.SUBRULE(this.expression);
          this.CONSUME(T(Tok.RPAREN));
        },
      },
      {
        ALT: () => {
          this.CONSUME(T(Tok.LBRACK));
          this.OPTION(() => this.SUBRULE(this.expressionList));
          this.CONSUME(T(Tok.RBRACK));
        },
      },
      {
        ALT: () => {
          this.CONSUME(T(Tok.LCURLY));
          this.OPTION2(() => this.SUBRULE(this.fieldList));
          this.CONSUME(T(Tok.RCURLY));
        },
      },
    ]);
  });

  /** ExpressionList = Expression { "," Expression } [ "," ] . */
  readonly expressionList = this.RULE("expressionList", () => {
    this.SUBRULE(this.expression);
    this.MANY({
      GATE: () => this.LA(2).tokenType !== T(Tok.RBRACK) && this.LA(2).tokenType !== T(Tok.RPAREN),
      DEF: () => {
        this.CONSUME(T(Tok.COMMA));
        this.SUBRULE2(this.expression);
      },
    });
    this.OPTION(() => this.CONSUME2(T(Tok.COMMA)));
  });

  /** FieldList = Field { "," Field } [ "," ] . */
  readonly fieldList = this.RULE("fieldList", () => {
    this.SUBRULE(this.field);
    this.MANY({
      GATE: () => this.LA(2).tokenType !== T(Tok.RCURLY),
      DEF: () => {
        this.CONSUME(T(Tok.COMMA));
        this.SUBRULE2(this.field);
      },
    });
    this.OPTION(() => this.CONSUME2(T(Tok.COMMA)));
  });

  /** Field = ( identifier | string ) "=" Expression . */
  readonly field = this.RULE("field", () => {
    this.OR([{ ALT: () => this.CONSUME(IDENT) }, { ALT: () => this.CONSUME(STRING) }]);
    this.CONSUME(T(Tok.ASSIGN));
    this.SUBRULE(this.expression);
  });

  /** Single expression followed by its terminator (upstream ParseExpression). */
  readonly standaloneExpression = this.RULE("standaloneExpression", () => {
    this.SUBRULE(this.expression);
    this.CONSUME(TERMINATOR);
  });
}

let instance: AlloyReferenceGrammar | undefined;

/** The grammar, built (and self-analysed by Chevrotain) on first use. */
export function referenceGrammar(): AlloyReferenceGrammar {
  return (instance ??= new AlloyReferenceGrammar());
}

export type { AlloyReferenceGrammar };
export { EOF as CHEVROTAIN_EOF, createTokenInstance };
export type { TokenKind };
