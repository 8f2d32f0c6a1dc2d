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
 * 128 MiB limit` instead of reading more than `limit` bytes.
 */
export function readInputCapped(file: string | undefined, what: "format" | "convert" | "validate", limit = MAX_INPUT_BYTES): { name: string; bytes: Buffer } {
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
      const buf = Buffer.allocUnsafe(size >= 0 ? Math.min(size - total + 1, limit + 1 - total) || 1 : Math.min(CHUNK, limit + 1 - total));
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
    return { name, bytes: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total) };
  } finally {
    if (fd !== 0) closeSync(fd);
  }
}
