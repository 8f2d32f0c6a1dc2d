/**
 * One string per distinct identifier of a parse. Configurations repeat a small vocabulary (`otelcol`, `exporter`,
 * `input`, `endpoint`, …) tens of thousands of times in a large file; slicing each occurrence out of the source
 * makes a string that the tree then keeps alive. The interner hashes the characters in place and returns the
 * string made for their first occurrence, so repeats cost no allocation.
 */
import type { CodeUnits } from "./code-units.js";

/** Start value of the string hash (FNV-1a over UTF-16 code units). */
export const HASH_SEED = 0x811c9dc5 | 0;
/** Multiplier of the string hash: `h = Math.imul(h ^ codeUnit, HASH_PRIME)` per code unit. */
export const HASH_PRIME = 0x01000193;

/** The string hash of `text[start, end)`. */
export function hashSpan(text: string, start: number, end: number): number {
  let h = HASH_SEED;
  for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), HASH_PRIME);
  return h;
}

/** `hashSpan` of the code units `codes[start, end)`. */
export function hashUnits(codes: CodeUnits, start: number, end: number): number {
  let h = HASH_SEED;
  for (let i = start; i < end; i++) h = Math.imul(h ^ codes[i]!, HASH_PRIME);
  return h;
}

/**
 * Open-addressing hash table (linear probing) of the strings of one source text, looked up by a span of it.
 * Candidates are compared with the span of their first occurrence, code unit by code unit in `codes`.
 */
export class StringInterner {
  /** Interned strings by slot; "" marks a free slot (the empty string is never stored). */
  private strings: string[];
  /** Hash of the string in the same slot, to skip most comparisons. */
  private hashes: Int32Array;
  /** Offset in the source of the string's first occurrence. */
  private offsets: Int32Array;
  private mask: number;
  /** 32 - log2(capacity): slots come from the top bits of a multiplied hash (FNV's low bits mix poorly). */
  private shift: number;
  private count = 0;

  /**
   * `slice`: the source's `text.slice` (see `SourceFile.slicer`); `codes`: its code units (`Scanner.codes`);
   * `capacity`: initial number of slots, a power of two.
   */
  constructor(
    private readonly slice: (from: number, to: number) => string,
    private readonly codes: CodeUnits,
    capacity = 256,
  ) {
    this.strings = new Array<string>(capacity).fill("");
    this.hashes = new Int32Array(capacity);
    this.offsets = new Int32Array(capacity);
    this.mask = capacity - 1;
    this.shift = Math.clz32(capacity) + 1;
  }

  /** The interned string equal to `text.slice(start, end)`, whose `hashSpan` is `h` (the scanner computes it). */
  intern(start: number, end: number, h: number): string {
    const n = end - start;
    if (n <= 0) return "";
    const strings = this.strings;
    const hashes = this.hashes;
    const mask = this.mask;
    let slot = Math.imul(h, GOLDEN) >>> this.shift;
    for (;;) {
      const s = strings[slot]!;
      if (s.length === 0) break;
      if (hashes[slot] === h && s.length === n && this.sameUnits(this.offsets[slot]!, start, n)) return s;
      slot = (slot + 1) & mask;
    }
    const s = this.slice(start, end);
    strings[slot] = s;
    hashes[slot] = h;
    this.offsets[slot] = start;
    if (++this.count * 2 > mask) this.grow();
    return s;
  }

  /** Whether the `n` code units at `a` and at `b` are equal. */
  private sameUnits(a: number, b: number, n: number): boolean {
    const codes = this.codes;
    for (let i = 0; i < n; i++) if (codes[a + i] !== codes[b + i]) return false;
    return true;
  }

  /** Doubles the table, keeping it at most half full. */
  private grow(): void {
    const oldStrings = this.strings;
    const oldHashes = this.hashes;
    const oldOffsets = this.offsets;
    const capacity = oldStrings.length * 2;
    const strings = new Array<string>(capacity).fill("");
    const hashes = new Int32Array(capacity);
    const offsets = new Int32Array(capacity);
    const mask = capacity - 1;
    const shift = Math.clz32(capacity) + 1;
    for (let i = 0; i < oldStrings.length; i++) {
      const s = oldStrings[i]!;
      if (s.length === 0) continue;
      let slot = Math.imul(oldHashes[i]!, GOLDEN) >>> shift;
      while (strings[slot]!.length !== 0) slot = (slot + 1) & mask;
      strings[slot] = s;
      hashes[slot] = oldHashes[i]!;
      offsets[slot] = oldOffsets[i]!;
    }
    this.strings = strings;
    this.hashes = hashes;
    this.offsets = offsets;
    this.mask = mask;
    this.shift = shift;
  }
}

/** 2^32 / golden ratio: Fibonacci hashing spreads the hash over the top bits. */
const GOLDEN = 0x9e3779b1 | 0;
