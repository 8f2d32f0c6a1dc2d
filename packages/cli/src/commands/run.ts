/**
 * `alloy run FILE`: runs an Alloy (`otelcol.*`) or collector YAML configuration with runtime-lite behind an
 * OTLP/HTTP receiver (and OTLP/gRPC when a receiver enables `grpc`) on loopback, with `/-/healthy`, `/-/ready`
 * and `POST /-/reload`. The configuration is reloaded when the file changes, on SIGHUP and on `/-/reload`; a file
 * that does not load leaves the running graph in place and `/-/ready` reports why. SIGINT/SIGTERM shut down
 * gracefully, flushing every batch and queue before exit.
 */
import { createHash } from "node:crypto";
import { watch, type FSWatcher } from "node:fs";
import path from "node:path";
import type { Command } from "commander";
import { safeMessage } from "@alloy-ts/grammar";
import { Engine, envDetector, receiversOf, graphFromAlloy, graphFromCollectorYaml, renderTap, RuntimeCode, startServer, Tap, type EngineHolder } from "@alloy-ts/runtime-lite";
import { CliError } from "../cli-error.js";
import { readInputCapped } from "../read-limit.js";
import { utf8Text } from "../io.js";

interface RunOptions {
  listen?: string;
  grpcListen?: string;
  maxBodySize?: string;
  maxInflightBytes?: string;
  requestTimeout?: string;
  tap?: boolean;
  tapItems?: string;
  watch?: boolean;
}

export function register(program: Command): void {
  program
    .command("run")
    .description("Run an Alloy otelcol.* or OpenTelemetry Collector YAML pipeline with OTLP/HTTP and OTLP/gRPC receivers")
    .argument("<file>", "configuration file (.alloy, or .yaml/.yml for collector YAML)")
    .option("--listen <host:port>", "address of the OTLP/HTTP receiver and health endpoints", "127.0.0.1:4318")
    .option("--grpc-listen <host:port>", "address of the OTLP/gRPC receiver, served when an otlp receiver enables grpc", "127.0.0.1:4317")
    .option("--max-body-size <bytes>", "largest accepted request body", String(20 * 1024 * 1024))
    .option("--max-inflight-bytes <bytes>", "request bytes held at once over all requests before refusing with 429 (default: 4 x --max-body-size)")
    .option("--request-timeout <ms>", "time for a request's headers and body to arrive before it is answered 408", "30000")
    .option("--tap", "record per-component counts and the last payloads, served at /-/tap and printed on exit")
    .option("--tap-items <n>", "payloads the tap keeps per component", "5")
    .option("--no-watch", "do not reload the configuration when the file changes")
    .action((file: string, opts: RunOptions) => runRun(file, opts));
}

/** A whole positive number of bytes or milliseconds; anything else is a usage error, never a silent default. */
function positiveInteger(flag: string, value: string | undefined, allowZero = false): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value.trim()) || (!allowZero && Number(value) === 0) || !Number.isSafeInteger(Number(value)))
    throw new CliError(`invalid value "${value}" for ${flag}: expected a whole number${allowZero ? "" : " greater than 0"}`);
  return Number(value);
}

function address(flag: string, value: string): { host: string; port: number } {
  const m = /^(.*):(\d+)$/.exec(value);
  if (!m || Number(m[2]) > 65535) throw new CliError(`invalid value "${value}" for ${flag}: expected host:port`);
  return { host: m[1]!.replace(/^\[|\]$/g, "") || "127.0.0.1", port: Number(m[2]) };
}

interface Loaded {
  engine: Engine;
  /** Some otlp receiver enables the grpc protocol. */
  grpc: boolean;
  digest: string;
}

/** Builds the engine for the file's current contents; throws CliError with every problem when it cannot start. */
function load(file: string, tap: Tap | undefined): Loaded {
  const { name, bytes } = readInputCapped(file, "validate");
  const text = utf8Text(name, bytes);
  const isYaml = /\.ya?ml$/i.test(name) || /^\s*(receivers|exporters|processors|service|connectors|extensions)\s*:/m.test(text);
  const graph = isYaml ? graphFromCollectorYaml(text) : graphFromAlloy(text, { fileName: name });
  const errors = graph.diagnostics.filter((d) => d.severity === "error");
  if (errors.length) throw new CliError(errors.map((d) => d.message).join("\n"));
  // The env resource detector reads OTEL_RESOURCE_ATTRIBUTES when the graph is (re)loaded, as the collector does at start.
  const env = envDetector(process.env);
  if ("error" in env) throw new CliError(`OTEL_RESOURCE_ATTRIBUTES: ${env.error}`);
  const engine = new Engine(graph, { live: true, tap, environment: { detectors: { env: env.attributes } }, log: (line) => process.stderr.write(`${safeMessage(`${line}`)}\n`) });
  const startErrors = engine.diagnostics.filter((d) => d.severity === "error");
  // Receiver authenticators are resolved by the front ends; resolve them here so a file whose authenticator
  // cannot be enforced never starts, and never replaces a running graph on reload.
  for (const protocol of ["http", "grpc"] as const)
    try {
      receiversOf(engine, protocol);
    } catch (e) {
      startErrors.push({ severity: "error", code: RuntimeCode.componentStart, message: (e as Error).message });
    }
  if (startErrors.length) {
    void engine.shutdown();
    throw new CliError(startErrors.map((d) => d.message).join("\n"));
  }
  const grpc = engine.receivers().some((r) => r.type === "otlp" && (r.config.grpc !== undefined || (r.config.protocols !== null && typeof r.config.protocols === "object" && "grpc" in r.config.protocols)));
  return { engine, grpc, digest: createHash("sha256").update(bytes).digest("hex") };
}

