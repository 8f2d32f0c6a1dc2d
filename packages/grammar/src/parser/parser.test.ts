import fc from "fast-check";
import { describe, expect, test } from "vitest";
import type { AccessExpr, Attribute, Block, Expr, Node, ObjectExpr } from "../ast/nodes.js";
import { labelRangeOf, nameSpanOf, rangeOf } from "../ast/factory.js";
import { walk } from "../ast/walk.js";
import { MAX_NESTING_DEPTH, parse, parseExpression } from "./parser.js";

/** Compact prefix rendering of an expression, to check tree shapes. */
function show(e: Expr): string {
  switch (e.kind) {
    case "Identifier":
      return e.name;
    case "Literal":
      return e.raw;
    case "Binary":
      return `(${show(e.left)} ${e.op} ${show(e.right)})`;
    case "Unary":
      return `(${e.op}${show(e.operand)})`;
    case "Paren":
      return `[${show(e.inner)}]`;
    case "Access":
      return `${show(e.value)}.${e.name}`;
    case "Index":
      return `${show(e.value)}[${show(e.index)}]`;
    case "Call":
      return `${show(e.callee)}(${e.args.map(show).join(", ")})`;
    case "Array":
      return `[${e.elements.map(show).join(", ")}]`;
    case "Object":
      return `{${e.fields.map((f) => `${f.quoted ? JSON.stringify(f.name) : f.name}=${show(f.value)}`).join(", ")}}`;
    case "Invalid":
      return "<invalid>";
  }
}

const expr = (s: string): string => {
  const r = parseExpression(s);
  expect(r.diagnostics).toEqual([]);
  return show(r.expr);
};

const messages = (s: string): string[] => {
  const r = parse(s);
  return r.diagnostics.map((d) => `${r.source.formatPosition(d.range.start)}: ${d.message}`);
};

describe("expressions (spec 3, 4)", () => {
  test("precedence and associativity", () => {
    expect(expr("1 || 2 && 3 == 4 + 5 * 6 ^ 7")).toBe("(1 || (2 && (3 == (4 + (5 * (6 ^ 7))))))");
    expect(expr("1 - 2 - 3")).toBe("((1 - 2) - 3)");
    expect(expr("1 ^ 2 ^ 3")).toBe("(1 ^ (2 ^ 3))");
    expect(expr("1 == 2 != 3 < 4")).toBe("(((1 == 2) != 3) < 4)");
  });

  test("unary binds tighter than ^, postfix tighter than unary", () => {
    expect(expr("-2 ^ 2")).toBe("((-2) ^ 2)");
    expect(expr("-a.b")).toBe("(-a.b)");
    expect(expr("!f(x)")).toBe("(!f(x))");
    expect(expr("!!a")).toBe("(!(!a))");
  });

  test("postfix chains on any expression", () => {
    expect(expr("(a.b.c)(1)")).toBe("[a.b.c](1)");
    expect(expr("{ a = 15 }.a")).toBe("{a=15}.a");
    expect(expr("[0, 1][1]")).toBe("[0, 1][1]");
    expect(expr("null.x")).toBe("null.x");
  });

  test("object keys: identifiers, strings (raw text), and the empty string", () => {
    expect(expr('{ a = 1, "b.c" = 2, `r` = 3, "" = 4, "\\n" = 5 }')).toBe('{a=1, "b.c"=2, "r"=3, ""=4, "\\\\n"=5}');
  });

  test("trailing commas", () => {
    expect(expr("[1, 2,]")).toBe("[1, 2]");
    expect(expr("f(1,)")).toBe("f(1)");
    expect(expr("{a = 1,}")).toBe("{a=1}");
  });

  test("ranges are UTF-16 offsets, end exclusive", () => {
    const r = parseExpression('f("é", x.y)');
    expect(rangeOf(r.expr)).toEqual({ start: 0, end: 11 });
    if (r.expr.kind !== "Call") throw new Error("expected a call");
    expect(rangeOf(r.expr.args[0]!)).toEqual({ start: 2, end: 5 });
    expect(rangeOf(r.expr.args[1]!)).toEqual({ start: 7, end: 10 });
    expect(r.expr.lParen).toBe(1);
  });
});

