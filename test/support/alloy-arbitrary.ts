/**
 * fast-check generators of valid Alloy source with random layout: random syntax trees (statements, blocks,
 * every expression kind) rendered with random line breaks at the places the grammar allows them (spec 2.8),
 * random blank lines, and line and block comments.
 *
 * Rendering rules that keep the text valid: a line break only follows an operator, an opening bracket, `=` or
 * `,`; a closing bracket on its own line gets a trailing comma before it; operands are parenthesised by
 * precedence; a number followed by `.` gets a space (F35).
 */
import fc from "fast-check";

/** A rendered expression and how tightly it binds (0 postfix/primary, 1 unary, 2 binary). */
interface Rendered {
  readonly text: string;
  readonly prec: 0 | 1 | 2;
  /** True for a bare integer literal (needs a space before `.`). */
  readonly integer?: boolean;
}

const identifiers = ["a", "b", "foo", "bar_1", "métrica", "x2", "_z", "日本"];
const keys = ["a", "bb", "long_key_name", "k"];
const comment = fc.constantFrom("// note", "//", "// trailing  spaces  ", "// ünïcode");
const blockComment = fc.constantFrom("/* c */", "/**/", "/* multi\n   line */", "/* é */");
const binaryOps = ["||", "&&", "==", "!=", "<", "<=", ">", ">=", "+", "-", "*", "/", "%", "^"];

const literal: fc.Arbitrary<Rendered> = fc.oneof(
  fc.constantFrom("0", "1", "42", "007").map((text) => ({ text, prec: 0 as const, integer: true })),
  fc.constantFrom("1.5", ".5", "1e3", "1.", "2.5E-3", "true", "false", "null").map((text) => ({ text, prec: 0 as const })),
  fc
    .constantFrom('"s"', '""', '"with space"', '"esc\\n\\"q\\""', '"é ü"', "`raw`", "`multi\nline raw`", '"\\u00e9\\t"')
    .map((text) => ({ text, prec: 0 as const })),
);

const identifier: fc.Arbitrary<Rendered> = fc.constantFrom(...identifiers).map((text) => ({ text, prec: 0 as const }));

/** A separator that may break the line (with an optional comment first): used after `,`, `[`, `(`, `{` and operators. */
const breakable = (sameLine: string): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 4, arbitrary: fc.constant(sameLine) },
    { weight: 2, arbitrary: fc.constantFrom("\n", "\n\n", "\n  ") },
    { weight: 1, arbitrary: comment.map((c) => ` ${c}\n`) },
    { weight: 1, arbitrary: blockComment.map((c) => ` ${c} `) },
  );

const wrap = (r: Rendered, max: number): string => (r.prec > max ? `(${r.text})` : r.text);

/**
 * Joins a separator and the text after it. Upstream's printer positions `(` without a source hint, so a line
 * comment right before a `(` is injected after it on the same line and comments out the rest of the line (an
 * upstream bug this project reproduces). Such placements are left out: the properties are about valid output.
 */
const join = (sep: string, text: string): string => (sep.includes("//") && text.startsWith("(") ? "\n" : sep) + text;

/** A bracketed list: elements joined by `,`, optional breaks, trailing comma when the closer is on its own line. */
function list(open: string, close: string, items: fc.Arbitrary<string>, maxItems: number): fc.Arbitrary<string> {
  return fc
    .record({
      items: fc.array(fc.tuple(items, breakable(" ")), { maxLength: maxItems }),
      closeOnNewLine: fc.boolean(),
      trailingComma: fc.boolean(),
    })
    .map(({ items: parts, closeOnNewLine, trailingComma }) => {
      let s = open;
      parts.forEach(([item, sep], i) => {
        s += (i > 0 ? "," : "") + join(i === 0 && sep === " " ? "" : sep, item);
      });
      if (closeOnNewLine) s += (parts.length > 0 ? "," : "") + "\n";
      else if (trailingComma && parts.length > 0) s += ",";
      return s + close;
    });
}

