import fc from "fast-check";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { SourceFile } from "../text/source-file.js";
import { alloySource } from "../../../../test/support/alloy-arbitrary.js";
import { sharedDir, shared } from "../../../../test/support/shared.js";
import { format, formatTo, type FormatToOptions } from "./printer.js";

const utf8 = new TextEncoder();

/** `formatTo` into memory: the bytes written since the last restart, the result, and how often it restarted. */
function streamed(input: string | Uint8Array | SourceFile, options: FormatToOptions = {}) {
  let pieces: Uint8Array[] = [];
  let restarts = 0;
  const result = formatTo(input, { write: (p) => void pieces.push(p.slice()), restart: () => void ((pieces = []), restarts++) }, options);
  return { result, bytes: Buffer.concat(pieces), pieces: pieces.length, restarts };
}

/** `formatTo` gives what `format` gives: the same bytes, `changed` and diagnostics. */
function expectSameAsFormat(input: string | Uint8Array, options: FormatToOptions = {}): number {
  const whole = format(typeof input === "string" ? input : new Uint8Array(input), options);
  const s = streamed(input, options);
  expect(s.result.ok).toBe(whole.ok);
  if (whole.ok && s.result.ok) {
    expect(s.bytes.toString("utf8")).toBe(whole.text);
    expect(Buffer.from(whole.text).equals(s.bytes)).toBe(true);
    expect(s.result.changed).toBe(whole.changed);
  } else if (!whole.ok && !s.result.ok) {
    expect(s.result.diagnostics.map((d) => [d.range.start, d.message])).toEqual(whole.diagnostics.map((d) => [d.range.start, d.message]));
  }
  return s.pieces;
}

/** The corpus's `.alloy` files (real configurations), or none when the shared folder is absent. */
function corpusTexts(): string[] {
  if (sharedDir === undefined || !existsSync(shared("corpus", "alloy"))) return [];
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const p = path.join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith(".alloy")) out.push(readFileSync(p, "utf8"));
    }
  };
  walk(shared("corpus", "alloy"));
  return out;
}

