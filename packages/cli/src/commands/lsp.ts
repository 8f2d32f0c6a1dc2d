/** `alloy lsp --stdio`: runs the language server over standard input/output (the only transport offered). */
import type { Command } from "commander";
import { runStdioServer } from "@alloy-ts/lsp/stdio";
import { CliError } from "../cli-error.js";
import { loadService } from "../lsp-service.js";

export function register(program: Command): void {
  program
    .command("lsp")
    .description("Run the Alloy language server (Language Server Protocol 3.17) for editors")
    .option("--stdio", "communicate over standard input and output")
    .action((opts: { stdio?: boolean }) => {
      if (!opts.stdio) throw new CliError("alloy lsp needs --stdio (the only supported transport)");
      runStdioServer(loadService);
    });
}
