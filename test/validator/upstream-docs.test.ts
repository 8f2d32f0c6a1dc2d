/**
 * Descriptions and documented defaults in schemas/ (first sentences of upstream's reference pages) and where a
 * user sees them: hover and completion in the language server, `alloy tools describe`.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { analyze, complete, defaultServiceContext, hover } from "@alloy-ts/lsp";
import { describeComponent, getComponent } from "@alloy-ts/validator";
import { repoRoot } from "../support/shared.js";

const schemasDir = path.join(repoRoot, "schemas");
type Node = Record<string, unknown> & { properties?: Record<string, Node>; items?: Node };

function eachProperty(s: Node, f: (name: string, p: Node, file: string) => void, file: string): void {
  const visit = (n: Node | undefined): void => {
    for (const [k, v] of Object.entries(n?.properties ?? {})) {
      f(k, v, file);
      visit(v);
      visit(v.items);
    }
  };
  visit(s);
  for (const d of Object.values((s.$defs ?? {}) as Record<string, Node>)) visit(d);
}

const schemas = ["components", "blocks"].flatMap((d) =>
  readdirSync(path.join(schemasDir, d)).map((f) => ({ file: `${d}/${f}`, s: JSON.parse(readFileSync(path.join(schemasDir, d, f), "utf8")) as Node })),
);

const DURATION = /^-?(?:0|(?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|ms|s|m|h))+$/;

describe("upstream documentation in schemas/", () => {
  it("describes most properties, each with one short sentence", () => {
    let total = 0;
    let described = 0;
    const long: string[] = [];
    for (const { file, s } of schemas) {
      eachProperty(s, (name, p) => {
        total++;
        if (typeof p.description !== "string") return;
        described++;
        if (p.description.length > 400 || /\n/.test(p.description)) long.push(`${file} ${name}`);
      }, file);
    }
    expect(described / total).toBeGreaterThan(0.8);
    expect(long).toEqual([]);
  });

  it("names its source page and licence", () => {
    const index = JSON.parse(readFileSync(path.join(schemasDir, "index.json"), "utf8"));
    expect(index.upstream.documentation.license).toBe("Apache-2.0");
    const withPage = schemas.filter(({ s }) => typeof s["x-alloy-docs"] === "string");
    expect(withPage.length).toBeGreaterThanOrEqual(190);
    for (const { s } of withPage) expect(s["x-alloy-docs"]).toMatch(/^docs\/sources\/reference\/.+\.md$/);
  });

  it("gives every default a value of the argument's Alloy type", () => {
    const bad: string[] = [];
    for (const { file, s } of schemas) {
      eachProperty(s, (name, p) => {
        if (!("default" in p)) return;
        const t = String(p["x-alloy-type"] ?? "");
        const v = p.default;
        const ok =
          t === "duration" ? typeof v === "string" && DURATION.test(v)
          : t === "number" ? typeof v === "number"
          : t === "bool" ? typeof v === "boolean"
          : t.startsWith("list(") ? Array.isArray(v)
          : t.startsWith("map(") ? typeof v === "object" && v !== null && !Array.isArray(v)
          : true;
        if (!ok) bad.push(`${file} ${name} (${t}) = ${JSON.stringify(v)}`);
      }, file);
    }
    // Go's units.Base2Bytes fields are strings in Alloy; their zero default is read from the sources as 0.
    expect(bad.filter((b) => !/ \(string\) = 0$/.test(b))).toEqual([]);
  });
});

describe("where the documentation shows", () => {
  const ctx = defaultServiceContext();
  const text = 'otelcol.exporter.otlp "x" {\n  timeout = "10s"\n  client {\n    endpoint = "h:4317"\n    \n  }\n}\n';

  it("hover on an argument gives its description and default", () => {
    const a = analyze("file:///d.alloy", 1, text);
    const h = hover(a, { line: 1, character: 3 }, ctx);
    const md = JSON.stringify(h?.contents);
    expect(md).toContain("Time to wait before marking a request as failed.");
    expect(md).toContain('Default: `\\"5s\\"`');
  });

  it("completion inside a block documents each argument", () => {
    const a = analyze("file:///d.alloy", 1, text);
    const r = complete(a, { line: 4, character: 4 }, ctx, { snippets: false });
    const items = Array.isArray(r) ? r : r.items;
    const compression = items.find((i) => i.label === "compression");
    expect(compression?.detail).toBe('string = "gzip"');
    expect(JSON.stringify(compression?.documentation)).toContain("Compression mechanism to use for requests.");
  });

  it("alloy tools describe prints descriptions under arguments, blocks and exports", () => {
    const out = describeComponent(getComponent("otelcol.exporter.otlp")!);
    expect(out).toContain("`otelcol.exporter.otlp` accepts telemetry data from other `otelcol` components");
    expect(out).toMatch(/timeout = duration \(optional; default "5s"\)\n\s+Time to wait before marking a request as failed\./);
    expect(out).toMatch(/client \{ \} \(required\)\n\s+Configures the gRPC client to send telemetry data to\./);
    expect(out).toMatch(/input otelcol.Consumer \(accepts metrics, logs, traces\)\n\s+A value that other components can use to send telemetry data to\./);
  });
});
