/**
 * `node:crypto` in the page: the synchronous hashes runtime-lite computes (OTTL SHA1/SHA256, the attributes
 * processor's hash action, htpasswd `{SHA}`), from @noble/hashes.
 */
import { sha256 } from "@noble/hashes/sha2.js";
import { sha1 } from "@noble/hashes/legacy.js";
import { Buffer } from "./buffer.js";

const HASHES: Record<string, (data: Uint8Array) => Uint8Array> = { sha256, sha1 };

export function createHash(algorithm: string) {
  const hash = HASHES[algorithm.toLowerCase()];
  if (!hash) throw new Error(`hash ${algorithm} is not available in the browser playground`);
  const chunks: Uint8Array[] = [];
  const api = {
    update(data: string | Uint8Array) {
      chunks.push(typeof data === "string" ? new TextEncoder().encode(data) : data);
      return api;
    },
    digest(encoding?: string) {
      const digest = Buffer.from(hash(Buffer.concat(chunks)));
      return encoding ? digest.toString(encoding as "hex") : digest;
    },
  };
  return api;
}

export function timingSafeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) throw new RangeError("Input buffers must have the same byte length");
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

export default { createHash, timingSafeEqual };
