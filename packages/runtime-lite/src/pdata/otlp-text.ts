/**
 * The strings the decoder builds from wire bytes: decimal text of 64-bit integers, lowercase hex of trace and span
 * IDs, UTF-8 text with a table of recently decoded short strings. These are most of the per-span cost of a decode;
 * each technique below says what it saves over the plain Buffer or BigInt call. Their effect shows in the
 * protobuf rows of bench/runtime.mjs (loopback OTLP/HTTP protobuf and OTLP/gRPC), which decode every span.
 */
import { sliced, TWO_32, type Reader } from "./otlp-reader.js";

/** Scratch space for the digits of one 64-bit decimal. */
const digits = Buffer.alloc(24);

/**
 * Decimal text of an unsigned 64-bit value given as halves. Values past 2^53 (every nanosecond timestamp) are
 * split into three 24-bit limbs whose weights are summed in base 10^7 with plain doubles (each partial sum stays
 * below 2^53): no BigInt allocations on the per-span path. The digits are written to a scratch buffer and read
 * back as one flat string (joining the parts would leave a rope of three strings per timestamp for the GC).
 */
export function u64Text(lo: number, hi: number): string {
  // A small value stays a small integer, whose text V8 keeps in its number-string cache.
  if (hi === 0) return String(lo);
  if (hi < 0x200000) return String(hi * TWO_32 + lo);
  const low = lo & 0xffffff;
  const mid = ((lo >>> 24) | (hi << 8)) & 0xffffff;
  const high = hi >>> 16;
  // 2^24 = 1·10^7 + 6777216; 2^48 = 2·10^14 + 8147497·10^7 + 6710656.
  let a = low + mid * 6777216 + high * 6710656;
  let b = mid + high * 8147497;
  let c = high * 2;
  // Carries by floor division and subtraction: exact below 2^53, where `%` on doubles is a library call (fmod).
  let q = Math.floor(a / 1e7);
  a -= q * 1e7;
  b += q;
  q = Math.floor(b / 1e7);
  b -= q * 1e7;
  c += q;
  // c > 0 here: the value is at least 2^53 > 10^15. Each limb now fits 32 bits: digits by integer division
  // (a floating-point remainder compiles to a library call).
  let p = 24;
  let x = a | 0;
  for (let i = 0; i < 7; i++) {
    const q = (x / 10) | 0;
    digits[--p] = 48 + x - q * 10;
    x = q;
  }
  x = b | 0;
  for (let i = 0; i < 7; i++) {
    const q = (x / 10) | 0;
    digits[--p] = 48 + x - q * 10;
    x = q;
  }
  for (x = c | 0; x > 0; ) {
    const q = (x / 10) | 0;
    digits[--p] = 48 + x - q * 10;
    x = q;
  }
  return digitText(p);
}

// Its arguments are reads of the fixed-size scratch and hex tables, in range by construction.
const chars = String.fromCharCode as (...codes: (number | undefined)[]) => string;

/**
 * The scratch digits from `p` to the end as a string. Nanosecond timestamps have 16–20 digits; for those the
 * string is built by `String.fromCharCode` with one argument per digit, which V8 runs as a builtin without
 * leaving JavaScript (about a third of the cost of a Buffer slice, which calls into C++).
 */
function digitText(p: number): string {
  const d = digits;
  switch (24 - p) {
    case 19:
      return chars(d[5], d[6], d[7], d[8], d[9], d[10], d[11], d[12], d[13], d[14], d[15], d[16], d[17], d[18], d[19], d[20], d[21], d[22], d[23]);
    case 20:
      return chars(d[4], d[5], d[6], d[7], d[8], d[9], d[10], d[11], d[12], d[13], d[14], d[15], d[16], d[17], d[18], d[19], d[20], d[21], d[22], d[23]);
    case 18:
      return chars(d[6], d[7], d[8], d[9], d[10], d[11], d[12], d[13], d[14], d[15], d[16], d[17], d[18], d[19], d[20], d[21], d[22], d[23]);
    default:
      return sliced(d).latin1Slice(p, 24);
  }
}

/** ASCII codes of the high and low hex digit of each byte value. */
const HEX_HI = new Uint8Array(256);
const HEX_LO = new Uint8Array(256);
for (let i = 0; i < 256; i++) {
  HEX_HI[i] = "0123456789abcdef".charCodeAt(i >> 4);
  HEX_LO[i] = "0123456789abcdef".charCodeAt(i & 15);
}

/** Lowercase hex of the 8 bytes at `p` (a span ID), built like `digitText`. */
export function hex8(b: Buffer, p: number): string {
  const a0 = b[p]!, a1 = b[p + 1]!, a2 = b[p + 2]!, a3 = b[p + 3]!, a4 = b[p + 4]!, a5 = b[p + 5]!, a6 = b[p + 6]!, a7 = b[p + 7]!;
  const H = HEX_HI, L = HEX_LO;
  return chars(H[a0], L[a0], H[a1], L[a1], H[a2], L[a2], H[a3], L[a3], H[a4], L[a4], H[a5], L[a5], H[a6], L[a6], H[a7], L[a7]);
}

