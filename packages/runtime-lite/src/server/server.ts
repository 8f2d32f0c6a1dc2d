/**
 * The OTLP/HTTP front end of `alloy run`: POST /v1/traces|metrics|logs with JSON or protobuf bodies (optionally
 * gzip-encoded), handed to every OTLP receiver of the engine; `/-/healthy` and `/-/ready` as Alloy serves them.
 * Bad bodies get 400 with the reason, oversized ones 413; the server keeps serving either way. While a component
 * wired to a receiver refuses data (memory_limiter over its soft limit) requests get 503 before their body is read.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { gunzipSync } from "node:zlib";
import type { AddressInfo } from "node:net";
import type { Engine } from "../engine.js";
import { parseOtlpJson } from "../pdata/otlp-json.js";
import { decodeExportRequest } from "../pdata/otlp-proto.js";
import type { Signal } from "../pdata/types.js";

export interface ServerOptions {
  engine: Engine;
  /** Defaults to 127.0.0.1. */
  host?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Largest accepted body in bytes (after decompression); default 20 MiB. */
  maxBodyBytes?: number;
  /** URL paths per signal; defaults to /v1/traces, /v1/metrics, /v1/logs. */
  paths?: Partial<Record<Signal, string>>;
  /** How long shutdown waits for open requests before cutting their connections; default 5000 ms. */
  shutdownGraceMs?: number;
}

export interface RunningServer {
  readonly port: number;
  readonly url: string;
  /** Requests accepted so far; rejected counts bad requests, refused counts 503s (memory_limiter, shutdown). */
  readonly stats: { accepted: number; rejected: number; refused: number };
  /** Stops accepting, finishes in-flight requests, then flushes every component (graceful shutdown). */
  close(): Promise<void>;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Largest declared body given its buffer before the bytes arrive (larger ones grow with what is received). */
const PREALLOCATE_MAX = 1024 * 1024;

/**
 * The request body as one Buffer. With a declared content-length (what OTLP exporters send) of up to
 * PREALLOCATE_MAX the chunks are copied into one buffer of that size as they arrive; otherwise they are joined at
 * the end.
 */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const header = req.headers["content-length"];
    const declared = header === undefined ? -1 : Number(header);
    if (declared > limit) {
      req.resume();
      reject(new HttpError(413, `request body of ${declared} bytes exceeds the limit of ${limit} bytes`));
      return;
    }
    const sized = Number.isSafeInteger(declared) && declared >= 0 && declared <= PREALLOCATE_MAX ? Buffer.allocUnsafe(declared) : undefined;
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on("data", (c: Buffer) => {
      if (failed) return;
      if (size + c.length > limit) {
        failed = true;
        reject(new HttpError(413, `request body exceeds the limit of ${limit} bytes`));
        return;
      }
      // The HTTP parser delivers exactly content-length bytes, so a sized body never overflows.
      if (sized) c.copy(sized, size);
      else chunks.push(c);
      size += c.length;
    });
    req.on("end", () => {
      if (failed) return;
      resolve(sized ? sized.subarray(0, size) : Buffer.concat(chunks));
    });
    req.on("error", (e) => !failed && reject(new HttpError(400, e.message)));
  });
}

