/** Starts the bundled `alloy run` as a child process on an ephemeral loopback port. */
import { spawn, type ChildProcessByStdio } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Readable } from "node:stream";
import { encodeExportRequest, type Telemetry } from "@alloy-ts/runtime-lite";
import { repoRoot } from "../../support/shared.js";

/** The `alloy` command (it loads the CLI bundle); tests that need it skip when the bundle has not been built. */
export const bundle = path.join(repoRoot, "packages", "cli", "bin", "alloy.cjs");
export const haveBundle = existsSync(path.join(repoRoot, "packages", "cli", "dist", "bundle", "alloy.mjs"));

export interface AlloyProcess {
  url: string;
  /** host:port of the OTLP/gRPC receiver, when the configuration enables one. */
  grpc?: string;
  child: ChildProcessByStdio<null, Readable, Readable>;
  /** Everything written to stderr so far. */
  stderr(): string;
  /** Sends a signal and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * Runs `alloy run <config> --listen 127.0.0.1:0` and resolves once it prints its address (and, with `grpc`, its
 * OTLP/gRPC address; `--grpc-listen 127.0.0.1:0` is passed unless extraArgs names one).
 */
export function startAlloyRun(config: string, env: Record<string, string>, extraArgs: string[] = [], grpc = false): Promise<AlloyProcess> {
  const grpcArgs = grpc && !extraArgs.includes("--grpc-listen") ? ["--grpc-listen", "127.0.0.1:0"] : [];
  const child = spawn(process.execPath, [bundle, "run", config, "--listen", "127.0.0.1:0", ...grpcArgs, ...extraArgs], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stderr.on("data", (d) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`alloy run did not start; stdout=${stdout} stderr=${stderr}`));
    }, 20_000);
    void exited.then((code) => reject(new Error(`alloy run exited with ${code}; stderr=${stderr}`)));
    child.stdout.on("data", (d) => {
      stdout += d;
      const m = /listening on (\S+)/.exec(stdout);
      const g = /listening for OTLP\/gRPC on (\S+)/.exec(stdout);
      if (!m || (grpc && !g)) return;
      clearTimeout(timer);
      resolve({
        url: m[1]!,
        grpc: g?.[1],
        child,
        stderr: () => stderr,
        stop: (signal = "SIGTERM") => {
          child.kill(signal);
          return exited;
        },
      });
    });
  });
}

/** Every span in a file exporter's output (one OTLP/JSON document per line). */
export function spansInFile(file: string): { resource: any; span: any }[] {
  if (!existsSync(file)) return [];
  const out: { resource: any; span: any }[] = [];
  for (const line of readFileSync(file, "utf8").split("\n")) {
    if (!line.trim()) continue;
    for (const rs of JSON.parse(line).resourceSpans ?? []) for (const ss of rs.scopeSpans ?? []) for (const span of ss.spans ?? []) out.push({ resource: rs.resource, span });
  }
  return out;
}

/** An attribute's value in OTLP/JSON form, unwrapped (`{stringValue: "x"}` → "x"). */
export function attr(attrs: { key: string; value: Record<string, unknown> }[] | undefined, key: string): unknown {
  const kv = (attrs ?? []).find((a) => a.key === key);
  return kv ? Object.values(kv.value)[0] : undefined;
}

const hex = (n: number, width: number) => n.toString(16).padStart(width, "0");

/** One request of `spans` spans with IDs derived from (sender, sequence), so every span is identifiable. */
export function identifiedRequest(sender: number, seq: number, spans: number): { body: Uint8Array; ids: string[] } {
  const ids: string[] = [];
  const list = [];
  for (let k = 0; k < spans; k++) {
    const spanId = hex(sender, 4) + hex(seq, 8) + hex(k, 4);
    ids.push(spanId);
    list.push({
      traceId: hex(sender, 8) + hex(seq, 24),
      spanId,
      name: `op-${k}`,
      kind: 2,
      startTimeUnixNano: "1704067200000000000",
      endTimeUnixNano: "1704067200001000000",
      attributes: [{ key: "seq", value: { intValue: String(seq) } }],
    });
  }
  const t: Telemetry = { signal: "traces", data: { resourceSpans: [{ resource: { attributes: [{ key: "service.name", value: { stringValue: `sender-${sender}` } }] }, scopeSpans: [{ scope: { name: "load" }, spans: list }] }] } };
  return { body: encodeExportRequest(t), ids };
}
