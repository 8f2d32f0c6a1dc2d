/** The facts and collaborators a language-service function may use besides the document itself. */
import type { Diagnostic, RangedDiagnostic } from "@alloy-ts/grammar";
import type { Analysis } from "../workspace/analysis.js";
import type { Catalog } from "../schema/catalog.js";
import type { OtelComponentKind, OtelTypeInfo } from "./otel-dialect.js";

/** Result of converting an OpenTelemetry Collector document. */
export interface ConversionResult {
  readonly output: string;
  /** The converter's diagnostics as the one model (YAML line and column in `position`, codes where it has them). */
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * What `alloy validate`'s flags decide (`--stability.level`, `--feature.community-components.enabled`), set by the
 * editor (initialization options, workspace configuration). Mutated in place when the configuration changes.
 */
export interface ValidationSettings {
  stabilityLevel?: "experimental" | "public-preview" | "generally-available";
  communityComponents?: boolean;
}

export interface ServiceContext {
  readonly catalog: Catalog;
  /** Settings the validator is run with (`validate` reads them on every call). */
  readonly settings?: ValidationSettings;
  /** Semantic checks of a parsed document (the validator); absent until one is wired in. */
  readonly validate?: (analysis: Analysis) => readonly RangedDiagnostic[];
  /** OpenTelemetry Collector YAML → Alloy conversion (the converter); absent until one is wired in. */
  readonly convert?: (yaml: string) => ConversionResult;
  /** Known collector component types of a kind, for `otel.<kind>.<type>` blocks; absent: none offered. */
  readonly otelTypes?: (kind: OtelComponentKind) => readonly OtelTypeInfo[];
}
