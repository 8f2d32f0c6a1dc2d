/**
 * The pre-commit hooks, run by pre-commit itself in a fresh git repository with the configurations the README's
 * "Pre-commit hook" section shows: the published definitions (`.pre-commit-hooks.yaml`, from a repository that
 * holds this checkout's copy of that file) with the built `alloy` on the PATH, and the local `language: node`
 * hook, which installs the packed CLI into pre-commit's own environment, with no `alloy` on the PATH at all.
 * Skips, naming what is missing, without pre-commit (Debian package `pre-commit`, which the test setup installs
 * where it can, or `pip install pre-commit`), git, or a built CLI.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, type TestContext } from "vitest";
import { readMarkdown } from "../docs/markdown.js";
import { alloyBin, cliBuilt } from "../support/cli.js";
import { repoRoot } from "../support/shared.js";
import { pack } from "./pack.js";

const UNFORMATTED = 'logging {\nlevel = "info"\n  format="logfmt"\n}\n';
const FORMATTED = 'logging {\n\tlevel  = "info"\n\tformat = "logfmt"\n}\n';
const NOT_ALLOY = "level=info   format = logfmt\n";

const works = (cmd: string, args: string[]): boolean => spawnSync(cmd, args, { encoding: "utf8", timeout: 20_000 }).status === 0;
const missing = !works("pre-commit", ["--version"])
  ? "pre-commit is not installed (Debian package pre-commit, or pip install pre-commit)"
  : !works("git", ["--version"])
    ? "git is not installed"
    : !cliBuilt
      ? "the CLI is not built (npm run build)"
      : undefined;

/** The YAML blocks of the README's "Pre-commit hook" section, in order. */
function readmeConfigs(): string[] {
  const readme = path.join(repoRoot, "README.md");
  const lines = readFileSync(readme, "utf8").split("\n");
  const from = lines.indexOf("## Pre-commit hook") + 1;
  const to = lines.findIndex((l, i) => i >= from && l.startsWith("## "));
  expect(from).toBeGreaterThan(0);
  return readMarkdown(readme)
    .blocks.filter((b) => b.lang === "yaml" && b.line > from && (to < 0 || b.line <= to))
    .map((b) => b.text);
}

/** `text` with `from` replaced by `to`; `from` must be there, so the README keeps what this test rewrites. */
function substitute(text: string, from: string, to: string): string {
  expect(text).toContain(from);
  return text.split(from).join(to);
}

/** The PATH without any directory that holds an `alloy` (npm scripts put node_modules/.bin first). */
const pathWithoutAlloy = (process.env.PATH ?? "")
  .split(path.delimiter)
  .filter((dir) => dir !== "" && !existsSync(path.join(dir, "alloy")))
  .join(path.delimiter);

