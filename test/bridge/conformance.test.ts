/** Every valid upstream conformance input converts to the bridge dialect, formats, validates, and comes back. */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { format } from "@alloy-ts/grammar";
import { convertAlloyToOtelcol, convertOtelcolToBridge } from "@alloy-ts/converter";
import { validate } from "@alloy-ts/validator";
import { shared, sharedDir } from "../support/shared.js";
import { collectorData, yamlFiles } from "./support.js";

/** Inputs upstream itself rejects (the loader/validator error cases and the unsupported `${scheme:...}`). */
const INVALID = new Set(["otelcol_errors/corrupt_config.yaml", "otelcol_errors/invalid_config.yaml", "envvars/unknown_scheme.yaml"]);

describe.skipIf(!sharedDir)("bridge dialect on the otelcol conformance inputs", () => {
  const root = sharedDir ? shared("conformance", "otelcol") : "";
  const files = sharedDir ? yamlFiles(root).map((f) => path.relative(root, f)) : [];

  it("finds the inputs", () => {
    expect(files.length).toBeGreaterThan(60);
  });

  it.each(files.filter((f) => !INVALID.has(f)))("%s", (file) => {
    const yaml = readFileSync(path.join(root, file), "utf8");
    const forward = convertOtelcolToBridge(yaml, { fileName: file });
    const blocking = forward.diagnostics.filter((d) => d.severity === "critical" || d.severity === "error");
    expect(blocking).toEqual([]);
    const alloy = forward.output!;
    expect(alloy).toBeTruthy();
    const formatted = format(alloy);
    expect(formatted.ok && formatted.text).toBe(alloy);
    expect(validate([{ name: file, text: alloy }])).toEqual([]);
    const back = convertAlloyToOtelcol(alloy);
    expect(back.diagnostics.filter((d) => d.severity !== "info")).toEqual([]);
    expect(collectorData(back.output!)).toEqual(collectorData(yaml));
  });

  it.each([...INVALID])("%s is refused with a Critical diagnostic", (file) => {
    const forward = convertOtelcolToBridge(readFileSync(path.join(root, file), "utf8"));
    expect(forward.output).toBeUndefined();
    expect(forward.diagnostics.some((d) => d.severity === "critical")).toBe(true);
  });
});
