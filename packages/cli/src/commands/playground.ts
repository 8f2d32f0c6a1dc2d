/**
 * `alloy playground [--port N]`: serves the browser playground (packages/playground, built by `npm run build`)
 * on 127.0.0.1 until interrupted. The page does all its work itself; this server only hands out its static files,
 * so nothing a user types ever reaches it (the page keeps its state in the URL fragment, which is never sent).
 */
import type { Command } from "commander";
import { existsSync, readFileSync, statSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { CliError } from "../cli-error.js";

const DEFAULT_PORT = 12346;
const HOST = "127.0.0.1";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
};

// The page's own policy (also in its <meta>): scripts and styles from here only, no connection anywhere.
const CSP = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'none'; form-action 'none'; frame-ancestors 'none'";

export function register(program: Command): void {
  program
    .command("playground")
    .description("Serve the browser playground (convert, validate, format, draw and run a configuration, all in the page) on 127.0.0.1")
    .option("--port <port>", `port to listen on (0 picks a free one)`, String(DEFAULT_PORT))
    .action((opts: { port: string }) => servePlayground(parsePort(opts.port)));
}

function parsePort(text: string): number {
  if (!/^\d+$/.test(text) || Number(text) > 65535) throw new CliError(`invalid value "${text}" for --port: a number from 0 to 65535`);
  return Number(text);
}

/** The built playground: $ALLOY_PLAYGROUND_DIR, else packages/playground/dist found by walking up from this module. */
export function playgroundDir(): string {
  const env = process.env.ALLOY_PLAYGROUND_DIR;
  if (env) {
    if (!existsSync(path.join(env, "index.html"))) throw new CliError(`ALLOY_PLAYGROUND_DIR=${env} holds no index.html`);
    return env;
  }
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    const candidate = path.join(dir, "packages", "playground", "dist");
    if (existsSync(path.join(candidate, "index.html"))) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new CliError("the playground is not built (packages/playground/dist/index.html is missing): run npm run build");
}

/** The file a request path names inside `root`, or undefined when it names nothing there (or tries to leave it). */
function fileOf(root: string, url: string): string | undefined {
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(url, "http://host").pathname);
  } catch {
    return undefined;
  }
  const file = path.resolve(root, "." + (pathname.endsWith("/") ? pathname + "index.html" : pathname));
  if (file !== root && !file.startsWith(root + path.sep)) return undefined;
  return existsSync(file) && statSync(file).isFile() ? file : undefined;
}

function handle(root: string, req: IncomingMessage, res: ServerResponse): void {
  if (req.method !== "GET" && req.method !== "HEAD") {
    res.writeHead(405, { Allow: "GET, HEAD", "Content-Type": "text/plain; charset=utf-8" }).end("method not allowed\n");
    return;
  }
  const file = fileOf(root, req.url ?? "/");
  if (!file) {
    res.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" }).end("not found\n");
    return;
  }
  const body = readFileSync(file);
  res.writeHead(200, {
    "Content-Type": TYPES[path.extname(file)] ?? "application/octet-stream",
    "Content-Length": body.length,
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "no-cache",
  });
  res.end(req.method === "HEAD" ? undefined : body);
}

async function servePlayground(port: number): Promise<void> {
  const root = path.resolve(playgroundDir());
  const server = createServer((req, res) => {
    try {
      handle(root, req, res);
    } catch (e) {
      if (!res.headersSent) res.writeHead(500, { "Content-Type": "text/plain; charset=utf-8" });
      res.end(`could not read the file: ${e instanceof Error ? e.message : String(e)}\n`);
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", (e: NodeJS.ErrnoException) =>
      reject(new CliError(e.code === "EADDRINUSE" ? `listen tcp ${HOST}:${port}: bind: address already in use (choose another with --port)` : `listen tcp ${HOST}:${port}: ${e.message}`)),
    );
    server.listen(port, HOST, () => resolve());
  });
  const address = server.address();
  const actual = typeof address === "object" && address ? address.port : port;
  process.stdout.write(`Alloy playground: http://${HOST}:${actual}/ (press Ctrl+C to stop)\n`);
  await new Promise<void>((resolve) => {
    const stop = () => {
      server.close(() => resolve());
      server.closeAllConnections();
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
}
