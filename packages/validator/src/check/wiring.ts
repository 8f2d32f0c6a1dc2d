/**
 * Capsule wiring: a reference passed where a pipeline capsule is expected must export the same kind of
 * capsule (MetricsReceiver, LogsReceiver, otelcol.Consumer, ...), and an `otelcol.Consumer` wired into
 * `output.metrics` / `logs` / `traces` must accept that signal. Upstream only finds these when the
 * pipeline runs; the messages are ours.
 */
import { type Expr, rangeOf, type Statement, traversalParts } from "@alloy-ts/grammar";
import { Code, makeDiag, type ValidationDiagnostic } from "../diagnostic.js";
import { deref, type ComponentSchema, type SchemaNode } from "../registry.js";
import type { Traversal } from "./traversal.js";

const PIPELINE_CAPSULES = new Set(["otelcol.Consumer", "MetricsReceiver", "LogsReceiver", "ProfilesReceiver"]);

export type ResolveRef = (t: Traversal) => { id: string; rest: Traversal; schema: ComponentSchema } | undefined;

/** A pure identifier/access chain as a traversal. */
export function chain(e: Expr): Traversal | undefined {
  return traversalParts(e)?.map((p) => ({ name: p.name, range: { start: p.start, end: p.end } }));
}

/** Calls `visit` with every attribute of `body` and nested blocks that the schema knows, and its schema. */
export function forEachSchemaAttribute(
  body: readonly Statement[],
  schema: SchemaNode,
  root: ComponentSchema,
  visit: (a: Extract<Statement, { kind: "Attribute" }>, p: SchemaNode) => void,
): void {
  const props = deref(schema, root).properties;
  if (!props) return;
  for (const s of body) {
    const p = props[s.name];
    if (!p) continue;
    if (s.kind === "Block") {
      if (p["x-alloy-kind"] === "block") forEachSchemaAttribute(s.body, p["x-alloy-repeat"] === "single" || !p.items ? p : p.items, root, visit);
    } else if (p["x-alloy-kind"] === "attr") visit(s, p);
  }
}

export function checkWiring(body: readonly Statement[], schema: SchemaNode, root: ComponentSchema, file: string, resolve: ResolveRef, out: ValidationDiagnostic[]): void {
  const checkElement = (el: Expr, want: string, signal: string | undefined, attr: string): void => {
    const t = chain(el);
    if (!t) return;
    const r = resolve(t);
    if (!r || r.rest.length !== 1) return;
    const exp = r.schema["x-alloy-exports"][r.rest[0]!.name];
    const have = exp?.["x-alloy-capsule"];
    if (!have || !PIPELINE_CAPSULES.has(have)) return;
    const ref = `${r.id}.${r.rest[0]!.name}`;
    if (have !== want) {
      out.push(makeDiag(file, rangeOf(el), `${ref} is a ${have}, but "${attr}" expects ${want}`, Code.capsuleMismatch));
      return;
    }
    const accepted = exp["x-alloy-signals"];
    if (signal && accepted && !accepted.includes(signal as never)) {
      out.push(
        makeDiag(file, rangeOf(el), `${ref} does not accept ${signal}`, Code.signalMismatch, "error", `it accepts ${accepted.join(", ")}`),
      );
    }
  };
  forEachSchemaAttribute(body, schema, root, (s, p) => {
    const elemSchema = p.type === "array" ? p.items : p;
    const want = elemSchema?.["x-alloy-capsule"];
    if (!want || !PIPELINE_CAPSULES.has(want)) return;
    const elems = s.value.kind === "Array" ? s.value.elements : [s.value];
    for (const el of elems) checkElement(el, want, p["x-alloy-signal"], s.name);
  });
}
