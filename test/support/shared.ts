/**
 * Locates the shared reference material (`../shared` next to the repository). Conformance tests read upstream's
 * test data from there by path and skip cleanly when it is absent; nothing from it is copied into the project.
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const candidate = process.env.ALLOY_SHARED_DIR ?? path.resolve(repoRoot, "..", "shared");

/** Absolute path of the shared folder, or undefined when it is not available. */
export const sharedDir: string | undefined = existsSync(path.join(candidate, "conformance")) ? candidate : undefined;

/** Path inside the shared folder (only call when `sharedDir` is defined). */
export const shared = (...parts: string[]): string => path.join(sharedDir!, ...parts);

/** Every file under `dir` at any depth, in sorted order, whose name matches `pattern` (all when none is given). */
export function filesUnder(dir: string, pattern?: RegExp): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...filesUnder(p, pattern));
    else if (pattern === undefined || pattern.test(name)) out.push(p);
  }
  return out;
}
