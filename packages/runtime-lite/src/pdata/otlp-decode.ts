/**
 * Decoding an OTLP export request into the OTLP/JSON shape of ./types.ts: each message schema is compiled once into
 * a decoder function specialised for its fields (`decoderFor`); scalars go through one reader per type.
 */
import { Reader, sliced } from "./otlp-reader.js";
import { requestSchema, REQUIRED_LISTS, S, schemaName, WIRE, type Scalar, type Schema } from "./otlp-schema.js";
import { hex16, hex8, i64Text, u64Text, utf8 } from "./otlp-text.js";
import type { Signal, Telemetry } from "./types.js";

/** One reader per scalar type, chosen once per field when a schema is compiled. */
const READ: Record<Scalar, (r: Reader) => unknown> = {
  string: (r) => {
    const end = r.end();
    const s = utf8(r, r.pos, end);
    r.pos = end;
    return s;
  },
  hex: (r) => {
    const end = r.end();
    const n = end - r.pos;
    const s = n === 16 ? hex16(r.buf, r.pos) : n === 8 ? hex8(r.buf, r.pos) : sliced(r.buf).hexSlice(r.pos, end);
    r.pos = end;
    return s;
  },
  b64: (r) => {
    const end = r.end();
    const s = r.buf.toString("base64", r.pos, end);
    r.pos = end;
    return s;
  },
  bool: (r) => {
    const [lo, hi] = r.varint64();
    return lo !== 0 || hi !== 0;
  },
  int64: (r) => {
    const [lo, hi] = r.varint64();
    return i64Text(lo, hi);
  },
  uint64: (r) => {
    const [lo, hi] = r.varint64();
    return u64Text(lo, hi);
  },
  uint32: (r) => r.uint32(),
  sint32: (r) => {
    const n = r.uint32();
    return (n >>> 1) ^ -(n & 1);
  },
  fixed64: (r) => {
    const lo = r.fixed32();
    return u64Text(lo, r.fixed32());
  },
  sfixed64: (r) => {
    const lo = r.fixed32();
    return i64Text(lo, r.fixed32());
  },
  fixed32: (r) => r.fixed32(),
  double: (r) => r.double(),
};

function skip(wire: number, r: Reader): void {
  if (wire === 0) r.varint64();
  else if (wire === 1) r.skipBytes(8);
  else if (wire === 2) r.pos = r.end();
  else if (wire === 5) r.skipBytes(4);
  else throw new Error(`unsupported wire type ${wire}`);
}

type MessageDecoder = (r: Reader, end: number, depth: number) => Record<string, unknown>;

const decoders = new Map<Schema, MessageDecoder>();

/** Unknown fields are skipped; a known field with the wrong wire type is an error. */
function unexpected(schema: Schema, tag: number, r: Reader): void {
  const f = schema[tag >>> 3];
  if (f) throw new Error(`field ${f.name}: unexpected wire type ${tag & 7}`);
  skip(tag & 7, r);
}

/** Messages whose fields form a oneof: the object holds only the fields present on the wire. */
const ONEOF = new Set<Schema>([S("AnyValue")]);

/**
 * Compiles a schema into a decoder function specialised for its fields (one `case` per tag, one local variable per
 * field), the way generated protobuf code looks: several times faster than interpreting the schema per field.
 * Each message is built at its end by one object literal listing every field in field-number order (absent ones
 * are undefined), so all messages of a type share one hidden class, and V8 can allocate them straight in the old
 * generation once it sees they outlive young collections (it pretenures literal allocation sites, not objects
 * grown property by property): a batch holding thousands of spans is then not copied by every scavenge. A oneof
 * (AnyValue) is built from a one-field literal per case instead, holding only the field present.
 * The generated source comes only from the static schemas above, never from input.
 */
