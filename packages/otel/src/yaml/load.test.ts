import { readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LineCounter, isMap, isScalar, isSeq, parseDocument, visit, YAMLParseError, type Node } from "yaml";
import { filesUnder, repoRoot, shared, sharedDir } from "../../../../test/support/shared.js";
import { textEdit } from "../../../../test/support/text-edits.js";
import { hasDuplicateKey } from "./duplicate-keys.js";
import { positionOf, readYaml, readYamlBytes, type RawValue } from "./load.js";
import { resolvePlainScalar } from "./scalars.js";

// The loader against the `yaml` package's own reading of the same text: `yaml.parse` for values (turned into the
// loader's shape: string keys, `key::path` split, `<<` merged) and `parseDocument` with the package's repeated-key
// check for the first error and for where each key was written.

type Expected = { ok: true; value: RawValue } | { ok: false; message?: string };

const keyText = (k: unknown): string =>
  k === null || k === undefined ? "" : typeof k === "object" ? JSON.stringify(toRaw(k)) : String(k);

/** `yaml.parse`'s value (mapAsMap) in the loader's shape. Throws on a merge of something that is not a map. */
function toRaw(v: unknown): RawValue {
  if (Array.isArray(v)) return v.map(toRaw);
  if (v instanceof Map) {
    const out = new Map<string, RawValue>();
    const merges: RawValue[] = [];
    for (const [k, x] of v) {
      const key = keyText(k);
      if (key === "<<") merges.push(toRaw(x));
      else setPath(out, key.split("::"), toRaw(x));
    }
    for (const m of merges) {
      for (const source of Array.isArray(m) ? m : [m]) {
        if (!(source instanceof Map)) throw new Error("merge of a non-map");
        for (const [k, x] of source) if (!out.has(k)) out.set(k, x);
      }
    }
    return out;
  }
  return v as RawValue;
}

function setPath(target: Map<string, RawValue>, [head, ...rest]: string[], value: RawValue): void {
  const existing = target.get(head!);
  if (rest.length > 0) {
    const child = existing instanceof Map ? existing : new Map<string, RawValue>();
    target.set(head!, child);
    setPath(child, rest, value);
  } else if (existing instanceof Map && value instanceof Map) {
    for (const [k, x] of value) existing.set(k, x);
  } else {
    target.set(head!, value);
  }
}

function expected(text: string): Expected {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const first = doc.errors[0];
  // Several documents get the loader's own message (checked on its own below).
  if (first?.code === "MULTIPLE_DOCS") return { ok: false };
  if (first) return { ok: false, message: `yaml: line ${lineCounter.linePos(first.pos[0]).line}: ${first.message.split("\n")[0]}` };
  try {
    // The package's tree, with plain scalars read by go-yaml's rules (checked on their own below).
    const tree = parseDocument(text, { uniqueKeys: true, prettyErrors: false });
    visit(tree, {
      Scalar(key, node) {
        if (node.type !== "PLAIN" || node.tag) return;
        const text = typeof node.value === "string" ? node.value : (node.source ?? String(node.value));
        // Keys are decoded into strings, which keep a plain scalar's text (only a null key is empty).
        if (key === "key") node.value = resolvePlainScalar(text) === null ? null : (node.source ?? text);
        else node.value = resolvePlainScalar(text);
      },
    });
    return { ok: true, value: toRaw(tree.toJS({ mapAsMap: true, maxAliasCount: -1 })) };
  } catch (e) {
    if (e instanceof YAMLParseError) throw e; // the document had no errors, so parse must not report one
    return { ok: false }; // an alias to no anchor, or to the node containing it, or a bad merge
  }
}

/** A plain key's text as written (go-yaml decodes keys into strings); other keys by their value. */
const scalarKey = (k: { type?: string; tag?: string; value: unknown; source?: string }): string =>
  k.type === "PLAIN" && !k.tag && k.value !== null && typeof k.source === "string" ? k.source : keyText(k.value);

