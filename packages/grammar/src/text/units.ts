/**
 * Code units of printed text (bytes for ASCII output, else UTF-16 units, see `CodeUnits`): compared with the
 * source's and encoded as UTF-8, natively under Node.
 */
import type { CodeUnits } from "../lexer/code-units.js";
import { NodeBuffer } from "./node-buffer.js";


/** Whether `units` equals `codes[at, at + units.length)`; both are of the same kind (bytes or UTF-16 units). */
export function sameUnits(units: CodeUnits, codes: CodeUnits, at: number): boolean {
  const n = units.length;
  if (at + n > codes.length || units.BYTES_PER_ELEMENT !== codes.BYTES_PER_ELEMENT) return false;
  const size = units.BYTES_PER_ELEMENT;
  if (NodeBuffer !== undefined) {
    const a = NodeBuffer.from(units.buffer as ArrayBuffer, units.byteOffset, n * size);
    const b = NodeBuffer.from(codes.buffer as ArrayBuffer, codes.byteOffset + at * size, n * size);
    return a.equals(b);
  }
  for (let i = 0; i < n; i++) if (units[i] !== codes[at + i]) return false;
  return true;
}

/**
 * UTF-8 bytes of a text or of code units, in a new array. ASCII bytes are their own encoding; a lone surrogate
 * becomes U+FFFD, as Node writes a string.
 */
export function utf8Of(text: string | CodeUnits): Uint8Array {
  if (typeof text !== "string") {
    if (text instanceof Uint8Array) return text.slice();
    text = NodeBuffer !== undefined ? NodeBuffer.from(text.buffer as ArrayBuffer, text.byteOffset, text.byteLength).toString("utf16le") : new TextDecoder("utf-16le").decode(text);
  }
  if (NodeBuffer === undefined) return new TextEncoder().encode(text);
  const b = NodeBuffer.from(text, "utf8");
  return new Uint8Array(b.buffer, b.byteOffset, b.length);
}
