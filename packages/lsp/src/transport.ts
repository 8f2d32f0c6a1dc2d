/**
 * A message reader for the LSP base protocol that survives a broken client. A frame with a missing or wrong
 * `Content-Length`, a body that is not JSON or not a JSON-RPC message is reported (a JSON-RPC error response and
 * a line on stderr) and the reader resynchronises at the next header, so later requests are still answered.
 *
 * Resynchronising is sound because a `Content-Length: N` line followed by an empty line can never occur inside a
 * JSON body: JSON strings cannot hold a raw CR or LF, and the words are not JSON outside a string. So a body that
 * contains the next frame's header was framed wrong, and the header marks where the stream resumes.
 */
import type { Readable } from "node:stream";
import { AbstractMessageReader, type DataCallback, type Disposable, type Message, type MessageReader } from "vscode-languageserver/node.js";

/** Largest body accepted (a bigger `Content-Length` is a broken frame, not a reason to buffer without bound). */
export const MAX_FRAME_BYTES = 64 * 1024 * 1024;

/** What the reader reports about input it had to skip; `id` is the request's id when one could be read. */
export interface Malformed {
  // Parse error, invalid request, invalid params, server not initialized.
  readonly code: -32700 | -32600 | -32602 | -32002;
  readonly message: string;
  readonly id: number | string | null | undefined;
}

/** A complete header block at the start of a string: its `Content-Length` and the empty line ending it. */
const HEADER = /^Content-Length[ \t]*:[ \t]*(\d+)[ \t]*\r\n(?:[^\r\n]*\r\n)*?\r\n/i;
/** Longest header block looked at (clients send one or two short lines). */
const MAX_HEADER = 1024;

/** Offset of the next `Content-Length` (as clients spell it) in `buf` from `from`, or -1. */
function headerStart(buf: Buffer, from: number, to = buf.length): number {
  let best = -1;
  for (const spelling of ["Content-Length", "content-length", "CONTENT-LENGTH"]) {
    const i = buf.indexOf(spelling, from, "latin1");
    if (i >= 0 && i < to && (best < 0 || i < best)) best = i;
  }
  return best;
}

/** A header block starting at `at`: complete (with its length and size), incomplete, or not a header at all. */
function headerAt(buf: Buffer, at: number): { length: string; size: number } | "incomplete" | undefined {
  const view = buf.subarray(at, at + MAX_HEADER).toString("latin1");
  const m = HEADER.exec(view);
  if (m) return { length: m[1]!, size: m[0].length };
  return view.length < MAX_HEADER && !view.includes("\r\n\r\n") ? "incomplete" : undefined;
}

export class ResilientMessageReader extends AbstractMessageReader implements MessageReader {
  private buffer: Buffer = Buffer.alloc(0);
  /** Chunks received after `buffer` and not yet joined to it (see `collect`). */
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private callback: DataCallback | undefined;
  /** The frame whose body is being received, and how far it has been searched for a following header. */
  private frame: { bodyStart: number; length: number; scanned: number } | undefined;

  /**
   * @param onMalformed told about every frame or message that was skipped (requests among them need an error answer).
   * @param screen may refuse a well-formed message before the connection sees it (the library's own handlers of
   *   `initialize` and `$/cancelRequest` read their params without checking them); its answer is reported too.
   */
  constructor(
    private readonly input: Readable,
    private readonly onMalformed: (m: Malformed) => void,
    private readonly screen: (msg: Message) => Malformed | "drop" | undefined = () => undefined,
  ) {
    super();
  }

  listen(callback: DataCallback): Disposable {
    this.callback = callback;
    const onData = (d: Buffer): void => {
      if (this.collect(d)) return;
      this.buffer = this.pending.length || this.buffer.length ? Buffer.concat([this.buffer, ...this.pending, d]) : d;
      this.pending = [];
      this.pendingBytes = 0;
      this.drain();
    };
    const onClose = (): void => this.fireClose();
    const onError = (e: Error): void => this.fireError(e);
    this.input.on("data", onData);
    this.input.on("close", onClose);
    this.input.on("end", onClose);
    this.input.on("error", onError);
    return {
      dispose: () => {
        this.input.off("data", onData);
        this.input.off("close", onClose);
        this.input.off("end", onClose);
        this.input.off("error", onError);
      },
    };
  }

  /**
   * Keeps a chunk aside while a long body is still arriving and the chunk holds no header, so a large frame is
   * copied once when complete rather than once per chunk. Returns false when the chunk must be read now.
   */
  private collect(d: Buffer): boolean {
    if (!this.frame) return false;
    const total = this.buffer.length + this.pendingBytes + d.length;
    if (total >= this.frame.bodyStart + this.frame.length) return false;
    const last = this.pending.length ? this.pending[this.pending.length - 1]! : this.buffer;
    const probe = Buffer.concat([last.subarray(Math.max(0, last.length - 16)), d]);
    if (headerStart(probe, 0) >= 0) return false;
    this.pending.push(d);
    this.pendingBytes += d.length;
    return true;
  }

