import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { stringify } from "yaml";
import { format } from "@alloy-ts/grammar";
import { convertOtelcol, renderDiagnostic, renderReport } from "./index.js";
import { convertDiagnostic } from "./diagnostics.js";
import { supportedTypes } from "./components/registry.js";
import { base2Bytes, goDuration, goFloat, goQuote, parseGoDuration } from "./alloy/go-text.js";
import { resolveString } from "./otel/resolve-refs.js";
import { rewriteReferences } from "./env-rewrite.js";
import { componentLabel } from "./labels.js";

const BASE = `receivers:
  otlp:
    protocols:
      grpc:
processors:
  batch:
exporters:
  otlp:
    endpoint: db:4317
service:
  pipelines:
    traces:
      receivers: [otlp]
      processors: [batch]
      exporters: [otlp]
`;

describe("Go value text", () => {
  it("formats durations like time.Duration.String", () => {
    expect([0, 1500, 250e6, 1.5e9, 60e9, 90e9, 3600e9, 86400e9].map(goDuration)).toEqual([
      "0s", "1.5µs", "250ms", "1.5s", "1m0s", "1m30s", "1h0m0s", "24h0m0s",
    ]);
    expect(parseGoDuration("1h30m")).toBe(5400e9);
    expect(parseGoDuration("1.5s")).toBe(1.5e9);
    expect(parseGoDuration("abc")).toBeUndefined();
  });
  it("formats byte sizes like units.Base2Bytes", () => {
    expect([0, 1000, 10240, 65000, 524288, 1536, 1049600].map(base2Bytes)).toEqual([
      "0B", "1000B", "10KiB", "63KiB488B", "512KiB", "1KiB512B", "1MiB1KiB",
    ]);
  });
  it("formats floats without exponents and float32 widened", () => {
    expect(goFloat(1e21)).toBe("1000000000000000000000");
    expect(goFloat(1e-7)).toBe("0.0000001");
    expect(goFloat(Math.fround(15.3))).toBe("15.300000190734863");
  });
  it("quotes like strconv.Quote", () => {
    expect(goQuote('a"b\\c\n\u0001\u007f')).toBe('"a\\"b\\\\c\\n\\x01\\x7f"');
    expect(goQuote("µs é")).toBe('"µs é"');
  });
});

describe("references and labels", () => {
  it("resolves references as the converter's resolver does", () => {
    expect(resolveString("${FOO}")).toBe("${env:FOO}");
    expect(resolveString("${env:FOO:-x}")).toBe("${env:FOO:-x}");
    expect(resolveString("pa$$word")).toBe("pa$word");
    expect(resolveString("otel01$")).toBe("otel01$");
    expect(resolveString("${wow:X}")).toEqual({ error: 'scheme "wow" is not supported for uri "wow:X"' });
    expect(resolveString("${MY_VAR:-x}")).toEqual({ error: 'invalid uri: "MY_VAR:-x"' });
  });
  it("rewrites whole-string references only", () => {
    expect(rewriteReferences('a = "${env:X}"\nb = "http://${env:Y}"')).toBe('a = coalesce(sys.env("X"), "")\nb = "http://${env:Y}"');
    expect(rewriteReferences('a = "${X:-d}"')).toBe('a = coalesce(sys.env("X"), "d")');
  });
  it("builds labels", () => {
    expect(componentLabel("", "")).toBe("default");
    expect(componentLabel("2", "")).toBe("_2_default");
    expect(componentLabel("my-pipe", "a.b")).toBe("my_pipe_a_b");
  });
});

describe("convertOtelcol", () => {
  it("converts a small pipeline", () => {
    const r = convertOtelcol(BASE, { compat: "upstream" });
    expect(r.output).toContain('otelcol.processor.batch "default" {');
    expect(r.output?.endsWith("}\n")).toBe(true);
    expect(r.diagnostics.filter((d) => d.severity === "critical")).toEqual([]);
  });

  it("refuses extra arguments", () => {
    const r = convertOtelcol(BASE, { extraArgs: ["a", "b"] });
    expect(r.output).toBeUndefined();
    expect(renderDiagnostic(r.diagnostics[0]!)).toBe("(Critical) extra arguments are not supported for the otelcol converter: [a b]");
  });

  it("names the YAML position outside compat mode only", () => {
    const yaml = BASE.replace("exporters: [otlp]", "exporters: [nope]");
    const ours = convertOtelcol(yaml, { fileName: "c.yaml" });
    expect(ours.diagnostics[0]!.position).toEqual({ line: 15, column: 19 });
    expect(renderDiagnostic(ours.diagnostics[0]!, "c.yaml")).toBe(
      '(Critical) failed to validate config: service::pipelines::traces: references exporter "nope" which is not configured (at c.yaml:15:19)',
    );
    expect(convertOtelcol(yaml, { compat: "upstream" }).diagnostics[0]!.position).toBeUndefined();
  });

  it("reports unsupported component types with sorted valid values", () => {
    const r = convertOtelcol(BASE.replace("  batch:", "  resource:"), { compat: "upstream" });
    expect(r.diagnostics[0]!.message).toContain(`'processors' unknown type: "resource" for id: "resource" (valid values: [${supportedTypes("processor").join(" ")}])`);
  });

  it("refuses an alias bomb quickly", () => {
    const levels = ["a: &a [x, x, x, x, x, x, x, x, x, x]"];
    for (let i = 1; i < 12; i++) {
      const prev = String.fromCharCode(96 + i);
      const cur = String.fromCharCode(97 + i);
      levels.push(`${cur}: &${cur} [${Array(10).fill("*" + prev).join(", ")}]`);
    }
    const start = Date.now();
    const r = convertOtelcol(levels.join("\n") + "\n");
    expect(Date.now() - start).toBeLessThan(2000);
    expect(r.output).toBeUndefined();
    expect(r.diagnostics[0]!.severity).toBe("critical");
    expect(r.diagnostics[0]!.message).toContain("excessive aliasing");
  });

  it("writes the report like upstream", () => {
    const diags = [
      convertDiagnostic("info", "i"),
      convertDiagnostic("warning", "w"),
    ];
    expect(renderReport(diags)).toBe("(Info) i\n(Warning) w\n\nA configuration file was generated successfully.");
    expect(renderReport([...diags, convertDiagnostic("error", "e")])).toMatch(/^\(Error\) e\n\nA configuration file was not generated due to errors\./);
    expect(renderReport([...diags, convertDiagnostic("critical", "c")])).toMatch(/^\(Critical\) c\n\nA configuration file was not generated due to critical/);
    expect(renderReport([])).toBe("\n\nA configuration file was generated successfully.");
  });
});

