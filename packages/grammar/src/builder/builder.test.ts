import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Expr, Statement as AstStatement } from "../ast/nodes.js";
import { parse } from "../parser/parser.js";
import { goQuote } from "../parser/quote.js";
import { fieldKey, unquote } from "../parser/unquote.js";
import { format } from "../printer/printer.js";
import { attr, block, expr, str, type AlloyValue, type BlockStatement, type Statement } from "./ir.js";
import { isValidIdentifier } from "../lexer/identifier.js";
import { statementsText, valueText } from "./tokens.js";

// Random trees → tokens → the canonical printer → parse: the printed file holds the tree it was written from, and
// is already formatted. Names are identifiers (the builder writes names as given; a caller that passes something
// else gets a file that does not parse, which the converter reports).

const name = fc.stringMatching(/^[a-z_][a-z0-9_]{0,9}$/).filter(isValidIdentifier);
const text = fc.oneof(
  fc.string({ unit: fc.constantFrom(..."ab z_-./:\"\\\t\n{}$=#%0é😀".split("")), maxLength: 12 }),
  fc.string({ unit: "binary", maxLength: 6 }),
);
const number = fc.oneof(
  fc.integer({ min: -1_000_000, max: 1_000_000 }).map(String),
  fc.double({ min: 0, max: 1e6, noNaN: true }).map((n) => String(n)).filter((s) => !s.includes("e")),
);
const reference = fc.array(name, { minLength: 1, maxLength: 3 }).map((parts) => parts.join("."));
const value: fc.Arbitrary<AlloyValue> = fc.letrec<{ v: AlloyValue }>((tie) => ({
  v: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    text.map(str),
    number.map((n): AlloyValue => ({ t: "number", text: n })),
    fc.boolean().map((v): AlloyValue => ({ t: "bool", v })),
    fc.constant<AlloyValue>({ t: "null" }),
    reference.map(expr),
    name.map((n) => expr(`coalesce(sys.env(${goQuote(n)}), "")`)),
    fc.array(tie("v"), { maxLength: 3 }).map((items): AlloyValue => ({ t: "array", items })),
    fc.array(fc.record({ key: fc.oneof({ arbitrary: name, weight: 3 }, { arbitrary: text, weight: 1 }), value: tie("v") }), { maxLength: 3 })
      .map((fields): AlloyValue => ({ t: "object", fields })),
  ),
})).v;
const body: fc.Arbitrary<Statement[]> = fc.letrec<{ b: Statement[] }>((tie) => ({
  b: fc.array(
    fc.oneof(
      { depthSize: "small" },
      fc.tuple(name, value).map(([n, v]): Statement => attr(n, v)),
      fc.tuple(reference, tie("b")).map(([n, b]): Statement => block(n, b)),
    ),
    { maxLength: 5 },
  ),
})).b;
// Alloy accepts only identifiers as labels.
const label = fc.option(name, { nil: undefined });
const file = fc.array(fc.tuple(reference, label, body).map(([n, l, b]): BlockStatement => block(n, b, l)), { minLength: 1, maxLength: 4 });

/** The tree a parsed file holds: strings and keys decoded, other values as written. */
function fromAst(stmts: readonly AstStatement[], source: string): unknown[] {
  return stmts.map((s) =>
    s.kind === "Attribute"
      ? { attr: s.name, value: valueOf(s.value, source) }
      : { block: s.name, label: s.label === undefined ? undefined : `"${s.label}"`, body: fromAst(s.body, source) },
  );
}
function valueOf(e: Expr, source: string): unknown {
  switch (e.kind) {
    case "Literal": return e.literal === "string" ? { string: unquote(e.raw) } : e.raw;
    case "Array": return e.elements.map((x) => valueOf(x, source));
    case "Object": return e.fields.map((f) => [fieldKey(f, source), valueOf(f.value, source)]);
    default: return source.slice(e.start, e.end);
  }
}
/** A string as UTF-8 can hold it: a lone surrogate is written as U+FFFD. */
const wellFormed = (v: string): string => v.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD");

/** The same shape from the tree that was written. */
function expected(stmts: readonly Statement[]): unknown[] {
  return stmts.map((s) =>
    s.type === "attribute"
      ? { attr: s.name, value: expectedValue(s.value) }
      : { block: s.name, label: s.label === undefined ? undefined : goQuote(s.label), body: expected(s.body) },
  );
}
function expectedValue(v: AlloyValue): unknown {
  switch (v.t) {
    case "array": return v.items.map(expectedValue);
    case "object": return v.fields.map((f) => [wellFormed(f.key), expectedValue(f.value)]);
    case "string": return { string: wellFormed(v.v) };
    default: return valueText(v);
  }
}

describe("builder", () => {
  it("writes trees that the printer prints and that parse back to the same tree", () => {
    fc.assert(
      fc.property(file, (blocks) => {
        const printed = format(statementsText(blocks));
        if (!printed.ok) throw new Error(printed.diagnostics[0]?.message);
        const reparsed = parse(printed.text);
        expect(reparsed.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
        expect(fromAst(reparsed.file.body, printed.text)).toEqual(expected(blocks));
        // Already formatted: a second printing changes nothing.
        expect(format(printed.text)).toMatchObject({ ok: true, changed: false });
      }),
      { numRuns: 500 },
    );
  });

  it("writes the raw layout the printer expects", () => {
    const tree = [
      block("otelcol.receiver.otlp", [
        block("grpc", []),
        attr("endpoint", str("localhost:4317")),
        attr("headers", { t: "object", fields: [{ key: "x-a", value: str("1") }, { key: "b", value: { t: "array", items: [str("é"), { t: "number", text: "2" }] } }] }),
        block("output", [attr("traces", { t: "array", items: [expr("otelcol.exporter.otlp.default.input")] })]),
      ], "default"),
    ];
    expect(statementsText(tree)).toBe(
      'otelcol.receiver.otlp "default" {\ngrpc { }\nendpoint = "localhost:4317"\nheaders = {\n"x-a" = "1",\nb = ["é", 2],\n}\n' +
        "output {\ntraces = [otelcol.exporter.otlp.default.input]\n}\n}\n",
    );
    expect(format(statementsText(tree))).toMatchObject({
      ok: true,
      text: 'otelcol.receiver.otlp "default" {\n\tgrpc { }\n\tendpoint = "localhost:4317"\n\theaders  = {\n\t\t"x-a" = "1",\n\t\tb     = ["é", 2],\n\t}\n\n' +
        "\toutput {\n\t\ttraces = [otelcol.exporter.otlp.default.input]\n\t}\n}\n",
    });
  });
});
