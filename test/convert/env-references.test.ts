/**
 * Environment references in the default mode: the Alloy expression the converter writes, evaluated with an
 * environment, equals the collector's expansion of the same value with that environment.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parse, type Expr } from "@alloy-ts/grammar";
import { convertOtelcol } from "@alloy-ts/converter";
import { expandText, splitEnvReferences } from "@alloy-ts/otel";
import { stringExpression } from "../../packages/converter/src/engine/env-values.js";
import { evaluate } from "../../packages/runtime-lite/src/alloy/evaluate.js";
import { stdlib } from "../../packages/runtime-lite/src/alloy/stdlib.js";

function evalAlloy(expression: string, env: Record<string, string | undefined>): unknown {
  const r = parse(`x = ${expression}\n`);
  expect(r.diagnostics).toEqual([]);
  const stmt = r.file.body[0]!;
  if (stmt.kind !== "Attribute") throw new Error("not an attribute");
  return evaluate(stmt.value as Expr, { names: stdlib(env), components: new Set() });
}

const NAMES = ["A", "b_2", "UPPER", "Mixed"];
// Alloy's coalesce treats an empty string as missing, so set variables are non-empty (docs/converter-differences.md).
const envArb = fc.record(Object.fromEntries(NAMES.map((n) => [n, fc.option(fc.stringMatching(/^[a-z0-9:/.{}$ -]{1,8}$/), { nil: undefined })])));
const literal = fc.stringMatching(/^[a-z0-9:/. {}-]{0,6}$/);
const reference = fc.oneof(
  fc.constantFrom(...NAMES).map((n) => `\${${n}}`),
  fc.constantFrom(...NAMES).map((n) => `\${env:${n}}`),
  fc.tuple(fc.constantFrom(...NAMES), fc.stringMatching(/^[a-z0-9:/. -]{0,6}$/)).map(([n, d]) => `\${env:${n}:-${d}}`),
  fc.tuple(fc.constantFrom(...NAMES), fc.constantFrom(...NAMES)).map(([n, m]) => `\${env:${n}:-\${env:${m}}}`),
);
const escape = fc.constantFrom("$$", "$${A}", "$", "$$$$");
const value = fc.array(fc.oneof(literal, reference, escape), { minLength: 1, maxLength: 5 }).map((xs) => xs.join(""));

describe("environment references become expressions with the collector's meaning", () => {
  it("for random values of text, references, defaults and escapes", () => {
    fc.assert(fc.property(value, envArb, (v, env) => {
      // The collector expands a variable's value again when it holds `${`; sys.env does not (a documented
      // difference), so such values are left out.
      fc.pre(Object.values(env).every((x) => x === undefined || !x.includes("${")));
      const parts = splitEnvReferences(v);
      fc.pre(!("error" in parts));
      if ("error" in parts) return;
      const expected = expandText(v, env);
      if ("error" in expected) return;
      expect(evalAlloy(stringExpression(parts), env)).toBe(expected.value);
    }), { numRuns: 500 });
  });

  const convert = (settings: string) => convertOtelcol(
    `receivers:\n  otlp:\n    protocols:\n      grpc:\n        endpoint: "${settings}"\nexporters:\n  debug:\nservice:\n  pipelines:\n    traces:\n      receivers: [otlp]\n      exporters: [debug]\n`,
  );

  it("keeps every reference of a string, escapes as text and names as written", () => {
    expect(convert("${env:HOST:-0.0.0.0}:${env:PORT:-4317}").output).toContain(
      'endpoint = coalesce(sys.env("HOST"), "0.0.0.0") + ":" + coalesce(sys.env("PORT"), "4317")');
    expect(convert("$${LITERAL}").output).toContain('endpoint = "${LITERAL}"');
    expect(convert("${UPPER_Case}").output).toContain('endpoint = coalesce(sys.env("UPPER_Case"), "")');
  });

  it("converts references in numbers, booleans and sizes", () => {
    const r = convertOtelcol([
      "receivers:\n  otlp:\n    protocols:\n      grpc:\n        include_metadata: ${env:META:-true}\n        max_recv_msg_size_mib: ${env:MIB}",
      "processors:\n  memory_limiter:\n    check_interval: ${env:EVERY:-1s}\n    limit_mib: ${env:LIMIT:-512}",
      "exporters:\n  debug:\n    sampling_initial: ${env:INITIAL:-5}",
      "service:\n  pipelines:\n    traces:\n      receivers: [otlp]\n      processors: [memory_limiter]\n      exporters: [debug]\n",
    ].join("\n"));
    expect(r.diagnostics.filter((d) => d.severity === "critical")).toEqual([]);
    const out = (r.output ?? "").replace(/ +=/g, " =");
    expect(out).toContain('include_metadata = encoding.from_yaml(coalesce(sys.env("META"), "true"))');
    expect(out).toContain('max_recv_msg_size = coalesce(sys.env("MIB"), "") + "MiB"');
    expect(out).toContain('limit = coalesce(sys.env("LIMIT"), "512") + "MiB"');
    expect(out).toContain('check_interval = coalesce(sys.env("EVERY"), "1s")');
    expect(out).toContain('sampling_initial = coalesce(sys.env("INITIAL"), "5")');
  });

  it("names every reference it cannot express at its position", () => {
    const r = convertOtelcol("receivers:\n  otlp:\n    protocols:\n      grpc:\n        endpoint: ${file:/etc/ep}\n      http:\n        endpoint: ${http://x}\nexporters:\n  debug:\nservice:\n  pipelines:\n    traces:\n      receivers: [otlp]\n      exporters: [debug]\n");
    expect(r.output).toBeUndefined();
    expect(r.diagnostics.map((d) => `${d.position?.line}:${d.position?.column} ${d.message}`)).toEqual([
      '5:9 failed to get otelcol config: cannot resolve the configuration: scheme "file" is not supported for uri "file:/etc/ep"',
      '7:9 failed to get otelcol config: cannot resolve the configuration: scheme "http" is not supported for uri "http://x"',
    ]);
  });
});
