/**
 * Checks a block body against a schema, mirroring upstream syntax/typecheck: unknown/duplicate/missing
 * attributes and blocks, block counts, and the types of literal values. Messages are upstream's
 * (syntax spec 8.3); references and calls are not type checked here.
 */
import { type Block, type Expr, goDurationError, type ObjectExpr, type Range, rangeOf, type Statement } from "@alloy-ts/grammar";
import { Code, makeDiag, type ValidationDiagnostic } from "../diagnostic.js";
import { deref, type ComponentSchema, type SchemaNode } from "../registry.js";
import {
  binaryValue,
  goSprintf,
  literalValue,
  numberToString,
  unaryValue,
  type LiteralValue,
} from "./literal.js";
import { didYouMean } from "./suggest.js";

export type Kind = "any" | "string" | "duration" | "number" | "bool" | "array" | "map" | "struct" | "capsule" | "function";

/** Context shared by one type check run. */
interface Ctx {
  readonly file: string;
  readonly root: ComponentSchema;
  readonly out: ValidationDiagnostic[];
}

const span = (start: number, end: number): Range => ({ start, end });

/** Type checks the body of `block` against `schema` (a struct body, or a map block). */
export function typecheckBlock(block: Block, schema: SchemaNode, root: ComponentSchema, file: string, body: Statement[] = block.body): ValidationDiagnostic[] {
  const ctx: Ctx = { file, root, out: [] };
  checkBody(ctx, block, body, deref(schema, root));
  return ctx.out;
}

function nameRangeToLCurly(b: Block): Range {
  return span(b.start, b.lCurly + 1);
}

function checkBody(ctx: Ctx, b: Block, body: Statement[], schema: SchemaNode): void {
  if (schema["x-alloy-map-block"] || schema.properties === undefined) {
    // Map-like bodies accept any attribute; only a label is rejected.
    if (b.label !== undefined) ctx.out.push(makeDiag(ctx.file, nameRangeToLCurly(b), `block "${b.name}" requires empty label`, Code.blockLabel));
    return;
  }
  const props = schema.properties;
  const blockCount = new Map<string, number>();
  for (const s of body) if (s.kind === "Block") blockCount.set(s.name, (blockCount.get(s.name) ?? 0) + 1);
  const seen = new Set<string>();
  for (const s of body) {
    if (s.kind === "Block") checkNestedBlock(ctx, s, props, blockCount);
    else checkAttribute(ctx, s, props, seen);
  }
  const required = new Set(schema.required ?? []);
  if (!required.size) return;
  for (const [name, p] of Object.entries(props)) {
    // foreach's `template` is taken out of the body and reported by the caller (spec 8.2).
    if (!required.has(name) || p["x-alloy-template"]) continue;
    if (p["x-alloy-kind"] === "attr") {
      if (!seen.has(name)) ctx.out.push(makeDiag(ctx.file, rangeOf(b), `missing required attribute "${name}"`, Code.missingAttribute));
    } else if (!blockCount.has(name)) {
      ctx.out.push(makeDiag(ctx.file, rangeOf(b), `missing required block "${name}"`, Code.missingBlock));
    }
  }
}

function checkNestedBlock(ctx: Ctx, b: Block, props: Readonly<Record<string, SchemaNode>>, counts: Map<string, number>): void {
  const name = b.name;
  const p = props[name];
  if (!p) {
    const blocks = Object.entries(props).filter(([, v]) => v["x-alloy-kind"] === "block").map(([k]) => k);
    ctx.out.push(makeDiag(ctx.file, rangeOf(b), `unrecognized block name "${name}"`, Code.unknownBlock, "error", didYouMean(name, blocks)));
    return;
  }
  if (p["x-alloy-kind"] === "attr") {
    ctx.out.push(makeDiag(ctx.file, rangeOf(b), `"${name}" must be an attribute, but is used as a block`, Code.attributeBlockMismatch));
    return;
  }
  const repeat = p["x-alloy-repeat"] ?? "single";
  const n = counts.get(name) ?? 0;
  if (repeat === "fixed") {
    const want = p["x-alloy-count"] ?? 1;
    if (want !== n) {
      ctx.out.push(makeDiag(ctx.file, rangeOf(b), `block "${name}" must be specified exactly ${want} times, but was specified ${n} times`, Code.blockCount));
      return;
    }
  } else if (repeat === "single" && n > 1) {
    ctx.out.push(makeDiag(ctx.file, rangeOf(b), `block "${name}" may only be specified once`, Code.blockCount));
    return;
  }
  if (p["x-alloy-template"]) return;
  const item = repeat === "single" || !p.items ? p : p.items;
  checkBody(ctx, b, b.body, deref(item, ctx.root));
}

