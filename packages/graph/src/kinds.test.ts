/** The kind and consumer-export tables against the component schemas (schemas/, the one source of component shapes). */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { consumerExport, kindOfBlock } from "./kinds.js";

const schemas = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../schemas");
const index = JSON.parse(readFileSync(path.join(schemas, "index.json"), "utf8")) as { components: { name: string; kind: string; file: string }[] };

const CAPSULE_SIGNAL: Record<string, string | undefined> = {
  "otelcol.Consumer": undefined,
  LogsReceiver: "logs",
  MetricsReceiver: "metrics",
  ProfilesReceiver: "profiles",
};

describe("kind and export tables", () => {
  it("give every component of the schemas a kind of its family", () => {
    const components = index.components.filter((c) => c.kind === "component");
    expect(components.length).toBeGreaterThan(100);
    for (const c of components) expect(kindOfBlock(c.name), c.name).not.toBe("custom");
  });

  it("call an export a consumer handle exactly when its schema's capsule is one, with the capsule's signal", () => {
    let checked = 0;
    for (const c of index.components) {
      const schema = JSON.parse(readFileSync(path.join(schemas, c.file), "utf8")) as { "x-alloy-exports"?: Record<string, { "x-alloy-capsule"?: string }> };
      for (const [field, e] of Object.entries(schema["x-alloy-exports"] ?? {})) {
        const capsule = e["x-alloy-capsule"];
        const got = consumerExport(c.name, field);
        if (capsule !== undefined && capsule in CAPSULE_SIGNAL) {
          expect(got, `${c.name}.${field}`).toEqual({ signal: CAPSULE_SIGNAL[capsule] });
          checked++;
        } else expect(got, `${c.name}.${field}`).toBeUndefined();
      }
    }
    expect(checked).toBeGreaterThan(50);
  });
});
