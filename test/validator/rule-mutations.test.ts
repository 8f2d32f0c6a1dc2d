/**
 * Mutation tests of the component rules (schemas/rules): for every rule with an `example`, a real file that
 * validates clean (a ../shared/corpus/alloy file or one of fixtures/validator/rules) is changed as the example
 * says, in one block where the rule applies, and must then give exactly one diagnostic: the rule's message at
 * the attribute it names. The block is found from the schemas (component name, or a nested block whose
 * schema is the rule's Go struct), not from the rule engine.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse, SourceFile, type Block, type Statement } from "@alloy-ts/grammar";
import { deref, getRegistry, validate, type ComponentSchema, type RuleData, type SchemaNode } from "@alloy-ts/validator";
import { repoRoot, shared, sharedDir } from "../support/shared.js";

const OPTS = { stabilityLevel: "experimental", communityComponents: true } as const;

interface Base {
  readonly name: string;
  readonly text: string;
}

function bases(): Base[] {
  const out: Base[] = [];
  const fx = path.join(repoRoot, "fixtures", "validator", "rules");
  for (const f of readdirSync(fx).filter((x) => x.endsWith(".alloy")).sort()) out.push({ name: `fixtures/validator/rules/${f}`, text: readFileSync(path.join(fx, f), "utf8") });
  if (sharedDir) {
    const dir = shared("corpus", "alloy");
    for (const f of readdirSync(dir).sort()) {
      const p = path.join(dir, f);
      if (f.endsWith(".alloy") && statSync(p).isFile()) out.push({ name: `corpus/alloy/${f}`, text: readFileSync(p, "utf8") });
    }
  }
  // Only files that validate clean can show that a mutation breaks exactly one rule.
  return out.filter((b) => validate([b], OPTS).length === 0);
}

function allRules(): RuleData[] {
  const dir = path.join(repoRoot, "schemas", "rules");
  return readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .flatMap((f) => (JSON.parse(readFileSync(path.join(dir, f), "utf8")) as { rules: RuleData[] }).rules);
}

/** The schema of the body at `inPath` (dotted block names) below a component's schema. */
function bodySchemaAt(schema: ComponentSchema, inPath: string | undefined): { node: SchemaNode; key?: string } | undefined {
  let node: SchemaNode = schema;
  let key: string | undefined;
  if (!inPath) return { node };
  // Block names may contain dots (`stage.cri`); match the longest property name first.
  const parts = inPath.split(".");
  for (let i = 0; i < parts.length; ) {
    let matched = false;
    for (let j = parts.length; j > i; j--) {
      const name = parts.slice(i, j).join(".");
      const p = node.properties?.[name];
      if (p?.["x-alloy-kind"] !== "block") continue;
      const item = p["x-alloy-repeat"] === "single" || !p.items ? p : p.items;
      key = item.$ref?.slice("#/$defs/".length);
      node = deref(item, schema);
      i = j;
      matched = true;
      break;
    }
    if (!matched) return undefined;
  }
  return { node, key };
}

function appliesTo(rule: RuleData, schema: ComponentSchema, inPath: string | undefined): boolean {
  if (!inPath) return schema.title === rule.on || (schema["x-alloy-embeds"] ?? []).includes(rule.on);
  const at = bodySchemaAt(schema, inPath);
  return !!at && (at.key === rule.on || (at.node["x-alloy-embeds"] ?? []).includes(rule.on));
}

const splice = (t: string, s: number, e: number, r: string): string => t.slice(0, s) + r + t.slice(e);

function findBlock(body: readonly Statement[], names: string[]): Block | undefined {
  if (!names.length) return undefined;
  for (let j = names.length; j > 0; j--) {
    const name = names.slice(0, j).join(".");
    const b = body.find((s): s is Block => s.kind === "Block" && s.name === name);
    if (b) return j === names.length ? b : findBlock(b.body, names.slice(j));
  }
  return undefined;
}

/** Locates the body to mutate: top-level block index, then the nested block path. */
function target(text: string, rule: RuleData): { top: number } | undefined {
  const r = parse(text, { name: "x.alloy" });
  const inPath = rule.example?.["in" as keyof typeof rule.example] as string | undefined;
  for (let i = 0; i < r.file.body.length; i++) {
    const s = r.file.body[i]!;
    if (s.kind !== "Block") continue;
    const schema = getRegistry().getComponent(s.name) ?? getRegistry().getBlock(s.name);
    if (schema && appliesTo(rule, schema, inPath)) return { top: i };
  }
  return undefined;
}

