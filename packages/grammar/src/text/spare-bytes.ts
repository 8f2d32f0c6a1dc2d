/**
 * A byte buffer kept from one run to the next (a parse's code units, a print's source bytes). Writing a large
 * source into a kept buffer is one native call, where a fresh multi-megabyte buffer per run also costs zeroed
 * pages and external-memory accounting that brings garbage collections forward. Acquiring takes the kept buffer
 * away, so a run started while another holds it simply gets a fresh one.
 */

import { NodeBuffer } from "./node-buffer.js";

/** Whether `writeText` copies natively (under Node). */
export const nativeWrite = NodeBuffer !== undefined;

export class SpareBytes {
  private spare: Uint8Array | undefined = undefined;

  /** `limit`: largest buffer (in bytes) worth keeping after a run. */
  constructor(private readonly limit: number) {}

  /** A buffer of at least `n` bytes with unspecified contents: the kept one when it is large enough. */
  acquire(n: number): Uint8Array {
    const kept = this.spare;
    if (kept !== undefined && kept.length >= n) {
      this.spare = undefined;
      return kept;
    }
    const size = Math.max(n, 1024);
    if (NodeBuffer === undefined) return new Uint8Array(size);
    // A plain Uint8Array view, not the Buffer: typed-array reads of a Buffer in a loop are slower.
    const bytes = NodeBuffer.allocUnsafeSlow(size);
    return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
  }

  /** Gives a buffer from `acquire` back; it must not be used afterwards. */
  release(bytes: Uint8Array): void {
    if (bytes.length <= this.limit && (this.spare === undefined || this.spare.length < bytes.length)) this.spare = bytes;
  }
}

/** Writes `text` into `bytes` from its start in `encoding` ("latin1" or "utf16le"); Node only (`nativeWrite`). */
export function writeText(bytes: Uint8Array, text: string, encoding: "latin1" | "utf16le"): void {
  NodeBuffer!.from(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.length).write(text, 0, encoding);
}
