import { readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { filesUnder, repoRoot, shared, sharedDir } from "../../../../test/support/shared.js";
import { textEdit } from "../../../../test/support/text-edits.js";
import { fastRead } from "./fast-read.js";
import { readYamlDocument } from "./load.js";
import { positionOf, positionsOf } from "./positions.js";
import type { RawValue } from "./tree.js";

// The lexer-based reader against the reader built on the `yaml` package's document: whenever the fast reader
// takes a text on, both give the same value and the same position for every container, key and item.

/** Value and positions in one comparable form (NaN and -0 spelled out). */
function canon(v: RawValue): unknown {
  const p = typeof v === "object" && v !== null ? positionsOf(v) : undefined;
  const pos = p && {
    self: positionOf(v),
    keys: p.keys && [...p.keys.keys()].map((k) => [k, positionOf(v, k)]),
    items: p.items && p.items.map((_, i) => positionOf(v, i)),
  };
  if (v instanceof Map) return { map: [...v].map(([k, x]) => [k, canon(x)]), pos };
  if (Array.isArray(v)) return { seq: v.map(canon), pos };
  if (typeof v === "number") return Object.is(v, -0) ? "-0" : Number.isNaN(v) ? "NaN" : v;
  return v;
}

/** Whether the fast reader took `text` on; throws when it disagrees with the document reader. */
function agrees(text: string): boolean {
  const fast = fastRead(text);
  if (fast === undefined) return false;
  const doc = readYamlDocument(text);
  expect(doc.ok ? "ok" : doc.message, text).toBe("ok");
  if (doc.ok) expect(canon(fast), text).toEqual(canon(doc.value));
  return true;
}

describe("the lexer-based YAML reader agrees with the document reader", () => {
  it("on every YAML file of the repository, and takes nearly all of them on", () => {
    const files = ["fixtures", "examples"].flatMap((d) => filesUnder(path.join(repoRoot, d), /\.ya?ml$/));
    const taken = files.filter((f) => agrees(readFileSync(f, "utf8")));
    expect(taken.length).toBeGreaterThan(files.length * 0.9);
  });

  it.skipIf(!sharedDir)("on every collector file of the corpus and every conformance input", () => {
    const files = [...filesUnder(shared("corpus", "collector"), /\.ya?ml$/), ...filesUnder(shared("conformance", "otelcol"), /\.ya?ml$/)];
    const taken = files.filter((f) => agrees(readFileSync(f, "utf8")));
    expect(taken.length).toBeGreaterThan(files.length * 0.9);
  });

  it("on generated collector-shaped documents", () => {
    let valid = 0;
    let missed = 0;
    fc.assert(fc.property(collectorYaml(), (text) => {
      if (agrees(text)) valid++;
      else if (readYamlDocument(text).ok) (valid++, missed++);
    }), { numRuns: 300 });
    // The generator writes what configurations write: nearly every valid document is the fast reader's to read.
    expect(missed).toBeLessThanOrEqual(valid * 0.05);
  });

  it("on generated collector-shaped documents with random edits", () => {
    const edited = fc.tuple(collectorYaml(), fc.array(edit(), { minLength: 1, maxLength: 3 })).map(([t, edits]) => edits.reduce((x, e) => e(x), t));
    fc.assert(fc.property(edited, (text) => void agrees(text)), { numRuns: 500 });
  });

  it("reads what configurations write", () => {
    const text = [
      "# comment", "receivers:", "  otlp/a: &base", "    protocols:", "      grpc: {endpoint: 'x:1', \"max\": 4}", "  otlp/b:",
      "    <<: *base", "    list: [a, \"b\",", "      c]", "exporters:", "  debug:", "  otlp::endpoint: e  # trailing", "  text: |-",
      "    line one", "     two", "  folded: >", "    a", "    b", "service:", "  pipelines:", "    traces:", "      receivers:",
      "      - otlp/a", "      - !!str 017", "      exporters: [debug]", "",
    ].join("\n");
    expect(agrees(text)).toBe(true);
    const v = fastRead(text) as Map<string, RawValue>;
    const receivers = v.get("receivers") as Map<string, RawValue>;
    expect(receivers.get("otlp/b")).toEqual(new Map<string, RawValue>([["list", ["a", "b", "c"]], ["protocols", new Map([["grpc", new Map<string, RawValue>([["endpoint", "x:1"], ["max", 4]])]])]]));
    expect((v.get("exporters") as Map<string, RawValue>).get("otlp")).toEqual(new Map([["endpoint", "e"]]));
    expect(positionOf(v.get("exporters"), "text")).toEqual({ line: 13, column: 3 });
  });

  it.each([
    "\uFEFFa: 1\nb: [x]\n", "a: 1\r\nb:\r\n  - x\r\n  - y: 2\r\n    z: 3\r\n", "---\na: 1\n", "--- # c\na: 1", "a: b # end", "# only\n", "",
    "a:\n- 1\n- 2\nb: 3\n", "a: \"x\\\n  y\"\n", "a: >-\n  x\n\n  y\nb: 1\n", "a: |+\n  x\n\n\nb: 1\n", "- &x {a: 1}\n- *x\n- <<: *x\n  b: 2\n",
    "a: {b: {c: [1, {d: e}]}}\n", "a: [\n  1,\n  2,\n]\n", "a:\n  b: [1,\n    2\n  ]\n", "a: 'x\n  y'\n", "a: x\n  y\n  z\n",
    "a:\n  # c\n  b: 1\n# d\nc: 2\n", "a: https://x.y/z?q=1#frag\n", "a::b: 1\na::c: 2\na:\n  d: 3\n",
    "a:\n  b: |2\n     x\n    y\n", "- |1\n  x\n", "a: |2+\n    x\n\nb: 1\n",
  ])("takes on and agrees on %j", (text) => {
    expect(agrees(text)).toBe(true);
  });

  it("leaves errors and what it does not read to the document reader", () => {
    for (const text of ["a: 1\na: 2\n", "a: 1\n---\nb: 2\n", "? a\n: b\n", "a: *missing\n", "1: a\n", "a:\n\t- b\n", "a: [1,\n2]\n", "k: &a\n  x: *a\n"]) {
      expect(fastRead(text), text).toBeUndefined();
    }
  });
});

// ---- generated collector-shaped YAML ---------------------------------------------------------------------------

const WORDS = ["otlp", "batch", "debug", "endpoint", "timeout", "headers", "tls", "insecure", "protocols", "grpc", "http", "include", "exclude", "match_type", "resource", "attributes", "action", "key", "value"];
const SCALARS = [
  "0.0.0.0:4317", "10s", "true", "false", "null", "~", "5", "-1", "0x1F", "017", "1_000", "1.5", ".inf", "strict", "${env:TOKEN}",
  "https://a.example.com/x?y=1", "'quoted'", "'it''s'", '"dq"', '"tab\\there"', '"\\u00e9"', "a b c", "k8s.pod.name", "'[x]'", "\"#not\"",
];

type YNode = { kind: "scalar"; text: string } | { kind: "alias" } | { kind: "block"; header: string; lines: string[] } | { kind: "map" | "seq" | "flow"; items: [string, YNode][] };

function collectorYaml(): fc.Arbitrary<string> {
  const key = fc.oneof(
    { weight: 8, arbitrary: fc.tuple(fc.constantFrom(...WORDS), fc.option(fc.nat(5), { nil: undefined })).map(([w, n]) => (n === undefined ? w : `${w}/${n}`)) },
    { weight: 1, arbitrary: fc.constantFrom("'quoted key'", '"dq key"', "a::b", "<<", "x.y") },
  );
  const scalar: fc.Arbitrary<YNode> = fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom(...SCALARS).map((text) => ({ kind: "scalar" as const, text })) },
    { weight: 1, arbitrary: fc.constant({ kind: "alias" as const }) },
    {
      weight: 1,
      arbitrary: fc.record({ header: fc.constantFrom("|", ">", "|-", ">+", "|+", ">-"), lines: fc.array(fc.constantFrom("text", "more  words", "", "  deeper", "# not a comment"), { minLength: 1, maxLength: 4 }) })
        .map((b) => ({ kind: "block" as const, ...b })),
    },
  );
  const { node } = fc.letrec<{ node: YNode }>((tie) => ({
    node: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      scalar,
      fc.record({ kind: fc.constantFrom("map" as const, "seq" as const, "flow" as const), items: fc.array(fc.tuple(key, tie("node") as fc.Arbitrary<YNode>), { minLength: 1, maxLength: 4 }) }),
    ),
  }));
  const section = fc.tuple(fc.constantFrom("receivers", "processors", "exporters", "extensions", "connectors"), fc.array(fc.tuple(key, node), { minLength: 1, maxLength: 4 }));
  return fc.tuple(fc.array(section, { minLength: 1, maxLength: 4 }), fc.boolean(), fc.boolean()).map(([sections, comments, anchor]) => {
    const seen = new Set<string>();
    const lines: string[] = comments ? ["# generated"] : [];
    let anchored = false;
    for (const [name, items] of sections) {
      if (seen.has(name)) continue;
      seen.add(name);
      lines.push(`${name}:`);
      const used = new Set<string>();
      for (const [k, v] of items) {
        if (used.has(k)) continue;
        used.add(k);
        const mark = anchor && !anchored && v.kind === "map" ? ((anchored = true), " &base") : "";
        lines.push(...field(k, v, 2, mark, anchored, comments));
      }
    }
    lines.push("service:", "  pipelines:", "    traces:", "      receivers: [otlp]", "      exporters:", "        - debug");
    return lines.join("\n") + "\n";
  });
}

