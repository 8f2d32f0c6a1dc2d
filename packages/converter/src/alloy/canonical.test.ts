import fc from "fast-check";
import { format } from "@alloy-ts/grammar";
import { describe, expect, it } from "vitest";
import { printedCanonically } from "./canonical.js";
import { printFile } from "./emit.js";
import { goFloat } from "./go-text.js";
import { attr, block, expr, str, type AlloyValue, type BlockStatement, type Statement } from "./ir.js";

// The conversion returns `printFile`'s text without formatting it when `printedCanonically` says so: for such
// files the emitter and `alloy fmt` must agree byte for byte.

const name = fc.oneof(
  { arbitrary: fc.stringMatching(/^[a-z_][a-z0-9_]{0,11}$/), weight: 20 },
  { arbitrary: fc.constantFrom("true", "null"), weight: 1 },
);
const text = fc.string({ unit: fc.constantFrom(..."abc xyz_-./:\"\\\t\n{}$=#%09".split("")), maxLength: 16 });
const number = fc.oneof(
  fc.integer({ min: -1_000_000, max: 1_000_000 }).map((n) => String(n)),
  fc.double({ min: -1e6, max: 1e6, noNaN: true }).map(goFloat),
);
const value: fc.Arbitrary<AlloyValue> = fc.letrec<{ v: AlloyValue }>((tie) => ({
  v: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    text.map(str),
    number.map((n): AlloyValue => ({ t: "number", text: n })),
    fc.boolean().map((v): AlloyValue => ({ t: "bool", v })),
    fc.constant<AlloyValue>({ t: "null" }),
    fc.array(name, { minLength: 1, maxLength: 3 }).map((parts) => expr(parts.join("."))),
    fc.array(tie("v"), { maxLength: 3 }).map((items): AlloyValue => ({ t: "array", items })),
    fc.array(fc.record({ key: fc.oneof({ arbitrary: name, weight: 3 }, { arbitrary: text, weight: 1 }), value: tie("v") }), { maxLength: 3 }).map((fields): AlloyValue => ({ t: "object", fields })),
  ),
})).v;
const body: fc.Arbitrary<Statement[]> = fc.letrec<{ b: Statement[] }>((tie) => ({
  b: fc.array(
    fc.oneof(
      { depthSize: "small" },
      fc.tuple(name, value).map(([n, v]): Statement => attr(n, v)),
      fc.tuple(name, tie("b")).map(([n, b]): Statement => block(n, b)),
    ),
    { maxLength: 5 },
  ),
})).b;
const file = fc.array(
  fc.tuple(fc.array(name, { minLength: 1, maxLength: 3 }), fc.option(fc.oneof({ arbitrary: name, weight: 5 }, { arbitrary: text, weight: 1 }), { nil: undefined }), body)
    .map(([parts, label, b]): BlockStatement => block(parts.join("."), b, label)),
  { minLength: 1, maxLength: 4 },
);

describe("printedCanonically", () => {
  it("holds only for files alloy fmt prints unchanged", () => {
    fc.assert(
      fc.property(file, (blocks) => {
        const printed = printFile(blocks);
        fc.pre(printedCanonically(blocks, printed));
        const formatted = format(printed);
        expect(formatted).toMatchObject({ ok: true, text: printed + "\n" });
      }),
      { numRuns: 1000 },
    );
  });

  it("sends unusual values through the formatter", () => {
    const one = (v: AlloyValue) => [block("b", [attr("a", v)])];
    const check = (v: AlloyValue) => printedCanonically(one(v), printFile(one(v)));
    expect(check({ t: "number", text: "12.5" })).toBe(true);
    expect(check(expr("otelcol.exporter.otlp.default.input"))).toBe(true);
    expect(check({ t: "number", text: "+Inf" })).toBe(false);
    expect(check({ t: "number", text: "1e+21" })).toBe(false);
    expect(check(expr('sys.env("X")'))).toBe(false);
    expect(check(str("é"))).toBe(false);
    expect(check({ t: "object", fields: [{ key: "a\tb", value: str("") }] })).toBe(false);
    expect(check({ t: "object", fields: [{ key: "a b", value: str("\t") }] })).toBe(true);
  });
});