describe("names and their spans", () => {
  const spanText = (text: string, s: { start: number; end: number }): string => text.slice(s.start, s.end);

  test("attribute, access and object keys: the span is the written name", () => {
    const text = 'attr = a.b_c.d\no = { k = 1, "q.k" = 2, "" = 3 }\n';
    const r = parse(text);
    expect(r.diagnostics).toEqual([]);
    const [attr, obj] = r.file.body as [Attribute, Attribute];
    expect(spanText(text, nameSpanOf(attr))).toBe("attr");
    const access = attr.value as AccessExpr;
    expect(nameSpanOf(access)).toMatchObject({ name: "d" });
    expect(spanText(text, nameSpanOf(access))).toBe("d");
    expect(spanText(text, nameSpanOf(access.value as AccessExpr))).toBe("b_c");
    const fields = (obj.value as ObjectExpr).fields;
    expect(fields.map((f) => [f.name, f.quoted, spanText(text, nameSpanOf(f))])).toEqual([
      ["k", false, "k"],
      ["q.k", true, '"q.k"'],
      ['""', false, '""'],
    ]);
  });

  test("a block name written with spaces or comments around its dots is joined like upstream prints it", () => {
    const text = "a . b /* c */ . c_d \"l\" {}\nx.y {}\n";
    const r = parse(text);
    expect(r.diagnostics).toEqual([]);
    const [spaced, plain] = r.file.body as [Block, Block];
    expect(spaced.name).toBe("a.b.c_d");
    expect(spanText(text, nameSpanOf(spaced))).toBe("a . b /* c */ . c_d");
    expect(plain.name).toBe("x.y");
    expect(spanText(text, nameSpanOf(plain))).toBe("x.y");
  });

  test("a missing accessed name is empty at the end of the access", () => {
    const r = parse("a = b.\n");
    const access = (r.file.body[0] as Attribute).value as AccessExpr;
    expect(r.diagnostics.length).toBeGreaterThan(0);
    expect(access.name).toBe("");
    const span = nameSpanOf(access);
    expect(span.start).toBe(span.end);
    expect(span.end).toBe(access.end);
  });

  test("a malformed dotted name keeps its fragments and reports the first problem", () => {
    const r = parse("a.true {}\n");
    expect(r.diagnostics[0]!.message).toBe("expected identifier, got BOOL");
    expect((r.file.body[0] as Block).name).toBe("a.true");
  });
});

describe("statements", () => {
  test("attributes and nested blocks with labels", () => {
    const r = parse('a = 1\nprometheus.scrape "x" {\n  inner {\n    b = [1]\n  }\n}\nempty "" {}\n');
    expect(r.diagnostics).toEqual([]);
    const [attr, block, empty] = r.file.body as [Attribute, Block, Block];
    expect(attr.name).toBe("a");
    expect(nameSpanOf(attr)).toEqual({ name: "a", start: 0, end: 1 });
    expect(rangeOf(attr)).toEqual({ start: 0, end: 5 });
    expect(block.name).toBe("prometheus.scrape");
    expect(nameSpanOf(block)).toEqual({ name: "prometheus.scrape", start: 6, end: 23 });
    expect(block.label).toBe("x");
    expect(labelRangeOf(block)).toEqual({ start: 24, end: 27 });
    expect(block.start).toBe(6);
    expect(r.source.text[block.lCurly]).toBe("{");
    expect(r.source.text[block.rCurly]).toBe("}");
    expect(block.end).toBe(block.rCurly + 1);
    expect((block.body[0] as Block).name).toBe("inner");
    expect(empty.label).toBeUndefined();
    const emptyLabel = r.source.text.indexOf('""');
    expect(labelRangeOf(empty)).toEqual({ start: emptyLabel, end: emptyLabel + 2 });
  });

  test("comment groups: adjacent lines join, a blank line or code splits", () => {
    const r = parse("// a\n// b\n\n/* c\n */\n// d\nx = 1 // e\r\n");
    expect(r.diagnostics).toEqual([]);
    expect(r.file.comments.map((g) => g.comments.map((c) => c.text))).toEqual([["// a", "// b"], ["/* c\n */", "// d"], ["// e"]]);
    const e = r.file.comments[2]!.comments[0]!;
    expect(r.source.text.slice(e.start, e.end)).toBe("// e\r");
  });

  test("a leading BOM is skipped; positions still count it like upstream", () => {
    expect(parse("\uFEFFa = 1\n").diagnostics).toEqual([]);
    expect(messages("\uFEFFa = ")).toEqual(["1:8: expected expression, got EOF"]);
  });
});

