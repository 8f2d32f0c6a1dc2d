/**
 * How a failed command ends (spec alloy-cli §1): `Error: <message>` on stderr and exit status 1. Upstream's binary
 * then logs the same message a second time (`<date time> collector server run finished with error: <message>`,
 * from its `main`); that second line is printed only under `--compat=upstream`, so an error is said once.
 */
import { safeMessage } from "@alloy-ts/grammar";
import { writeStderr } from "./stdio.js";

/** A command failure carrying the message upstream would print after `Error: `. */
export class CliError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CliError";
  }
}

function timestamp(d = new Date()): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}/${p(d.getMonth() + 1)}/${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

/** Whether upstream's second, timestamped error line is wanted (`--compat=upstream` on the command line). */
let upstreamErrorLog = false;

export function setUpstreamErrorLog(on: boolean): void {
  upstreamErrorLog = on;
}

/**
 * Writes the failure to stderr and sets exit status 1. The message is made safe first: it may quote input, so
 * control characters are escaped and URL credentials hidden.
 */
export function reportFailure(message: string): void {
  const text = safeMessage(message);
  writeStderr(`Error: ${text}\n${upstreamErrorLog ? `${timestamp()} collector server run finished with error: ${text}\n` : ""}`);
  process.exitCode = 1;
}
