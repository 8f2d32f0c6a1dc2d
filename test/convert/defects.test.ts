/**
 * Conversion regressions found on real collector configurations (fixtures/convert/defects, each written from a
 * shape seen in the wild). For every `<name>.yaml`:
 * - `<name>.alloy`: the default mode's output, which must also validate;
 * - `<name>.diags` (optional): the Error and Warning diagnostics expected, one `(Severity) summary (at L:C)` per
 *   line; without it the conversion must report none;
 * - `<name>.upstream.alloy` (optional): the `--compat=upstream` output, where the fix is a difference from
 *   upstream that compat mode keeps.
 * `UPDATE_FIXTURES=1 npx vitest run test/convert/defects.test.ts` rewrites the expectations (review the diff).
 */
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { convertOtelcol, renderDiagnostic, type ConvertResult } from "@alloy-ts/converter";
import { parse } from "@alloy-ts/grammar";
import { validate } from "@alloy-ts/validator";
import { repoRoot } from "../support/shared.js";

const dir = path.join(repoRoot, "fixtures", "convert", "defects");
const names = readdirSync(dir).filter((f) => f.endsWith(".yaml")).sort().map((f) => f.slice(0, -".yaml".length));
const update = process.env.UPDATE_FIXTURES === "1";

function expectFile(file: string, actual: string | undefined, required: boolean): void {
  const full = path.join(dir, file);
  if (update && actual !== undefined && (required || existsSync(full))) writeFileSync(full, actual);
  if (!existsSync(full)) {
    if (required) throw new Error(`missing ${file}`);
    return;
  }
  expect(actual).toBe(readFileSync(full, "utf8"));
}

/** Errors and Warnings about the components (the fixed notes on `service::telemetry` are another subject). */
const problems = (r: ConvertResult) =>
  r.diagnostics
    .filter((d) => d.severity !== "info" && !d.message.startsWith("the service/telemetry/"))
    .map((d) => renderDiagnostic(d))
    .join("\n");

function validationErrors(text: string) {
  return validate([parse(text, { name: "converted.alloy" })], { stabilityLevel: "experimental", communityComponents: true })
    .filter((d) => d.severity === "error")
    .map((d) => d.message);
}

describe("conversion defects found on real configurations", () => {
  it("has fixtures", () => {
    expect(names.length).toBeGreaterThanOrEqual(11);
  });

  for (const name of names) {
    describe(name, () => {
      const yaml = readFileSync(path.join(dir, `${name}.yaml`), "utf8");
      const ours = convertOtelcol(yaml);

      it("reports the expected diagnostics", () => {
        const diags = problems(ours);
        const file = `${name}.diags`;
        if (update) {
          if (diags !== "") writeFileSync(path.join(dir, file), diags + "\n");
          else rmSync(path.join(dir, file), { force: true });
        }
        const expected = existsSync(path.join(dir, file)) ? readFileSync(path.join(dir, file), "utf8").replace(/\n$/, "") : "";
        expect(diags).toBe(expected);
      });

      it("converts to the expected Alloy text, which validates", () => {
        const blocked = ours.diagnostics.some((d) => d.severity === "critical" || d.severity === "error");
        if (blocked && !existsSync(path.join(dir, `${name}.alloy`))) return;
        expectFile(`${name}.alloy`, ours.output, true);
        expect(validationErrors(ours.output!)).toEqual([]);
      });

      it("keeps upstream's output under --compat=upstream", () => {
        const upstream = convertOtelcol(yaml, { compat: "upstream" });
        expectFile(`${name}.upstream.alloy`, upstream.output, false);
      });
    });
  }
});