describe("errors and recovery (spec 7)", () => {
  test("a missing expression becomes an Invalid node and the tree is still built", () => {
    const r = parse("a = )\nb = 2\nc {\n  d = 1 +\n}\n");
    expect(r.diagnostics.map((d) => d.message)).toEqual(["expected expression, got )", "expected expression, got }"]);
    expect(r.file.body.map((s) => s.kind)).toEqual(["Attribute", "Attribute", "Block"]);
    expect((r.file.body[0] as Attribute).value.kind).toBe("Invalid");
    const d = (r.file.body[2] as Block).body[0] as Attribute;
    expect(show(d.value)).toBe("(1 + <invalid>)");
  });

  test("errors on the same line are reported once, statement-level errors always", () => {
    expect(messages("x = [1 2 3 4]\n")).toEqual(["1:8: missing ',' in expression list"]);
    expect(messages("a.b = 1 +\n")).toEqual([
      '1:1: attribute names may only consist of a single identifier with no "."',
      "2:1: expected expression, got EOF",
    ]);
  });

  test("diagnostic ranges and codes", () => {
    const r = parse('a "lbl" = 1\nx = @\n');
    expect(r.diagnostics.map((d) => [d.code, r.source.text.slice(d.range.start, d.range.end)])).toEqual([
      ["syntax/parser", '"lbl"'],
      ["syntax/scanner", "@"],
      ["syntax/parser", "@"],
    ]);
  });

  test("block used as a value covers the value through the closing brace", () => {
    const r = parse('x = a.b "c" {\n  y = 1\n}\n');
    expect(r.diagnostics).toHaveLength(1);
    const d = r.diagnostics[0]!;
    expect(r.source.text.slice(d.range.start, d.range.end)).toBe('a.b "c" {\n  y = 1\n}');
  });

  test("unclosed constructs end where the closer was expected", () => {
    const r = parse("x = [1,\n");
    const attr = r.file.body[0] as Attribute;
    expect(attr.value.kind).toBe("Array");
    expect(attr.value.end).toBeLessThanOrEqual(r.source.text.length);
  });
});

describe("nesting limit", () => {
  const cases: Record<string, string> = {
    brackets: "x = " + "[".repeat(10_000),
    parens: "x = " + "(".repeat(10_000) + "1" + ")".repeat(10_000),
    objects: "x = " + "{a = ".repeat(10_000) + "1" + "}".repeat(10_000),
    blocks: "a {\n".repeat(10_000) + "}\n".repeat(10_000),
    unary: "x = " + "!".repeat(10_000) + "a",
    pow: "x = " + "1^".repeat(10_000) + "1",
    index: "x = a" + "[a".repeat(10_000) + "]".repeat(10_000),
    calls: "x = f" + "(f".repeat(10_000) + ")".repeat(10_000),
    "operator chains": "x = " + "1 + ".repeat(10_000) + "1",
    "mixed operator chains": "x = " + "a || b && c == 1 + 2 * ".repeat(2_000) + "1",
  };
  test.each(Object.keys(cases))("10,000 levels of %s give a nesting diagnostic", (k) => {
    const r = parse(cases[k]!);
    expect(r.diagnostics[0]!.message).toBe(`nesting depth exceeds the limit of ${MAX_NESTING_DEPTH} levels`);
    expect(r.diagnostics[0]!.code).toBe("syntax/nesting-limit");
  });

  test("the limit itself is accepted, one more is not", () => {
    const nest = (n: number): string => "x = " + "{a = ".repeat(n) + "1" + "}".repeat(n);
    expect(parse(nest(MAX_NESTING_DEPTH)).diagnostics).toEqual([]);
    expect(parse(nest(MAX_NESTING_DEPTH + 1)).diagnostics.map((d) => d.code)).toEqual(["syntax/nesting-limit"]);
    const blocks = (n: number): string => "a {\n".repeat(n) + "}\n".repeat(n);
    expect(parse(blocks(MAX_NESTING_DEPTH)).diagnostics).toEqual([]);
  });

  test("an operator chain of the limit's length is accepted, one more operator is not", () => {
    const chain = (n: number): string => "x = " + "1 + ".repeat(n) + "1";
    expect(parse(chain(MAX_NESTING_DEPTH)).diagnostics).toEqual([]);
    const r = parse(chain(MAX_NESTING_DEPTH + 1) + "\ny = 2\n");
    expect(r.diagnostics.map((d) => d.code)).toEqual(["syntax/nesting-limit"]);
    // Reported at the first operator past the limit.
    expect(r.source.position(r.diagnostics[0]!.range.start)).toEqual({ line: 1, column: 5 + 4 * MAX_NESTING_DEPTH + 2 });
    expect(r.file.body.map((s) => (s as Attribute).name)).toEqual(["x", "y"]);
  });

  test("parsing continues after the over-deep construct", () => {
    const r = parse("x = " + "[".repeat(600) + "]".repeat(600) + "\ny = 2\n");
    expect(r.diagnostics).toHaveLength(1);
    expect(r.file.body.map((s) => (s as Attribute).name)).toEqual(["x", "y"]);
  });
});