describe("convertOtelcol never throws", () => {
  const neverThrows = (text: string, compat: boolean) => {
    const r = convertOtelcol(text, compat ? { compat: "upstream" } : {});
    expect(r.diagnostics.filter((d) => d.message.startsWith("internal converter error"))).toEqual([]);
    if (r.output !== undefined) expect(r.output.endsWith("\n")).toBe(true);
  };

  it("on random YAML documents", () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.boolean(), (v, compat) => neverThrows(stringify(v), compat)),
      { numRuns: 300 },
    );
    fc.assert(fc.property(fc.string(), (s) => neverThrows(s, false)), { numRuns: 300 });
  });

  it("on random collector-shaped configs", () => {
    const kinds = ["receivers", "processors", "exporters", "connectors", "extensions"] as const;
    const typeOf = (k: (typeof kinds)[number]) =>
      fc.constantFrom(...supportedTypes(k.slice(0, -1) as "receiver"), "resource", "weird");
    const id = (k: (typeof kinds)[number]) =>
      fc.tuple(typeOf(k), fc.constantFrom("", "/a", "/b-c", "/2", "/x.y")).map(([t, n]) => t + n);
    const value = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.constantFrom("5s", "${env:X}", "${wow:Y}", "$$z"));
    const body = fc.dictionary(fc.constantFrom("endpoint", "timeout", "protocols", "tls", "sending_queue", "actions", "policies", "dimensions"),
      fc.oneof(value, fc.dictionary(fc.constantFrom("grpc", "http", "insecure", "queue_size", "endpoint"), value, { maxKeys: 3 }), fc.array(value, { maxLength: 3 })),
      { maxKeys: 4 });
    const config = fc.record({
      receivers: fc.dictionary(id("receivers"), fc.oneof(body, fc.constant(null)), { maxKeys: 3 }),
      processors: fc.dictionary(id("processors"), fc.oneof(body, fc.constant(null)), { maxKeys: 3 }),
      exporters: fc.dictionary(id("exporters"), fc.oneof(body, fc.constant(null)), { maxKeys: 3 }),
      connectors: fc.dictionary(id("connectors"), fc.oneof(body, fc.constant(null)), { maxKeys: 2 }),
      extensions: fc.dictionary(id("extensions"), fc.oneof(body, fc.constant(null)), { maxKeys: 2 }),
    });
    const pipelineId = fc.tuple(fc.constantFrom("traces", "metrics", "logs", "profiles"), fc.constantFrom("", "/2", "/a-b")).map(([s, n]) => s + n);
    fc.assert(
      fc.property(config, fc.array(fc.tuple(pipelineId, fc.nat(), fc.nat(), fc.nat()), { maxLength: 4 }), fc.boolean(), fc.boolean(),
        (cfg, pipes, compat, skip) => {
          const pick = (m: Record<string, unknown>, n: number) => Object.keys(m).slice(0, n % 3);
          const pipelines = Object.fromEntries(pipes.map(([pid, a, b, c]) => [pid, {
            receivers: [...pick(cfg.receivers, a), ...pick(cfg.connectors, c)],
            processors: pick(cfg.processors, b),
            exporters: [...pick(cfg.exporters, c + 1), ...pick(cfg.connectors, a)],
          }]));
          const doc = { ...cfg, service: { extensions: Object.keys(cfg.extensions), pipelines } };
          const r = convertOtelcol(stringify(doc), { compat: compat ? "upstream" : undefined, skipSourceValidation: skip });
          expect(r.diagnostics.filter((d) => d.message.startsWith("internal converter error"))).toEqual([]);
          // The output is the printer's: it parses, and formatting it changes nothing.
          if (r.output !== undefined) expect(format(r.output)).toMatchObject({ ok: true, changed: false });
        }),
      { numRuns: 300 },
    );
  });
});
