/**
 * The OTLP/HTTP front end of `alloy run`: POST /v1/traces|metrics|logs with JSON or protobuf bodies (optionally
 * gzip-encoded), handed to every OTLP receiver of the engine; `/-/healthy` and `/-/ready` as Alloy serves them.
 * Bad bodies get 400 with the reason, oversized ones 413; the server keeps serving either way. While a component
 * wired to a receiver refuses data (memory_limiter over its soft limit) requests get 503 before their body is read.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { gunzipSync } from "node:zlib";
import type { AddressInfo } from "node:net";
import type { Engine } from "../engine.js";
import { parseOtlpJson } from "../pdata/otlp-json.js";
import { decodeExportRequest } from "../pdata/otlp-proto.js";
import type { Signal } from "../pdata/types.js";
import { Code, httpStatusOf, type Refusal } from "../transport/status.js";
import { authenticate, deliver, precheck, receiversOf, type EngineHolder } from "./intake.js";
import { startGrpcServer } from "./grpc-server.js";

/** The gRPC code an OTLP/HTTP error body carries for each HTTP status this server answers. */
const GRPC_OF_HTTP: Record<number, number> = { 400: Code.INVALID_ARGUMENT, 401: Code.UNAUTHENTICATED, 413: Code.RESOURCE_EXHAUSTED, 415: Code.INVALID_ARGUMENT, 429: Code.RESOURCE_EXHAUSTED, 503: Code.UNAVAILABLE };

export interface ServerOptions {
  /** The engine to run; or `holder`, whose engine a reload may swap. */
  engine?: Engine;
  holder?: EngineHolder;
  /** Defaults to 127.0.0.1. */
  host?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Also serve OTLP/gRPC on this host:port (port 0 picks a free one). */
  grpcAddress?: string;
  /** Largest accepted body in bytes (after decompression); default 20 MiB. */
  maxBodyBytes?: number;
  /**
   * Bytes of request bodies being read or decoded at once, over all requests; past it requests are refused with
   * 429 and `Retry-After` before their body is read. Default 4 × maxBodyBytes.
   */
  maxInflightBytes?: number;
  /** A request whose headers and body have not all arrived after this long gets 408 and is closed; default 30 s. */
  requestTimeoutMs?: number;
  /** URL paths per signal; defaults to /v1/traces, /v1/metrics, /v1/logs. */
  paths?: Partial<Record<Signal, string>>;
  /** How long shutdown waits for open requests before cutting their connections; default 5000 ms. */
  shutdownGraceMs?: number;
  /** Why the server is not ready (a configuration reload failed), or undefined; shown by /-/ready. */
  notReady?: () => string | undefined;
  /** More endpoints (`/-/reload`, `/-/tap`), by method and path: `POST /-/reload`. */
  routes?: Record<string, (req: IncomingMessage, res: ServerResponse) => void | Promise<void>>;
}