describe("formatTo (the output in pieces)", () => {
  it("writes format's bytes in pieces that end at line ends, and says whether the input changes", () => {
    const text = Array.from({ length: 400 }, (_, i) => `attr_${i % 7}=${i}\n`).join("\n");
    const s = streamed(text, { pieceUnits: 256 });
    expect(s.pieces).toBeGreaterThan(10);
    const whole = format(text);
    expect(whole.ok && s.bytes.toString()).toBe(whole.ok && whole.text);
    expect(s.result).toEqual({ ok: true, changed: true });
    expect(streamed(s.bytes.toString(), { pieceUnits: 256 }).result).toEqual({ ok: true, changed: false });
  });

  it("writes non-ASCII text as UTF-8, and compares it with the input (two-byte code units)", () => {
    // Blank lines end alignment runs, which are printed (and so given out) whole.
    const text = Array.from({ length: 300 }, (_, i) => `é_${i} = "— ${i} 😀"\n${i % 3 === 0 ? "\n" : ""}`).join("");
    expect(expectSameAsFormat(text, { pieceUnits: 128 })).toBeGreaterThan(10);
    const formatted = format(text);
    expect(formatted.ok && streamed(formatted.text, { pieceUnits: 128 }).result).toEqual({ ok: true, changed: false });
  });

  it("reads an ASCII input's bytes as its code units when they are handed over, with the same output", () => {
    const text = Array.from({ length: 200 }, (_, i) => `b "x${i}" { a=1 // c\n bb = [1,2] }\n`).join("");
    const bytes = utf8.encode(text);
    const source = SourceFile.fromBytes("in.alloy", bytes, true);
    expect(source.codeUnits).toBeInstanceOf(Uint8Array);
    const s = streamed(source, { pieceUnits: 512 });
    const whole = format(text);
    expect(whole.ok && s.bytes.toString()).toBe(whole.ok && whole.text);
    // Neither the parse nor the print made the text as a string; it is made when asked for.
    expect(source.hasText).toBe(false);
    expect(source.lineStarts).toEqual(new SourceFile("", text).lineStarts);
    expect(source.text).toBe(text);
    // The bytes are read, not written to.
    expect(Buffer.from(bytes).toString()).toBe(text);
    // Invalid UTF-8 is decoded as before; other non-ASCII bytes become UTF-16 units.
    expect(SourceFile.fromBytes("x", new Uint8Array([0x61, 0x3d, 0x31, 0xff]), true).codeUnits).toBeUndefined();
    expect(SourceFile.fromBytes("x", utf8.encode("a = \"é\""), true).codeUnits).toBeInstanceOf(Uint16Array);
    expect(SourceFile.fromBytes("x", utf8.encode("a = \"é\"")).codeUnits).toBeUndefined();
    expectSameAsFormat(new Uint8Array([0x61, 0x20, 0x3d, 0x20, 0x22, 0xff, 0x22, 0x0a]));
  });

  it("decodes non-ASCII bytes handed over into code units, a megabyte at a time, and prints them as format does", () => {
    // Characters of two, three and four bytes lie across every megabyte boundary; U+010A's low byte is a line feed.
    const line = (i: number) => `k${i} = "Ċ—😀 ${"x".repeat(i % 13)}"\n${i % 4 === 0 ? "\n" : ""}`;
    let text = "\uFEFF";
    for (let i = 0; text.length < 1_300_000; i++) text += line(i);
    text += "// — end\n";
    const bytes = utf8.encode(text);
    expect(bytes[1 << 20]! & 0xc0).toBe(0x80); // the first megabyte ends inside a character
    const source = SourceFile.fromBytes("w.alloy", bytes, true);
    expect(source.codeUnits).toBeInstanceOf(Uint16Array);
    const s = streamed(source);
    const whole = format(text);
    expect(whole.ok && s.bytes.equals(Buffer.from(whole.text))).toBe(true);
    expect(s.result.ok && s.result.changed).toBe(whole.ok && whole.changed);
    expect(source.hasText).toBe(false);
    expect(source.lineStarts).toEqual(new SourceFile("", text).lineStarts);
    expect(source.text).toBe(text);
    // Positions of a syntax error count bytes as for the decoded text.
    const bad = SourceFile.fromBytes("w.alloy", utf8.encode(`${text}z = "é" +\n`), true);
    const r = formatTo(bad, { write() {}, restart() {} });
    const expected = format(`${text}z = "é" +\n`, { name: "w.alloy" });
    expect(!r.ok && r.diagnostics.map((d) => r.source.formatPosition(d.range.start))).toEqual(!expected.ok && expected.diagnostics.map((d) => expected.source.formatPosition(d.range.start)));
    // Invalid UTF-8 is decoded as without handing over (one U+FFFD per bad byte).
    const broken = SourceFile.fromBytes("b.alloy", new Uint8Array([...utf8.encode('a = "é'), 0xe2, 0x80, 0x22, 0x0a]), true);
    expect(broken.codeUnits).toBeUndefined();
    expect(broken.invalidOffsets.length).toBe(2);
  });

  it("reports a syntax error in ASCII bytes handed over at the position format reports", () => {
    const text = `${"a = 1\n".repeat(50)}b = [1,\n`;
    const r = formatTo(SourceFile.fromBytes("f.alloy", utf8.encode(text), true), { write() {}, restart() {} });
    const whole = format(text, { name: "f.alloy" });
    expect(!r.ok && r.diagnostics.map((d) => r.source.formatPosition(d.range.start) + ": " + d.message)).toEqual(
      !whole.ok && whole.diagnostics.map((d) => whole.source.formatPosition(d.range.start) + ": " + d.message),
    );
  });

  it("reports a syntax error at the end like format, whatever it wrote before", () => {
    const text = Array.from({ length: 500 }, (_, i) => `a${i} = ${i}\n`).join("") + "z = \n";
    const s = streamed(text, { pieceUnits: 64 });
    expect(s.result.ok).toBe(false);
    expectSameAsFormat(text, { pieceUnits: 64 });
  });

  it("starts again with format's checked text when a comment was carried past a token", () => {
    const text = `${"k = 1\n".repeat(300)}x = {a = 1 /* c */, b = 2}\n`;
    const s = streamed(text, { pieceUnits: 64 });
    expect(s.restarts).toBe(1);
    expectSameAsFormat(text, { pieceUnits: 64 });
    expectSameAsFormat(text, { pieceUnits: 64, compat: "upstream" });
  });

  it("drops printed comment groups without losing any (more groups than it keeps)", () => {
    const text = Array.from({ length: 1500 }, (_, i) => `// note ${i}\nv${i} = ${i} // t${i}\n`).join("");
    expectSameAsFormat(text, { pieceUnits: 300 });
  });

  it("equals format on generated sources, valid or not, cut into pieces of any size", () => {
    const edited = fc.tuple(alloySource, fc.nat(), fc.string({ maxLength: 3 })).map(([s, a, ins]) => s.slice(0, a % (s.length + 1)) + ins + s.slice(a % (s.length + 1)));
    fc.assert(
      fc.property(fc.array(fc.oneof(alloySource, edited), { minLength: 1, maxLength: 6 }), fc.integer({ min: 1, max: 200 }), fc.boolean(), (parts, pieceUnits, upstream) => {
        const text = parts.join("\n");
        const options = { pieceUnits, compat: upstream ? ("upstream" as const) : undefined };
        expectSameAsFormat(text, options);
        // The CLI's way in: bytes handed over (read in place when ASCII).
        const whole = format(text, options);
        const s = streamed(SourceFile.fromBytes("", utf8.encode(text), true), options);
        expect(s.result.ok).toBe(whole.ok);
        if (whole.ok && s.result.ok) expect([s.bytes.toString(), s.result.changed]).toEqual([whole.text, whole.changed]);
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 300) },
    );
  });

  it.skipIf(corpusTexts().length === 0)("equals format on the corpus's configurations, one by one and concatenated", () => {
    const texts = corpusTexts();
    for (const t of texts) expectSameAsFormat(t, { pieceUnits: 512 });
    fc.assert(
      fc.property(fc.shuffledSubarray(texts, { minLength: 2, maxLength: 12 }), fc.integer({ min: 16, max: 4096 }), (picked, pieceUnits) => {
        expectSameAsFormat(picked.join("\n"), { pieceUnits });
        expectSameAsFormat(utf8.encode(picked.join("\n")), { pieceUnits });
        const bytes = utf8.encode(picked.join("\n"));
        const s = streamed(SourceFile.fromBytes("c.alloy", bytes, true), { pieceUnits });
        const whole = format(bytes);
        expect(s.result.ok && s.bytes.toString()).toBe(whole.ok && whole.text);
      }),
      { numRuns: 30 },
    );
  });
});
