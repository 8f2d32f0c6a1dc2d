/** Connectors joining pipelines of different groups: one block, fed by every exporting pipeline, feeding every receiving one. */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { convertOtelcol } from "@alloy-ts/converter";
import { parse } from "@alloy-ts/grammar";
import { validate } from "@alloy-ts/validator";
import { repoRoot } from "../support/shared.js";

const read = (f: string) => readFileSync(path.join(repoRoot, "fixtures", "convert", "connectors", f), "utf8");
const headers = (text: string, prefix: string) => text.split("\n").filter((l) => l.startsWith(prefix));

describe("a connector used by pipelines of two groups", () => {
  const yaml = read("connector-across-groups.yaml");
  const ours = convertOtelcol(yaml);
  const upstream = convertOtelcol(yaml, { compat: "upstream" });

  it("converts to one connector block that is both fed and wired", () => {
    expect(ours.output).toBe(read("connector-across-groups.alloy"));
    expect(headers(ours.output!, "otelcol.connector.")).toEqual(['otelcol.connector.spanmetrics "default" {']);
    expect(ours.output).toContain("otelcol.connector.spanmetrics.default.input");
    expect(ours.output).toMatch(/otelcol\.connector\.spanmetrics "default" \{[\s\S]*?metrics = \[otelcol\.processor\.batch\.default\.input\]/);
  });

  it("validates clean", () => {
    expect(validate([parse(ours.output!, { name: "converted.alloy" })]).filter((d) => d.severity === "error")).toEqual([]);
  });

  it("keeps upstream's copy per group under --compat=upstream", () => {
    expect(headers(upstream.output!, "otelcol.connector.")).toEqual([
      'otelcol.connector.spanmetrics "default" {',
      'otelcol.connector.spanmetrics "spanmetrics_default" {',
    ]);
  });
});
