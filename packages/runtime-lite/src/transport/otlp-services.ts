/**
 * The three OTLP/gRPC services (opentelemetry/proto/collector/*), and their export responses. Requests are
 * encoded and decoded by pdata/otlp-proto.ts; a response carries only `partial_success` (field 1), a message of
 * `rejected_<items>` (int64, field 1) and `error_message` (string, field 2), small enough to code by hand.
 */
import type { Signal } from "../pdata/types.js";

export const SERVICE_PATH: Record<Signal, string> = {
  traces: "/opentelemetry.proto.collector.trace.v1.TraceService/Export",
  metrics: "/opentelemetry.proto.collector.metrics.v1.MetricsService/Export",
  logs: "/opentelemetry.proto.collector.logs.v1.LogsService/Export",
};

/** The item word of a signal's partial success (`rejected_spans`, ...). */
export const REJECTED_ITEMS: Record<Signal, string> = { traces: "spans", metrics: "data points", logs: "log records" };

export interface PartialSuccess {
  rejected: bigint;
  errorMessage: string;
}

function varint(out: number[], v: bigint): void {
  let x = BigInt.asUintN(64, v);
  while (x >= 0x80n) {
    out.push(Number(x & 0x7fn) | 0x80);
    x >>= 7n;
  }
  out.push(Number(x));
}

/** An export response: empty for full success, else partial_success with the rejected count and message. */
export function encodeExportResponse(p?: PartialSuccess): Buffer {
  if (!p || (p.rejected === 0n && p.errorMessage === "")) return Buffer.alloc(0);
  const inner: number[] = [];
  if (p.rejected !== 0n) {
    inner.push(0x08);
    varint(inner, p.rejected);
  }
  const msg = Buffer.from(p.errorMessage, "utf8");
  if (msg.length) {
    inner.push(0x12);
    varint(inner, BigInt(msg.length));
  }
  const head: number[] = [0x0a];
  varint(head, BigInt(inner.length + msg.length));
  return Buffer.concat([Buffer.from(head), Buffer.from(inner), msg]);
}

/** Reads an export response's partial_success; unknown fields are skipped, malformed bytes give undefined. */
export function decodeExportResponse(buf: Uint8Array): PartialSuccess | undefined {
  let pos = 0;
  const readVarint = (end: number): bigint => {
    let v = 0n;
    let shift = 0n;
    for (;;) {
      if (pos >= end || shift > 63n) throw new Error("truncated varint");
      const b = buf[pos++]!;
      v |= BigInt(b & 0x7f) << shift;
      if (b < 0x80) return v;
      shift += 7n;
    }
  };
  const skip = (wire: number, end: number) => {
    if (wire === 0) readVarint(end);
    else if (wire === 1) pos += 8;
    else if (wire === 5) pos += 4;
    else if (wire === 2) pos += Number(readVarint(end));
    else throw new Error(`wire type ${wire}`);
    if (pos > end) throw new Error("truncated field");
  };
  try {
    let result: PartialSuccess | undefined;
    while (pos < buf.length) {
      const tag = Number(readVarint(buf.length));
      if (tag >>> 3 === 1 && (tag & 7) === 2) {
        const end = pos + Number(readVarint(buf.length));
        if (end > buf.length) throw new Error("truncated partial_success");
        result = { rejected: 0n, errorMessage: "" };
        while (pos < end) {
          const t = Number(readVarint(end));
          if (t === 0x08) result.rejected = BigInt.asIntN(64, readVarint(end));
          else if (t === 0x12) {
            const n = Number(readVarint(end));
            result.errorMessage = Buffer.from(buf.subarray(pos, pos + n)).toString("utf8");
            pos += n;
          } else skip(t & 7, end);
        }
      } else skip(tag & 7, buf.length);
    }
    return result;
  } catch {
    return undefined;
  }
}
