/** Alloy runtime values (spec alloy-syntax.md §9): plain JS data plus functions and capsules. */

/** A reference to a component export that is not plain data (`input` consumers, auth `handler`s, ...). */
export interface Capsule {
  readonly capsule: true;
  /** Component identity, e.g. `otelcol.processor.batch.default`. */
  readonly component: string;
  /** Export name, e.g. `input`. */
  readonly export: string;
}

export type AlloyFunction = (args: AlloyValue[]) => AlloyValue;
export type AlloyValue = null | number | string | boolean | AlloyValue[] | { [k: string]: AlloyValue } | AlloyFunction | Capsule;

export const isCapsule = (v: unknown): v is Capsule => !!v && typeof v === "object" && (v as Capsule).capsule === true;

/** The type name used in messages. */
export function typeName(v: AlloyValue): string {
  if (v === null) return "null";
  if (typeof v === "function") return "function";
  if (isCapsule(v)) return "capsule";
  if (Array.isArray(v)) return "array";
  if (typeof v === "object") return "object";
  return typeof v;
}

/** An evaluation failure, reported as a diagnostic by the graph builder. */
export class EvalError extends Error {}