export async function runRun(file: string, opts: RunOptions): Promise<void> {
  const maxBodyBytes = positiveInteger("--max-body-size", opts.maxBodySize ?? String(20 * 1024 * 1024))!;
  const maxInflightBytes = positiveInteger("--max-inflight-bytes", opts.maxInflightBytes);
  const requestTimeoutMs = positiveInteger("--request-timeout", opts.requestTimeout ?? "30000")!;
  const tapItems = positiveInteger("--tap-items", opts.tapItems ?? "5", true)!;
  const http = address("--listen", opts.listen ?? "127.0.0.1:4318");
  const grpcAt = address("--grpc-listen", opts.grpcListen ?? "127.0.0.1:4317");
  const tap = opts.tap ? new Tap(tapItems) : undefined;

  let current = load(file, tap);
  for (const [id, reason] of current.engine.unverified) process.stderr.write(`${safeMessage(`warning: ${id}: ${reason}; it passes data through unchanged`)}\n`);
  const holder: EngineHolder = { engine: current.engine };
  let reloadError: string | undefined;
  let reloading = Promise.resolve();

  /** Swaps in the file's new graph; the old one is shut down after the swap, so what it acknowledged is flushed. */
  const reload = (why: string): Promise<string | undefined> => {
    const run = reloading.then(async () => {
      let next: Loaded;
      try {
        next = load(file, tap);
      } catch (e) {
        reloadError = `configuration reload failed (${why}), the previous configuration keeps running: ${(e as Error).message}`;
        process.stderr.write(`${safeMessage(`${reloadError}`)}\n`);
        return reloadError;
      }
      reloadError = undefined;
      if (next.digest === current.digest) {
        void next.engine.shutdown();
        return undefined;
      }
      const old = current;
      current = next;
      holder.engine = next.engine;
      for (const [id, reason] of next.engine.unverified) process.stderr.write(`${safeMessage(`warning: ${id}: ${reason}; it passes data through unchanged`)}\n`);
      await old.engine.shutdown();
      process.stderr.write(`${safeMessage(`configuration reloaded (${why})`)}\n`);
      return undefined;
    });
    reloading = run.then(() => undefined);
    return run;
  };

  const server = await startServer({
    holder,
    host: http.host,
    port: http.port,
    grpcAddress: current.grpc ? `${grpcAt.host.includes(":") ? `[${grpcAt.host}]` : grpcAt.host}:${grpcAt.port}` : undefined,
    maxBodyBytes,
    maxInflightBytes,
    requestTimeoutMs,
    notReady: () => reloadError,
    routes: {
      "POST /-/reload": async (_req, res) => {
        const error = await reload("/-/reload");
        if (error) res.writeHead(400, { "content-type": "text/plain" }).end(`${error}\n`);
        else res.writeHead(200, { "content-type": "text/plain" }).end("config reloaded\n");
      },
      ...(tap
        ? {
            "GET /-/tap": (req, res) => {
              const snapshot = holder.engine.tap?.toJSON() ?? {};
              if (/[?&]format=text\b/.test(req.url ?? "")) res.writeHead(200, { "content-type": "text/plain" }).end(renderTap(snapshot, { payloads: true }));
              else res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(snapshot));
            },
          }
        : {}),
    },
  }).catch((e: Error) => {
    void holder.engine.shutdown();
    throw new CliError(e.message);
  });
  process.stdout.write(`${safeMessage(`listening on ${server.url}`)}\n`);
  if (server.grpcAddress) process.stdout.write(`${safeMessage(`listening for OTLP/gRPC on ${server.grpcAddress}`)}\n`);

  let watcher: FSWatcher | undefined;
  if (opts.watch !== false) {
    // The directory is watched, not the file: editors often replace a file by renaming a new one over it.
    let timer: NodeJS.Timeout | undefined;
    try {
      watcher = watch(path.dirname(path.resolve(file)), (_event, changed) => {
        if (changed !== null && changed !== path.basename(file)) return;
        clearTimeout(timer);
        timer = setTimeout(() => void reload("file changed"), 100);
      });
    } catch (e) {
      process.stderr.write(`${safeMessage(`warning: cannot watch ${file} for changes: ${(e as Error).message}`)}\n`);
    }
  }
  const onHup = () => void reload("SIGHUP");
  process.on("SIGHUP", onHup);
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      process.off("SIGHUP", onHup);
      watcher?.close();
      void reloading.then(() => server.close()).then(resolve);
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
  if (tap) process.stderr.write(renderTap(holder.engine.tap?.toJSON() ?? {}));
  process.stdout.write(`${safeMessage(`stopped after ${server.stats.accepted} accepted, ${server.stats.rejected} rejected and ${server.stats.refused} refused requests`)}\n`);
}
