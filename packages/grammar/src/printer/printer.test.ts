import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { equalIgnoringRanges } from "../ast/equal.js";
import { MAX_NESTING_DEPTH, parse } from "../parser/parser.js";
import { SourceFile } from "../text/source-file.js";
import { alloySource } from "../../../../test/support/alloy-arbitrary.js";
import { format, print } from "./printer.js";

const ok = (text: string): string => {
  const r = format(text);
  if (!r.ok) throw new Error(r.diagnostics.map((d) => `${r.source.formatPosition(d.range.start)}: ${d.message}`).join("\n"));
  return r.text;
};

describe("format", () => {
  it("returns the printer output plus a newline, and whether it changed", () => {
    const { file, source } = parse("a=1\n");
    expect(print(file, source)).toBe("a = 1");
    expect(format("a=1\n")).toEqual({ ok: true, text: "a = 1\n", changed: true });
    expect(format("a = 1\n")).toEqual({ ok: true, text: "a = 1\n", changed: false });
  });

  it("accepts bytes and source files", () => {
    expect(format(new TextEncoder().encode("b  =  2"))).toEqual({ ok: true, text: "b = 2\n", changed: true });
    expect(format(new SourceFile("x.alloy", "c = 3\n"))).toEqual({ ok: true, text: "c = 3\n", changed: false });
  });

  it("drops a byte order mark and reads CR LF like LF (F1, F2)", () => {
    expect(ok("\uFEFFa = 1\r\nbb = 2\r\n")).toBe("a  = 1\nbb = 2\n");
  });

  it("reports syntax errors as diagnostics with the file name", () => {
    const r = format("a = \n", { name: "f.alloy" });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(`${r.source.formatPosition(r.diagnostics[0]!.range.start)}: ${r.diagnostics[0]!.message}`).toBe(
      "f.alloy:2:1: expected expression, got EOF",
    );
  });

  it("prints an empty call with its `)` on a later line as `f()` (deliberate deviation from upstream, F34)", () => {
    expect(ok("x = f(\n)\n")).toBe("x = f()\n");
    expect(ok("x = f(\n// c\n)\n")).toBe(ok(ok("x = f(\n// c\n)\n")));
  });

  it("aligns with the elastic tabstops of the whole block, counting code points (F8-F10, F31)", () => {
    expect(ok("a = 1 // x\nbbb = 22 // y\n\nc = 3\n")).toBe("a   = 1  // x\nbbb = 22 // y\n\nc = 3\n");
    expect(ok("é = 1\nab = 2\n")).toBe("é  = 1\nab = 2\n");
    expect(ok("longname_here = { a = 1,\n  bb = 2 }\n")).toBe("longname_here = {a = 1,\n\t\tbb   = 2}\n");
  });

  it("keeps tabs inside strings; upstream turns them into column padding, for any number of columns (F30)", () => {
    expect(ok('x = `a\tb`\nzz = "tab\tin"\n')).toBe('x  = `a\tb`\nzz = "tab\tin"\n');
    const n = 50_000;
    expect(ok(`a = "${"x\t".repeat(n)}"\n`)).toBe(`a = "${"x\t".repeat(n)}"\n`);
    const upstream = format(`a = "${"x\t".repeat(n)}"\n`, { compat: "upstream" });
    expect(upstream.ok && upstream.text).toBe(`a = "${"x ".repeat(n)}"\n`);
  });

  it("prints operator chains up to the nesting limit and arbitrarily long postfix chains", () => {
    const n = 100_000;
    expect(ok(`a = ${"1+".repeat(MAX_NESTING_DEPTH)}1\n`)).toBe(`a = ${"1 + ".repeat(MAX_NESTING_DEPTH)}1\n`);
    const long = format(`a = ${"1+".repeat(n)}1\n`);
    expect(long.ok ? [] : long.diagnostics.map((d) => d.code)).toEqual(["syntax/nesting-limit"]);
    expect(ok(`a = f${"(1)[0] .x".repeat(n)}\n`)).toBe(`a = f${"(1)[0].x".repeat(n)}\n`);
    expect(ok("a = 5 .x\n")).toBe("a = 5 .x\n");
  });

  it("keeps comment and string text, including trailing blanks, and trims everything else", () => {
    const src = "a = 1 /* x  */   \n/* multi   \n  line */\nb = `raw   \nx`\n";
    expect(ok(src)).toBe("a = 1 /* x  */\n/* multi   \n  line */\nb = `raw   \nx`\n");
    // Upstream trims the blanks inside the raw string (F30).
    const upstream = format(src, { compat: "upstream" });
    expect(upstream.ok && upstream.text).toBe("a = 1 /* x  */\n/* multi   \n  line */\nb = `raw\nx`\n");
  });
});

/**
 * Inputs upstream's printer changes the meaning of, or prints as text that does not parse (found by
 * `npm run fuzz`; the campaign's seeds in scripts/fuzz-seeds/format hold more): by default the output means what
 * the input means; `compat: "upstream"` gives upstream's bytes.
 */
