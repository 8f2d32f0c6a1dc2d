/**
 * `alloy fmt`: upstream's flags, messages and exit codes (spec alloy-cli §2), plus several files per invocation,
 * `--check` (list the files that would change, exit 1) and `--compat=upstream` (upstream's exact bytes, including
 * the printer quirks that change meaning), which upstream does not have. Inputs are read up to a size limit.
 */
import type { Command } from "commander";
import { formatTo, safeMessage, SourceFile } from "@alloy-ts/grammar";
import { CliError } from "../cli-error.js";
import { STDIN_NAME, writeFileAtomic } from "../io.js";
import { readInputCapped } from "../read-limit.js";
import { writeStderr, writeStdout } from "../stdio.js";
import { DISCARDED_OUTPUT, HeldOutput, SPILL_BYTES } from "../held-output.js";
import { HOLD_YOUNG_GENERATION_BYTES, holdYoungGeneration } from "../young-generation.js";

interface FmtOptions {
  write?: boolean;
  test?: boolean;
  check?: boolean;
  compat?: string;
}

export function register(program: Command): void {
  program
    .command("fmt")
    .alias("format")
    .description("Format Alloy configuration files canonically (reads standard input when no file or - is given)")
    .argument("[files...]", "files to format; - or none reads standard input")
    .option("-w, --write", "write the result back to the file instead of standard output")
    .option("-t, --test", "only check: fail when formatting would change the input")
    .option("--check", "list the files whose formatting would change and exit 1 if there are any")
    .option("--compat <mode>", "\"upstream\": reproduce upstream's output exactly, including the quirks that change what a file means")
    .action((files: string[], opts: FmtOptions) => runFmt(files, opts));
}

export async function runFmt(files: string[], opts: FmtOptions): Promise<void> {
  if (opts.compat !== undefined && opts.compat !== "upstream") {
    throw new CliError(`invalid value "${opts.compat}" for --compat: only "upstream" is supported`);
  }
  if (opts.write && (opts.test || opts.check)) throw new CliError("cannot use -w/--write and -t/--test at the same time");
  const targets = files.length === 0 ? ["-"] : files;
  if (opts.write && targets.includes("-")) throw new CliError("cannot use -w with standard input");
  if (targets.filter((f) => f === "-").length > 1) throw new CliError("standard input can only be given once");

  const unformatted: string[] = [];
  let failed: CliError | undefined;
  for (const [i, target] of targets.entries()) {
    // Between files, let a pending SIGINT/SIGTERM be handled (io.ts removes temporary files, then the process
    // stops): every write is synchronous, so a signal never lands in the middle of one.
    if (opts.write && i > 0) await new Promise((resolve) => setImmediate(resolve));
    try {
      const changed = formatOne(target, opts);
      if (changed) unformatted.push(target === "-" ? STDIN_NAME : target);
    } catch (e) {
      if (!(e instanceof CliError)) throw e;
      if (targets.length === 1) throw e;
      writeStderr(`Error: ${safeMessage(e.message)}\n`);
      failed = new CliError("encountered errors during formatting");
    }
  }
  if (opts.check && unformatted.length) {
    for (const f of unformatted) writeStdout(`${f}\n`);
    throw failed ?? new CliError(`${unformatted.length} file(s) are not formatted correctly`);
  }
  if (failed) throw failed;
}

/**
 * Formats one input; returns whether its formatting differs from the input bytes. The output is printed in pieces
 * and held until the whole input has formatted (a syntax error at the end writes nothing): in memory, or for a large
 * output in a temporary file (held-output.ts); `--check` and `--test` keep none of it. The input's code units (an
 * ASCII input's bytes as read, see `SourceFile.fromBytes`) are then most of the memory a large file takes.
 */
function formatOne(target: string, opts: FmtOptions): boolean {
  const source = readSource(target);
  const name = source.name;
  // `-w` writes the whole output at once (writeFileAtomic), so it is held in memory.
  const held = new HeldOutput(opts.write ? Infinity : SPILL_BYTES);
  try {
    const result = formatTo(source, opts.check || opts.test ? DISCARDED_OUTPUT : held, { compat: opts.compat === "upstream" ? "upstream" : undefined });
    if (!result.ok) {
      const lines = result.diagnostics.map((d) => `${safeMessage(result.source.formatPosition(d.range.start))}: ${safeMessage(d.message)}\n`);
      writeStderr(lines.join(""));
      throw new CliError("encountered errors during formatting");
    }
    const changed = result.changed;
    if (opts.check) return changed;
    if (opts.test) {
      if (changed) throw new CliError(`file ${name} is not formatted correctly`);
      return changed;
    }
    if (opts.write) {
      if (changed) writeFileAtomic(target, held.joined());
      return changed;
    }
    held.drain(writeStdout);
    return changed;
  } finally {
    held.dispose();
  }
}

/**
 * The input as a source file, its bytes handed over. They are not referenced from the caller's frame: a
 * non-ASCII input is decoded into the room read before its bytes and over them (an ASCII input's bytes are its
 * code units).
 */
function readSource(target: string): SourceFile {
  const { name, bytes, roomBefore } = readInputCapped(target, "format", undefined, true);
  if (bytes.length >= HOLD_YOUNG_GENERATION_BYTES) holdYoungGeneration();
  return SourceFile.fromBytes(name, bytes, true, roomBefore);
}
