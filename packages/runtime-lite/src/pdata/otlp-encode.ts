/**
 * Encoding a payload of the OTLP/JSON shape (./types.ts) as an OTLP export request, walking the message schemas.
 */
import { TWO_32 } from "./otlp-reader.js";
import { requestSchema, WIRE, type Field, type Scalar, type Schema } from "./otlp-schema.js";
import type { Telemetry } from "./types.js";

/**
 * Writes into one growing buffer. A nested message's length is written after its body: one byte is reserved, and
 * the body is moved when the length needs more (rare: bodies of 128 bytes or more).
 */
class Writer {
  buf = Buffer.allocUnsafe(4096);
  pos = 0;
  ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.pos + n) size *= 2;
    const next = Buffer.allocUnsafe(size);
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }
  uint32(v: number): void {
    this.ensure(5);
    while (v > 0x7f) {
      this.buf[this.pos++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    this.buf[this.pos++] = v;
  }
  /** A 64-bit varint from halves. */
  varint64(lo: number, hi: number): void {
    this.ensure(10);
    while (hi !== 0 || lo > 0x7f) {
      this.buf[this.pos++] = (lo & 0x7f) | 0x80;
      lo = ((lo >>> 7) | (hi << 25)) >>> 0;
      hi >>>= 7;
    }
    this.buf[this.pos++] = lo;
  }
  tag(no: number, wire: number): void {
    this.uint32(((no << 3) | wire) >>> 0);
  }
  /** Starts a length-delimited field; `close` writes its length. */
  open(): number {
    this.ensure(1);
    return this.pos++;
  }
  close(at: number): void {
    const len = this.pos - at - 1;
    let extra = 0;
    for (let v = len; v > 0x7f; v >>>= 7) extra++;
    if (extra) {
      this.ensure(extra);
      this.buf.copyWithin(at + 1 + extra, at + 1, this.pos);
      this.pos += extra;
    }
    let p = at;
    let v = len;
    while (v > 0x7f) {
      this.buf[p++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    this.buf[p] = v;
  }
  string(s: string): void {
    this.ensure(s.length * 3 + 5);
    const at = this.open();
    this.pos += this.buf.write(s, this.pos, "utf8");
    this.close(at);
  }
  encoded(s: string, encoding: "hex" | "base64"): void {
    this.ensure(s.length + 5);
    const at = this.open();
    this.pos += this.buf.write(s, this.pos, encoding);
    this.close(at);
  }
  result(): Uint8Array {
    return new Uint8Array(this.buf.buffer, this.buf.byteOffset, this.pos).slice();
  }
}

/** Halves of a 64-bit integer given as decimal text or a number (two's complement for negatives). */
function halves(v: unknown): [number, number] {
  if (typeof v === "number" && Number.isSafeInteger(v) && v >= 0) return [v % TWO_32, Math.floor(v / TWO_32)];
  const b = BigInt.asUintN(64, BigInt(v as string));
  return [Number(b & 0xffffffffn), Number(b >> 32n)];
}

function writeScalar(w: Writer, type: Scalar, v: unknown): void {
  switch (type) {
    case "string":
      return w.string(String(v));
    case "hex":
      return w.encoded(String(v), "hex");
    case "b64":
      return w.encoded(String(v), "base64");
    case "bool":
      return w.uint32(v ? 1 : 0);
    case "uint32":
      return w.varint64(Number(v) >>> 0, 0);
    case "int64":
    case "uint64": {
      const [lo, hi] = halves(v);
      return w.varint64(lo, hi);
    }
    case "sint32": {
      const n = Number(v);
      return w.uint32(((n << 1) ^ (n >> 31)) >>> 0);
    }
    case "fixed64":
    case "sfixed64": {
      const [lo, hi] = halves(v);
      w.ensure(8);
      w.buf.writeUInt32LE(lo, w.pos);
      w.buf.writeUInt32LE(hi, w.pos + 4);
      w.pos += 8;
      return;
    }
    case "fixed32":
      w.ensure(4);
      w.buf.writeUInt32LE(Number(v) >>> 0, w.pos);
      w.pos += 4;
      return;
    case "double":
      w.ensure(8);
      w.buf.writeDoubleLE(Number(v), w.pos);
      w.pos += 8;
      return;
  }
}

/** Fields in field-number order, prepared once per schema. */
const encodeOrder = new Map<Schema, [number, Field][]>();
function fieldsOf(schema: Schema): [number, Field][] {
  let list = encodeOrder.get(schema);
  if (!list) encodeOrder.set(schema, (list = Object.entries(schema).map(([no, f]) => [Number(no), f] as [number, Field])));
  return list;
}

function encodeMessage(schema: Schema, msg: Record<string, unknown>, w: Writer): void {
  for (const [no, f] of fieldsOf(schema)) {
    const v = msg[f.name];
    if (v === undefined || v === null) continue;
    const values = f.repeated ? (v as unknown[]) : [v];
    if (typeof f.type === "object") {
      for (const item of values) {
        w.tag(no, 2);
        const at = w.open();
        encodeMessage(f.type, item as Record<string, unknown>, w);
        w.close(at);
      }
    } else if (f.repeated && WIRE[f.type] !== 2) {
      if (values.length === 0) continue;
      w.tag(no, 2);
      const at = w.open();
      for (const item of values) writeScalar(w, f.type, item);
      w.close(at);
    } else
      for (const item of values) {
        if (f.type === "hex" && item === "") continue;
        w.tag(no, WIRE[f.type]);
        writeScalar(w, f.type, item);
      }
  }
}

/** Encodes a payload as an OTLP export request. */
export function encodeExportRequest(t: Telemetry): Uint8Array {
  const w = new Writer();
  encodeMessage(requestSchema(t.signal), t.data as unknown as Record<string, unknown>, w);
  return w.result();
}