/** Random expressions up to a nesting depth. */
export const expression: fc.Arbitrary<Rendered> = fc.letrec<{ expr: Rendered }>((tie) => {
  const expr = tie("expr");
  const postfixTarget = expr.map((r) => ({ ...r, text: wrap(r, 0) }));
  return {
    expr: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      literal,
      identifier,
      list("[", "]", expr.map((r) => r.text), 4).map((text) => ({ text, prec: 0 as const })),
      list(
        "{",
        "}",
        fc.tuple(fc.oneof(fc.constantFrom(...keys), fc.constantFrom('"quoted key"', '"q.k"', "`raw`")), expr, breakable(" ")).map(
          ([k, v, sep]) => `${k} =${join(sep, v.text)}`,
        ),
        4,
      ).map((text) => ({ text, prec: 0 as const })),
      fc.tuple(postfixTarget, fc.constantFrom(...identifiers.slice(0, 6)), fc.boolean()).map(([v, name, brk]) => ({
        text: `${v.text}${v.integer ? " " : ""}.${brk ? "\n" : ""}${name}`,
        prec: 0 as const,
      })),
      fc.tuple(postfixTarget, expr, breakable("")).map(([v, i, sep]) => ({ text: `${v.text}[${join(sep, i.text)}]`, prec: 0 as const })),
      fc
        .tuple(postfixTarget, list("(", ")", expr.map((r) => r.text), 3))
        .map(([callee, args]) => ({ text: `${callee.text}${args}`, prec: 0 as const })),
      fc.tuple(fc.constantFrom("!", "-"), expr).map(([op, v]) => ({ text: `${op}${wrap(v, 1)}`, prec: 1 as const })),
      fc.tuple(expr, fc.constantFrom(...binaryOps), breakable(" "), expr).map(([l, op, sep, r]) => ({
        text: `${wrap(l, 1)} ${op}${join(sep, wrap(r, 1))}`,
        prec: 2 as const,
      })),
      expr.map((r) => ({ text: `(${r.text})`, prec: 0 as const })),
    ),
  };
}).expr;

/** A statement list (file or block body), depth-limited. */
export const body: fc.Arbitrary<string> = fc.letrec<{ body: string; statement: string }>((tie) => ({
  statement: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc
      .tuple(fc.constantFrom(...identifiers), fc.constantFrom(" = ", "=", " /* c */ = ", " =\n", " = /* d */ "), expression)
      .map(([name, eq, v]) => `${name}${eq}${v.text}`),
    fc
      .tuple(
        fc.constantFrom("blk", "a.b", "prometheus.remote_write", "a . b"),
        fc.constantFrom("", ' "lbl"', ' ""', ' "é"'),
        fc.constantFrom(" {", " {\n", " { // c\n"),
        tie("body"),
        fc.constantFrom("}", "\n}", "\n\n}"),
      )
      .map(([name, label, open, inner, close]) => {
        const sep = inner.length > 0 && !open.endsWith("\n") ? "\n" : "";
        return `${name}${label}${open}${sep}${inner}${inner.length > 0 ? "\n" : ""}${close}`;
      }),
  ),
  body: fc
    .array(
      fc.tuple(
        tie("statement"),
        fc.oneof(fc.constant(""), comment.map((c) => ` ${c}`), blockComment.map((c) => ` ${c}`)),
        fc.constantFrom("\n", "\n\n", "\n\n\n", "\n// own line\n", "\n\n/* own */\n\n"),
      ),
      { maxLength: 4 },
    )
    .map((stmts) => stmts.map(([s, trailing, sep], i) => (i > 0 ? sep : "") + s + trailing).join("")),
})).body;

/** A whole file: a body with optional leading and trailing comments and blank lines. */
export const alloySource: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom("", "\n", "// head\n", "/* head */\n\n"), body, fc.constantFrom("", "\n", "\n// tail\n", "\n\n\n"))
  .map(([head, b, tail]) => head + b + tail);
