/**
 * The Alloy file the converter builds, as plain data. It is printed by `emit.ts` straight into the canonical
 * `alloy fmt` layout (otelcol-conversion.md §13), so no token stream is needed.
 */

/** An Alloy expression value. */
export type AlloyValue =
  | { readonly t: "string"; readonly v: string }
  | { readonly t: "number"; readonly text: string }
  | { readonly t: "bool"; readonly v: boolean }
  | { readonly t: "null" }
  | { readonly t: "array"; readonly items: readonly AlloyValue[] }
  | { readonly t: "object"; readonly fields: readonly ObjectField[] }
  /** Raw expression text, e.g. a component reference `otelcol.exporter.otlp.default.input`. */
  | { readonly t: "expr"; readonly text: string };

export interface ObjectField {
  readonly key: string;
  readonly value: AlloyValue;
}

/** A statement of a block body. */
export type Statement = AttributeStatement | BlockStatement;

export interface AttributeStatement {
  readonly type: "attribute";
  readonly name: string;
  readonly value: AlloyValue;
}

export interface BlockStatement {
  readonly type: "block";
  /** Dotted block name, e.g. `otelcol.receiver.otlp` or `grpc`. */
  readonly name: string;
  readonly label?: string;
  readonly body: readonly Statement[];
}

export const str = (v: string): AlloyValue => ({ t: "string", v });
export const expr = (text: string): AlloyValue => ({ t: "expr", text });
export const attr = (name: string, value: AlloyValue): AttributeStatement => ({ type: "attribute", name, value });
export const block = (name: string, body: readonly Statement[], label?: string): BlockStatement =>
  label === undefined ? { type: "block", name, body } : { type: "block", name, label, body };
