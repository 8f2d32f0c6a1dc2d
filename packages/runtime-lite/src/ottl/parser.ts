/** The OTTL parser is the one in @alloy-ts/otel, shared with the validator. */
import { ottl } from "@alloy-ts/otel";

export type OttlExpr = ottl.OttlExpr;
export type OttlStatement = ottl.OttlStatement;
export type OttlValue = ottl.OttlValue;
export type OttlParseError = ottl.OttlParseError;
export const parseStatement = ottl.parseStatement;
export const parseCondition = ottl.parseCondition;
export const isParseError = ottl.isParseError;
