/**
 * The code units of a string as a typed array. The scanner reads every character of its input, and in
 * V8 indexing a typed array costs about half of `String.prototype.charCodeAt` in such loops (the string's
 * representation need not be checked on each read); the copy itself is one native call under Node.
 *
 * An ASCII text's units are bytes (`Uint8Array`), any other text's UTF-16 units (`Uint16Array`): an ASCII copy is
 * half the memory, and the printer and a CLI reading ASCII bytes share the same array (`SourceIndex`).
 */
import { NodeBuffer } from "../text/node-buffer.js";
import { nativeWrite, SpareBytes, writeText } from "../text/spare-bytes.js";

/** Code units of a source text: bytes for an ASCII text, UTF-16 units otherwise. */
export type CodeUnits = Uint8Array | Uint16Array;

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

const NON_ASCII = /[^\x00-\x7f]/;

/**
 * Whether `text` is ASCII. Its UTF-8 length equals its UTF-16 length exactly then (any other code unit takes two
 * or more bytes), and Node's Buffer computes that length natively, several times faster than a regex scan.
 */
export function isAsciiText(text: string): boolean {
  return NodeBuffer ? NodeBuffer.byteLength(text, "utf8") === text.length : !NON_ASCII.test(text);
}

/** Code units are kept between parses up to 32 MiB (`SpareBytes`). */
const spareUnits = new SpareBytes(32 << 20);

/**
 * The code units of `text` (bytes when `ascii`, else UTF-16 units) in a buffer kept from one parse or print to the
 * next (see `SpareBytes`), to be handed back with `returnCodeUnits` when the work is done.
 */
export function borrowCodeUnits(text: string, ascii = isAsciiText(text)): CodeUnits {
  const n = text.length;
  if (!nativeWrite || n < 64) {
    if (!ascii) return codeUnitsOf(text);
    const bytes = new Uint8Array(n);
    for (let i = 0; i < n; i++) bytes[i] = text.charCodeAt(i);
    return bytes;
  }
  const bytes = spareUnits.acquire(ascii ? n : 2 * n);
  writeText(bytes, text, ascii ? "latin1" : "utf16le");
  return ascii ? bytes.subarray(0, n) : new Uint16Array(bytes.buffer, bytes.byteOffset, n);
}

/** Hands back what `borrowCodeUnits` gave; the array must not be used afterwards. */
export function returnCodeUnits(codes: CodeUnits): void {
  if (codes.length >= 64 && nativeWrite) spareUnits.release(new Uint8Array(codes.buffer, codes.byteOffset, codes.buffer.byteLength - codes.byteOffset));
}
