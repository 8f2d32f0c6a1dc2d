/** File-system helpers shared by commands: reading inputs and checked, atomic writes. */
import * as nodeFs from "node:fs";
import path from "node:path";
import { decodeUtf8, SourceFile } from "@alloy-ts/grammar";
import { CliError } from "./cli-error.js";

/** Name used for standard input in diagnostics, as upstream. */
export const STDIN_NAME = "<stdin>";

/** Reads a file argument (or stdin for `-`/none) with upstream's errors for directories and missing files. */
export function readInput(file: string | undefined, what: "format" | "convert" | "validate"): { name: string; bytes: Buffer } {
  if (file === undefined || file === "-") return { name: STDIN_NAME, bytes: nodeFs.readFileSync(0) };
  let st;
  try {
    st = nodeFs.statSync(file);
  } catch (e) {
    throw new CliError(statErrorMessage(file, e));
  }
  if (st.isDirectory()) throw new CliError(`cannot ${what} a directory`);
  try {
    return { name: file, bytes: nodeFs.readFileSync(file) };
  } catch (e) {
    throw new CliError(`open ${file}: ${errnoText(e)}`);
  }
}

/**
 * The text of an input that is decoded before parsing (collector YAML above all), refusing bytes that are not UTF-8 with the position of the first bad byte: decoding
 * them with replacement characters would silently change the configuration.
 */
export function utf8Text(name: string, bytes: Uint8Array): string {
  const d = decodeUtf8(bytes);
  if (d.invalidOffsets.length === 0) return d.text;
  const src = new SourceFile(name, d.text, d.invalidOffsets);
  throw new CliError(`${src.formatPosition(d.invalidOffsets[0]!)}: invalid UTF-8 encoding`);
}

/** Go's `stat NAME: no such file or directory` style message for a failed stat. */
export function statErrorMessage(file: string, e: unknown): string {
  return `stat ${file}: ${errnoText(e)}`;
}

/** The text Go's syscall package gives an errno, as in `open FILE: permission denied`. */
const ERRNO_TEXT: Record<string, string> = {
  ENOENT: "no such file or directory",
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  ENOTDIR: "not a directory",
  EISDIR: "is a directory",
  ENOSPC: "no space left on device",
  EDQUOT: "disk quota exceeded",
  EROFS: "read-only file system",
  EIO: "input/output error",
  ELOOP: "too many levels of symbolic links",
  EFBIG: "file too large",
  EEXIST: "file exists",
  ENAMETOOLONG: "file name too long",
};

export function errnoText(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  return (code && ERRNO_TEXT[code]) ?? String((e as Error)?.message ?? e);
}

/** The file-system calls a write needs; tests pass one that fails on purpose (a full disk, a short write). */
export type WriteFs = Pick<
  typeof nodeFs,
  | "openSync" | "writeSync" | "fsyncSync" | "closeSync" | "renameSync" | "unlinkSync" | "statSync" | "lstatSync"
  | "readlinkSync" | "fchmodSync" | "fchownSync" | "ftruncateSync" | "accessSync"
>;

/** Temporary files that exist right now; removed if the process is told to stop (see `removeOnSignal`). */
const liveTemps = new Set<string>();
let signalsHooked = false;

/**
 * On SIGINT/SIGTERM, removes every temporary file still present and then dies of the same signal. Writes are
 * synchronous, so the handler runs between writes: a listener being present is what keeps a signal from killing
 * the process halfway through one (which would leave its temporary file behind).
 */