function decoderFor(schema: Schema): MessageDecoder {
  const cached = decoders.get(schema);
  if (cached) return cached;
  const subs: MessageDecoder[] = [];
  const cases: string[] = [];
  const props: string[] = [];
  const oneof = ONEOF.has(schema);
  for (const [noText, f] of Object.entries(schema)) {
    const no = Number(noText);
    const local = `f${no}`;
    const key = JSON.stringify(f.name);
    // A oneof keeps every field seen (the last of a repeated one), as an object grown from its first field.
    const store = (v: string) =>
      oneof ? `if (out === undefined) out = { ${key}: ${v} }; else out[${key}] = ${v};` : f.repeated ? `if (${local} === undefined) ${local} = [${v}]; else ${local}.push(${v});` : `${local} = ${v};`;
    props.push(`${key}: ${f.repeated && REQUIRED_LISTS.has(f.name) ? `${local} === undefined ? [] : ${local}` : local}`);
    if (typeof f.type === "object") {
      const i = subs.length;
      const sub = f.type;
      // Resolved on first use (schemas are recursive), then called directly.
      subs.push((r, end, depth) => (subs[i] = decoderFor(sub))(r, end, depth));
      cases.push(`case ${(no << 3) | 2}: { const e = r.end(); const v = subs[${i}](r, e, depth + 1); if (r.pos !== e) throw new Error(${JSON.stringify(`field ${f.name}: message overruns its length`)}); ${store("v")} break; }`);
      continue;
    }
    const read = f.type === "string" ? `(e = r.end(), v = utf8(r, r.pos, e), r.pos = e, v)` : `READ.${f.type}(r)`;
    cases.push(`case ${(no << 3) | WIRE[f.type]}: { let e, v; v = ${read}; ${store("v")} break; }`);
    if (f.repeated && WIRE[f.type] !== 2)
      cases.push(
        `case ${(no << 3) | 2}: { const e = r.end(); if (${local} === undefined) ${local} = []; while (r.pos < e) ${local}.push(READ.${f.type}(r)); if (r.pos !== e) throw new Error(${JSON.stringify(`field ${f.name}: packed values overrun their length`)}); break; }`,
      );
  }
  const locals = Object.keys(schema).map((no) => `f${no}`);
  // Named after the message, so profiles tell the message types apart.
  const name = schemaName(schema) ?? "message";
  const source = `return function decode${name}(r, end, depth) {
  if (depth > 64) throw new Error("message nested too deeply");
  const buf = r.buf;
  ${oneof ? "let out;" : `let ${locals.join(", ")};`}
  while (r.pos < end) {
    let tag = buf[r.pos];
    if (tag < 0x80) r.pos++; else tag = r.uint32();
    switch (tag) {
      ${cases.join("\n      ")}
      default: unexpected(schema, tag, r);
    }
  }
  if (r.pos > end) throw new Error("truncated message");
  return ${oneof ? "out === undefined ? {} : out" : `{ ${props.join(", ")} }`};
}`;
  const decode = new Function("READ", "utf8", "subs", "unexpected", "schema", source)(READ, utf8, subs, unexpected, schema) as MessageDecoder;
  decoders.set(schema, decode);
  return decode;
}

function decodeMessage(schema: Schema, r: Reader, end: number, depth: number): Record<string, unknown> {
  return decoderFor(schema)(r, end, depth);
}

/**
 * Decodes an OTLP export request body; never throws. Every decoded message has all of its fields as properties
 * (fields absent on the wire are undefined; lists the OTLP/JSON shape requires are empty), except AnyValue, which
 * has only the field present. JSON text and stableKey treat undefined fields as absent; Object.keys lists them.
 */
export function decodeExportRequest(signal: Signal, body: Uint8Array): Telemetry | { error: string } {
  try {
    const r = new Reader(body);
    const data = decodeMessage(requestSchema(signal), r, body.length, 0);
    fillDefaults(data);
    return { signal, data } as unknown as Telemetry;
  } catch (e) {
    return { error: `cannot decode ${signal} protobuf: ${(e as Error).message}` };
  }
}

/** Ensures `resource` objects exist, as the JSON shape expects. */
function fillDefaults(data: Record<string, unknown>): void {
  for (const list of Object.values(data))
    if (Array.isArray(list))
      for (const r of list as Record<string, unknown>[]) r.resource ??= { attributes: [] };
}
