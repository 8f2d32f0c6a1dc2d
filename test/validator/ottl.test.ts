/**
 * OTTL inside Alloy components: a problem is reported at the character inside the string literal it is
 * about, for raw and quoted strings (escapes included), once per problem; the corpus's OTTL raises none.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { validate, ValidationCode } from "@alloy-ts/validator";
import { shared, sharedDir } from "../support/shared.js";

const OPTS = { stabilityLevel: "experimental", communityComponents: true } as const;
const ottlDiags = (text: string) => validate([{ name: "x.alloy", text }], OPTS).filter((d) => d.code === ValidationCode.ottl);

const transform = (context: string, statements: string[]) => `otelcol.processor.transform "t" {
  ${context} {
    context = "${context === "log_statements" ? "log" : context === "trace_statements" ? "span" : "metric"}"
    statements = [
${statements.map((s) => `      ${s},`).join("\n")}
    ]
  }
  output {}
}
`;

describe("OTTL in otelcol components", () => {
  const cases: [string, string, string, RegExp][] = [
    ["a span path in a log context", "`set(span.attributes[\"x\"], \"y\")`", "span.", /segment "span" from path "span.attributes\["x"\]" is not a valid path .* for the log context/],
    ["an unknown editor", '"sett(attributes[\\"x\\"], 1)"', "sett", /undefined function "sett"/],
    ["an unknown converter after escapes", '"set(attributes[\\"k\\"], ToLower(body))"', "ToLower", /undefined function "ToLower"/],
    ["an unknown converter after byte and astral escapes", '"set(attributes[\\"\\xc3\\xa9\\xc3\\xa9\\U0001F600\\"], ToLower(body))"', "ToLower", /undefined function "ToLower"/],
    ["a missing comma", "`set(attributes[\"x\"] 1)`", " 1)", /statement has invalid syntax: 1:21: unexpected token "1"/],
    ["an unknown enum", "`set(attributes[\"x\"], 1) where severity_number >= SEVERITY_NUMBER_WARNING`", "SEVERITY_NUMBER_WARNING", /enum symbol, SEVERITY_NUMBER_WARNING, not found/],
    ["too many arguments", "`delete_key(attributes, \"a\", \"b\")`", "delete_key", /incorrect number of arguments. Expected: 2 Received: 3/],
    ["a misspelt field", '"set(attributes[\\"x\\"], severity_txt)"', "severity_txt", /segment "severity_txt"/],
  ];
  for (const [what, lit, marker, message] of cases) {
    it(`reports ${what} at the character`, () => {
      const text = transform("log_statements", ['`set(attributes["ok"], body)`', lit]);
      const d = ottlDiags(text);
      expect(d).toHaveLength(1);
      expect(d[0]!.message).toMatch(message);
      const litAt = text.indexOf(lit);
      // A leading space in the marker is not part of the offending token.
      const at = text.indexOf(marker.trimStart(), litAt + (marker.startsWith(" ") ? lit.indexOf(marker) : 0));
      expect(d[0]!.range.start).toBe(at);
    });
  }

  it("checks filter and tail_sampling conditions in their fixed contexts", () => {
    const text = `otelcol.processor.filter "f" {
  traces {
    span = ["attributes[\\"a\\"] == \\"b\\"", "body == \\"x\\""]
  }
  output {}
}
otelcol.processor.tail_sampling "t" {
  policy {
    name = "p"
    type = "ottl_condition"
    ottl_condition {
      error_mode = "ignore"
      span = ["IsMatch(name, \\"x\\")", "Nope(name)"]
    }
  }
  output {}
}
`;
    const d = ottlDiags(text);
    expect(d.map((x) => x.message.replace(/:.*?: /, ": "))).toEqual([
      expect.stringMatching(/segment "body" from path "body" is not a valid path .* for the span context/),
      expect.stringMatching(/undefined function "Nope"/),
    ]);
    expect(d[0]!.range.start).toBe(text.indexOf("body"));
    expect(d[1]!.range.start).toBe(text.indexOf("Nope"));
  });

  it("points inside quoted strings whatever escapes come before the problem", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 12 }), (v) => {
        const stmt = `set(attributes["x"], ${JSON.stringify(v)}) where attributez == 1`;
        const text = transform("log_statements", [JSON.stringify(stmt)]);
        const d = ottlDiags(text);
        expect(d).toHaveLength(1);
        expect(d[0]!.range.start).toBe(text.lastIndexOf("attributez"));
      }),
      { numRuns: 200 },
    );
  });

  it.skipIf(!sharedDir)("finds no OTTL problem in the corpus's Alloy files", () => {
    const dir = sharedDir ? shared("corpus", "alloy") : "";
    const files = readdirSync(dir).filter((f) => f.endsWith(".alloy"));
    const found = files.flatMap((f) => ottlDiags(readFileSync(path.join(dir, f), "utf8")).map((d) => `${f}: ${d.message}`));
    expect(found).toEqual([]);
  });
});
