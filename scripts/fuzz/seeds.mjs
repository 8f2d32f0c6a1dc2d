/**
 * Regression seeds of the fuzz campaigns: scripts/fuzz-seeds/<campaign>/*.alloy, one input per file (for the
 * lsp campaign, the document text). Every finding of `npm run fuzz` is written there, shrunk; kept once fixed,
 * it is tried first by every later run, `npm test` included.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const SEEDS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "fuzz-seeds");

export function readSeeds(name) {
  const dir = path.join(SEEDS_DIR, name);
  if (!existsSync(dir)) return [];
  return readdirSync(dir).sort().map((f) => readFileSync(path.join(dir, f), "utf8"));
}

/** Writes a finding as a seed (named by its content's hash) and returns its path. */
export function saveSeed(name, text) {
  const dir = path.join(SEEDS_DIR, name);
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${createHash("sha256").update(text).digest("hex").slice(0, 12)}.alloy`);
  if (!existsSync(file)) writeFileSync(file, text);
  return file;
}
