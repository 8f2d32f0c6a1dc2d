/**
 * Reading protobuf wire data in place: varints, fixed-width numbers and length-delimited fields of one buffer,
 * between an offset and an end, without copies.
 */

export const TWO_32 = 4294967296;

/**
 * Node's Buffer decoders without the encoding dispatch and argument checks of `toString` (they exist on every
 * Buffer; @types/node does not declare them). Offsets are always within the buffer here.
 */
interface Slicing {
  utf8Slice(start: number, end: number): string;
  latin1Slice(start: number, end: number): string;
  hexSlice(start: number, end: number): string;
}
export const sliced = (buf: Buffer) => buf as unknown as Slicing;

/** Reads one buffer in place: messages are decoded between `pos` and an end offset, without copies. */
export class Reader {
  pos = 0;
  readonly buf: Buffer;
  /** The same bytes, for reading four at a time. */
  readonly view: DataView;
  constructor(bytes: Uint8Array) {
    this.buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.view = new DataView(this.buf.buffer, this.buf.byteOffset, this.buf.byteLength);
  }
  /**
   * A varint that fits in 32 bits (tags, lengths, enums); longer ones are read whole and truncated. Built with
   * integer operations only, so small values stay small integers (a value computed with floating-point powers is
   * stored boxed, one more heap object per field).
   */
  uint32(): number {
    const buf = this.buf;
    let pos = this.pos;
    let result = 0;
    for (let shift = 0; ; shift += 7) {
      if (pos >= buf.length) throw new Error("truncated varint");
      const b = buf[pos++]!;
      if (shift < 32) result |= (b & 0x7f) << shift;
      if (b < 0x80) {
        this.pos = pos;
        return result >>> 0;
      }
      if (shift >= 63) throw new Error("varint too long");
    }
  }
  /** A little-endian 32-bit unsigned integer. */
  fixed32(): number {
    const p = this.pos;
    if (p + 4 > this.buf.length) throw new Error("truncated field");
    this.pos = p + 4;
    return this.view.getUint32(p, true);
  }
  /** A little-endian IEEE 754 double. */
  double(): number {
    const p = this.pos;
    if (p + 8 > this.buf.length) throw new Error("truncated field");
    this.pos = p + 8;
    return this.view.getFloat64(p, true);
  }
  /** A full 64-bit varint as low and high 32-bit halves. */
  varint64(): [number, number] {
    const buf = this.buf;
    let lo = 0;
    let hi = 0;
    for (let shift = 0; ; shift += 7) {
      if (this.pos >= buf.length) throw new Error("truncated varint");
      if (shift > 63) throw new Error("varint too long");
      const b = buf[this.pos++]!;
      const bits = b & 0x7f;
      if (shift < 28) lo |= bits << shift;
      else if (shift === 28) {
        lo |= (bits & 0x0f) << 28;
        hi |= bits >>> 4;
      } else hi |= bits << (shift - 32);
      if (b < 0x80) return [lo >>> 0, hi >>> 0];
    }
  }
  /** Offset just past a length-delimited field's bytes. */
  end(): number {
    // Most lengths fit one byte.
    const first = this.buf[this.pos]!;
    const n = first < 0x80 ? (this.pos++, first) : this.uint32();
    const end = this.pos + n;
    if (end > this.buf.length) throw new Error("truncated field");
    return end;
  }
  skipBytes(n: number): void {
    if (this.pos + n > this.buf.length) throw new Error("truncated field");
    this.pos += n;
  }
}