  /** Reads every complete frame in the buffer. Each byte is searched a bounded number of times. */
  private drain(): void {
    for (;;) {
      if (!this.frame) {
        const start = headerStart(this.buffer, 0);
        if (start < 0) {
          // Keep a tail that may be the beginning of a header; the rest is garbage.
          if (this.buffer.length > 64) this.skip(this.buffer.length - 64);
          return;
        }
        if (start > 0) this.skip(start);
        const h = headerAt(this.buffer, 0);
        if (h === "incomplete") return;
        if (!h) {
          this.report({ code: -32700, message: "Parse error: a header block without a valid Content-Length was skipped", id: null });
          this.buffer = this.buffer.subarray(1);
          continue;
        }
        const length = Number(h.length);
        if (!Number.isSafeInteger(length) || length > MAX_FRAME_BYTES) {
          this.report({ code: -32700, message: `Parse error: Content-Length ${h.length} is larger than ${MAX_FRAME_BYTES} bytes`, id: null });
          this.buffer = this.buffer.subarray(h.size);
          continue;
        }
        this.frame = { bodyStart: h.size, length, scanned: h.size };
      }
      const { bodyStart, length } = this.frame;
      const bodyEnd = Math.min(this.buffer.length, bodyStart + length);
      // A header inside the body means this frame's length was wrong: the frame ends where the next one starts.
      let next = headerStart(this.buffer, Math.max(bodyStart, this.frame.scanned - 16), bodyEnd);
      while (next >= 0) {
        const h = headerAt(this.buffer, next);
        if (h === "incomplete") return; // wait for the rest of what may be a header
        if (h) break;
        next = headerStart(this.buffer, next + 1, bodyEnd);
      }
      // The buffer moves past a frame before it is delivered, so a failing handler cannot make it read twice.
      if (next >= 0) {
        this.frame = undefined;
        const body = this.buffer.subarray(bodyStart, next);
        this.buffer = this.buffer.subarray(next);
        this.deliver(body, true);
        continue;
      }
      this.frame.scanned = bodyEnd;
      if (this.buffer.length < bodyStart + length) return;
      this.frame = undefined;
      const body = this.buffer.subarray(bodyStart, bodyStart + length);
      this.buffer = this.buffer.subarray(bodyStart + length);
      this.deliver(body, false);
    }
  }

  private skip(bytes: number): void {
    const sample = this.buffer.subarray(0, bytes).toString("latin1");
    this.buffer = this.buffer.subarray(bytes);
    if (sample.trim()) this.report({ code: -32700, message: `Parse error: ${bytes} bytes outside a frame were skipped`, id: null });
  }

  /** Parses a body and hands a well-formed message on; anything else is reported. */
  private deliver(body: Buffer, misframed: boolean): void {
    let msg: unknown;
    try {
      msg = JSON.parse(body.toString("utf8"));
    } catch {
      const why = misframed ? "the frame's Content-Length does not match its body" : "the body is not valid JSON";
      this.report({ code: -32700, message: `Parse error: ${why}`, id: null });
      return;
    }
    const problem = invalidMessage(msg);
    if (problem) {
      const id = (msg as { id?: unknown })?.id;
      this.report({ code: -32600, message: `Invalid Request: ${problem}`, id: typeof id === "number" || typeof id === "string" ? id : null });
      return;
    }
    const refused = this.screen(msg as Message);
    if (refused === "drop") return;
    if (refused) {
      this.report(refused);
      return;
    }
    try {
      this.callback?.(msg as Message);
    } catch (e) {
      // A handler that throws synchronously must not stop the frames after it from being read.
      this.fireError(e instanceof Error ? e : new Error(String(e)));
    }
  }

  private report(m: Malformed): void {
    try {
      this.onMalformed(m);
    } catch {
      // Reporting must never stop the reader.
    }
  }
}

/** Why a parsed body is not a JSON-RPC 2.0 request, notification or response; undefined when it is one. */
export function invalidMessage(msg: unknown): string | undefined {
  if (typeof msg !== "object" || msg === null || Array.isArray(msg)) return "a message must be a JSON object";
  const m = msg as Record<string, unknown>;
  if (m.jsonrpc !== "2.0") return 'the "jsonrpc" member must be "2.0"';
  if ("id" in m && m.id !== null && typeof m.id !== "number" && typeof m.id !== "string") return 'the "id" member must be a number or a string';
  if ("method" in m) {
    if (typeof m.method !== "string") return 'the "method" member must be a string';
    if ("params" in m && m.params !== null && typeof m.params !== "object") return 'the "params" member must be an object or an array';
    return undefined;
  }
  if ("result" in m || "error" in m) return undefined;
  return 'a message needs a "method" (request, notification) or a "result" or "error" (response)';
}
