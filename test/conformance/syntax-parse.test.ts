/**
 * Scanner and parser conformance against upstream's test data in ../shared/conformance/syntax:
 * cases.json (scanner, identifier and parser test tables), observed_cases.json (full error lists recorded from
 * upstream) and the parser testdata folder (valid files, inline `/* ERROR "re" *\/` markers, fuzz inputs).
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { isValidIdentifier, sanitizeIdentifier } from "../../packages/grammar/src/lexer/identifier.js";
import { Scanner, scanTokens } from "../../packages/grammar/src/lexer/scanner.js";
import { Tok, TOKEN_KINDS } from "../../packages/grammar/src/lexer/token.js";
import { parse, parseExpression } from "../../packages/grammar/src/parser/parser.js";
import { SourceFile } from "../../packages/grammar/src/text/source-file.js";
import type { Diagnostic } from "../../packages/grammar/src/diagnostics/diagnostic.js";
import { shared, sharedDir } from "../support/shared.js";

interface Case {
  name: string;
  mode: "token" | "identifier" | "sanitize_identifier" | "expression" | "file";
  input: string;
  input_base64?: string;
  expect: "ok" | "error";
  error_contains?: string;
  token?: string;
  error_offset?: number;
  output?: string;
  errors?: string[];
  observed_errors?: string[];
}

const loadCases = (file: string): Case[] => JSON.parse(readFileSync(shared("conformance", "syntax", file), "utf8")) as Case[];

const sourceOf = (c: Case): SourceFile =>
  c.input_base64 !== undefined ? SourceFile.fromBytes("", Buffer.from(c.input_base64, "base64")) : new SourceFile("", c.input);

/** `LINE:COL: MESSAGE`, as upstream renders a diagnostic without a file name. */
const render = (source: SourceFile, diags: readonly Diagnostic[]): string[] =>
  diags.map((d) => `${source.formatPosition(d.range!.start)}: ${d.message}`);

function checkParseOutcome(c: Case, rendered: string[]): void {
  const messages = rendered.map((r) => r.replace(/^\d+:\d+: /, ""));
  if (c.expect === "ok") expect(rendered).toEqual([]);
  else expect(rendered.length).toBeGreaterThan(0);
  if (c.error_contains !== undefined) expect(messages).toContain(c.error_contains);
  if (c.errors !== undefined) expect(rendered).toEqual(c.errors);
  if (c.observed_errors !== undefined) expect(rendered).toEqual(c.observed_errors);
}

function runCase(c: Case): void {
  switch (c.mode) {
    case "token": {
      const source = sourceOf(c);
      const errors: { offset: number; message: string }[] = [];
      const scanner = new Scanner(source.text, {
        includeComments: true,
        invalidOffsets: source.invalidOffsets,
        onError: (offset, message) => errors.push({ offset, message }),
      });
      const tok = scanner.scan();
      expect(TOKEN_KINDS[tok]).toBe(c.token);
      if (c.expect === "ok") {
        expect(errors).toEqual([]);
      } else {
        const hit = errors.find((e) => e.message === c.error_contains);
        expect(hit, `errors: ${JSON.stringify(errors)}`).toBeDefined();
        if (c.error_offset !== undefined) expect(source.byteLength(0, hit!.offset)).toBe(c.error_offset);
      }
      return;
    }
    case "identifier":
      expect(isValidIdentifier(c.input)).toBe(c.expect === "ok");
      return;
    case "sanitize_identifier": {
      const r = sanitizeIdentifier(c.input);
      if (c.expect === "ok") expect(r).toEqual({ ok: true, value: c.output });
      else expect(r).toEqual({ ok: false, message: c.error_contains });
      return;
    }
    case "expression": {
      const r = parseExpression(sourceOf(c));
      checkParseOutcome(c, render(r.source, r.diagnostics));
      return;
    }
    case "file": {
      const r = parse(sourceOf(c));
      checkParseOutcome(c, render(r.source, r.diagnostics));
      return;
    }
  }
}

describe.skipIf(!sharedDir)("syntax conformance: cases.json", () => {
  const cases = sharedDir ? loadCases("cases.json") : [];
  test.each(cases.map((c) => [c.name, c] as const))("%s", (_name, c) => runCase(c));
});

describe.skipIf(!sharedDir)("syntax conformance: observed_cases.json", () => {
  const cases = sharedDir ? loadCases("observed_cases.json") : [];
  test.each(cases.map((c) => [c.name, c] as const))("%s", (_name, c) => runCase(c));
});