function removeOnSignal(fs: WriteFs): void {
  if (signalsHooked) return;
  signalsHooked = true;
  const onSignal = (signal: NodeJS.Signals) => {
    for (const tmp of liveTemps) {
      try {
        fs.unlinkSync(tmp);
      } catch {
        /* already gone */
      }
    }
    liveTemps.clear();
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    process.kill(process.pid, signal);
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
}

/** A name for a temporary file in `dir` (opened with "wx", so a clash fails instead of overwriting). */
function temporaryName(dir: string, stem: string): string {
  // Unique enough for a temporary sibling; avoids loading node:crypto at start-up.
  return path.join(dir, `.${stem}.${process.pid}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}.tmp`);
}

/** A temporary file of this process, readable and writable by its owner alone; removed by `remove()`, or by SIGINT/SIGTERM. */
export function createTemporaryFile(dir: string, stem: string): { fd: number; path: string; remove(): void } {
  removeOnSignal(nodeFs);
  const file = temporaryName(dir, stem);
  const fd = nodeFs.openSync(file, "wx+", 0o600);
  liveTemps.add(file);
  return {
    fd,
    path: file,
    remove() {
      try {
        nodeFs.closeSync(fd);
      } catch {
        /* already closed */
      }
      try {
        nodeFs.unlinkSync(file);
      } catch {
        /* already gone */
      }
      liveTemps.delete(file);
    },
  };
}

/** Writes every byte of `data` at `position` (or the current offset), failing on a write that makes no progress. */
export function writeAll(fs: WriteFs, fd: number, data: Uint8Array, position: number | null): void {
  let done = 0;
  while (done < data.length) {
    const n = fs.writeSync(fd, data, done, data.length - done, position === null ? null : position + done);
    if (!(n > 0)) throw Object.assign(new Error("no space left on device"), { code: "ENOSPC" });
    done += n;
  }
}

/** Follows symbolic links from `file` to the path that is really written, also when the last link dangles. */
function resolveTarget(fs: WriteFs, file: string): string {
  let current = file;
  for (let hops = 0; hops < 40; hops++) {
    let st;
    try {
      st = fs.lstatSync(current);
    } catch {
      return current; // does not exist yet: created here
    }
    if (!st.isSymbolicLink()) return current;
    current = path.resolve(path.dirname(current), fs.readlinkSync(current));
  }
  throw new CliError(`open ${file}: ${ERRNO_TEXT.ELOOP}`);
}

/**
 * Refuses a file the user may not write. The temporary-file-and-rename strategy only needs a writable directory,
 * so without this check a read-only (0444) file would be replaced; root, whom the kernel lets write anything, is
 * refused a file nobody has write permission on, as editors and `sed -i` users expect.
 */
function checkWritable(fs: WriteFs, file: string, target: string, mode: number): void {
  const root = typeof process.getuid === "function" && process.getuid() === 0;
  let writable = (mode & 0o222) !== 0;
  if (writable && !root) {
    try {
      fs.accessSync(target, nodeFs.constants.W_OK);
    } catch {
      writable = false;
    }
  }
  if (!writable) throw new CliError(`open ${file}: permission denied (the file is read-only)`);
}

/** Errors that mean "no temporary file can be created in this directory", where an in-place write may still work. */
const NO_TEMP_HERE = new Set(["EACCES", "EPERM"]);

/**
 * Replaces `file` with `data`: checked (every byte written, flushed; a full disk is an error and the old contents
 * stay) and atomic where the file system allows.
 *
 * - Symbolic links are followed: the link's target is rewritten and the link stays a link.
 * - Normally a temporary file beside the target is written, flushed and renamed over it, with the target's mode
 *   and owner; SIGINT/SIGTERM remove it.
 * - The file is rewritten in place when replacing it would lose something: it has other hard links, its owner
 *   cannot be given to a new file, or no temporary file can be created in its directory.
 * - A read-only file is refused (see `checkWritable`); a device or pipe is written to as it is.
 */
export function writeFileAtomic(file: string, data: string | Uint8Array, fs: WriteFs = nodeFs): void {
  const bytes = typeof data === "string" ? Buffer.from(data) : data;
  const target = resolveTarget(fs, file);
  let st: nodeFs.Stats | undefined;
  try {
    st = fs.statSync(target);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw new CliError(`stat ${file}: ${errnoText(e)}`);
  }
  if (st?.isDirectory()) throw new CliError(`open ${file}: ${ERRNO_TEXT.EISDIR}`);
  if (st) checkWritable(fs, file, target, st.mode);
  try {
    // A device or pipe (`-o /dev/stdout`) is written to, never replaced by a regular file.
    if (st && !st.isFile()) writeStream(fs, target, bytes);
    else if (st && st.nlink > 1) writeInPlace(fs, target, bytes, st.size);
    else if (!writeReplacing(fs, target, bytes, st)) writeInPlace(fs, target, bytes, st?.size ?? 0);
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(writeErrorMessage(file, e));
  }
}

function writeErrorMessage(file: string, e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === "ENOENT" || code === "ENOTDIR") {
    return `open ${file}: ${errnoText(e)} (the directory ${path.dirname(file)} does not exist)`;
  }
  return `${WRITE_ERRORS.has(code ?? "") ? "write" : "open"} ${file}: ${errnoText(e)}`;
}