/** Lowercase hex of the 16 bytes at `p` (a trace ID). */
export function hex16(b: Buffer, p: number): string {
  const a0 = b[p]!, a1 = b[p + 1]!, a2 = b[p + 2]!, a3 = b[p + 3]!, a4 = b[p + 4]!, a5 = b[p + 5]!, a6 = b[p + 6]!, a7 = b[p + 7]!;
  const a8 = b[p + 8]!, a9 = b[p + 9]!, a10 = b[p + 10]!, a11 = b[p + 11]!, a12 = b[p + 12]!, a13 = b[p + 13]!, a14 = b[p + 14]!, a15 = b[p + 15]!;
  const H = HEX_HI, L = HEX_LO;
  return chars(
    H[a0], L[a0], H[a1], L[a1], H[a2], L[a2], H[a3], L[a3], H[a4], L[a4], H[a5], L[a5], H[a6], L[a6], H[a7], L[a7],
    H[a8], L[a8], H[a9], L[a9], H[a10], L[a10], H[a11], L[a11], H[a12], L[a12], H[a13], L[a13], H[a14], L[a14], H[a15], L[a15],
  );
}
export function i64Text(lo: number, hi: number): string {
  return hi & 0x80000000 ? BigInt.asIntN(64, (BigInt(hi) << 32n) | BigInt(lo)).toString() : u64Text(lo, hi);
}

/** Slots of the table of recently decoded short strings: 2^RECENT_BITS. */
const RECENT_BITS = 12;
const RECENT_SIZE = 1 << RECENT_BITS;
/** Longest string kept in the table, in bytes (a multiple of 4). */
const RECENT_MAX = 32;
/** Words kept per slot: the string's bytes as little-endian 32-bit words (see `utf8`). */
const SLOT_WORDS = RECENT_MAX / 4;
const recent: (string | undefined)[] = new Array<string | undefined>(RECENT_SIZE).fill(undefined);
const recentWords = new Int32Array(RECENT_SIZE * SLOT_WORDS);

/**
 * Text of UTF-8 bytes. Short ASCII strings (attribute keys, service and span names, enum-like values) repeat from
 * span to span, so they are looked up in a small fixed table of recently decoded strings and shared instead of
 * allocated again; a slot holds the last string that hashed to it, so the table stays bounded whatever the input.
 * The slot comes from the length and three words (first, middle, last), and a hit is confirmed by comparing every
 * word in one pass: a string of n ≥ 4 bytes is read as the words at 0, 4, 8, … with the last one taken at n − 4
 * (overlapping its predecessor), shorter ones as one word. Only ASCII strings are stored, so equal bytes are ASCII
 * and a hit needs no separate check; a miss checks, decodes and stores.
 */
export function utf8(r: Reader, start: number, end: number): string {
  const n = end - start;
  if (n === 0) return "";
  const buf = r.buf;
  if (n > RECENT_MAX) return sliced(buf).utf8Slice(start, end);
  const view = r.view;
  let first: number;
  let last: number;
  let middle: number;
  if (n >= 4) {
    first = view.getInt32(start, true);
    last = view.getInt32(end - 4, true);
    middle = view.getInt32(start + ((n >> 1) & ~3), true);
  } else {
    first = buf[start]! | (n > 1 ? buf[start + 1]! << 8 : 0) | (n > 2 ? buf[start + 2]! << 16 : 0);
    last = first;
    middle = first;
  }
  const slot = Math.imul(Math.imul(Math.imul(n ^ first, 0x01000193) ^ middle, 0x01000193) ^ last, 0x9e3779b1) >>> (32 - RECENT_BITS);
  const at = slot * SLOT_WORDS;
  const hit = recent[slot];
  if (hit !== undefined && hit.length === n) {
    if (n <= 4) {
      if (recentWords[at] === first) return hit;
    } else {
      let j = 0;
      let i = start;
      const lastAt = end - 4;
      while (i < lastAt && recentWords[at + j] === view.getInt32(i, true)) {
        i += 4;
        j++;
      }
      if (i >= lastAt && recentWords[at + j] === last) return hit;
    }
  }
  let bits = 0;
  for (let i = start; i < end; i++) bits |= buf[i]!;
  if (bits >= 0x80) return sliced(buf).utf8Slice(start, end);
  const s = sliced(buf).latin1Slice(start, end);
  recent[slot] = s;
  if (n <= 4) recentWords[at] = first;
  else {
    let j = 0;
    for (let i = start; i < end - 4; i += 4) recentWords[at + j++] = view.getInt32(i, true);
    recentWords[at + j] = last;
  }
  return s;
}
