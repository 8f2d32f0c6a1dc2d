/**
 * `alloy run FILE`: runs an Alloy (`otelcol.*`) or collector YAML configuration with runtime-lite behind an
 * OTLP/HTTP receiver on loopback, with `/-/healthy` and `/-/ready`. SIGINT/SIGTERM shut down gracefully,
 * flushing every batch before exit.
 */
import type { Command } from "commander";
import { Engine, graphFromAlloy, graphFromCollectorYaml, startServer } from "@alloy-ts/runtime-lite";
import { safeMessage } from "@alloy-ts/grammar";
import { CliError } from "../cli-error.js";
import { readInput, utf8Text } from "../io.js";

interface RunOptions {
  listen?: string;
  maxBodySize?: string;
}

export function register(program: Command): void {
  program
    .command("run")
    .description("Run an Alloy otelcol.* or OpenTelemetry Collector YAML pipeline with an OTLP/HTTP receiver")
    .argument("<file>", "configuration file (.alloy, or .yaml/.yml for collector YAML)")
    .option("--listen <host:port>", "address of the OTLP/HTTP receiver and health endpoints", "127.0.0.1:4318")
    .option("--max-body-size <bytes>", "largest accepted request body", String(20 * 1024 * 1024))
    .action((file: string, opts: RunOptions) => runRun(file, opts));
}

export async function runRun(file: string, opts: RunOptions): Promise<void> {
  const { name, bytes } = readInput(file, "validate");
  const text = utf8Text(name, bytes);
  const isYaml = /\.ya?ml$/i.test(name) || /^\s*(receivers|exporters|processors|service|connectors|extensions)\s*:/m.test(text);
  const graph = isYaml ? graphFromCollectorYaml(text) : graphFromAlloy(text, { fileName: name });
  const errors = graph.diagnostics.filter((d) => d.severity === "error");
  if (errors.length) throw new CliError(errors.map((d) => d.message).join("\n"));
  // Every log line goes through safeMessage: components log endpoints and errors that quote them, and a URL may
  // carry credentials (`http://user:pass@host`); debug output may quote control characters from the data.
  const log = (line: string) => process.stderr.write(`${safeMessage(line)}\n`);
  const engine = new Engine(graph, { live: true, log });
  for (const [id, reason] of engine.unverified) log(`warning: ${id}: ${reason}; it passes data through unchanged`);
  const m = /^(.*):(\d+)$/.exec(opts.listen ?? "127.0.0.1:4318");
  if (!m) throw new CliError(`invalid --listen address ${opts.listen}`);
  const server = await startServer({ engine, host: m[1].replace(/^\[|\]$/g, "") || "127.0.0.1", port: Number(m[2]), maxBodyBytes: Number(opts.maxBodySize) });
  process.stdout.write(`${safeMessage(`listening on ${server.url}`)}\n`);
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      void server.close().then(resolve);
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
  process.stdout.write(`stopped after ${server.stats.accepted} accepted, ${server.stats.rejected} rejected and ${server.stats.refused} refused requests\n`);
}
