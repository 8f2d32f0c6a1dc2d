/**
 * The compiler sees every file: the test files (tsconfig.test.json: the `*.test.ts` files under packages and test/) and the
 * VS Code extension (bundled by esbuild, which strips types without checking them) are type-checked here; the
 * library sources are checked by the build (`tsc -b tsconfig.build.json`) that `npm test` runs first.
 */
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../support/shared.js";

const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");

function typecheck(project: string): string {
  const r = spawnSync(process.execPath, [tsc, "-p", path.join(repoRoot, project), "--pretty", "false"], { cwd: repoRoot, encoding: "utf8", timeout: 120_000 });
  if (r.error) throw r.error;
  return `${r.stdout}${r.stderr}`.trim();
}

describe("type checking beyond the build", () => {
  it.concurrent.each(["tsconfig.test.json", "packages/vscode-extension/tsconfig.json"])("%s has no errors", (project) => {
    expect(typecheck(project)).toBe("");
  }, 120_000);
});