/** An expected error from an inline marker: offset in the source and the message pattern. */
interface Marker {
  offset: number;
  pattern: RegExp;
}

const MARKER = /^\/\*\s*ERROR\s*(HERE)?\s*"([^"]*)"\s*\*\/$/;

/**
 * Finds `/* ERROR "re" *\/` markers: the error belongs at the start of the token before the comment (or right
 * after it with HERE), ignoring comments and terminators.
 */
function markersOf(text: string): Marker[] {
  const tokens = scanTokens(text, { includeComments: true });
  const markers: Marker[] = [];
  let prev = -1;
  for (let i = 0; i < tokens.count; i++) {
    const kind = tokens.kinds[i]!;
    if (kind === Tok.COMMENT) {
      const m = MARKER.exec(text.slice(tokens.starts[i], tokens.ends[i]));
      if (m && prev >= 0) {
        markers.push({ offset: m[1] ? tokens.ends[prev]! : tokens.starts[prev]!, pattern: new RegExp(m[2]!) });
      }
    } else if (kind !== Tok.TERMINATOR) {
      prev = i;
    }
  }
  return markers;
}

describe.skipIf(!sharedDir)("syntax conformance: parser testdata", () => {
  const dir = sharedDir ? shared("conformance", "syntax", "parser") : "";
  const errorFiles = sharedDir ? readdirSync(dir).filter((f) => f.endsWith(".alloy")) : [];
  const validFiles = sharedDir ? readdirSync(path.join(dir, "valid")).filter((f) => f.endsWith(".alloy")) : [];
  const fuzzDir = path.join(dir, "fuzz", "FuzzParser");
  const fuzzFiles = sharedDir ? readdirSync(fuzzDir) : [];

  test.each(validFiles)("valid/%s parses without diagnostics", (f) => {
    const r = parse(readFileSync(path.join(dir, "valid", f)));
    expect(render(r.source, r.diagnostics)).toEqual([]);
  });

  test.each(errorFiles)("%s reports exactly its marked errors", (f) => {
    const r = parse(readFileSync(path.join(dir, f)));
    const markers = markersOf(r.source.text);
    expect(markers.length).toBeGreaterThan(0);
    const unmatched = [...markers];
    const unexpected: string[] = [];
    for (const d of r.diagnostics) {
      const i = unmatched.findIndex((m) => m.offset === d.range.start && m.pattern.test(d.message));
      if (i === -1) unexpected.push(`${r.source.formatPosition(d.range.start)}: ${d.message}`);
      else unmatched.splice(i, 1);
    }
    expect(unexpected).toEqual([]);
    expect(unmatched.map((m) => `${r.source.formatPosition(m.offset)}: ${m.pattern.source}`)).toEqual([]);
  });

  test.each(fuzzFiles)("fuzz/%s terminates with diagnostics", (f) => {
    const input = decodeGoFuzzInput(readFileSync(path.join(fuzzDir, f), "latin1"));
    const r = parse(input);
    expect(r.diagnostics.length).toBeGreaterThan(0);
  });
});

/** Decodes Go's fuzz corpus format: a `go test fuzz v1` line, then `[]byte("…")` with a Go-quoted string. */
function decodeGoFuzzInput(corpus: string): Uint8Array {
  const m = /\[\]byte\("((?:[^"\\]|\\.)*)"\)/s.exec(corpus);
  if (!m) throw new Error("unrecognised fuzz corpus file");
  const bytes: number[] = [];
  const s = m[1]!;
  const simple: Record<string, number> = { a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, "\\": 92, '"': 34, "'": 39 };
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c !== "\\") {
      bytes.push(...Buffer.from(c, "latin1"));
      continue;
    }
    const e = s[++i]!;
    if (e in simple) bytes.push(simple[e]!);
    else if (e === "x") {
      bytes.push(parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (e >= "0" && e <= "7") {
      bytes.push(parseInt(s.slice(i, i + 3), 8));
      i += 2;
    } else if (e === "u" || e === "U") {
      const n = e === "u" ? 4 : 8;
      bytes.push(...Buffer.from(String.fromCodePoint(parseInt(s.slice(i + 1, i + 1 + n), 16)), "utf8"));
      i += n;
    }
  }
  return Uint8Array.from(bytes);
}