/** The body statements at `inPath` in top-level block `top`, creating missing blocks. */
function ensureBody(text: string, top: number, inPath: string | undefined): { text: string; block: Block } {
  for (;;) {
    const r = parse(text, { name: "x.alloy" });
    const topBlock = r.file.body[top] as Block;
    if (!inPath) return { text, block: topBlock };
    const names = inPath.split(".");
    const found = findBlock(topBlock.body, names);
    if (found) return { text, block: found };
    // Create the deepest missing block under the deepest existing one.
    let parent = topBlock;
    let rest = names;
    for (let j = names.length; j > 0; j--) {
      const b = findBlock(topBlock.body, names.slice(0, j));
      if (b) {
        parent = b;
        rest = names.slice(j);
        break;
      }
    }
    const schema = getRegistry().getComponent(topBlock.name) ?? getRegistry().getBlock(topBlock.name)!;
    let name = rest[0]!;
    // Dotted block names (`stage.cri`): the shortest run of parts that the parent's schema names.
    const prefix = names.slice(0, names.length - rest.length);
    const parentSchema = bodySchemaAt(schema, prefix.join(".") || undefined)?.node;
    for (let j = 1; j <= rest.length; j++) {
      const cand = rest.slice(0, j).join(".");
      if (parentSchema?.properties?.[cand]?.["x-alloy-kind"] === "block") {
        name = cand;
        break;
      }
    }
    const close = parent.end - 1;
    text = splice(text, close, close, `\n${name} {\n}\n`);
  }
}

function mutate(base: string, rule: RuleData, top: number): string {
  const ex = rule.example!;
  const inPath = (ex as { in?: string }).in;
  let text = base;
  for (const p of ex.remove ?? []) {
    const { block } = ensureBody(text, top, inPath);
    const s = block.body.find((x) => x.name === p);
    if (s) text = splice(text, s.start, s.end, "");
  }
  for (const [p, value] of Object.entries(ex.set ?? {})) {
    const parts = p.split(".");
    const attr = parts.pop()!;
    const { text: t2, block } = ensureBody(text, top, [inPath, ...parts].filter(Boolean).join(".") || undefined);
    text = t2;
    const s = block.body.find((x) => x.kind === "Attribute" && x.name === attr);
    if (s && s.kind === "Attribute") text = splice(text, s.value.start, s.value.end, value);
    else text = splice(text, block.lCurly + 1, block.lCurly + 1, `\n${attr} = ${value}\n`);
  }
  return text;
}

/** Where the diagnostic must start: inside the attribute `at` (at the fragment, if given), else the block. */
function expectedStart(text: string, rule: RuleData, top: number): number {
  const ex = rule.example!;
  const inPath = (ex as { in?: string }).in;
  const at = rule.at ?? rule.path ?? rule.regex;
  const parts = at ? at.split(".") : [];
  const attr = parts.pop();
  const { block } = ensureBody(text, top, [inPath, ...parts].filter(Boolean).join(".") || undefined);
  const s = attr ? block.body.find((x) => x.name === attr) : undefined;
  const frag = (ex as { at?: string }).at;
  if (s && frag) return text.indexOf(frag, s.start);
  if (s) return s.start;
  const { block: owner } = ensureBody(text, top, inPath);
  return owner.start;
}

const rules = allRules().filter((r) => r.example);
const baseFiles = bases();

describe("component rules: one mutation, one diagnostic", () => {
  it("has at least 150 rules with a mutation example", () => {
    expect(rules.length).toBeGreaterThanOrEqual(150);
  });

  for (const rule of rules) {
    it(`${rule.id} (${rule.source})`, () => {
      const base = baseFiles.find((b) => target(b.text, rule));
      expect(base, `no clean corpus or fixture file has a block for ${rule.on}`).toBeDefined();
      const { top } = target(base!.text, rule)!;
      const text = mutate(base!.text, rule, top);
      const diags = validate([{ name: base!.name, text }], OPTS);
      const want = rule.example!.message ?? rule.message;
      expect(diags.map((d) => d.message)).toEqual([want]);
      const src = new SourceFile(base!.name, text);
      expect(src.formatPosition(diags[0]!.range.start)).toBe(src.formatPosition(expectedStart(text, rule, top)));
    });
  }
});
