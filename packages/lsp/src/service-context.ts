/**
 * The service context of a running server: the component catalogue and standard library from the validator's
 * registry, the validator's semantic checks, and the OpenTelemetry Collector converter.
 */
import { convertOtelcol } from "@alloy-ts/converter";
import { OTEL_MODULES, type OtelKind } from "@alloy-ts/otel";
import { getRegistry, STDLIB_CONSTANTS, stdlibFunctions, validate } from "@alloy-ts/validator";
import type { RangedDiagnostic as Diagnostic } from "@alloy-ts/grammar";
import type { Catalog, FunctionInfo } from "./schema/catalog.js";
import { catalogFromSchemas } from "./schema/schema-catalog.js";
import { functionsFromStdlib } from "./schema/stdlib-functions.js";
import type { ServiceContext, ValidationSettings } from "./service/context.js";
import type { OtelComponentKind, OtelTypeInfo } from "./service/otel-dialect.js";
import type { Analysis } from "./workspace/analysis.js";

/** Standard-library functions and `constants.*` as catalogue entries. */
export function stdlibCatalogFunctions(): FunctionInfo[] {
  const constants: FunctionInfo[] = STDLIB_CONSTANTS.map((c) => ({ name: `constants.${c}`, parameters: [], returns: "string", constant: true }));
  return [...functionsFromStdlib(stdlibFunctions()), ...constants];
}

/** The catalogue over the generated schemas (empty when none are found) and the standard library. */
export function defaultCatalog(): Catalog {
  return catalogFromSchemas(getRegistry(), stdlibCatalogFunctions());
}

/**
 * Validator diagnostics for a parsed document, reusing the parse. The validator stops at syntax errors as
 * upstream does, so documents with syntax errors get the built-in reference check instead (see diagnostics.ts).
 */
export function validateAnalysis(analysis: Analysis, settings: ValidationSettings = {}): readonly Diagnostic[] {
  // After recovery the tree is of the stubbed text, which parses cleanly: it is validated as such.
  const syntax = analysis.broken.length ? [] : (analysis.syntax as Diagnostic[]);
  return validate([{ file: analysis.file, diagnostics: syntax, source: analysis.source }], {
    stabilityLevel: settings.stabilityLevel,
    communityComponents: settings.communityComponents,
  });
}

/**
 * Collector component types by kind from the converter's module table: each type's current name, then its
 * deprecated spellings marked as aliases.
 */
export function otelTypesFromModules(kind: OtelComponentKind): readonly OtelTypeInfo[] {
  const plural = `${kind}s` as OtelKind;
  const out: OtelTypeInfo[] = [];
  for (const m of OTEL_MODULES) {
    if (m.kind !== plural) continue;
    const [current, ...aliases] = m.types;
    if (!current) continue;
    out.push({ type: current, module: m.module });
    for (const a of aliases) out.push({ type: a, module: m.module, aliasOf: current });
  }
  return out;
}

/** Builds the default context. */
export function defaultServiceContext(): ServiceContext {
  const settings: ValidationSettings = {};
  return {
    catalog: defaultCatalog(),
    settings,
    validate: (analysis) => validateAnalysis(analysis, settings),
    otelTypes: otelTypesFromModules,
    convert: (yaml) => {
      const r = convertOtelcol(yaml);
      return { output: r.output ?? "", diagnostics: r.diagnostics };
    },
  };
}
