/**
 * `alloy validate --source-format=otelcol --distribution=alloy-otel FILE.yaml` exits 0 exactly when every component
 * type the file defines is compiled into `alloy otel`'s engine (the collector rejects unknown types even in
 * unused components), over all migration fixtures.
 */
import { describe, expect, it } from "vitest";
import { inAlloyOtelEngine } from "@alloy-ts/converter";
import { cliBuilt, runAlloy } from "../support/cli.js";
import { components } from "./configs.test.js";
import { read, yamlFixtures } from "./support.js";

const fixtures = [...yamlFixtures("configs"), ...yamlFixtures("mappings")];

describe("alloy validate --distribution=alloy-otel on the migration fixtures", () => {
  it("needs the built command", () => {
    expect(cliBuilt, "run `npm run build` first").toBe(true);
  });

  it.each(fixtures)("%s", (_name, file) => {
    const missing = components(read(file)).filter((c) => !inAlloyOtelEngine(c.kind, c.type));
    const r = runAlloy(["validate", "--source-format=otelcol", "--distribution=alloy-otel", file]);
    expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(missing.length === 0 ? 0 : 1);
    for (const c of missing) expect(r.stdout + r.stderr).toContain(c.type);
  });
});
