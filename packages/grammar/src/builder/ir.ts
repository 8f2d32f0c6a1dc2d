/**
 * Synthesized Alloy trees, as plain data: what a program that writes Alloy (the converter) builds before it is
 * printed. Unlike the parsed AST (`ast/nodes.ts`) it has no positions, comments or source text: the builder writes
 * it as tokens and the canonical printer lays them out (as upstream's `syntax/token/builder` feeds its printer).
 */

/** An Alloy expression value. */
export type AlloyValue =
  | { readonly t: "string"; readonly v: string }
  | { readonly t: "number"; readonly text: string }
  | { readonly t: "bool"; readonly v: boolean }
  | { readonly t: "null" }
  | { readonly t: "array"; readonly items: readonly AlloyValue[] }
  | { readonly t: "object"; readonly fields: readonly ObjectField[] }
  /** Expression text written as it is, e.g. a component reference `otelcol.exporter.otlp.default.input`. */
  | { readonly t: "expr"; readonly text: string };

export interface ObjectField {
  /** The key's value: written bare when it is an identifier, else as a Go-quoted string. */
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

/** A string value (written Go-quoted). */
export const str = (v: string): AlloyValue => ({ t: "string", v });
/** An expression written as given; it must be Alloy expression text. */
export const expr = (text: string): AlloyValue => ({ t: "expr", text });
/** `name = value`. */
export const attr = (name: string, value: AlloyValue): AttributeStatement => ({ type: "attribute", name, value });
/** `name "label" { body }`; the label, when given, must be an identifier for the file to parse. */
export const block = (name: string, body: readonly Statement[], label?: string): BlockStatement =>
  label === undefined ? { type: "block", name, body } : { type: "block", name, label, body };