function checkAttribute(ctx: Ctx, a: Extract<Statement, { kind: "Attribute" }>, props: Readonly<Record<string, SchemaNode>>, seen: Set<string>): void {
  const name = a.name;
  const p = props[name];
  if (!p) {
    const attrs = Object.entries(props).filter(([, v]) => v["x-alloy-kind"] === "attr").map(([k]) => k);
    ctx.out.push(makeDiag(ctx.file, rangeOf(a), `unrecognized attribute name "${name}"`, Code.unknownAttribute, "error", didYouMean(name, attrs)));
    return;
  }
  if (p["x-alloy-kind"] === "block") {
    ctx.out.push(makeDiag(ctx.file, rangeOf(a), `"${name}" must be a block, but is used as an attribute`, Code.attributeBlockMismatch));
    return;
  }
  if (seen.has(name)) {
    ctx.out.push(makeDiag(ctx.file, rangeOf(a), `attribute "${name}" may only be provided once`, Code.duplicateAttribute));
    return;
  }
  seen.add(name);
  checkExpr(ctx, a.value, p);
}

/** The Go-level kind of a schema value (what upstream's reflection switches on). */
export function kindOf(s: SchemaNode): Kind {
  if (s["x-alloy-function"]) return "function";
  if (s["x-alloy-capsule"] && !s.type) return "capsule";
  if (s["x-alloy-secret"]) return "capsule";
  switch (s.type) {
    case "string":
      return s.format === "duration" ? "duration" : "string";
    case "integer":
    case "number":
      return "number";
    case "boolean":
      return "bool";
    case "array":
      return "array";
    case "object":
      return s.properties !== undefined ? "struct" : "map";
    default:
      return s.$ref ? "struct" : "any";
  }
}

/** Alloy type name of a schema value, as upstream prints expected types. */
export function alloyTypeName(k: Kind): string {
  switch (k) {
    case "duration":
      return "string";
    case "map":
    case "struct":
      return "object";
    default:
      return k;
  }
}

function checkExpr(ctx: Ctx, e: Expr, want: SchemaNode): void {
  switch (e.kind) {
    case "Literal": {
      const v = literalValue(e);
      if (v) checkValue(ctx, rangeOf(e), v, want);
      return;
    }
    case "Array":
      checkArray(ctx, e, want);
      return;
    case "Object":
      checkObject(ctx, e, want);
      return;
    case "Unary":
      if (e.operand.kind === "Literal") {
        const operand = literalValue(e.operand);
        const v = operand && unaryValue(e, operand);
        if (v) checkValue(ctx, rangeOf(e.operand), v, want);
      }
      return;
    case "Binary":
      if (e.left.kind === "Literal" && e.right.kind === "Literal") {
        const l = literalValue(e.left);
        const r = literalValue(e.right);
        const v = l && r && binaryValue(e, l, r);
        if (v) checkValue(ctx, rangeOf(e), v, want);
      }
      return;
    default:
      return;
  }
}

function checkArray(ctx: Ctx, e: Extract<Expr, { kind: "Array" }>, wantRaw: SchemaNode): void {
  const want = deref(wantRaw, ctx.root);
  const k = kindOf(want);
  if (k === "any") return;
  if (k !== "array") {
    ctx.out.push(makeDiag(ctx.file, rangeOf(e), `expected ${alloyTypeName(k)}, got array`, Code.typeMismatch));
    return;
  }
  const elem = deref(want.items ?? {}, ctx.root);
  if (kindOf(elem) === "any") return;
  for (const el of e.elements) checkExpr(ctx, el, elem);
}

