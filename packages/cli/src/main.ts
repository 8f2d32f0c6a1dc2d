/**
 * The `alloy` command with every sub-command. Sub-commands live in ./commands, one file each, each exporting
 * `register(program)`; the command tree and error conventions are in ./program.ts.
 */
import { run, type CommandModule } from "./program.js";

/**
 * Sub-commands by name (aliases included), loaded lazily: `alloy fmt` must not pay for loading the converter,
 * validator or language server (the bundle is split per command; see scripts/bundle.mjs).
 */
const COMMANDS: Record<string, () => Promise<CommandModule>> = {
  fmt: () => import("./commands/fmt.js"),
  format: () => import("./commands/fmt.js"),
  convert: () => import("./commands/convert.js"),
  validate: () => import("./commands/validate.js"),
  tools: () => import("./commands/tools.js"),
  lsp: () => import("./commands/lsp.js"),
  verify: () => import("./commands/verify.js"),
  run: () => import("./commands/run.js"),
  report: () => import("./commands/report.js"),
  build: () => import("./commands/build.js"),
  graph: () => import("./commands/graph.js"),
  playground: () => import("./commands/playground.js"),
};

/** The modules needed for this command line: only the named sub-command's, or all of them (help, unknown). */
async function loadCommands(argv: string[]): Promise<CommandModule[]> {
  const first = argv.find((a) => !a.startsWith("-"));
  const loaders = first !== undefined && COMMANDS[first] ? [COMMANDS[first]] : [...new Set(Object.values(COMMANDS))];
  const modules = await Promise.all(loaders.map((load) => load()));
  return [...new Set(modules)];
}

/** Runs the command line; never throws (failures set the exit status). */
export async function main(argv: string[]): Promise<void> {
  await run(argv, await loadCommands(argv));
}
