/**
 * Packs workspace packages with pnpm (which rewrites `workspace:*` to the packed version) and installs tarballs
 * with npm into a project outside the checkout, as a user would. Installing needs the npm registry (or the local
 * npm cache) for third-party dependencies; a network failure is reported as such so that tests can skip.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { repoRoot } from "../support/shared.js";

const rootManifest = JSON.parse(readFileSync(path.join(repoRoot, "package.json"), "utf8")) as { packageManager: string; devDependencies: Record<string, string> };
const npx = process.platform === "win32" ? "npx.cmd" : "npx";
const npm = process.platform === "win32" ? "npm.cmd" : "npm";

/** The built outputs each packed package needs. */
export const packable = {
  cli: ["packages/cli/dist/bundle/alloy.mjs", ...["fmt", "validate", "convert", "lsp"].map((c) => `packages/cli/dist/fast/${c}.cjs`)],
  grammar: ["packages/grammar/dist/index.js"],
  "prettier-plugin": ["packages/prettier-plugin/dist/index.js"],
} as const;
export type Packable = keyof typeof packable;
export const built = (Object.values(packable) as readonly (readonly string[])[]).flat().every((f) => existsSync(path.join(repoRoot, f)));

/**
 * Runs `fn` holding a lock directory shared by every test process of this checkout. Packing the CLI copies the
 * schemas into packages/cli and removes them afterwards (its prepack and postpack scripts), so two packs at once
 * (test files run in parallel) would take the schemas from under each other; with the lock they take turns.
 */
function withPackLock<T>(fn: () => T): T {
  const lock = path.join(os.tmpdir(), `alloy-pack-${createHash("sha256").update(repoRoot).digest("hex").slice(0, 16)}.lock`);
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      // A lock older than the longest pack (one minute) was left by a run that was killed.
      try {
        if (Date.now() - statSync(lock).mtimeMs > 120_000) rmSync(lock, { recursive: true, force: true });
      } catch {
        // removed meanwhile by its holder
      }
      if (Date.now() > deadline) throw new Error(`another pack held ${lock} for three minutes`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
    }
  }
  try {
    return fn();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** Packs `packages/<dir>` into `dest` (one pack at a time); returns the tarball's path. */
export function pack(dir: Packable, dest: string): string {
  return withPackLock(() => packNow(dir, dest));
}

function packNow(dir: Packable, dest: string): string {
  const r = spawnSync(npx, ["--yes", rootManifest.packageManager, "pack", "--pack-destination", dest], { cwd: path.join(repoRoot, "packages", dir), encoding: "utf8", timeout: 60_000 });
  if (r.status !== 0) throw new Error(`pnpm pack in packages/${dir} failed: ${r.error?.message ?? ""}${r.stderr}${r.stdout}`);
  const tarball = r.stdout.trim().split("\n").pop()!.trim();
  if (!tarball.endsWith(".tgz") || !existsSync(tarball)) throw new Error(`pnpm pack printed no tarball: ${r.stdout}`);
  return tarball;
}

/** Reads a file of a packed tarball. */
export function tarEntry(tarball: string, file: string): string {
  const r = spawnSync("tar", ["-xOzf", tarball, `package/${file}`], { encoding: "utf8", timeout: 30_000 });
  if (r.status !== 0) throw new Error(`${file} not in ${tarball}: ${r.stderr}`);
  return r.stdout;
}

export type Install = { ok: true; dir: string } | { ok: false; skip: string };

const NETWORK = /E(NOTFOUND|AI_AGAIN|TIMEDOUT|CONNREFUSED|CONNRESET|NETUNREACH)|network|ETIMEDOUT|request to .* failed/i;

/**
 * A fresh npm project in the temporary directory with `specs` installed (tarball paths or registry names; a bare
 * `prettier` gets the version range the workspace uses). Bounded: npm gets two minutes.
 */
export function installInEmptyProject(specs: string[]): Install {
  const dir = mkdtempSync(path.join(os.tmpdir(), "alloy-consumer-"));
  writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "consumer", version: "1.0.0", private: true }));
  const resolved = specs.map((s) => (s === "prettier" ? `prettier@${rootManifest.devDependencies.prettier}` : s));
  const r = spawnSync(npm, ["install", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error", ...resolved], {
    cwd: dir,
    encoding: "utf8",
    timeout: 120_000,
    env: { ...process.env, npm_config_update_notifier: "false" },
  });
  if (r.error && (r.error as NodeJS.ErrnoException).code === "ETIMEDOUT") return { ok: false, skip: "npm install did not finish within 2 minutes (registry unreachable or slow)" };
  if (r.status !== 0) {
    const out = `${r.stderr}${r.stdout}`;
    if (NETWORK.test(out)) return { ok: false, skip: `the npm registry is unreachable: ${out.trim().split("\n")[0]}` };
    throw new Error(`npm install ${resolved.join(" ")} failed:\n${out}`);
  }
  return { ok: true, dir };
}
