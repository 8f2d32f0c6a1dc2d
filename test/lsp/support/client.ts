/**
 * Drives a language server over stdio with vscode-jsonrpc, as an editor would. The server is the built CLI
 * bundle (`alloy lsp --stdio`); tests skip with a message when it has not been built.
 */
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from "vscode-jsonrpc/node.js";
import { repoRoot } from "../../support/shared.js";

/** The bundled CLI the server runs from. */
/** The `alloy` command's entry script (it loads the bundle built by `npm run build`). */
export const cliBundle = path.join(repoRoot, "packages/cli/bin/alloy.cjs");
const builtBundle = path.join(repoRoot, "packages/cli/dist/bundle/alloy.mjs");
export const cliBuilt = existsSync(builtBundle);
export const notBuiltMessage = `skipped: ${path.relative(repoRoot, builtBundle)} is missing; run \`npm run build\` first`;

export interface PublishedDiagnostics {
  uri: string;
  version?: number;
  diagnostics: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; message: string; severity?: number; code?: string | number }[];
  at: number;
}

/** A running server with a connection and a log of published diagnostics. */
export class LspClient {
  readonly published: PublishedDiagnostics[] = [];
  stderr = "";
  private exited = false;
  private waiters: (() => void)[] = [];

  private constructor(
    readonly child: ChildProcessWithoutNullStreams,
    readonly connection: MessageConnection,
  ) {
    child.stderr.on("data", (d: Buffer) => (this.stderr += d.toString()));
    child.on("exit", () => (this.exited = true));
    connection.onNotification("textDocument/publishDiagnostics", (p: Omit<PublishedDiagnostics, "at">) => {
      this.published.push({ ...p, at: performance.now() });
      for (const w of this.waiters.splice(0)) w();
    });
    connection.onNotification("window/logMessage", (p: { message: string }) => (this.stderr += `${p.message}\n`));
    connection.onRequest(() => null);
  }

  /** Spawns the server (default: the CLI bundle) and completes `initialize` (with `init` merged into its params). */
  static async start(
    command: string[] = [process.execPath, cliBundle, "lsp", "--stdio"],
    env: NodeJS.ProcessEnv = process.env,
    init: Record<string, unknown> = {},
  ): Promise<LspClient> {
    const child = spawn(command[0]!, command.slice(1), { stdio: ["pipe", "pipe", "pipe"], env });
    const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    connection.listen();
    const client = new LspClient(child, connection);
    await client.request("initialize", {
      processId: process.pid,
      rootUri: pathToFileURL(repoRoot).href,
      capabilities: { textDocument: { completion: { completionItem: { snippetSupport: true } }, publishDiagnostics: { versionSupport: true } } },
      ...init,
    });
    client.notify("initialized", {});
    return client;
  }

  get alive(): boolean {
    return !this.exited;
  }

  request<R = any>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest(method, params) as Promise<R>;
  }

  notify(method: string, params: unknown): void {
    // A server that has exited (after `exit`, or by crashing) closes its input: the write then fails. That is not
    // an error of the test's own making; a crash shows as missing answers and in `alive`, so it is only logged.
    this.connection.sendNotification(method, params).catch((err: unknown) => {
      this.stderr += `notification ${method} not sent: ${err instanceof Error ? err.message : String(err)}\n`;
    });
  }

  open(uri: string, text: string, version = 1): void {
    this.notify("textDocument/didOpen", { textDocument: { uri, languageId: "alloy", version, text } });
  }

  change(uri: string, version: number, text: string): void {
    this.notify("textDocument/didChange", { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  /** The first diagnostics published for `uri` at `version` after `since`. */
  async diagnostics(uri: string, version: number, since = 0, timeoutMs = 10_000): Promise<PublishedDiagnostics> {
    return this.diagnosticsWhere(uri, version, () => true, since, timeoutMs);
  }

  /**
   * The first publication for `version` that `accept` takes: a long validation is published in two stages (syntax
   * first, the validator's findings after), and which one comes first depends on how long validation took.
   */
  async diagnosticsWhere(uri: string, version: number, accept: (p: PublishedDiagnostics) => boolean, since = 0, timeoutMs = 10_000): Promise<PublishedDiagnostics> {
    const end = performance.now() + timeoutMs;
    for (;;) {
      const hit = this.published.find((p) => p.uri === uri && p.version === version && p.at >= since && accept(p));
      if (hit) return hit;
      if (performance.now() > end) throw new Error(`no diagnostics for ${uri} v${version}; stderr: ${this.stderr.slice(-500)}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, 50);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  async stop(): Promise<void> {
    try {
      if (this.alive) {
        await Promise.race([this.request("shutdown", null), new Promise((r) => setTimeout(r, 2000))]);
        this.notify("exit", null);
      }
    } catch {
      // The server may already be gone.
    }
    this.connection.dispose();
    setTimeout(() => this.child.kill(), 200).unref();
  }
}

/** Splits `<|>` markers out of a fixture: the text without markers and each marker's LSP position. */
export function markers(source: string): { text: string; positions: { line: number; character: number }[] } {
  const positions: { line: number; character: number }[] = [];
  let text = "";
  let rest = source;
  for (;;) {
    const i = rest.indexOf("<|>");
    if (i < 0) break;
    text += rest.slice(0, i);
    const lines = text.split("\n");
    positions.push({ line: lines.length - 1, character: lines[lines.length - 1]!.length });
    rest = rest.slice(i + 3);
  }
  return { text: text + rest, positions };
}

/** Offset of an LSP position in a text. */
export function offsetOf(text: string, pos: { line: number; character: number }): number {
  let o = 0;
  for (let l = 0; l < pos.line; l++) o = text.indexOf("\n", o) + 1;
  return o + pos.character;
}

/** Applies LSP text edits to a text. */
export function applyEdits(text: string, edits: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }[]): string {
  return edits
    .map((e) => ({ a: offsetOf(text, e.range.start), b: offsetOf(text, e.range.end), t: e.newText }))
    .sort((x, y) => y.a - x.a)
    .reduce((acc, e) => acc.slice(0, e.a) + e.t + acc.slice(e.b), text);
}
