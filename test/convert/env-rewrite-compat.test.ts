/**
 * `--compat=upstream` rewrites `${...}` references on the tree before it is printed (packages/converter/src/
 * env-rewrite.ts); upstream rewrites its printed text (otelcol-conversion.md §2.3). Both must give the same bytes:
 * plain values, a default greedy up to the last `}"` of a one-line array, rewritten object keys (the file then
 * does not parse and is returned as upstream returns it).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { format } from "@alloy-ts/grammar";
import { convertOtelcol } from "@alloy-ts/converter";
import { rewriteReferences } from "../../packages/converter/src/env-rewrite.js";

/** Upstream's steps on the file printed without the rewrite (the "without validation" variant skips the rewrite). */
function upstream(yaml: string): { output: string | undefined; errors: string[] } {
  const plain = convertOtelcol(yaml, { compat: "upstream", skipSourceValidation: true }).output;
  if (plain === undefined) return { output: undefined, errors: [] };
  const rewritten = rewriteReferences(plain.slice(0, -1));
  const again = format(rewritten);
  if (again.ok) return { output: again.text, errors: [] };
  const d = again.diagnostics[0]!;
  const p = again.source.position(d.range.start);
  return { output: rewritten, errors: [`${p.line}:${p.column}: ${d.message}`] };
}

function ours(yaml: string): { output: string | undefined; errors: string[] } {
  const r = convertOtelcol(yaml, { compat: "upstream" });
  return { output: r.output, errors: r.diagnostics.filter((d) => d.severity === "error").map((d) => d.message) };
}

const config = (origins: string, headerKey: string, header: string) => `receivers:
  otlp:
    protocols:
      http:
        endpoint: "${header}"
        cors:
          allowed_origins: ${origins}
exporters:
  otlphttp:
    endpoint: http://db:4318
    headers:
      "${headerKey}": "${header}"
      plain: x
service:
  pipelines:
    traces:
      receivers: [otlp]
      exporters: [otlphttp]
`;

describe("references rewritten on the tree give upstream's bytes", () => {
  it("for values, one-line arrays and object keys", () => {
    const reference = fc.oneof(
      fc.constantFrom("${env:A}", "${B}", "${env:C:-x}", "${env:D:-a}b}", "${env:E:-\\\"q\\\"}", "http://${env:F}", "plain", "x}", "a}\\\""),
    );
    fc.assert(
      fc.property(fc.array(reference, { maxLength: 3 }), reference, reference, (items, key, header) => {
        const yaml = config(`[${items.map((i) => `"${i}"`).join(", ")}]`, key, header);
        expect(ours(yaml)).toEqual(upstream(yaml));
      }),
      { numRuns: 150 },
    );
  });

  it("for a default swallowing the next literal of an array, and a rewritten key", () => {
    const greedy = config('["${env:A:-x}", "${env:B:-y}"]', "k", "v");
    expect(ours(greedy).output).toContain('allowed_origins = [coalesce(sys.env("A"), "x}", "${env:B:-y")]');
    const key = ours(config("[]", "${env:K}", "v"));
    expect(key.errors).toHaveLength(1);
    // Upstream's first printing aligned the fields on the key as written, `"${env:K}"`.
    expect(key.output).toContain('\t\t\tcoalesce(sys.env("K"), "") = "v",\n\t\t\tplain      = "x",\n');
  });
});
