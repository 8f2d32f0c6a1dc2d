/**
 * `Buffer` in the page: the `buffer` package, taught the `base64url` encoding the converter uses (Node has it;
 * the package does not).
 */
import { Buffer } from "buffer";

const from = Buffer.from as (...args: unknown[]) => Buffer;
(Buffer as unknown as { from: unknown }).from = function (value: unknown, encoding?: unknown, length?: unknown) {
  if (encoding === "base64url" && typeof value === "string") return from.call(Buffer, value.replace(/-/g, "+").replace(/_/g, "/"), "base64");
  return from.call(Buffer, value, encoding, length);
};
const toString = Buffer.prototype.toString;
Buffer.prototype.toString = function (this: Buffer, encoding?: string, start?: number, end?: number) {
  if (encoding === "base64url") return toString.call(this, "base64", start, end).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  return toString.call(this, encoding as "hex", start, end);
} as typeof toString;

export { Buffer };
