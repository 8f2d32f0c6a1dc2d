/**
 * Long dependency chains: thousands of components wired one after another validate cleanly, and a cycle closing
 * such a chain is found on every member (the graph walk must not depend on the depth of the call stack). How long
 * validation takes is measured in bench/validate.mjs, not here.
 */
import { describe, expect, it } from "vitest";
import { parse } from "@alloy-ts/grammar";
import { validate, ValidationCode } from "@alloy-ts/validator";

/** `count` batch processors, each feeding the next; the last feeds `last`. */
function chain(count: number, last: string): string {
  const parts: string[] = [];
  for (let i = 0; i < count; i++) {
    const next = i + 1 < count ? `otelcol.processor.batch.p${i + 1}.input` : last;
    parts.push(`otelcol.processor.batch "p${i}" {\n\ttimeout = "1s"\n\tsend_batch_size = ${i % 2000}\n\n\toutput {\n\t\tmetrics = [${next}]\n\t\tlogs    = [${next}]\n\t\ttraces  = [${next}]\n\t}\n}`);
  }
  parts.push(`otelcol.exporter.otlp "out" {\n\tclient {\n\t\tendpoint = "localhost:4317"\n\t}\n}`);
  return parts.join("\n") + "\n";
}

describe("long dependency chains", () => {
  it("a chain of 4,000 components (40,000 lines) validates without diagnostics", () => {
    const parsed = parse(chain(4_000, "otelcol.exporter.otlp.out.input"), { name: "chain.alloy" });
    expect(parsed.diagnostics).toEqual([]);
    expect(validate([parsed])).toEqual([]);
  });

  it("a cycle closing a chain of 4,000 components is reported on every member", () => {
    const parsed = parse(chain(4_000, "otelcol.processor.batch.p0.input"), { name: "cycle.alloy" });
    expect(parsed.diagnostics).toEqual([]);
    const cycles = validate([parsed]).filter((d) => d.code === ValidationCode.cycle);
    expect(cycles.length).toBe(4_000);
    expect(cycles[0]!.message).toMatch(/^cycle detected: /);
  });
});