export interface RunningServer {
  readonly port: number;
  readonly url: string;
  /** host:port of the OTLP/gRPC server, when one was asked for. */
  readonly grpcAddress?: string;
  /** Requests accepted so far; rejected counts bad requests, refused counts back-pressure (503, 429). */
  readonly stats: { accepted: number; rejected: number; refused: number };
  /** Stops accepting, finishes in-flight requests, then flushes every component (graceful shutdown). */
  close(): Promise<void>;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

const fromRefusal = (r: Refusal) => new HttpError(httpStatusOf(r.code), r.message, r.retryAfterSeconds);

/** Largest declared body given its buffer before the bytes arrive (larger ones grow with what is received). */
const PREALLOCATE_MAX = 1024 * 1024;

/**
 * The request body as one Buffer. With a declared content-length (what OTLP exporters send) of up to
 * PREALLOCATE_MAX the chunks are copied into one buffer of that size as they arrive; otherwise they are joined at
 * the end.
 */
function readBody(req: IncomingMessage, limit: number, budget: InflightBudget, held: { bytes: number }): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const header = req.headers["content-length"];
    const declared = header === undefined ? -1 : Number(header);
    if (declared > limit) {
      req.resume();
      reject(new HttpError(413, `request body of ${declared} bytes exceeds the limit of ${limit} bytes`));
      return;
    }
    if (declared > 0 && budget.used + declared > budget.max) {
      req.resume();
      reject(new HttpError(429, budget.message, 1));
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
      if (!budget.take(c.length)) {
        failed = true;
        req.resume();
        reject(new HttpError(429, budget.message, 1));
        return;
      }
      held.bytes += c.length;
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

/**
 * The bytes of bodies held at once, over all requests: taken as chunks arrive, given back when a request is
 * answered, so unfinished uploads cannot add up past the bound.
 */
class InflightBudget {
  used = 0;
  constructor(readonly max: number) {}
  get message(): string {
    return `too many request bytes in flight (limit ${this.max} bytes); retry later`;
  }
  take(n: number): boolean {
    if (this.used + n > this.max) return false;
    this.used += n;
    return true;
  }
}

/** How long a refused connection may go on sending before it is cut. */
const LINGER_MS = 1000;

/**
 * Closes a connection whose request body was refused unread without losing the response. Node ends such a
 * connection with `destroySoon()`: it closes the socket as soon as the response is written, and closing a socket
 * with unread input sends a reset, which makes a client that is still sending drop the response it has not read.
 * So, as Go's server does in closeWriteAndWait, only the write side is ended, the rest of the input is discarded,
 * and the socket is destroyed when the client closes or LINGER_MS later.
 */
function lingeringClose(req: IncomingMessage): void {
  const socket = req.socket as Socket & { destroySoon?: () => void };
  socket.destroySoon = () => {
    socket.end();
    socket.resume();
    setTimeout(() => socket.destroy(), LINGER_MS).unref();
  };
}

/** Starts the server; resolves once it is listening. */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const holder: EngineHolder = options.holder ?? { engine: options.engine! };
  const limit = options.maxBodyBytes ?? 20 * 1024 * 1024;
  const budget = new InflightBudget(options.maxInflightBytes ?? 4 * limit);
  const paths: Record<string, Signal> = {};
  for (const s of ["traces", "metrics", "logs"] as Signal[]) paths[options.paths?.[s] ?? `/v1/${s}`] = s;
  // Fail at start-up when an authenticator cannot be enforced.
  receiversOf(holder.engine, "http");
  const stats = { accepted: 0, rejected: 0, refused: 0 };
  let closing = false;

  // While shutting down every response closes its connection, so keep-alive clients cannot hold the server open.
  const headers = (type: string): Record<string, string> => (closing ? { "content-type": type, connection: "close" } : { "content-type": type });
  const reply = (res: ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}) => {
    res.writeHead(status, { ...headers("application/json"), ...extra });
    res.end(JSON.stringify(body));
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = (req.url ?? "/").split("?")[0]!;
    if (req.method === "GET" && url === "/-/healthy") return void res.writeHead(200).end("All Alloy components are healthy.\n");
    if (req.method === "GET" && url === "/-/ready") {
      const why = closing ? "Alloy is shutting down." : options.notReady?.();
      return void (why === undefined ? res.writeHead(200).end("Alloy is ready.\n") : res.writeHead(503).end(`${why}\n`));
    }
    const route = options.routes?.[`${req.method} ${url}`];
    if (route) return void (await route(req, res));
    const signal = paths[url];
    if (!signal) return reply(res, 404, { code: 5, message: `no handler for ${url}` });
    if (req.method !== "POST") return reply(res, 405, { code: 12, message: `method ${req.method} not allowed, use POST` });
    const engine = holder.engine;
    const held = { bytes: 0 };
    try {
      const { nodes, auth } = receiversOf(engine, "http");
      // Refuse before reading: a body the pipeline would refuse is drained unread, never buffered or decoded.
      const refused = authenticate(auth, (name) => {
        const v = req.headers[name];
        return Array.isArray(v) ? v[0] : v;
      }) ?? precheck(engine, nodes, signal);
      if (refused) {
        req.resume();
        throw fromRefusal(refused);
      }
      let body = await readBody(req, limit, budget, held);
      const encoding = String(req.headers["content-encoding"] ?? "").toLowerCase();
      if (encoding === "gzip") {
        try {
          body = gunzipSync(body, { maxOutputLength: limit });
        } catch (e) {
          const tooBig = (e as { code?: string }).code === "ERR_BUFFER_TOO_LARGE";
          throw new HttpError(tooBig ? 413 : 400, tooBig ? `decompressed body exceeds the limit of ${limit} bytes` : `invalid gzip body: ${(e as Error).message}`);
        }
      } else if (encoding !== "" && encoding !== "identity") throw new HttpError(400, `unsupported content encoding ${encoding}`);
      const type = String(req.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
      let parsed;
      if (type === "application/json") parsed = parseOtlpJson(signal, body.toString("utf8"));
      else if (type === "application/x-protobuf" || type === "application/protobuf") parsed = decodeExportRequest(signal, body);
      else throw new HttpError(415, `unsupported content type "${type}"; use application/json or application/x-protobuf`);
      if ("error" in parsed) throw new HttpError(400, parsed.error);
      // 200 only when every receiver took the payload: an acknowledged payload is never lost on shutdown.
      const outcome = deliver(engine, nodes, parsed);
      if (outcome) throw fromRefusal(outcome);
      stats.accepted++;
      if (type === "application/json") reply(res, 200, {});
      else res.writeHead(200, headers("application/x-protobuf")).end();
    } catch (e) {
      const status = e instanceof HttpError ? e.status : 500;
      if (status === 503 || status === 429) stats.refused++;
      else stats.rejected++;
      const retry = e instanceof HttpError && e.retryAfterSeconds !== undefined ? { "retry-after": String(e.retryAfterSeconds) } : undefined;
      // A refusal before the body has all arrived ends the connection, as Go's server does after MaxBytesReader:
      // the rest of the body is never read as a request, and a client cannot keep streaming into it.
      const unread = !req.complete;
      // gRPC status codes as OTLP/HTTP carries them in its Status body.
      reply(res, status, { code: GRPC_OF_HTTP[status] ?? Code.INTERNAL, message: (e as Error).message }, unread ? { ...retry, connection: "close" } : retry);
      if (unread) lingeringClose(req);
    } finally {
      budget.used -= held.bytes;
    }
  };

  // Node checks request deadlines every connectionsCheckingInterval (30 s by default): check often enough that
  // a slow body is cut close to its deadline.
  const requestTimeout = options.requestTimeoutMs ?? 30_000;
  const server = createServer(
    { requestTimeout, headersTimeout: Math.min(requestTimeout, 10_000), connectionsCheckingInterval: Math.max(100, Math.min(1000, requestTimeout / 4)) },
    (req, res) => void handle(req, res),
  );
  const grpcServer = options.grpcAddress === undefined ? undefined : await startGrpcServer({ holder, address: options.grpcAddress, stats });
  return new Promise((resolve, reject) => {
    server.once("error", (e) => {
      void grpcServer?.close(0);
      reject(e);
    });
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => {
      const port = (server.address() as AddressInfo).port;
      const host = options.host ?? "127.0.0.1";
      resolve({
        port,
        url: `http://${host.includes(":") ? `[${host}]` : host}:${port}`,
        grpcAddress: grpcServer?.address,
        stats,
        close: async () => {
          closing = true;
          await Promise.all([
            grpcServer?.close(options.shutdownGraceMs ?? 5000),
            new Promise<void>((r) => {
              const cut = setTimeout(() => server.closeAllConnections(), options.shutdownGraceMs ?? 5000);
              server.close(() => {
                clearTimeout(cut);
                r();
              });
              server.closeIdleConnections();
            }),
          ]);
          await holder.engine.shutdown();
        },
      });
    });
  });
}