/** Errors of writing bytes (the rest come from opening, creating or renaming). */
const WRITE_ERRORS = new Set(["ENOSPC", "EDQUOT", "EIO", "EFBIG"]);

/**
 * The temporary-file strategy. Returns false, having left nothing behind, when it cannot keep the file's owner
 * or create a temporary file in the directory; the caller then writes in place.
 */
function writeReplacing(fs: WriteFs, target: string, bytes: Uint8Array, st: nodeFs.Stats | undefined): boolean {
  const dir = path.dirname(target);
  const tmp = temporaryName(dir, path.basename(target));
  const mode = st ? st.mode & 0o7777 : 0o666 & ~process.umask();
  removeOnSignal(fs);
  let fd: number;
  try {
    fd = fs.openSync(tmp, "wx", 0o600);
  } catch (e) {
    if (st && NO_TEMP_HERE.has((e as NodeJS.ErrnoException).code ?? "")) return false;
    throw e;
  }
  liveTemps.add(tmp);
  const discard = () => {
    try {
      fs.unlinkSync(tmp);
    } catch {
      /* already gone */
    }
    liveTemps.delete(tmp);
  };
  let closed = false;
  try {
    if (st && !ownerMatches(st)) {
      try {
        fs.fchownSync(fd, st.uid, st.gid);
      } catch {
        fs.closeSync(fd);
        closed = true;
        discard();
        return false;
      }
    }
    fs.fchmodSync(fd, mode);
    writeAll(fs, fd, bytes, null);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    closed = true;
    fs.renameSync(tmp, target);
    liveTemps.delete(tmp);
    syncDirectory(fs, dir);
    return true;
  } catch (e) {
    if (!closed) {
      try {
        fs.closeSync(fd);
      } catch {
        /* reported below */
      }
    }
    discard();
    throw e;
  }
}

function ownerMatches(st: nodeFs.Stats): boolean {
  if (typeof process.getuid !== "function" || typeof process.getgid !== "function") return true;
  return st.uid === process.getuid() && st.gid === process.getgid();
}

/** Makes the rename itself durable; not every file system lets a directory be opened or flushed, hence best effort. */
function syncDirectory(fs: WriteFs, dir: string): void {
  try {
    const fd = fs.openSync(dir, "r");
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    /* best effort */
  }
}

/**
 * Rewrites the file through its own inode (keeps hard links, owner, mode). Not atomic against a crash, but a full
 * disk does not corrupt it: the part beyond the old size is written first, so running out of space happens while
 * the old contents are still intact (and the file is cut back to its old size); the rest then overwrites blocks
 * the file already has.
 */
function writeInPlace(fs: WriteFs, target: string, bytes: Uint8Array, oldSize: number): void {
  const fd = fs.openSync(target, nodeFs.constants.O_WRONLY | nodeFs.constants.O_CREAT, 0o666);
  try {
    if (bytes.length > oldSize) {
      try {
        writeAll(fs, fd, bytes.subarray(oldSize), oldSize);
        fs.fsyncSync(fd);
      } catch (e) {
        fs.ftruncateSync(fd, oldSize);
        throw e;
      }
    }
    writeAll(fs, fd, bytes.subarray(0, Math.min(oldSize, bytes.length)), 0);
    if (bytes.length < oldSize) fs.ftruncateSync(fd, bytes.length);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Writes to something that is not a regular file: every byte, nothing to flush or truncate. */
function writeStream(fs: WriteFs, target: string, bytes: Uint8Array): void {
  const fd = fs.openSync(target, "w");
  try {
    writeAll(fs, fd, bytes, null);
  } finally {
    fs.closeSync(fd);
  }
}

/** Creates the report's output directory, with a message that says which part is missing or not writable. */
export function makeDirectory(dir: string): void {
  try {
    nodeFs.mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw new CliError(`mkdir ${dir}: ${errnoText(e)}`);
  }
}