/** Every node range lies inside its parent's and inside the text. */
function checkRanges(root: Node, length: number): void {
  walk(root, (node, parent) => {
    expect(node.start).toBeLessThanOrEqual(node.end);
    expect(node.end).toBeLessThanOrEqual(length);
    if (parent && parent.kind !== "File") {
      expect(node.start).toBeGreaterThanOrEqual(parent.start);
      expect(node.end).toBeLessThanOrEqual(parent.end);
    }
  });
}

describe("robustness (never throws)", () => {
  const alloyish = fc.array(
    fc.constantFrom("a", "b.c", " ", "\n", "=", "{", "}", "[", "]", "(", ")", ",", ".", '"s"', "`r`", "1", "2.5", "+", "-", "!", "^", "//c\n", "/*x*/", "true", "null", "'", "@", "\\", '"', "\r", "\u0000", "\uFEFF", "é"),
    { maxLength: 60 },
  );

  test("on Alloy-like token soup, with sane ranges", () => {
    fc.assert(
      fc.property(alloyish, (parts) => {
        const text = parts.join("");
        const r = parse(text);
        checkRanges(r.file, text.length);
        for (const d of r.diagnostics) {
          expect(d.range.start).toBeLessThanOrEqual(d.range.end);
          expect(d.range.end).toBeLessThanOrEqual(text.length);
        }
        parseExpression(text);
      }),
      { numRuns: 2000 },
    );
  });

  test("on arbitrary strings", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 300 }), (s) => {
        parse(s);
        parseExpression(s);
      }),
      { numRuns: 1000 },
    );
  });

  test("on arbitrary bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const r = parse(bytes);
        checkRanges(r.file, r.source.text.length);
      }),
      { numRuns: 1000 },
    );
  });

  test("valid input parses without diagnostics", () => {
    const ident = fc.stringMatching(/^[a-z_][a-z0-9_]{0,5}$/).filter((s) => !["true", "false", "null"].includes(s));
    const value = fc.letrec<{ e: string }>((tie) => ({
      e: fc.oneof(
        { depthSize: "small", withCrossShrink: true },
        ident,
        fc.integer({ min: 0, max: 999 }).map(String),
        fc.constantFrom('"s"', "true", "null", "1.5"),
        fc.tuple(tie("e"), fc.constantFrom("+", "*", "==", "||", "^"), tie("e")).map(([a, op, b]) => `${a} ${op} ${b}`),
        fc.array(tie("e"), { maxLength: 3 }).map((xs) => `[${xs.join(", ")}]`),
        fc.array(fc.tuple(ident, tie("e")), { maxLength: 3 }).map((fs) => `{${fs.map(([k, v]) => `${k} = ${v}`).join(", ")}}`),
        tie("e").map((x) => `-(${x})`),
      ),
    })).e;
    fc.assert(
      fc.property(fc.array(fc.tuple(ident, value), { maxLength: 5 }), (attrs) => {
        const text = `blk "l" {\n${attrs.map(([k, v]) => `  ${k} = ${v}\n`).join("")}}\n`;
        expect(parse(text).diagnostics).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
