/** File-system helpers shared by commands: reading inputs and atomic writes. */
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from "node:fs";
import path from "node:path";
import { CliError } from "./cli-error.js";

/** Name used for standard input in diagnostics, as upstream. */
export const STDIN_NAME = "<stdin>";

/** Reads a file argument (or stdin for `-`/none) with upstream's errors for directories and missing files. */
export function readInput(file: string | undefined, what: "format" | "convert" | "validate"): { name: string; bytes: Buffer } {
  if (file === undefined || file === "-") return { name: STDIN_NAME, bytes: readFileSync(0) };
  let st;
  try {
    st = statSync(file);
  } catch (e) {
    throw new CliError(statErrorMessage(file, e));
  }
  if (st.isDirectory()) throw new CliError(`cannot ${what} a directory`);
  return { name: file, bytes: readFileSync(file) };
}

/** Go's `stat NAME: no such file or directory` style message for a failed stat. */
export function statErrorMessage(file: string, e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  const text =
    code === "ENOENT" ? "no such file or directory" : code === "EACCES" ? "permission denied" : code === "ENOTDIR" ? "not a directory" : String((e as Error).message);
  return `stat ${file}: ${text}`;
}

/**
 * Replaces `file` with `data` atomically: writes a temporary file next to it, flushes it, then renames it over the
 * target, keeping the target's permission bits. On any error the target is left as it was.
 */
export function writeFileAtomic(file: string, data: string | Uint8Array): void {
  const dir = path.dirname(file);
  // Unique enough for a temporary sibling (opened with "wx", so a clash fails instead of overwriting); avoids
  // loading node:crypto at start-up.
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}.tmp`);
  let mode = 0o644;
  try {
    mode = statSync(file).mode & 0o7777;
  } catch {
    /* new file: default mode */
  }
  const fd = openSync(tmp, "wx", mode);
  try {
    try {
      writeSync(fd, typeof data === "string" ? Buffer.from(data) : data);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, file);
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch {
      /* already gone */
    }
    throw e;
  }
}
