/**
 * The Alloy file the converter builds: the grammar's builder trees (`@alloy-ts/grammar` `builder`), which are
 * written as tokens and laid out by the canonical printer (otelcol-conversion.md §13).
 */
import { builder } from "@alloy-ts/grammar";

export type AlloyValue = builder.AlloyValue;
export type ObjectField = builder.ObjectField;
export type Statement = builder.Statement;
export type AttributeStatement = builder.AttributeStatement;
export type BlockStatement = builder.BlockStatement;

export const { str, expr, attr, block } = builder;
