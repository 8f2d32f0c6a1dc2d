/**
 * @alloy-ts/validator: semantic validation of Alloy configurations (`alloy validate`), the component registry
 * over the generated schemas, diagnostics reports (pretty text, JSON, SARIF) and OpenTelemetry Collector YAML
 * checks.
 */
export { validate, validateDetailed } from "./validate.js";
export type { ValidateOptions, ValidateInput, ValidationResult } from "./validate.js";
export type { ValidationDiagnostic } from "./diagnostic.js";
export { Code as ValidationCode } from "./diagnostic.js";
export { VALIDATOR_DIAGNOSTICS } from "./codes.js";
export { Registry, getRegistry, deref } from "./registry.js";
export type { ComponentSchema, ComponentSummary, SchemaNode, SchemaMeta, Signal, Stability } from "./registry.js";
export { stdlibFunctions, stdlibFunction, STDLIB_TOP_LEVEL, STDLIB_CONSTANTS } from "./stdlib.js";
export type { StdlibFunction } from "./stdlib.js";
export { listComponents, getComponent, describeComponent } from "./api.js";
export type { ComponentInfo, MemberInfo } from "./api.js";
export { renderPretty } from "./report/pretty.js";
export { toJsonReport } from "./report/json.js";
export { toSarif } from "./report/sarif.js";
export { validateOtelcolYaml, expansionErrors } from "./otelcol/validate-yaml.js";
export type { OtelcolValidateOptions, OtelcolResult } from "./otelcol/validate-yaml.js";
export { readDistribution } from "./otelcol/distribution.js";
export type { Distribution } from "./otelcol/distribution.js";
export { checkRules, compileRule, conditionOf } from "./rules/engine.js";
export type { RuleData, RuleExample, CompiledRule, RuleIndex } from "./rules/engine.js";
export { re2Error } from "./regex/re2.js";
export { parseRunFlags, RunFlagsError } from "./run-flags.js";
export type { RunFlags } from "./run-flags.js";
