/**
 * The builder for synthesized Alloy: plain-data trees (`ir.ts`) written as tokens (`tokens.ts`) that the one
 * canonical printer lays out. Exported from the package as the `builder` namespace, beside the parsed AST.
 */
export type { AlloyValue, ObjectField, Statement, AttributeStatement, BlockStatement } from "./ir.js";
export { str, expr, attr, block } from "./ir.js";
export { FileBuilder, flat, statementsText, statementText, valueText } from "./tokens.js";
