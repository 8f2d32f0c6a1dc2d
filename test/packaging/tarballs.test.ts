/**
 * The packed packages install anywhere: `pnpm pack` tarballs of @alloy-ts/cli, @alloy-ts/grammar and
 * prettier-plugin-alloy go into an empty npm project outside the checkout, and there `npx alloy fmt`,
 * `npx alloy validate` (which needs the component schemas shipped in the CLI) and
 * `prettier --plugin=prettier-plugin-alloy` work. Skips when the packages are not built or the npm registry
 * (for prettier and chevrotain) cannot be reached.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, type TestContext } from "vitest";
import { built, installInEmptyProject, pack, tarEntry, type Install } from "./pack.js";

const UNFORMATTED = 'logging {\nlevel = "info"\n  format="logfmt"\n}\n';
const FORMATTED = 'logging {\n\tlevel  = "info"\n\tformat = "logfmt"\n}\n';

describe.skipIf(!built)("packed tarballs installed with npm into an empty project", () => {
  const dest = mkdtempSync(path.join(os.tmpdir(), "alloy-pack-"));
  const tarballs: Record<string, string> = {};
  let install: Install;

  beforeAll(() => {
    for (const dir of ["cli", "grammar", "prettier-plugin"] as const) tarballs[dir] = pack(dir, dest);
    install = installInEmptyProject([tarballs.cli!, tarballs.grammar!, tarballs["prettier-plugin"]!, "prettier"]);
  }, 240_000);
  afterAll(() => {
    rmSync(dest, { recursive: true, force: true });
    if (install?.ok) rmSync(install.dir, { recursive: true, force: true });
  });

  /** The consumer project's directory, or a skip naming why there is none. */
  const project = (ctx: TestContext): string => (install.ok ? install.dir : ctx.skip(install.skip));
  const run = (cwd: string, cmd: string, args: string[]) => spawnSync(cmd, args, { cwd, encoding: "utf8", timeout: 60_000, env: { ...process.env, NO_COLOR: "1" } });

  it("the manifests name versions, not workspace:*; the CLI needs nothing at run time", () => {
    for (const tarball of Object.values(tarballs)) expect(tarEntry(tarball, "package.json")).not.toContain("workspace:");
    const cli = JSON.parse(tarEntry(tarballs.cli!, "package.json")) as { dependencies?: object };
    expect(cli.dependencies ?? {}).toEqual({});
    expect(JSON.parse(tarEntry(tarballs["prettier-plugin"]!, "package.json")).dependencies).toEqual({ "@alloy-ts/grammar": "0.1.0" });
  });

  it("npx alloy fmt formats and checks", (ctx) => {
    const dir = project(ctx);
    writeFileSync(path.join(dir, "a.alloy"), UNFORMATTED);
    const fmt = run(dir, "npx", ["--no", "--", "alloy", "fmt", "a.alloy"]);
    expect(fmt.stderr).toBe("");
    expect(fmt.stdout).toBe(FORMATTED);
    expect(run(dir, "npx", ["--no", "--", "alloy", "fmt", "--check", "a.alloy"]).status).toBe(1);
    expect(run(dir, "npx", ["--no", "--", "alloy", "fmt", "--write", "a.alloy"]).status).toBe(0);
    expect(run(dir, "npx", ["--no", "--", "alloy", "fmt", "--check", "a.alloy"]).status).toBe(0);
  });

  it("npx alloy validate finds the component schemas inside the package", (ctx) => {
    const dir = project(ctx);
    writeFileSync(path.join(dir, "bad.alloy"), 'otelcol.processor.batch "b" {\n\tbogus = 1\n\n\toutput { }\n}\n');
    const r = run(dir, "npx", ["--no", "--", "alloy", "validate", "bad.alloy"]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('bad.alloy:2:2: unrecognized attribute name "bogus"');
  });

  it("prettier --plugin=prettier-plugin-alloy prints what alloy fmt prints", (ctx) => {
    const dir = project(ctx);
    writeFileSync(path.join(dir, "b.alloy"), UNFORMATTED);
    const r = run(dir, "npx", ["--no", "--", "prettier", "--plugin=prettier-plugin-alloy", "b.alloy"]);
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe(FORMATTED);
  });
});
