/**
 * Standard output and error for the short commands (`fmt`, `validate`, `convert`). Node builds `process.stdout` and
 * `process.stderr` on first use, and for a pipe that loads `net` and the stream machinery: measured at 2.5–3 ms of a
 * run that takes 30 ms above a bare Node start. These commands write whole texts once, so they write to the file
 * descriptors directly, as Node's own streams do for files and (on Linux) pipes: synchronously, in order.
 */
import fs from "node:fs";
import { createRequire } from "node:module";

const STDOUT = 1;
const STDERR = 2;

/** A reader that went away (`alloy fmt big.alloy | head`) ends the process quietly: not an error of ours. */
function closedOutput(): never {
  process.exit(process.exitCode ?? 0);
}

/** Sleeps `ms` milliseconds without spinning (a non-blocking pipe that is full). */
function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function writeAll(fd: number, data: string | Uint8Array): void {
  if (data.length === 0) return;
  const bytes = typeof data === "string" ? Buffer.from(data, "utf8") : data;
  let done = 0;
  while (done < bytes.length) {
    try {
      done += fs.writeSync(fd, bytes, done, bytes.length - done);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === "EAGAIN") pause(1); // the other end set the pipe non-blocking and it is full: wait for the reader
      else if (code === "EPIPE") closedOutput();
      else throw e;
    }
  }
}

export function writeStdout(data: string | Uint8Array): void {
  writeAll(STDOUT, data);
}

export function writeStderr(data: string | Uint8Array): void {
  writeAll(STDERR, data);
}

/**
 * Whether standard output is a terminal, without building `process.stdout`. Node's `tty` module loads `net` (2 ms
 * measured), so it is asked only about a character device: files and pipes, what CI and hooks write to, are not.
 */
export function stdoutIsTerminal(): boolean {
  try {
    if (!fs.fstatSync(STDOUT).isCharacterDevice()) return false;
  } catch {
    return false;
  }
  return (createRequire(import.meta.url)("node:tty") as typeof import("node:tty")).isatty(STDOUT);
}

/**
 * Makes a reader that goes away end the process quietly when output goes through `process.stdout`/`stderr`
 * (commander's help, the long-running commands). The handler is attached when a stream is first built, so a command
 * that never uses the streams never builds them.
 */
export function quietOnClosedOutput(): void {
  for (const name of ["stdout", "stderr"] as const) {
    const quiet = (stream: NodeJS.WriteStream): NodeJS.WriteStream =>
      stream.on("error", (e: NodeJS.ErrnoException) => {
        if (e.code === "EPIPE") closedOutput();
        throw e;
      });
    const desc = Object.getOwnPropertyDescriptor(process, name);
    if (desc?.get === undefined || desc.configurable !== true) {
      quiet(process[name]);
      continue;
    }
    const build = desc.get;
    Object.defineProperty(process, name, {
      configurable: true,
      enumerable: desc.enumerable,
      get() {
        const stream = quiet(build.call(process) as NodeJS.WriteStream);
        Object.defineProperty(process, name, { configurable: true, enumerable: desc.enumerable, get: () => stream });
        return stream;
      },
    });
  }
}
