/**
 * A byte-level client for protocol tests: writes frames exactly as given (including broken ones) and reads the
 * server's frames with a strict parser of its own, so a server that desynchronises its output is caught too.
 */
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { cliBundle } from "./client.js";

export interface RpcMessage {
  id?: number | string | null;
  method?: string;
  params?: any;
  result?: any;
  error?: { code: number; message: string };
}

export class RawClient {
  readonly messages: RpcMessage[] = [];
  stderr = "";
  private buf = Buffer.alloc(0);
  private waiters: (() => void)[] = [];
  private nextId = 1;
  private exited = false;

  constructor(readonly child: ChildProcessWithoutNullStreams = spawn(process.execPath, [cliBundle, "lsp", "--stdio"], { stdio: ["pipe", "pipe", "pipe"] })) {
    child.stderr.on("data", (d: Buffer) => (this.stderr += d.toString()));
    child.on("exit", () => (this.exited = true));
    child.stdin.on("error", () => undefined);
    let chunks: Buffer[] = [];
    let size = 0;
    let need = 0;
    child.stdout.on("data", (d: Buffer) => {
      // A long frame is joined once it is complete, not once per chunk.
      chunks.push(d);
      size += d.length;
      if (size < need) return;
      this.buf = Buffer.concat([this.buf, ...chunks]);
      chunks = [];
      size = 0;
      need = 0;
      for (;;) {
        const sep = this.buf.indexOf("\r\n\r\n");
        if (sep < 0) break;
        const m = /^Content-Length: (\d+)$/im.exec(this.buf.subarray(0, sep).toString("latin1"));
        if (!m) throw new Error(`server wrote a frame without Content-Length: ${this.buf.subarray(0, sep).toString()}`);
        const len = Number(m[1]);
        if (this.buf.length < sep + 4 + len) {
          need = sep + 4 + len - this.buf.length;
          break;
        }
        this.messages.push(JSON.parse(this.buf.subarray(sep + 4, sep + 4 + len).toString("utf8")) as RpcMessage);
        this.buf = this.buf.subarray(sep + 4 + len);
        for (const w of this.waiters.splice(0)) w();
      }
    });
  }

  get alive(): boolean {
    return !this.exited;
  }

  /** Writes bytes as they are. */
  raw(bytes: string | Buffer): void {
    this.child.stdin.write(bytes);
  }

  /** Writes one well-formed frame. */
  frame(body: unknown): void {
    const b = Buffer.from(typeof body === "string" ? body : JSON.stringify(body), "utf8");
    this.raw(Buffer.concat([Buffer.from(`Content-Length: ${b.length}\r\n\r\n`, "latin1"), b]));
  }

  notify(method: string, params: unknown): void {
    this.frame({ jsonrpc: "2.0", method, params });
  }

  /** Sends a request and waits for its answer (result or error). */
  async request(method: string, params: unknown, timeoutMs = 5000): Promise<RpcMessage> {
    const id = this.nextId++;
    this.frame({ jsonrpc: "2.0", id, method, params });
    return this.waitFor((m) => m.id === id && m.method === undefined, `answer to ${method} #${id}`, timeoutMs);
  }

  /** The first message (already received or arriving within the time) that satisfies `accept`. */
  async waitFor(accept: (m: RpcMessage) => boolean, what: string, timeoutMs = 5000, from = 0): Promise<RpcMessage> {
    const end = performance.now() + timeoutMs;
    for (;;) {
      const hit = this.messages.slice(from).find(accept);
      if (hit) return hit;
      if (performance.now() > end) throw new Error(`no ${what} within ${timeoutMs} ms; stderr: ${this.stderr.slice(-400)}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, 50);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  async initialize(capabilities: unknown = {}): Promise<RpcMessage> {
    const r = await this.request("initialize", { processId: null, rootUri: null, capabilities });
    this.notify("initialized", {});
    return r;
  }

  stop(): void {
    this.child.kill();
  }
}