/** The lines of `key: value` at `indent`; aliases become `*base` once an anchor exists, a string otherwise. */
function field(key: string, v: YNode, indent: number, mark: string, anchored: boolean, comments: boolean): string[] {
  const pad = " ".repeat(indent);
  const note = comments ? "  # note" : "";
  switch (v.kind) {
    case "scalar": return [`${pad}${key}: ${v.text}${note}`];
    case "alias": return [`${pad}${key}: ${anchored && !mark ? "*base" : "aliasless"}`];
    case "block": return [`${pad}${key}: ${v.header}`, ...v.lines.map((l) => (l === "" ? "" : `${pad}  ${l}`))];
    case "flow": {
      const parts = v.items.map(([, x]) => (x.kind === "scalar" ? x.text : "plain"));
      if (parts.length > 2) return [`${pad}${key}: [${parts.slice(0, 2).join(", ")},`, `${pad}    ${parts.slice(2).join(", ")}]`];
      return [`${pad}${key}: [${parts.join(", ")}]`];
    }
    case "map": {
      const used = new Set<string>();
      const out = [`${pad}${key}:${mark}`];
      for (const [k, x] of v.items) {
        if (used.has(k) || (k === "<<" && !(anchored && !mark))) continue;
        used.add(k);
        out.push(...(k === "<<" ? [`${pad}  <<: *base`] : field(k, x, indent + 2, "", anchored && !mark, comments)));
      }
      return out;
    }
    case "seq": {
      const out = [`${pad}${key}:`];
      for (const [k, x] of v.items) {
        if (x.kind === "map" || x.kind === "seq") out.push(...field(k, x, indent + 4, "", anchored, comments).map((l, i) => (i === 0 ? `${pad}  - ${l.trimStart()}` : l)));
        else if (x.kind === "scalar") out.push(`${pad}  - ${x.text}`);
        else out.push(`${pad}  - ${k}`);
      }
      return out;
    }
  }
}

/** A random text edit: insert a YAML-significant character, delete a span, or repeat a line. */
const edit = (): fc.Arbitrary<(t: string) => string> => textEdit([":", "-", " ", "  ", "\t", "\n", "[", "]", "{", "}", ",", "&a ", "*base", "!!str ", "|", "'", '"', "#", "?", "---\n", "\\", "<<: "]);