describe("format never changes what a file means", () => {
  const upstream = (src: string): string => {
    const r = format(src, { compat: "upstream" });
    if (!r.ok) throw new Error(r.diagnostics[0]!.message);
    return r.text;
  };
  const cases: [string, string, string, string][] = [
    // name, input, default output, upstream output
    ["a form feed in a block comment", "a = 1 /* x\fy */\nbb = 2\n", "a  = 1 /* x\fy */\nbb = 2\n", "a = 1 /* x\fy */bb = 2\n"],
    ["a form feed in a string", 'a = "\f"\n', 'a = "\f"\n', 'a = "\n"\n'],
    ["a form feed in a raw string", "a = `x\fy`\nbb = 2\n", "a  = `x\fy`\nbb = 2\n", "a = `x\ny`\nbb = 2\n"],
    ["a vertical tab in a raw string", "a = `x\vy`\nbb = 2\n", "a  = `x\vy`\nbb = 2\n", "a  = `x y`\nbb = 2\n"],
    ["a tab and trailing blanks in a multi-line raw string", "a = `x\t  \ny`\n", "a = `x\t  \ny`\n", "a = `x\ny`\n"],
    ["a quoted key with escapes", 'a = {"a\\"b" = 1}\n', 'a = {"a\\"b" = 1}\n', 'a = {"a\\\\\\"b" = 1}\n'],
    ["a raw-string key with a carriage return", "a = {`x\r\ny` = 1}\n", 'a = {"x\\ny" = 1,\n}\n', 'a = {"x\\r\\ny" = 1,\n}\n'],
    ["a line comment after a `.`", "a = b.//\nc\n", "a = b. //\nc\n", "a = b. //c\n"],
    ["a multi-line comment after a `.`", "a = 0 ./*\n*/b.c\n", "a = 0 . /*\n*/ b.c\n", "a = 0 .b /*\n*/.c\n"],
    ["a comment after a name on the line after its `.`", "a = (1.5.\na /**/|| 1.5)\n", "a = (1.5.a /**/ || 1.5)\n", "a = (1.5.a\n/**/ || 1.5)\n"],
    ["a comment after a block name written across lines", "a .\nb /* c */ {\n}\n", "a.b /* c */ { }\n", "a.b\n/* c */ { }\n"],
    ["a line comment inside a block name", "a.//\nb {\n}\n", "//\na.b { }\n", "a.b //\n{ }\n"],
    ["a line comment after a raw-string key", "a = {`\f  \n\t` = //\n1}\n", 'a = {"\\f  \\n\\t" = //\n\t1,\n}\n', 'a = {"\\f  \\n\\t"\n\t//= 1,\n}\n'],
  ];
  it.each(cases)("%s", (_name, src, fixed, up) => {
    expect(ok(src)).toBe(fixed);
    expect(parse(ok(src)).diagnostics).toEqual([]);
    // A raw-string key spanning lines becomes a one-line quoted key, which a second run may lay out anew (F21).
    const twice = ok(ok(src));
    expect(ok(twice)).toBe(twice);
    expect(upstream(src)).toBe(up);
  });

  it("keeps a comment next to a member access in place on every run (upstream moves it a token further)", () => {
    expect(ok('a = "".b/* c */.d.e\n')).toBe('a = "".b /* c */ .d.e\n');
    expect(ok('a = "".b /* c */ .d.e\n')).toBe('a = "".b /* c */ .d.e\n');
    expect(upstream('a = "".b /* c */ .d.e\n')).toBe('a = "".b. /* c */ d.e\n');
  });
});

describe("format properties", () => {
  it("keeps the syntax tree of generated sources (format, then parse)", () => {
    fc.assert(
      fc.property(alloySource, (src) => {
        const before = parse(src);
        expect(before.diagnostics.map((d) => d.message)).toEqual([]);
        const text = ok(src);
        const after = parse(text);
        expect(after.diagnostics.map((d) => d.message)).toEqual([]);
        expect(equalIgnoringRanges(after.file.body, before.file.body)).toBe(true);
        expect(after.file.comments.flatMap((g) => g.comments.map((c) => c.text))).toEqual(
          before.file.comments.flatMap((g) => g.comments.map((c) => c.text)),
        );
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 400) },
    );
  });

  it("prints statement by statement exactly what printing the whole tree gives, and reports the parser's errors", () => {
    const edited = fc.tuple(alloySource, fc.nat(), fc.nat(), fc.string({ maxLength: 3 })).map(([s, a, b, ins]) => {
      const i = a % (s.length + 1);
      return s.slice(0, i) + ins + s.slice(Math.min(s.length, i + (b % 4)));
    });
    fc.assert(
      fc.property(fc.oneof(alloySource, edited), (text) => {
        const whole = parse(text);
        const streamed = format(text);
        const errors = whole.diagnostics.filter((d) => d.severity === "error");
        if (errors.length > 0) {
          expect(streamed.ok).toBe(false);
          if (!streamed.ok) expect(streamed.diagnostics).toEqual(whole.diagnostics);
        } else {
          expect(streamed.ok).toBe(true);
          if (streamed.ok) expect(streamed.text).toBe(print(whole.file, whole.source) + "\n");
        }
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 600) },
    );
  });

  it("never throws, whatever the input", () => {
    const valid = fc.tuple(alloySource, fc.nat(), fc.nat(), fc.string({ maxLength: 3 })).map(([s, a, b, ins]) => {
      const i = a % (s.length + 1);
      return s.slice(0, i) + ins + s.slice(Math.min(s.length, i + (b % 4)));
    });
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: "binary" }), valid), (text) => {
        const r = format(text);
        if (r.ok) expect(r.text.endsWith("\n")).toBe(true);
        else expect(r.diagnostics.length).toBeGreaterThan(0);
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        expect(() => format(bytes)).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });
});
