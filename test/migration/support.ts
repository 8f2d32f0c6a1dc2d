/** Fixture access for the migration tests (fixtures/migration). */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { validate } from "@alloy-ts/validator";
import { repoRoot } from "../support/shared.js";

export const fixturesDir = path.join(repoRoot, "fixtures", "migration");

/** The YAML fixtures of a fixture folder, as [name, absolute path] sorted by name. */
export function yamlFixtures(folder: string): [string, string][] {
  const dir = path.join(fixturesDir, folder);
  return readdirSync(dir)
    .filter((f) => f.endsWith(".yaml"))
    .sort()
    .map((f) => [f.slice(0, -".yaml".length), path.join(dir, f)]);
}

export const read = (file: string) => readFileSync(file, "utf8");

/**
 * Validation errors, with experimental and community components allowed (several otelcol components are
 * experimental upstream; vendor exporters such as splunkhec and googlecloud are community components).
 */
export function validationErrors(text: string): string[] {
  return validate([{ name: "converted.alloy", text }], { stabilityLevel: "experimental", communityComponents: true })
    .filter((d) => d.severity === "error")
    .map((d) => d.message);
}
