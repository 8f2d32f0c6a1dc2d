/**
 * otelcol.* components back to collector YAML: the upstream conformance outputs (.alloy) are inverted, converted
 * again with the otelcol converter, and compared with the original output. Counts are recorded, and the cases
 * known to round-trip must keep doing so.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { convertAlloyToOtelcol, convertOtelcol } from "@alloy-ts/converter";
import { shared, sharedDir } from "../support/shared.js";
import { yamlFiles } from "./support.js";

describe.skipIf(!sharedDir)("otelcol.* → collector YAML on the conformance outputs", () => {
  it("inverts, and the converter reproduces the same Alloy", () => {
    const root = shared("conformance", "otelcol");
    const results: Record<string, string> = {};
    for (const yamlFile of yamlFiles(root)) {
      const alloyFile = yamlFile.replace(/\.yaml$/, ".alloy");
      if (!existsSync(alloyFile)) continue;
      const rel = path.relative(root, alloyFile);
      const alloy = readFileSync(alloyFile, "utf8");
      const back = convertAlloyToOtelcol(alloy);
      if (back.output === undefined) {
        results[rel] = "not inverted";
        continue;
      }
      const again = convertOtelcol(back.output);
      results[rel] = again.output === alloy ? "same" : again.output === undefined ? "reconversion failed" : "different";
    }
    const same = Object.values(results).filter((r) => r === "same").length;
    // 45 of 64 at the time of writing; the rest use converter-computed blocks or labels with no inverse yet.
    expect(same, JSON.stringify(results, null, 1)).toBeGreaterThanOrEqual(40);
    expect(results["debug.alloy"]).toBe("same");
    expect(results["batch.alloy"]).toBe("same");
    expect(results["otlphttp.alloy"]).toBe("same");
  });
});
