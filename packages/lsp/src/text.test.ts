import { describe, expect, test } from "vitest";
import { dottedWordAt } from "./text.js";

describe("dottedWordAt", () => {
  test("the chain around the cursor, from its first identifier", () => {
    const text = "x = otelcol.exporter.otlp.tempo.input\n";
    expect(dottedWordAt(text, text.indexOf("otlp") + 2)).toEqual({ start: 4, end: 37, prefix: "otelcol.exporter.ot" });
    expect(dottedWordAt("a = 1.5", 6).prefix).toBe("");
  });

  test("letters of any script, inside and outside the BMP, are identifier characters as in Alloy's scanner", () => {
    const text = "v = módulo.\u{10400}x.sal";
    const r = dottedWordAt(text, text.length);
    expect(text.slice(r.start, r.end)).toBe("módulo.\u{10400}x.sal");
  });
});
