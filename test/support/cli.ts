/** Runs the built `alloy` command as a user would (node + the bin script), capturing its outputs. */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { repoRoot } from "./shared.js";

export const alloyBin = path.join(repoRoot, "packages", "cli", "bin", "alloy.cjs");
export const cliBuilt = existsSync(path.join(repoRoot, "packages", "cli", "dist", "bundle", "alloy.mjs")) && existsSync(path.join(repoRoot, "packages", "cli", "dist", "fast", "fmt.cjs"));

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runAlloy(args: string[], options: { input?: string | Buffer; cwd?: string; env?: NodeJS.ProcessEnv } = {}): RunResult {
  const r = spawnSync(process.execPath, [alloyBin, ...args], {
    input: options.input,
    cwd: options.cwd ?? repoRoot,
    env: { ...process.env, NO_COLOR: "1", ...options.env },
    encoding: "utf8",
    timeout: 60_000,
    maxBuffer: 256 << 20,
  });
  return { code: r.status, stdout: r.stdout ?? "", stderr: r.stderr ?? "" };
}