function checkObject(ctx: Ctx, e: ObjectExpr, wantRaw: SchemaNode): void {
  const want = deref(wantRaw, ctx.root);
  const k = kindOf(want);
  if (k === "any") return;
  if (k === "capsule") {
    if (!want["x-alloy-convertible"] && !want["x-alloy-secret"]) ctx.out.push(makeDiag(ctx.file, rangeOf(e), "expected capsule, got object", Code.typeMismatch));
    return;
  }
  if (k === "map") {
    const v = want.additionalProperties;
    if (!v || v === true) return;
    const vs = deref(v, ctx.root);
    if (kindOf(vs) === "any") return;
    for (const f of e.fields) checkExpr(ctx, f.value, vs);
    return;
  }
  if (k !== "struct") {
    ctx.out.push(makeDiag(ctx.file, rangeOf(e), `expected ${alloyTypeName(k)}, got object`, Code.typeMismatch));
    return;
  }
  const props = want.properties ?? {};
  const seen = new Set<string>();
  for (const f of e.fields) {
    const p = props[f.name];
    if (!p) {
      ctx.out.push(makeDiag(ctx.file, span(f.start, f.value.end), `unrecognized attribute name "${f.name}"`, Code.unknownAttribute, "error", didYouMean(f.name, Object.keys(props))));
      continue;
    }
    seen.add(f.name);
    checkExpr(ctx, f.value, p);
  }
  for (const r of want.required ?? []) {
    if (props[r]?.["x-alloy-kind"] !== "attr") continue;
    if (!seen.has(r)) ctx.out.push(makeDiag(ctx.file, rangeOf(e), `missing required attribute "${r}"`, Code.missingAttribute));
  }
}

/** The error upstream's decoder reports when `v` is assigned to `want`, if any. */
export function valueError(v: LiteralValue, want: SchemaNode): string | undefined {
  if (v.t === "null") return undefined;
  const k = kindOf(want);
  switch (k) {
    case "any":
      return undefined;
    case "string":
    case "duration": {
      let text: string;
      if (v.t === "string") text = v.v;
      else if (v.t === "number") text = numberToString(v);
      else return `expected string, got ${v.t}`;
      if (k === "duration") return goDurationError(text);
      if (want.enum) {
        const ci = want["x-alloy-enum-case-insensitive"];
        const cmp = ci ? text.toLowerCase() : text;
        if (!want.enum.some((x) => (ci ? x.toLowerCase() : x) === cmp)) {
          const tmpl = want["x-alloy-enum-error"];
          return tmpl ? goSprintf(tmpl, v, ci ? text.toLowerCase() : text) : undefined;
        }
      }
      return undefined;
    }
    case "number":
      if (v.t === "number") return undefined;
      if (v.t === "string") return stringToNumberOk(v.v) ? undefined : "expected number, got string";
      return `expected number, got ${v.t}`;
    case "bool":
      return v.t === "bool" ? undefined : `expected bool, got ${v.t}`;
    case "array":
      return `expected array, got ${v.t}`;
    case "map":
    case "struct": {
      const conv = want["x-alloy-convert-error"];
      if (conv) return goSprintf(conv, v, v.t === "string" ? v.v : String((v as { v: unknown }).v));
      return `expected object, got ${v.t}`;
    }
    case "capsule": {
      if (want["x-alloy-secret"]) return v.t === "bool" ? `expected capsule, got bool` : undefined;
      const conv = want["x-alloy-convert-error"];
      if (conv) return goSprintf(conv, v, v.t === "string" ? v.v : String((v as { v: unknown }).v));
      return `expected capsule, got ${v.t}`;
    }
    case "function":
      return `expected function, got ${v.t}`;
  }
}

function checkValue(ctx: Ctx, range: Range, v: LiteralValue, wantRaw: SchemaNode): void {
  const msg = valueError(v, deref(wantRaw, ctx.root));
  if (msg) ctx.out.push(makeDiag(ctx.file, range, msg, Code.typeMismatch));
}

/** String → number conversion rules (syntax spec 9). */
function stringToNumberOk(s: string): boolean {
  if (s === "") return false;
  if (s[0] === "-") return /^-[0-9]+$/.test(s) && BigInt(s) >= -9223372036854775808n;
  if (/[.eE]/.test(s)) return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s) || /^[+-]?(inf|infinity|nan)$/i.test(s);
  return /^[0-9]+$/.test(s) && BigInt(s) <= 18446744073709551615n;
}
