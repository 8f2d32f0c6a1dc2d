/**
 * The `alloy` command. Sub-commands live in ./commands, one file each, each exporting `register(program)`.
 * Errors follow upstream's cobra conventions (spec alloy-cli §1): `Error: <message>` on stderr and exit status 1.
 */
import { Command, CommanderError } from "commander";
import { CliError, reportFailure } from "./cli-error.js";
import { register as registerFmt } from "./commands/fmt.js";
import { register as registerLsp } from "./commands/lsp.js";
import { register as registerConvert } from "./commands/convert.js";
import { register as registerValidate } from "./commands/validate.js";
import { register as registerTools } from "./commands/tools.js";
import { register as registerVerify } from "./commands/verify.js";
import { register as registerRun } from "./commands/run.js";

const VERSION = "0.1.0";

/** Builds the command tree; every sub-command module registers itself here. */
export function buildProgram(): Command {
  const program = new Command("alloy");
  program
    .description("Alloy toolchain: format, convert and validate Alloy and OpenTelemetry Collector configurations")
    .version(`alloy-toolchain ${VERSION}`, "-v, --version")
    .showHelpAfterError(false)
    .configureOutput({ writeErr: () => undefined })
    .exitOverride();
  registerFmt(program);
  registerLsp(program);
  registerConvert(program);
  registerValidate(program);
  registerTools(program);
  registerVerify(program);
  registerRun(program);
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
  const program = buildProgram();
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

