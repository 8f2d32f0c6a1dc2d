/**
 * Processors shared by pipelines of different signals around a connector (fixtures/convert): upstream's single
 * block per group closes a cycle that Alloy refuses; the default mode emits the processors on the cycle once per
 * signal, and the result validates. `--compat=upstream` keeps upstream's output, cycle included.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { convertOtelcol } from "@alloy-ts/converter";
import { parse } from "@alloy-ts/grammar";
import { validate, ValidationCode } from "@alloy-ts/validator";
import { repoRoot } from "../support/shared.js";

const dir = path.join(repoRoot, "fixtures", "convert");
const fixtures = readdirSync(dir).filter((f) => f.endsWith(".yaml")).sort().map((f) => f.slice(0, -".yaml".length));
const read = (name: string) => readFileSync(path.join(dir, name), "utf8");

function validation(text: string) {
  return validate([parse(text, { name: "converted.alloy" })], { stabilityLevel: "experimental" }).filter((d) => d.severity === "error");
}

/** `<header> "<label>"` → the block's text, for every top-level block. */
function blocks(text: string): Map<string, string> {
  return new Map(text.replace(/\n$/, "").split(/\n\n(?=\S)/).map((b) => [b.slice(0, b.indexOf(" {")), b]));
}

describe("processors shared around a connector", () => {
  it("has fixtures", () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(5);
  });

  for (const name of fixtures) {
    describe(name, () => {
      const yaml = read(`${name}.yaml`);
      const ours = convertOtelcol(yaml);
      const upstream = convertOtelcol(yaml, { compat: "upstream" });

      it("converts to the expected text, which validates without a cycle", () => {
        expect(ours.diagnostics.filter((d) => d.severity === "critical" || d.severity === "error")).toEqual([]);
        expect(ours.output).toBe(read(`${name}.alloy`));
        expect(validation(ours.output!)).toEqual([]);
      });

      it("is a cycle under --compat=upstream", () => {
        expect(validation(upstream.output!).map((d) => d.code)).toContain(ValidationCode.cycle);
      });

      it("splits only processors, each copy wired for its own signal, and names them in an Info", () => {
        const mine = blocks(ours.output!);
        const theirs = blocks(upstream.output!);
        // Connectors differ on their own (one block per connector, test/convert/connectors.test.ts).
        const isConnector = (k: string) => k.startsWith("otelcol.connector.");
        const added = [...mine.keys()].filter((k) => !theirs.has(k) && !isConnector(k));
        const removed = [...theirs.keys()].filter((k) => !mine.has(k) && !isConnector(k));
        expect(added.length).toBeGreaterThan(removed.length);
        for (const header of [...added, ...removed]) expect(header).toMatch(/^otelcol\.processor\.\w+ "\w+"$/);
        // Names listed by the Info diagnostics: `otelcol.processor.batch.default_traces`, ...
        const announced = ours.diagnostics
          .filter((d) => d.severity === "info" && d.message.startsWith("Emitted processor/"))
          .flatMap((d) => /\(([^)]*)\)/.exec(d.message)![1]!.split(", "));
        const toName = (header: string) => header.replace(/ "(\w+)"$/, ".$1");
        expect(announced.sort()).toEqual(added.map(toName).sort());
        const renamed = new Map<string, string>();
        for (const header of added) {
          const signal = /_(metrics|logs|traces)(?:_\d+)?"$/.exec(header)?.[1];
          expect(signal).toBeDefined();
          const outputs = [...mine.get(header)!.matchAll(/^\t\t(metrics|logs|traces)\s*=/gm)].map((m) => m[1]);
          expect(outputs.length).toBeLessThanOrEqual(1);
          if (outputs.length === 1) expect(outputs).toEqual([signal]);
          // The copy's upstream block: the removed block of the same component whose label starts the copy's label.
          const original = removed.find((r) => header.startsWith(r.slice(0, -1) + `_${signal}`));
          expect(original).toBeDefined();
          renamed.set(`${toName(header)}.input`, `${toName(original!)}.input`);
        }
        // Blocks present in both outputs differ only in the references to the split processors.
        for (const [header, text] of theirs) {
          if (!mine.has(header) || isConnector(header)) continue;
          const refs = mine.get(header)!.replace(/[\w.]+\.input\b/g, (ref) => renamed.get(ref) ?? ref);
          expect(refs.replace(/ +=/g, " =")).toBe(text.replace(/ +=/g, " ="));
        }
      });
    });
  }
});
