/**
 * A version is written once, in a package's package.json: the `alloy` command and the language server report
 * what scripts/gen-version.mjs generated from it, and the generated modules are up to date.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { SERVER_VERSION } from "@alloy-ts/lsp";
import { cliBuilt, runAlloy } from "../support/cli.js";
import { repoRoot } from "../support/shared.js";

const versionOf = (pkg: string): string => (JSON.parse(readFileSync(path.join(repoRoot, "packages", pkg, "package.json"), "utf8")) as { version: string }).version;

describe("versions", () => {
  it("the generated version modules match the package.json files", () => {
    const r = spawnSync(process.execPath, [path.join(repoRoot, "scripts", "gen-version.mjs"), "--check"], { encoding: "utf8", timeout: 30_000 });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
  });

  it("the language server reports its package's version", () => {
    expect(SERVER_VERSION).toBe(versionOf("lsp"));
  });

  it.skipIf(!cliBuilt)("alloy --version prints the CLI package's version", () => {
    const r = runAlloy(["--version"]);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(`alloy-toolchain ${versionOf("cli")}`);
  });
});