/** Starts the server; resolves once it is listening. */
export function startServer(options: ServerOptions): Promise<RunningServer> {
  const { engine } = options;
  const limit = options.maxBodyBytes ?? 20 * 1024 * 1024;
  const paths: Record<string, Signal> = {};
  for (const s of ["traces", "metrics", "logs"] as Signal[]) paths[options.paths?.[s] ?? `/v1/${s}`] = s;
  const receivers = engine.receivers().filter((r) => r.type === "otlp");
  const stats = { accepted: 0, rejected: 0, refused: 0 };
  let closing = false;

  // While shutting down every response closes its connection, so keep-alive clients cannot hold the server open.
  const headers = (type: string): Record<string, string> => (closing ? { "content-type": type, connection: "close" } : { "content-type": type });
  const reply = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, headers("application/json"));
    res.end(JSON.stringify(body));
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = (req.url ?? "/").split("?")[0];
    if (req.method === "GET" && url === "/-/healthy") return void res.writeHead(200).end("All Alloy components are healthy.\n");
    if (req.method === "GET" && url === "/-/ready") return void (closing ? res.writeHead(503).end("Alloy is shutting down.\n") : res.writeHead(200).end("Alloy is ready.\n"));
    const signal = paths[url];
    if (!signal) return reply(res, 404, { code: 5, message: `no handler for ${url}` });
    if (req.method !== "POST") return reply(res, 405, { code: 12, message: `method ${req.method} not allowed, use POST` });
    try {
      // Refuse before reading: a body the pipeline would refuse is drained unread, never buffered or decoded.
      for (const r of receivers) {
        const reason = engine.refusal(r.id, signal);
        if (reason !== undefined) {
          req.resume();
          throw new HttpError(503, reason);
        }
      }
      let body = await readBody(req, limit);
      const encoding = String(req.headers["content-encoding"] ?? "").toLowerCase();
      if (encoding === "gzip") {
        try {
          body = gunzipSync(body, { maxOutputLength: limit });
        } catch (e) {
          const tooBig = (e as { code?: string }).code === "ERR_BUFFER_TOO_LARGE";
          throw new HttpError(tooBig ? 413 : 400, tooBig ? `decompressed body exceeds the limit of ${limit} bytes` : `invalid gzip body: ${(e as Error).message}`);
        }
      } else if (encoding !== "" && encoding !== "identity") throw new HttpError(400, `unsupported content encoding ${encoding}`);
      const type = String(req.headers["content-type"] ?? "").split(";")[0].trim().toLowerCase();
      let parsed;
      if (type === "application/json") parsed = parseOtlpJson(signal, body.toString("utf8"));
      else if (type === "application/x-protobuf" || type === "application/protobuf") parsed = decodeExportRequest(signal, body);
      else throw new HttpError(415, `unsupported content type "${type}"; use application/json or application/x-protobuf`);
      if ("error" in parsed) throw new HttpError(400, parsed.error);
      // 200 only when every receiver took the payload: an acknowledged payload is never lost on shutdown.
      for (const [i, r] of receivers.entries()) {
        const outcome = engine.accept(r.id, i === receivers.length - 1 ? parsed : structuredClone(parsed));
        if (outcome.status === "stopped") throw new HttpError(503, "the server is shutting down");
        if (outcome.status === "refused") throw new HttpError(503, outcome.reason);
      }
      stats.accepted++;
      if (type === "application/json") reply(res, 200, {});
      else res.writeHead(200, headers("application/x-protobuf")).end();
    } catch (e) {
      const status = e instanceof HttpError ? e.status : 500;
      if (status === 503) stats.refused++;
      else stats.rejected++;
      // gRPC status codes as OTLP/HTTP carries them: INVALID_ARGUMENT, RESOURCE_EXHAUSTED, UNAVAILABLE, INTERNAL.
      reply(res, status, { code: status === 400 ? 3 : status === 413 ? 8 : status === 503 ? 14 : 13, message: (e as Error).message });
    }
  };

  const server = createServer((req, res) => void handle(req, res));
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => {
      const port = (server.address() as AddressInfo).port;
      const host = options.host ?? "127.0.0.1";
      resolve({
        port,
        url: `http://${host.includes(":") ? `[${host}]` : host}:${port}`,
        stats,
        close: async () => {
          closing = true;
          await new Promise<void>((r) => {
            const cut = setTimeout(() => server.closeAllConnections(), options.shutdownGraceMs ?? 5000);
            server.close(() => {
              clearTimeout(cut);
              r();
            });
            server.closeIdleConnections();
          });
          await engine.shutdown();
        },
      });
    });
  });
}
