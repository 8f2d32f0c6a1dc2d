/**
 * OTTL of the shared corpus: every statement and condition real configurations use parses and checks
 * clean, and each mutation of one (a misspelt path field, function or enum, a path of a context the
 * statement cannot see, an extra argument, a stray character) is rejected at the offset of the change.
 */
import { describe, expect, it } from "vitest";
import { ottl } from "@alloy-ts/otel";
import { shared, sharedDir } from "../support/shared.js";
import { corpusOttl, type CorpusOttl } from "./corpus-statements.js";

const check = (s: CorpusOttl, text = s.text): ottl.OttlProblem[] =>
  s.kind === "statement" ? ottl.checkStatement(text, s) : ottl.checkCondition(text, s);

type Expr = ottl.OttlExpr;
function* nodes(e: Expr): Generator<Expr> {
  yield e;
  switch (e.kind) {
    case "path":
      for (const k of e.keys) yield* nodes(k);
      return;
    case "call":
      for (const a of [...e.args, ...e.keys]) yield* nodes(a);
      return;
    case "list":
      for (const a of e.items) yield* nodes(a);
      return;
    case "map":
      for (const [, a] of e.entries) yield* nodes(a);
      return;
    case "not":
    case "neg":
      yield* nodes(e.operand);
      return;
    case "bin":
      yield* nodes(e.left);
      yield* nodes(e.right);
  }
}

function exprsOf(s: CorpusOttl): Expr[] {
  if (s.kind === "condition") {
    const e = ottl.parseCondition(s.text);
    return "kind" in e ? [...nodes(e)] : [];
  }
  const st = ottl.parseStatement(s.text);
  if ("error" in st) return [];
  return [...st.editor.args, ...(st.where ? [st.where] : [])].flatMap((e) => [...nodes(e)]);
}

interface Mutation {
  readonly name: string;
  readonly text: string;
  /** Offset the first problem must start at. */
  readonly at: number;
}

const splice = (t: string, at: number, del: number, ins: string): string => t.slice(0, at) + ins + t.slice(at + del);
const OTHER: Record<string, string> = { log: "span", span: "log", spanevent: "log", metric: "log", datapoint: "span", resource: "span", scope: "log" };

/** The mutations of one statement, each with where upstream would reject it. */
function mutations(s: CorpusOttl): Mutation[] {
  const out: Mutation[] = [];
  const ex = exprsOf(s);
  const ctx = s.context;
  const path = ex.find((e): e is Extract<Expr, { kind: "path" }> => e.kind === "path" && !e.fields.includes("cache"));
  if (path && ctx && ctx !== "request") {
    const named = ottl.CONTEXT_WORDS[path.fields[0]!] && path.fields.length > 1 ? 1 : 0;
    const at = path.fieldPos[named]!;
    out.push({ name: "misspelt path field", text: splice(s.text, at, 0, "x"), at });
    if (!named && OTHER[ctx]) out.push({ name: "path of another context", text: splice(s.text, path.pos, 0, `${OTHER[ctx]}.`), at: path.pos });
  }
  const call = ex.find((e): e is Extract<Expr, { kind: "call" }> => e.kind === "call");
  if (call) out.push({ name: "misspelt converter", text: splice(s.text, call.pos + call.name.length, 0, "X"), at: call.pos });
  if (s.kind === "statement") {
    out.push({ name: "misspelt editor", text: `x${s.text}`, at: 0 });
    const st = ottl.parseStatement(s.text) as ottl.OttlStatement;
    const extra = Array(7).fill('"extra"').join(", ");
    out.push({ name: "extra argument", text: splice(s.text, st.editor.end - 1, 0, st.editor.args.length ? `, ${extra}` : extra), at: st.editor.pos });
  }
  const en = ex.find((e) => e.kind === "enum");
  if (en && ctx) out.push({ name: "unknown enum", text: splice(s.text, en.end, 0, "_X"), at: en.pos });
  const paren = s.text.indexOf("(");
  if (paren >= 0) out.push({ name: "stray character", text: splice(s.text, paren + 1, 0, "@"), at: paren + 1 });
  return out;
}

describe.skipIf(!sharedDir)("OTTL of the shared corpus", () => {
  const all = sharedDir ? corpusOttl(shared("corpus")) : [];
  const unique = [...new Map(all.map((s) => [`${s.kind}|${s.context}|${s.editors}|${s.text}`, s])).values()];

  it("has at least 300 distinct statements and conditions, each of which parses and checks clean", () => {
    expect(unique.length).toBeGreaterThanOrEqual(300);
    const bad = unique.map((s) => ({ file: s.file, text: s.text, problems: check(s).map((p) => p.message) })).filter((x) => x.problems.length);
    expect(bad).toEqual([]);
  });

  it("rejects at least 100 mutated statements at the offset of the change", () => {
    const results = unique.flatMap((s) =>
      mutations(s).map((m) => {
        const p = check(s, m.text);
        return { kind: m.name, text: m.text, want: m.at, got: p[0]?.pos, message: p[0]?.message };
      }),
    );
    const wrong = results.filter((r) => r.got !== r.want);
    expect(wrong).toEqual([]);
    expect(results.length).toBeGreaterThanOrEqual(100);
    console.log(`OTTL corpus: ${unique.length} distinct statements and conditions, ${results.length} mutations rejected at their offset`);
    // Every kind of mutation is exercised.
    expect(new Set(results.map((r) => r.kind)).size).toBe(7);
  });
});
