import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { SourceFile } from "../text/source-file.js";
import { commentText, Scanner, scanTokens } from "./scanner.js";
import { Tok, TOKEN_KINDS, tokenString } from "./token.js";

/** `KIND:text` for every token up to (not including) EOF. */
function tokens(text: string, includeComments = false): string[] {
  const list = scanTokens(text, { includeComments });
  const out: string[] = [];
  for (let i = 0; i < list.count - 1; i++) out.push(`${TOKEN_KINDS[list.kinds[i]!]}:${text.slice(list.starts[i], list.ends[i])}`);
  return out;
}

function errors(text: string | Uint8Array): string[] {
  const source = typeof text === "string" ? new SourceFile("", text) : SourceFile.fromBytes("", text);
  const list = scanTokens(source.text, { includeComments: true, invalidOffsets: source.invalidOffsets });
  return list.errors.map((e) => `${source.formatPosition(e.offset)}: ${e.message}`);
}

describe("terminator insertion (spec 2.8)", () => {
  test("newline after a value ends the statement, after an operator it does not", () => {
    expect(tokens("a = 1 +\n2\n")).toEqual(["IDENT:a", "ASSIGN:=", "NUMBER:1", "ADD:+", "NUMBER:2", "TERMINATOR:\n"]);
  });

  test("only one terminator for a run of newlines", () => {
    expect(tokens("a\n\n\nb")).toEqual(["IDENT:a", "TERMINATOR:\n", "IDENT:b", "TERMINATOR:"]);
  });

  test("end of input after a value yields an empty terminator before EOF", () => {
    const list = scanTokens("x");
    expect([...list.kinds].map((k) => TOKEN_KINDS[k])).toEqual(["IDENT", "TERMINATOR", "EOF"]);
    expect([list.starts[1], list.ends[1]]).toEqual([1, 1]);
  });

  test("a line comment after a value gets the terminator at the comment's start", () => {
    expect(tokens("a = 1 // c\nb = 2", true)).toEqual([
      "IDENT:a", "ASSIGN:=", "NUMBER:1", "TERMINATOR:", "COMMENT:// c", "IDENT:b", "ASSIGN:=", "NUMBER:2", "TERMINATOR:",
    ]);
  });

  test("a block comment followed by more code on the line keeps the terminator after it", () => {
    expect(tokens("a /* c */ b\n", true)).toEqual(["IDENT:a", "COMMENT:/* c */", "IDENT:b", "TERMINATOR:\n"]);
    expect(tokens("a /* c */ /* d */\nb", true)).toEqual([
      "IDENT:a", "TERMINATOR:", "COMMENT:/* c */", "COMMENT:/* d */", "IDENT:b", "TERMINATOR:",
    ]);
  });

  test("CR LF is whitespace plus a newline", () => {
    expect(tokens("a = 1\r\nb = 2\r\n")).toEqual([
      "IDENT:a", "ASSIGN:=", "NUMBER:1", "TERMINATOR:\n", "IDENT:b", "ASSIGN:=", "NUMBER:2", "TERMINATOR:\n",
    ]);
  });
});

describe("literals", () => {
  test("numbers, floats and the dot", () => {
    expect(tokens("1 1. .5 1e5 1.e-3 0x10 ..")).toEqual([
      "NUMBER:1", "FLOAT:1.", "FLOAT:.5", "FLOAT:1e5", "FLOAT:1.e-3", "NUMBER:0", "IDENT:x10", "DOT:.", "DOT:.",
    ]);
  });

  test("keywords", () => {
    expect(tokens("true false null nul truex")).toEqual(["BOOL:true", "BOOL:false", "NULL:null", "IDENT:nul", "IDENT:truex", "TERMINATOR:"]);
  });

  test("raw strings span lines", () => {
    expect(tokens("x = `a\nb`")).toEqual(["IDENT:x", "ASSIGN:=", "STRING:`a\nb`", "TERMINATOR:"]);
  });

  test("operators are matched greedily", () => {
    expect(tokens("a<=b>=c==d!=e&&f||g<h>i!j")).toEqual([
      "IDENT:a", "LTE:<=", "IDENT:b", "GTE:>=", "IDENT:c", "EQ:==", "IDENT:d", "NEQ:!=", "IDENT:e", "AND:&&", "IDENT:f",
      "OR:||", "IDENT:g", "LT:<", "IDENT:h", "GT:>", "IDENT:i", "NOT:!", "IDENT:j", "TERMINATOR:",
    ]);
  });
});