/** Order-preserving, NaN- and -0-aware form for comparing values. */
function canon(v: RawValue): unknown {
  if (v instanceof Map) return { map: [...v].map(([k, x]) => [k, canon(x)]) };
  if (Array.isArray(v)) return { seq: v.map(canon) };
  if (typeof v === "number") return Object.is(v, -0) ? "-0" : Number.isNaN(v) ? "NaN" : v;
  return v;
}

/** Where each first-written key and each item of `node` is, against the loaded value (no `::`, `<<`, aliases). */
function checkPositions(node: Node | null, raw: RawValue, lines: LineCounter): void {
  const at = (n: Node | null) => {
    const p = lines.linePos(n?.range?.[0] ?? 0);
    return { line: p.line, column: p.col };
  };
  if (isMap(node) && raw instanceof Map) {
    expect(positionOf(raw)).toEqual(at(node));
    const written = new Map<string, number>();
    for (const pair of node.items) if (isScalar(pair.key)) written.set(scalarKey(pair.key), (written.get(scalarKey(pair.key)) ?? 0) + 1);
    for (const pair of node.items) {
      if (!isScalar(pair.key) || written.get(scalarKey(pair.key)) !== 1) continue;
      const key = scalarKey(pair.key);
      expect(positionOf(raw, key)).toEqual(at(pair.key as Node));
      checkPositions(pair.value as Node | null, raw.get(key)!, lines);
    }
  } else if (isSeq(node) && Array.isArray(raw)) {
    expect(positionOf(raw)).toEqual(at(node));
    node.items.forEach((item, i) => {
      expect(positionOf(raw, i)).toEqual(at(item as Node));
      checkPositions(item as Node, raw[i]!, lines);
    });
  }
}

function agrees(text: string, withPositions = false): void {
  const want = expected(text);
  const got = readYaml(text);
  if (!want.ok) {
    expect(got.ok, text).toBe(false);
    if (want.message !== undefined && !got.ok) expect(got.message, text).toBe(want.message);
    return;
  }
  expect(got.ok ? "ok" : got.message, text).toBe("ok");
  if (!got.ok) return;
  expect(canon(got.value), text).toEqual(canon(want.value));
  if (withPositions) {
    const lines = new LineCounter();
    checkPositions(parseDocument(text, { lineCounter: lines }).contents as Node | null, got.value, lines);
  }
}

describe("collector YAML loader agrees with the yaml package", () => {
  const repoFiles = ["fixtures", "examples"].flatMap((d) => filesUnder(path.join(repoRoot, d), /\.ya?ml$/));

  it("on every YAML file of the repository", () => {
    expect(repoFiles.length).toBeGreaterThan(10);
    for (const f of repoFiles) agrees(readFileSync(f, "utf8"), !/<<|::/.test(readFileSync(f, "utf8")));
  });

  it.skipIf(!sharedDir)("on every converter conformance input", () => {
    const files = filesUnder(shared("conformance", "otelcol"), /\.ya?ml$/);
    expect(files.length).toBeGreaterThan(10);
    for (const f of files) agrees(readFileSync(f, "utf8"));
  });

  it("on generated documents, with repeated keys, anchors and every kind of scalar", () => {
    fc.assert(fc.property(yamlDocument(), (text) => agrees(text, !/\*|<<|::/.test(text))), { numRuns: 400 });
  });

  it("on generated documents with random edits (errors agree in message and line)", () => {
    const edited = fc.tuple(yamlDocument(), fc.array(edit(), { minLength: 1, maxLength: 3 })).map(([text, edits]) =>
      edits.reduce((t, e) => e(t), text),
    );
    fc.assert(fc.property(edited, (text) => agrees(text)), { numRuns: Number(process.env.LOAD_RUNS ?? 600) });
  });

  it("reports the first repeated key where the yaml package does, even before a later error", () => {
    const text = "a:\n  x: 1\n  y: 2\n  x: 3\nb: [1, 2\n";
    expect(readYaml(text)).toMatchObject({ ok: false, message: "yaml: line 4: Map keys must be unique" });
  });
});

