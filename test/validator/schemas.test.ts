/** The generated schemas: they compile with ajv and conform to our meta-schema. */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { compileSchema } from "../support/json-schema.js";
import { repoRoot } from "../support/shared.js";

const dir = path.join(repoRoot, "schemas");
const load = (f: string) => JSON.parse(readFileSync(path.join(dir, f), "utf8"));
const files = [
  ...readdirSync(path.join(dir, "components")).map((f) => `components/${f}`),
  ...readdirSync(path.join(dir, "blocks")).map((f) => `blocks/${f}`),
];


describe("generated schemas", () => {
  const meta = load("meta.schema.json");
  const validateMeta = compileSchema(meta);

  it("cover the upstream component set", () => {
    const index = load("index.json");
    const names: string[] = index.components.map((c: { name: string }) => c.name);
    expect(names.length).toBeGreaterThanOrEqual(180);
    for (const ns of ["otelcol.", "prometheus.", "loki.", "discovery.", "pyroscope.", "local.", "remote."]) {
      expect(names.some((n) => n.startsWith(ns))).toBe(true);
    }
    const blocks: string[] = index.blocks.map((b: { name: string }) => b.name);
    for (const b of ["logging", "tracing", "http", "argument", "export", "declare", "import.file", "import.string", "import.http", "import.git", "foreach", "remotecfg", "livedebugging"]) {
      expect(blocks).toContain(b);
    }
  });

  it.each(files)("%s conforms to the meta-schema and compiles", (f) => {
    const s = load(f);
    expect(validateMeta(s)).toEqual([]);
    expect(() => compileSchema(s)).not.toThrow();
  });

  it("record capsule kinds, signals, enums and defaults", () => {
    const batch = load("components/otelcol.processor.batch.json");
    expect(batch["x-alloy-exports"].input["x-alloy-capsule"]).toBe("otelcol.Consumer");
    expect(batch.properties.timeout.default).toBe("200ms");
    const prom = load("components/otelcol.exporter.prometheus.json");
    expect(prom["x-alloy-exports"].input["x-alloy-signals"]).toEqual(["metrics"]);
    expect(prom.properties.forward_to["x-alloy-type"]).toBe("list(MetricsReceiver)");
    const headers = load("components/otelcol.auth.headers.json");
    const header = Object.values(headers.$defs as Record<string, { properties: Record<string, { enum?: string[] }> }>).find((d) => d.properties.action);
    expect(header?.properties.action?.enum).toEqual(["insert", "update", "upsert", "delete"]);
    const lokiWrite = load("components/loki.write.json");
    expect(lokiWrite["x-alloy-exports"].receiver["x-alloy-type"]).toBe("LogsReceiver");
  });

  it("validate a configuration shaped as JSON with ajv", () => {
    const s = load("components/otelcol.processor.batch.json");
    const v = compileSchema(s);
    expect(v({ timeout: "1s", output: { traces: [] } })).toEqual([]);
    expect(v({ timeout: 5, output: {} })).not.toEqual([]);
    expect(v({ bogus: 1, output: {} })).not.toEqual([]);
  });
});
