/**
 * Reading an input with a size limit: `readFileSync` of a device or pipe that never ends (`alloy fmt /dev/zero`)
 * grows without bound until the process runs out of memory. Reading stops, with an error, past the limit.
 */
import { closeSync, fstatSync, openSync, readSync, statSync } from "node:fs";
import { CliError } from "./cli-error.js";
import { STDIN_NAME, statErrorMessage } from "./io.js";

/** Largest input read, in bytes: well above any real configuration, well below what exhausts memory. */
export const MAX_INPUT_BYTES = 128 << 20;

const CHUNK = 1 << 20;

/**
 * Reads a file argument (or stdin for `-`/none) like `readInput`, failing with `NAME: input is larger than the
 * 128 MiB limit` instead of reading more than `limit` bytes. `roomBefore`: a regular file's bytes are read into
 * the second half of a buffer twice their size, for `SourceFile.fromBytes(…, true, true)` to decode them in place
 * (`roomBefore` in the result tells whether they were); the first half is never touched for an ASCII input.
 */
export function readInputCapped(
  file: string | undefined,
  what: "format" | "convert" | "validate",
  limit = MAX_INPUT_BYTES,
  roomBefore = false,
): { name: string; bytes: Buffer; roomBefore: boolean } {
  const name = file === undefined || file === "-" ? STDIN_NAME : file;
  let fd: number;
  if (name === STDIN_NAME) fd = 0;
  else {
    let st;
    try {
      st = statSync(file!);
    } catch (e) {
      throw new CliError(statErrorMessage(file!, e));
    }
    if (st.isDirectory()) throw new CliError(`cannot ${what} a directory`);
    try {
      fd = openSync(file!, "r");
    } catch (e) {
      throw new CliError(statErrorMessage(file!, e).replace(/^stat /, "open "));
    }
  }
  try {
    const tooLarge = (): CliError => new CliError(`${name}: input is larger than the ${limit >= 1 << 20 ? `${limit / (1 << 20)} MiB` : `${limit} byte`} limit`);
    // A regular file's size is known: refuse at once rather than after reading it.
    const st = fstatSync(fd);
    const size = st.isFile() && st.size > 0 ? st.size : -1;
    if (size > limit) throw tooLarge();
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const length = size >= 0 ? Math.min(size - total + 1, limit + 1 - total) || 1 : Math.min(CHUNK, limit + 1 - total);
      const room = roomBefore && total === 0 && size > 0 ? size : 0;
      const buf = room > 0 ? Buffer.allocUnsafeSlow(room + length).subarray(room) : Buffer.allocUnsafe(length);
      let n: number;
      try {
        n = readSync(fd, buf, 0, buf.length, null);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === "EAGAIN") continue; // non-blocking standard input: wait for more
        if (code === "EOF") break;
        throw e;
      }
      if (n === 0) break;
      total += n;
      if (total > limit) throw tooLarge();
      chunks.push(n === buf.length ? buf : buf.subarray(0, n));
    }
    if (chunks.length === 1) {
      const bytes = chunks[0]!;
      // The room is the bytes' own length before them only when the file had the size it was stat'ed at.
      return { name, bytes, roomBefore: roomBefore && size > 0 && bytes.byteOffset === size && bytes.length === size };
    }
    return { name, bytes: Buffer.concat(chunks, total), roomBefore: false };
  } finally {
    if (fd !== 0) closeSync(fd);
  }
}