describe("pre-commit runs the hooks", () => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), "alloy-pre-commit-"));
  /** The environment of every command here: git and pre-commit isolated from the caller's (npm's, a hook's). */
  const env = (PATH: string): NodeJS.ProcessEnv => {
    const out: NodeJS.ProcessEnv = {};
    for (const [k, v] of Object.entries(process.env)) if (!/^(npm_|GIT_|PRE_COMMIT)/i.test(k)) out[k] = v;
    return {
      ...out,
      PATH,
      PRE_COMMIT_HOME: path.join(tmp, "pre-commit-home"),
      GIT_CONFIG_NOSYSTEM: "1",
      GIT_CONFIG_GLOBAL: path.join(tmp, "gitconfig"),
      GIT_AUTHOR_NAME: "t",
      GIT_AUTHOR_EMAIL: "t@example.com",
      GIT_COMMITTER_NAME: "t",
      GIT_COMMITTER_EMAIL: "t@example.com",
    };
  };
  const run = (cwd: string, PATH: string, cmd: string, args: string[]) => {
    const r = spawnSync(cmd, args, { cwd, encoding: "utf8", timeout: 90_000, env: env(PATH) });
    if (r.error) throw r.error;
    return { status: r.status, out: `${r.stdout}${r.stderr}` };
  };
  const git = (cwd: string, ...args: string[]) => {
    const r = run(cwd, pathWithoutAlloy, "git", args);
    if (r.status !== 0) throw new Error(`git ${args.join(" ")} failed: ${r.out}`);
    return r.out.trim();
  };
  /** A git repository with an unformatted and a formatted Alloy file, a text file and the given configs staged. */
  const project = (name: string, configs: Record<string, string>): string => {
    const dir = path.join(tmp, name);
    mkdirSync(dir);
    git(dir, "init", "-q");
    writeFileSync(path.join(dir, "bad.alloy"), UNFORMATTED);
    writeFileSync(path.join(dir, "good.alloy"), FORMATTED);
    writeFileSync(path.join(dir, "notes.txt"), NOT_ALLOY);
    for (const [file, text] of Object.entries(configs)) writeFileSync(path.join(dir, file), text);
    git(dir, "add", "-A");
    return dir;
  };
  const read = (dir: string, file: string) => readFileSync(path.join(dir, file), "utf8");
  const preCommit = (dir: string, PATH: string, config: string) => run(dir, PATH, "pre-commit", ["run", "--all-files", "--color=never", "-c", config]);

  const configs = missing === undefined ? readmeConfigs() : [];
  let hookRepo = "";
  let rev = "";
  let shimPath = "";

  beforeAll(() => {
    if (missing !== undefined) return;
    writeFileSync(path.join(tmp, "gitconfig"), "[init]\n\tdefaultBranch = main\n");
    // The published definitions, as a repository pre-commit can clone: this checkout's copy of the hooks file.
    hookRepo = path.join(tmp, "hooks");
    mkdirSync(hookRepo);
    git(hookRepo, "init", "-q");
    copyFileSync(path.join(repoRoot, ".pre-commit-hooks.yaml"), path.join(hookRepo, ".pre-commit-hooks.yaml"));
    git(hookRepo, "add", "-A");
    git(hookRepo, "commit", "-q", "-m", "hooks");
    rev = git(hookRepo, "rev-parse", "HEAD");
    // `alloy` as the repository that uses the hooks has it installed: the built CLI.
    const bin = path.join(tmp, "bin");
    mkdirSync(bin);
    writeFileSync(path.join(bin, "alloy"), `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(alloyBin)} "$@"\n`);
    chmodSync(path.join(bin, "alloy"), 0o755);
    shimPath = `${bin}${path.delimiter}${pathWithoutAlloy}`;
  }, 60_000);
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  const need = (ctx: TestContext): void => {
    if (missing !== undefined) ctx.skip(missing);
  };

  it("the README shows the published hook and the local node hook", (ctx) => {
    need(ctx);
    expect(configs).toHaveLength(2);
    const hooks = readFileSync(path.join(repoRoot, ".pre-commit-hooks.yaml"), "utf8");
    expect(hooks).toMatch(/^- id: alloy-fmt$/m);
    expect(hooks).toMatch(/^- id: alloy-fmt-check$/m);
  });

  it("alloy-fmt-check fails on the unformatted file and changes nothing; alloy-fmt formats it, then passes", (ctx) => {
    need(ctx);
    const published = substitute(substitute(configs[0]!, "repo: https://github.com/alloy-toolchain/alloy-toolchain", `repo: ${hookRepo}`), "rev: v0.1.0", `rev: ${rev}`);
    const dir = project("published", {
      "fmt.yaml": published,
      "check.yaml": substitute(published, "- id: alloy-fmt\n", "- id: alloy-fmt-check\n"),
    });

    const check = preCommit(dir, shimPath, "check.yaml");
    expect(check.out).toMatch(/alloy fmt --check\.+Failed/);
    expect(check.out).toContain("bad.alloy");
    expect(check.out).not.toContain("good.alloy");
    expect(check.status).toBe(1);
    expect(read(dir, "bad.alloy")).toBe(UNFORMATTED);

    const fmt = preCommit(dir, shimPath, "fmt.yaml");
    expect(fmt.out).toMatch(/alloy fmt\.+Failed/);
    expect(fmt.out).toContain("files were modified by this hook");
    expect(fmt.status).toBe(1);
    expect(read(dir, "bad.alloy")).toBe(FORMATTED);
    expect(read(dir, "good.alloy")).toBe(FORMATTED);
    expect(read(dir, "notes.txt")).toBe(NOT_ALLOY);

    for (const config of ["fmt.yaml", "check.yaml"]) {
      const again = preCommit(dir, shimPath, config);
      expect(again.out).toMatch(/\.+Passed/);
      expect(again.status).toBe(0);
    }
  });

  it("the local language: node hook installs the packed CLI itself, with no alloy on the PATH", (ctx) => {
    need(ctx);
    expect(spawnSync("sh", ["-c", "command -v alloy"], { env: { PATH: pathWithoutAlloy } }).status).not.toBe(0);
    const tarball = pack("cli", tmp);
    const spec = configs[1]!.match(/additional_dependencies: \[(.+)\]/)?.[1] ?? "";
    // The README names the tarball pnpm writes.
    expect(path.basename(spec)).toBe(path.basename(tarball));
    const dir = project("local", { "local.yaml": substitute(configs[1]!, spec, tarball) });

    const first = preCommit(dir, pathWithoutAlloy, "local.yaml");
    // pre-commit makes node environments with nodeenv (Debian: python3-nodeenv), which a pip install may lack.
    if (/No module named '?nodeenv/.test(first.out)) ctx.skip("pre-commit cannot make node environments: its nodeenv module is missing");
    expect(first.out).toContain("files were modified by this hook");
    expect(first.status).toBe(1);
    expect(read(dir, "bad.alloy")).toBe(FORMATTED);
    expect(read(dir, "notes.txt")).toBe(NOT_ALLOY);

    const again = preCommit(dir, pathWithoutAlloy, "local.yaml");
    expect(again.out).toMatch(/alloy fmt\.+Passed/);
    expect(again.status).toBe(0);
  }, 120_000);
});
