/**
 * `alloy fmt` runs from its own CommonJS bundle with a V8 code cache (bin/alloy.cjs). These tests pin what makes
 * that path worth having: the cache written by the build is accepted by this Node, and the fast path behaves
 * exactly like the full command (same output, messages and exit codes).
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { alloyBin, cliBuilt } from "../support/cli.js";
import { repoRoot } from "../support/shared.js";

const fullBundle = path.join(repoRoot, "packages/cli/dist/bundle/alloy.mjs");

function run(entry: string[], args: string[], input?: string) {
  const r = spawnSync(process.execPath, [...entry, ...args], { input, encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr.replace(/^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d /gm, "") };
}

describe.skipIf(!cliBuilt)("alloy fmt start-up path", () => {
  it.each(["fmt", "validate", "convert", "lsp", "lsp-service"])("has a code cache for the %s bundle that this Node accepts", (name) => {
    const { compileBundle, CACHE_SUFFIX } = createRequire(import.meta.url)(path.join(repoRoot, "packages/cli/bin/load-bundle.cjs"));
    const bundle = path.join(repoRoot, `packages/cli/dist/fast/${name}.cjs`);
    expect(existsSync(bundle + CACHE_SUFFIX)).toBe(true);
    expect(compileBundle(bundle).cachedDataRejected).toBe(false);
  });

  it.each([
    ["formatted input", ["fmt"], 'a = 1\nb   = "x"\n'],
    ["a syntax error", ["fmt"], "a = \n"],
    ["--test on unformatted input", ["fmt", "--test"], "a=1\n"],
    ["the format alias and a flag first", ["--", "format"], "x {\n}\n"],
    ["help", ["fmt", "--help"], ""],
    ["an unknown flag", ["fmt", "--nope"], ""],
  ])("answers like the full command on %s", (_name, args, input) => {
    const fast = run([alloyBin], args, input);
    const full = run([fullBundle], args, input);
    expect(fast).toEqual(full);
  });
});