describe("scanner errors (spec 1, 2)", () => {
  test("escape errors are reported at the character after the backslash", () => {
    expect(errors('x = "\\q"')).toEqual(["1:7: unknown escape sequence"]);
    expect(errors('x = "\\x4"')).toEqual(["1:7: illegal character U+0022 '\"' in escape sequence"]);
  });

  test("invalid UTF-8 bytes are reported once per byte, with byte columns", () => {
    const bytes = Uint8Array.from([0x61, 0x20, 0x3d, 0x20, 0x22, 0xc3, 0xa9, 0xff, 0x22]); // a = "é\xff"
    expect(errors(bytes)).toEqual(["1:8: illegal UTF-8 encoding"]);
  });

  test("a lone surrogate in a string input counts as an invalid encoding", () => {
    expect(errors('x = "\uD800"')).toEqual(["1:6: illegal UTF-8 encoding"]);
  });

  test("BOM only allowed first; NUL anywhere is an error", () => {
    expect(errors("\uFEFFa = 1")).toEqual([]);
    expect(errors("a = \uFEFF")).toEqual(["1:5: illegal byte order mark"]);
    expect(errors("// \u0000")).toEqual(["1:4: illegal character NUL"]);
  });

  test("single & and | are reported but scan as && and ||", () => {
    expect(tokens("a & b | c")).toEqual(["IDENT:a", "AND:&", "IDENT:b", "OR:|", "IDENT:c", "TERMINATOR:"]);
    expect(errors("a & b")).toEqual(["1:4: missing second & in &&"]);
  });

  test("non-printable illegal characters print without the quoted character", () => {
    expect(errors("\u0007 \u2026")).toEqual(["1:1: illegal character U+0007", "1:3: illegal character U+2026 '…'"]);
  });
});

describe("comment text (spec 2.1)", () => {
  test("carriage returns are removed", () => {
    expect(commentText("// a\r")).toBe("// a");
    expect(commentText("/*\r\na\r\n*/")).toBe("/*\na\n*/");
    expect(commentText("/**\r/*/")).toBe("/**\r/*/");
  });
});

describe("token names", () => {
  test("message spelling of operators and names", () => {
    expect(TOKEN_KINDS.map((_, i) => tokenString(i))).toContain("TERMINATOR");
    expect(tokenString(TOKEN_KINDS.indexOf("LCURLY"))).toBe("{");
    expect(tokenString(TOKEN_KINDS.indexOf("IDENT"))).toBe("IDENT");
  });
});

describe("robustness", () => {
  test("scanning arbitrary strings terminates with tokens covering increasing offsets", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 200 }), (s) => {
        const list = scanTokens(s, { includeComments: true });
        expect(TOKEN_KINDS[list.kinds[list.count - 1]!]).toBe("EOF");
        for (let i = 0; i < list.count; i++) {
          expect(list.starts[i]!).toBeLessThanOrEqual(list.ends[i]!);
          if (i > 0) expect(list.starts[i]!).toBeGreaterThanOrEqual(list.starts[i - 1]!);
        }
      }),
      { numRuns: 500 },
    );
  });

  test("the fast path for plain ASCII gives exactly the tokens, hashes and errors of the general scanner", () => {
    /** Every token with its span and identifier hash, and every error, until EOF. */
    const run = (text: string, fastPath: boolean, includeComments: boolean): unknown[] => {
      const out: unknown[] = [];
      const scanner = new Scanner(text, { includeComments, fastPath, onError: (offset, message) => out.push(["error", offset, message]) });
      for (let n = 0; n <= text.length + 2; n++) {
        const tok = scanner.scan();
        out.push([tok, scanner.pos, scanner.end, tok === Tok.IDENT ? scanner.identHash : 0]);
        if (tok === Tok.EOF) break;
      }
      return out;
    };
    // Alloy-like fragments (including the characters the fast path hands over: strings, comments, floats, `.`,
    // `/`, `|`, `&`, non-ASCII, NUL, a BOM, lone surrogates) joined with random spacing.
    const piece = fc.oneof(
      fc.constantFrom("a", "foo_1", "true", "false", "null", "nul", "truex", "0", "42", "007", "1.5", "1e3", "2E", "1.", ".5"),
      fc.constantFrom("=", "==", "!", "!=", "<", "<=", ">", ">=", "{", "}", "[", "]", "(", ")", ",", ".", "+", "-", "*", "/", "%", "^"),
      fc.constantFrom("|", "||", "&", "&&", '"s"', '"a\\n"', '"unterminated', "`raw\n`", "// c", "/* c */", "/* c\n */", "'x'", "#"),
      fc.constantFrom("é", "日本", "x\u0000y", "\u0000", "\ufeff", "\ud800", "a\u00e9b", "9é"),
      fc.constantFrom(" ", "  ", "\t", "\n", "\r\n", "\n\n"),
      fc.string({ maxLength: 4 }),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), fc.boolean(), (pieces, comments) => {
        const text = pieces.join("");
        expect(run(text, true, comments)).toEqual(run(text, false, comments));
      }),
      { numRuns: 1000 },
    );
  });

  test("the Scanner keeps returning EOF at the end", () => {
    const s = new Scanner("");
    expect(TOKEN_KINDS[s.scan()]).toBe("EOF");
    expect(TOKEN_KINDS[s.scan()]).toBe("EOF");
  });
});
