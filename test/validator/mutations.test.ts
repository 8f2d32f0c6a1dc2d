/**
 * Generated mutation tests: each clean expected otelcol output is changed in one place (rename an optional
 * attribute, drop a required one, break a reference, change a literal's type, wire an input to a signal it
 * does not accept, add a cycle) and must then yield exactly the matching diagnostic at the mutated position.
 * Mutation sites are found from the syntax tree and the component schemas, not from the validator.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { nameSpanOf, parse, SourceFile, type Block, type Expr, type Statement } from "@alloy-ts/grammar";
import { deref, getRegistry, validate, type ComponentSchema } from "@alloy-ts/validator";
import { shared, sharedDir } from "../support/shared.js";

const OPTS = { stabilityLevel: "experimental", communityComponents: true } as const;

interface Mutation {
  readonly kind: string;
  readonly text: string;
  /** Offset (in the mutated text) where the diagnostic must start. */
  readonly at: number | number[];
  readonly message: string;
}

function topComponents(text: string): { block: Block; schema: ComponentSchema }[] {
  const r = parse(text, { name: "m.alloy" });
  const out: { block: Block; schema: ComponentSchema }[] = [];
  for (const s of r.file.body) {
    if (s.kind !== "Block") continue;
    const schema = getRegistry().getComponent(s.name);
    if (schema) out.push({ block: s, schema });
  }
  return out;
}

function splice(text: string, start: number, end: number, repl: string): string {
  return text.slice(0, start) + repl + text.slice(end);
}

function refChain(e: Expr): boolean {
  return e.kind === "Identifier" || (e.kind === "Access" && refChain(e.value));
}

function mutations(text: string): Mutation[] {
  const out: Mutation[] = [];
  const comps = topComponents(text);
  // 1. Rename an optional top-level attribute.
  for (const { block, schema } of comps) {
    const req = new Set(schema.required ?? []);
    const a = block.body.find((s): s is Extract<Statement, { kind: "Attribute" }> => s.kind === "Attribute" && !req.has(s.name));
    if (!a) continue;
    const newName = `${a.name}_renamed`;
    const { start, end } = nameSpanOf(a);
    out.push({ kind: "rename attribute", text: splice(text, start, end, newName), at: a.start, message: `unrecognized attribute name "${newName}"` });
    break;
  }
  // 2. Drop a required top-level attribute.
  for (const { block, schema } of comps) {
    const req = new Set(schema.required ?? []);
    const a = block.body.find((s): s is Extract<Statement, { kind: "Attribute" }> => s.kind === "Attribute" && req.has(s.name));
    if (!a) continue;
    const lineStart = text.lastIndexOf("\n", a.start) + 1;
    const lineEnd = text.indexOf("\n", a.end);
    out.push({ kind: "drop required attribute", text: splice(text, lineStart, lineEnd + 1, ""), at: block.start, message: `missing required attribute "${a.name}"` });
    break;
  }
  // 3. Break a reference (first `otelcol....input`-style chain inside an array).
  const refs: Expr[] = [];
  const visit = (e: Expr): void => {
    if (e.kind === "Array") for (const x of e.elements) refChain(x) && x.kind === "Access" ? refs.push(x) : visit(x);
  };
  const walkBody = (body: Statement[]): void => {
    for (const s of body) s.kind === "Attribute" ? visit(s.value) : walkBody(s.body);
  };
  for (const { block } of comps) walkBody(block.body);
  const ref = refs[0];
  if (ref && ref.kind === "Access") {
    const orig = text.slice(ref.start, ref.end);
    const parts = orig.split(".");
    parts[parts.length - 2] = `${parts[parts.length - 2]}_missing`;
    const broken = parts.join(".");
    out.push({ kind: "break reference", text: splice(text, ref.start, ref.end, broken), at: ref.start, message: `component "${broken}" does not exist or is out of scope` });
  }
  // 4. Change a literal's type: a string-typed attribute gets `true`.
  outer: for (const { block, schema } of comps) {
    for (const s of block.body) {
      if (s.kind !== "Attribute" || s.value.kind !== "Literal" || s.value.literal !== "string") continue;
      const p = schema.properties?.[s.name];
      if (!p || deref(p, schema).type !== "string" || deref(p, schema).format || deref(p, schema)["x-alloy-secret"]) continue;
      out.push({ kind: "change type", text: splice(text, s.value.start, s.value.end, "true"), at: s.value.start, message: "expected string, got bool" });
      break outer;
    }
  }
  // 5. Wire an `output.traces` entry to an input that accepts metrics only.
  const tracesAttr = /\btraces\s*=\s*\[/.exec(text);
  if (tracesAttr) {
    const elemStart = tracesAttr.index + tracesAttr[0].length;
    const elemEnd = text.slice(elemStart).search(/[,\]]/) + elemStart;
    const elem = text.slice(elemStart, elemEnd);
    if (/^\s*otelcol\.[\w.]+\.input\s*$/.test(elem)) {
      const lead = elem.length - elem.trimStart().length;
      const replaced = splice(text, elemStart + lead, elemStart + elem.trimEnd().length, "otelcol.exporter.prometheus.mutation.input");
      const full = `${replaced}\notelcol.exporter.prometheus "mutation" {\n\tforward_to = []\n}\n`;
      out.push({ kind: "wrong signal", text: full, at: elemStart + lead, message: "otelcol.exporter.prometheus.mutation.input does not accept traces" });
    }
  }
  // 6. Add a cycle of two processors.
  const base = text.endsWith("\n") ? text : `${text}\n`;
  const c1 = `\notelcol.processor.batch "cycle_a" {\n\toutput {\n\t\ttraces = [otelcol.processor.batch.cycle_b.input]\n\t}\n}\n`;
  const c2 = `\notelcol.processor.batch "cycle_b" {\n\toutput {\n\t\ttraces = [otelcol.processor.batch.cycle_a.input]\n\t}\n}\n`;
  out.push({
    kind: "add cycle",
    text: base + c1 + c2,
    at: [base.length + 1, base.length + c1.length + 1],
    message: "cycle detected: otelcol.processor.batch.cycle_a, otelcol.processor.batch.cycle_b",
  });
  return out;
}

function alloyFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".alloy"))
    .map((f) => path.join(dir, f))
    .sort();
}

describe.skipIf(!sharedDir)("mutations of clean configurations", () => {
  const files = sharedDir ? alloyFiles(shared("conformance", "otelcol")) : [];
  const clean = files.filter((f) => validate([{ name: "m.alloy", text: readFileSync(f, "utf8") }], OPTS).length === 0);
  const cases = clean.flatMap((f) => mutations(readFileSync(f, "utf8")).map((m) => [`${path.basename(f)}: ${m.kind}`, m] as const));
  const kinds = new Set(cases.map(([, m]) => m.kind));

  it("covers every mutation kind", () => {
    expect([...kinds].sort()).toEqual(["add cycle", "break reference", "change type", "drop required attribute", "rename attribute", "wrong signal"]);
    expect(cases.length).toBeGreaterThan(150);
  });

  it.each(cases)("%s", (_title, m) => {
    const diags = validate([{ name: "m.alloy", text: m.text }], OPTS);
    const src = new SourceFile("m.alloy", m.text);
    const where = (o: number) => `${src.position(o).line}:${src.position(o).column}`;
    const want = (Array.isArray(m.at) ? m.at : [m.at]).map((o) => `${where(o)} ${m.message}`);
    expect(diags.map((d) => `${where(d.range.start)} ${d.message}`)).toEqual(want);
  });
});
