/**
 * Upstream's failure convention (spec alloy-cli §1): cobra prints `Error: <message>` to stderr, then the binary's
 * main logs `<date time> collector server run finished with error: <message>` and exits with status 1.
 */

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

/** Writes the upstream-style failure lines to stderr and sets exit status 1. */
export function reportFailure(message: string): void {
  process.stderr.write(`Error: ${message}\n${timestamp()} collector server run finished with error: ${message}\n`);
  process.exitCode = 1;
}
