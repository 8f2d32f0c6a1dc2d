/**
 * The `alloy` command. Sub-commands live in ./commands, one file each, each exporting `register(program)`.
 * Errors follow upstream's cobra conventions (spec alloy-cli §1): `Error: <message>` on stderr and exit status 1.
 */
import { Command, CommanderError } from "commander";
import { CliError, reportFailure } from "./cli-error.js";

const VERSION = "0.1.0";

type CommandModule = { register(program: Command): void };

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
};

/** The modules needed for this command line: only the named sub-command's, or all of them (help, unknown). */
async function loadCommands(argv: string[]): Promise<CommandModule[]> {
  const first = argv.find((a) => !a.startsWith("-"));
  const loaders = first !== undefined && COMMANDS[first] ? [COMMANDS[first]] : [...new Set(Object.values(COMMANDS))];
  const modules = await Promise.all(loaders.map((load) => load()));
  return [...new Set(modules)];
}

/** Builds the command tree; every sub-command module registers itself here. */
export function buildProgram(modules: CommandModule[]): Command {
  const program = new Command("alloy");
  program
    .description("Alloy toolchain: format, convert and validate Alloy and OpenTelemetry Collector configurations")
    .version(`alloy-toolchain ${VERSION}`, "-v, --version")
    .showHelpAfterError(false)
    .configureOutput({ writeErr: () => undefined })
    .exitOverride();
  for (const m of modules) m.register(program);
  for (const cmd of program.commands) cmd.exitOverride().configureOutput({ writeErr: () => undefined });
  return program;
}

/** Maps commander's parse errors onto cobra's wording. */
function commanderMessage(e: CommanderError): string {
  const m = /'([^']+)'/.exec(e.message);
  const opt = m?.[1] ?? "";
  switch (e.code) {
    case "commander.unknownOption":
      if (/^-[^-]/.test(opt)) return `unknown shorthand flag: '${opt[1]}' in ${opt}`;
      return `unknown flag: ${opt}`;
    case "commander.unknownCommand":
      return `unknown command "${opt}" for "alloy"`;
    case "commander.excessArguments":
      return e.message.replace(/^error: /, "");
    case "commander.optionMissingArgument":
      return `flag needs an argument: ${opt.split(/[ ,]/).pop()}`;
    default:
      return e.message.replace(/^error: /, "");
  }
}

/** Runs the command line; never throws (failures set the exit status). */
export async function main(argv: string[]): Promise<void> {
  const program = buildProgram(await loadCommands(argv));
  try {
    await program.parseAsync(argv, { from: "user" });
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === "commander.helpDisplayed" || e.code === "commander.version" || e.code === "commander.help") {
        process.exitCode = 0;
        return;
      }
      reportFailure(commanderMessage(e));
      return;
    }
    if (e instanceof CliError) {
      reportFailure(e.message);
      return;
    }
    // An internal failure: still no stack trace for the user, but say clearly what happened.
    const message = e instanceof Error ? e.message : String(e);
    reportFailure(`internal error: ${message}`);
    if (process.env.ALLOY_DEBUG) console.error(e);
  }
}