describe("collector scalar rules (go-yaml v3 decoding into any)", () => {
  it.each([
    ["50_000", 50000], ["0x1F", 31], ["-0x1", -1], ["0o17", 15], ["017", 15], ["0b101", 5], ["1e3", 1000], ["1.5", 1.5],
    ["~", null], ["null", null], ["", null], ["True", true], ["FALSE", false], ["yes", "yes"], ["on", "on"],
    ["0xg", "0xg"], ["1_", 1], ["0x_1F", 31], ["2001-12-14", "2001-12-14"], ["1:2", "1:2"], ["+12", 12], [".inf", Infinity],
  ])("%j → %j", (text, want) => {
    expect(resolvePlainScalar(text)).toEqual(want);
  });

  it("reads quoted and tagged scalars as written", () => {
    expect(readYaml("a: '50_000'\nb: !!str 017\nc: 017\n")).toEqual({ ok: true, value: new Map<string, RawValue>([["a", "50_000"], ["b", "017"], ["c", 15]]) });
  });

  it("refuses several documents, NUL bytes and invalid UTF-8 at their line", () => {
    expect(readYaml("a: 1\n---\nb: 2\n")).toMatchObject({ ok: false, position: { line: 2, column: 1 } });
    expect(readYamlBytes(Buffer.from("a: 1\nb: x\u0000y\n"))).toEqual({ ok: false, message: "yaml: line 2: control characters are not allowed", position: { line: 2, column: 5 } });
    const bad = Buffer.concat([Buffer.from("a: 1\nb: \u00e9"), Buffer.from([0xff]), Buffer.from("\n")]);
    expect(readYamlBytes(bad)).toEqual({ ok: false, message: "yaml: line 2: invalid leading UTF-8 octet", position: { line: 2, column: 6 } });
  });

  it("refuses nesting past the depth limit with a message, not a stack overflow", () => {
    const deep = "a: " + "[".repeat(800) + "]".repeat(800) + "\n";
    const r = readYaml(deep);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/nesting deeper than \d+ levels/);
    const block = Array.from({ length: 800 }, (_, i) => " ".repeat(i) + "k:").join("\n") + " 1\n";
    expect(readYaml(block)).toMatchObject({ ok: false });
  });
});

describe("hasDuplicateKey", () => {
  const dup = (text: string) => hasDuplicateKey(parseDocument(text, { uniqueKeys: false }).contents);
  it.each([
    ["1: a\n0x1: b", true],
    ["1: a\n'1': b", false],
    ["~: a\nnull: b", true],
    [".nan: a\n.NaN: b", false],
    ["- {a: 1, b: 2, a: 3}", true],
    ["? {k: 1, k: 2}\n: v", true],
    ["a: &x {k: 1}\nb: *x\nc: *x", false],
    ["[a: 1, a: 2]", false],
    ["x:\n  - y:\n      z: 1\n      z: 2", true],
  ])("%j → %s", (text, want) => {
    expect(dup(text)).toBe(want);
    expect(parseDocument(text).errors.some((e) => e.code === "DUPLICATE_KEY")).toBe(want);
  });
});

// ---- generated YAML text -------------------------------------------------------------------------------------

/** Scalar spellings covering the core schema's plain-scalar resolution, quoting and escapes. */
const SCALARS = [
  "a", "b c", "key", "-x", "a:b", "a #b", "true", "True", "FALSE", "yes", "no", "on", "null", "Null", "~", "",
  "0", "-0", "+12", "012", "0o17", "0o8", "0x1F", "0xg", "1_000", "0b101", "1.5", "-1.5e3", "1e3", ".5", "1.",
  ".inf", "-.Inf", "+.INF", ".nan", ".NaN", "2001-12-14", "'single'", "'it''s'", "''", '"dq"', '"a\\tb\\u0041\\x42"',
  '"line\\nbreak"', '"\\"q\\""', '"multi\n  line"', "'multi\n\n  para'", "9007199254740993", "-0x1", "1:2", "@x",
];
/** Keys that collide after resolution (or look as if they would), and mostly distinct ones. */
const KEYS = ["a", "b", "1", "'1'", "0x1", "~", "null", "''", "true", "x y", "'a'", '"b"', "1.0", "1e0"];
const key = fc.oneof({ weight: 1, arbitrary: fc.constantFrom(...KEYS) }, { weight: 6, arbitrary: fc.nat(60).map((i) => `k${i}`) });

