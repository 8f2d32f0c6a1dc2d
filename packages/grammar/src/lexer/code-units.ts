/**
 * The UTF-16 code units of a string as a typed array. The scanner reads every character of its input, and in
 * V8 indexing a `Uint16Array` costs about half of `String.prototype.charCodeAt` in such loops (the string's
 * representation need not be checked on each read); the copy itself is one native call under Node.
 */
import { NodeBuffer } from "../text/node-buffer.js";
import { nativeWrite, SpareBytes, writeText } from "../text/spare-bytes.js";


/** Code units of `text`, `result[i] === text.charCodeAt(i)` (lone surrogates included). */
export function codeUnitsOf(text: string): Uint16Array {
  const n = text.length;
  if (NodeBuffer !== undefined && n >= 64) {
    const bytes = NodeBuffer.from(text, "utf16le");
    // Small buffers come from a shared pool and may start at an odd offset; large ones never do.
    if ((bytes.byteOffset & 1) === 0) return new Uint16Array(bytes.buffer, bytes.byteOffset, n);
  }
  const units = new Uint16Array(n);
  for (let i = 0; i < n; i++) units[i] = text.charCodeAt(i);
  return units;
}

/** Code units are kept between parses up to 32 MiB (`SpareBytes`). */
const spareUnits = new SpareBytes(32 << 20);

/**
 * Like `codeUnitsOf`, but in a buffer kept from one parse to the next (see `SpareBytes`), to be handed back with
 * `returnCodeUnits` when the parse is done.
 */
export function borrowCodeUnits(text: string): Uint16Array {
  const n = text.length;
  if (!nativeWrite || n < 64) return codeUnitsOf(text);
  const bytes = spareUnits.acquire(2 * n);
  writeText(bytes, text, "utf16le");
  return new Uint16Array(bytes.buffer, bytes.byteOffset, n);
}

/** Hands back what `borrowCodeUnits` gave; the array must not be used afterwards. */
export function returnCodeUnits(codes: Uint16Array): void {
  if (codes.length >= 64 && nativeWrite) spareUnits.release(new Uint8Array(codes.buffer, codes.byteOffset, codes.buffer.byteLength - codes.byteOffset));
}
