/**
 * The type of a reference to a component's export, against the attribute it is given to: a receiver capsule as
 * `targets`, a list of targets as a string. Alloy finds these when it evaluates the reference (syntax/vm's
 * TypeError: "<expression> should be <type>, got <type>"); here they are found from the schemas' export types.
 * Only clear mismatches are reported: conversions Alloy makes (strings to numbers, convertible capsules such as
 * discovery.Target to objects, strings to secrets) and values of unknown type pass.
 */
import { type Expr, rangeOf, type Statement } from "@alloy-ts/grammar";
import { Code, makeDiag, type ValidationDiagnostic } from "../diagnostic.js";
import { deref, type ComponentSchema, type SchemaNode } from "../registry.js";
import { alloyTypeName, kindOf, type Kind } from "./typecheck.js";
import { chain, forEachSchemaAttribute, type ResolveRef } from "./wiring.js";

/** Kinds that are the same Alloy type (objects, strings). */
const alloyType = (k: Kind): Kind => (k === "map" || k === "struct" ? "struct" : k === "duration" ? "string" : k);

/**
 * The Alloy type name of a value of schema `have` when it cannot be given where `want` (of kind `w`) belongs;
 * undefined when it can.
 */
function mismatch(have: SchemaNode, want: SchemaNode, w: Kind): string | undefined {
  const h = kindOf(have);
  if (h === "any" || alloyType(h) === alloyType(w)) return undefined;
  if (w === "capsule" && (want["x-alloy-convertible"] || want["x-alloy-secret"])) return undefined;
  if (h === "capsule" && have["x-alloy-convertible"]) return undefined;
  // Alloy converts strings to numbers (and numbers to strings) when the text allows.
  if ((h === "string" || h === "duration") && w === "number") return undefined;
  if (h === "number" && (w === "string" || w === "duration")) return undefined;
  return alloyTypeName(h);
}

export function checkReferenceTypes(body: readonly Statement[], schema: SchemaNode, root: ComponentSchema, file: string, resolve: ResolveRef, out: ValidationDiagnostic[]): void {
  const checkValue = (e: Expr, wantRaw: SchemaNode): void => {
    const want = deref(wantRaw, root);
    const wantKind = kindOf(want);
    if (e.kind === "Array" && wantKind === "array" && want.items) {
      for (const el of e.elements) checkValue(el, want.items);
      return;
    }
    // Nothing to compare against, or pipeline capsules (checked with their signals by wiring.ts): no lookup.
    if (wantKind === "any" || (wantKind === "capsule" && !want["x-alloy-convertible"] && !want["x-alloy-secret"])) return;
    const t = chain(e);
    if (!t) return;
    const r = resolve(t);
    if (!r || r.rest.length !== 1) return;
    const exp = r.schema["x-alloy-exports"][r.rest[0]!.name];
    if (!exp) return; // a missing export is reported on its own
    const got = mismatch(deref(exp, r.schema), want, wantKind);
    if (got === undefined) return;
    const ref = `${r.id}.${r.rest[0]!.name}`;
    out.push(makeDiag(file, rangeOf(e), `${ref} should be ${alloyTypeName(wantKind)}, got ${got}`, Code.referenceType));
  };
  forEachSchemaAttribute(body, schema, root, (a, p) => checkValue(a.value, p));
}