type YNode =
  | { kind: "scalar"; text: string }
  | { kind: "alias"; name: string }
  | { kind: "block"; header: string; lines: string[] }
  | { kind: "map" | "seq" | "flowMap" | "flowSeq"; items: [string, YNode][]; anchor?: string };

function yamlDocument(): fc.Arbitrary<string> {
  const anchorName = fc.constantFrom("a1", "a2", "a3");
  const scalar: fc.Arbitrary<YNode> = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...SCALARS).map((text) => ({ kind: "scalar" as const, text })) },
    { weight: 1, arbitrary: anchorName.map((name) => ({ kind: "alias" as const, name })) },
    {
      weight: 1,
      arbitrary: fc.record({
        header: fc.constantFrom("|", ">", "|-", ">+", "|2", ">-"),
        lines: fc.array(fc.constantFrom("text", "more  words", "", "  indented", "#hash"), { minLength: 1, maxLength: 4 }),
      }).map((b) => ({ kind: "block" as const, ...b })),
    },
  );
  const { node } = fc.letrec<{ node: YNode }>((tie) => ({
    node: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      scalar,
      fc.record({
        kind: fc.constantFrom("map" as const, "seq" as const, "flowMap" as const, "flowSeq" as const),
        items: fc.array(fc.tuple(key, tie("node") as fc.Arbitrary<YNode>), { maxLength: 5 }),
        anchor: fc.option(anchorName, { nil: undefined }),
      }),
    ),
  }));
  return fc.record({
    kind: fc.constantFrom("map" as const, "seq" as const),
    items: fc.array(fc.tuple(key, node), { minLength: 1, maxLength: 6 }),
  }).map((root) => render(root, 0).join("\n") + "\n");
}

function inline(n: YNode): string {
  switch (n.kind) {
    case "scalar": return n.text.replace(/\n\s*/g, " ") || "''";
    case "alias": return `*${n.name}`;
    case "block": return `"${n.lines.join(" ").replace(/"/g, "")}"`;
    default: {
      const anchor = n.anchor ? `&${n.anchor} ` : "";
      const map = n.kind === "map" || n.kind === "flowMap";
      const body = n.items.map(([k, v]) => (map ? `${k}: ${inline(v)}` : inline(v))).join(", ");
      return map ? `${anchor}{${body}}` : `${anchor}[${body}]`;
    }
  }
}

/** Block-style lines of `n` at `indent`, or one line for scalars and flow collections. */
function render(n: YNode, indent: number): string[] {
  const pad = " ".repeat(indent);
  if ((n.kind !== "map" && n.kind !== "seq") || n.items.length === 0) return [inline(n)];
  const anchor = n.anchor ? [`&${n.anchor}`] : [];
  const lines: string[] = [];
  for (const [key, value] of n.items) {
    const lead = n.kind === "map" ? `${pad}${key}:` : `${pad}-`;
    if (value.kind === "block") {
      const bodyPad = " ".repeat(indent + 2);
      lines.push(`${lead} ${value.header}`, ...value.lines.map((l) => (l === "" ? "" : bodyPad + l)));
    } else if ((value.kind === "map" || value.kind === "seq") && value.items.length > 0) {
      lines.push(`${lead}${value.anchor ? ` &${value.anchor}` : ""}`, ...render({ ...value, anchor: undefined }, indent + 2));
    } else if (value.kind === "scalar" && value.text.includes("\n")) {
      lines.push(`${lead} ${value.text.replace(/\n {2}/g, "\n" + " ".repeat(indent + 2))}`);
    } else {
      lines.push(`${lead} ${inline(value)}`);
    }
  }
  return anchor.length > 0 && indent === 0 ? [...anchor, ...lines] : lines;
}

/** A random text edit: insert a YAML-significant character, delete a span, or repeat a line. */
const edit = (): fc.Arbitrary<(t: string) => string> => textEdit([":", "-", " ", "\t", "\n", "[", "]", "{", "}", ",", "&", "*", "!", "|", ">", "'", '"', "#", "?", "%", "---\n", "\\"]);
