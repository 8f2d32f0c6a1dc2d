/**
 * The `alloy` command tree: commander set up with upstream's cobra conventions (spec alloy-cli §1): `Error:
 * <message>` on stderr and exit status 1. Which sub-command modules it holds is the caller's choice (see main.ts
 * and entries/), so that a command line loads only the code it runs.
 */
import { Command, CommanderError } from "commander";
import { CliError, reportFailure, setUpstreamErrorLog } from "./cli-error.js";
import { VERSION } from "./generated/version.js";


/** A sub-command module: registers its command (and aliases) on the program. */
export type CommandModule = { register(program: Command): void };

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

/** Runs the command line with the given sub-command modules; never throws (failures set the exit status). */
export async function run(argv: string[], modules: CommandModule[]): Promise<void> {
  setUpstreamErrorLog(argv.some((a, i) => a === "--compat=upstream" || (a === "--compat" && argv[i + 1] === "upstream")));
  const program = buildProgram(modules);
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

