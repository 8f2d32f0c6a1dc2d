/**
 * Checks an OpenTelemetry Collector YAML configuration the way the collector does before starting (otel-config
 * spec §1-4), through the one collector model of `@alloy-ts/otel`: YAML with the collector's scalar rules, the
 * top-level shape, component and pipeline IDs, the structural rules (references, pipelines, connectors) and the
 * `${...}` reference syntax. Components defined but not used are warnings (the collector ignores them silently).
 */
import { SourceFile } from "@alloy-ts/grammar";
import {
  bodyProblem, decodeComponentConfig, loadCollectorConfig, readYamlBytes, spanOf, splitReferences, structuralProblems, unsupportedScheme,
  type DecodeProblem, type OtelKind, type RawValue, type Span,
} from "@alloy-ts/otel";
import { Code, type ValidationDiagnostic } from "../diagnostic.js";
import { didYouMean } from "../check/suggest.js";

export type Kind = "receivers" | "processors" | "exporters" | "connectors" | "extensions";

/**
 * Decodes a component body for which upstream publishes no schema (the CLI passes the converter's, which knows
 * the keys it maps and their types); undefined when it knows nothing of the type.
 */
export type ComponentDecoder = (
  kind: OtelKind, id: string, type: string, config: RawValue, container: object, key: string,
) => DecodeProblem[] | undefined;

export interface OtelcolValidateOptions {
  /** Component types available, per kind (e.g. from a builder manifest); unset = any type is accepted. */
  readonly knownTypes?: Partial<Record<Kind, ReadonlySet<string>>>;
  /** Checks the settings of components without a published schema; unset = they are not checked. */
  readonly decodeFallback?: ComponentDecoder;
}

export interface OtelcolResult {
  readonly diagnostics: ValidationDiagnostic[];
  readonly source: SourceFile;
}

/** The collector's confmap providers: references to any other scheme fail at start-up. */
const PROVIDER_SCHEMES: ReadonlySet<string> = new Set(["env", "file", "yaml", "http", "https"]);

/** Problems of the `${...}` references in one value, in the collector's words. */
export function expansionErrors(s: string): string[] {
  const parts = splitReferences(s);
  if ("error" in parts) return [parts.error];
  const bad = unsupportedScheme(parts, PROVIDER_SCHEMES);
  return bad ? [bad.error] : [];
}

/** Validates collector YAML text (or bytes, so that invalid UTF-8 is reported where it is). Never throws. */
export function validateOtelcolYaml(input: string | Uint8Array, file: string, opts: OtelcolValidateOptions = {}): OtelcolResult {
  const bytes = typeof input === "string" ? Buffer.from(input, "utf8") : input;
  const text = typeof input === "string" ? input : Buffer.from(input).toString("utf8");
  const source = new SourceFile(file, text);
  const out: ValidationDiagnostic[] = [];
  const push: Push = (severity, message, code, span, hint) =>
    out.push({ severity, message, code, file, range: span ?? { start: 0, end: Math.max(1, Math.min(1, text.length)) }, ...(hint ? { hint } : {}) });

  const read = readYamlBytes(bytes, { spans: true });
  if (!read.ok) {
    const start = read.position ? source.offsetAt({ line: read.position.line - 1, character: read.position.column - 1 }) : 0;
    push("error", read.message.replace(/^yaml: (line \d+: )?/, ""), Code.yamlSyntax, { start, end: start + 1 });
    return { diagnostics: out, source };
  }
  const root = read.value;
  if (root === null || root === "") {
    push("error", "empty configuration file", Code.empty, { start: 0, end: Math.max(1, text.length) });
    return { diagnostics: out, source };
  }
  const { config, problems } = loadCollectorConfig(root);
  for (const p of problems) push(p.severity, p.message, p.code, p.range);
  if (!(root instanceof Map)) return { diagnostics: out, source };
  checkReferences(root, (message, span) => push("error", message, Code.expansion, span));
  for (const c of config.components) {
    const known = opts.knownTypes?.[c.section!];
    if (known && !known.has(c.type)) {
      push("error", `${c.section}: unknown type: "${c.type}" for id: "${c.id}" (valid values: [${[...known].sort().join(" ")}])`,
        Code.unknownType, c.container && spanOf(c.container, c.key));
    }
  }
  for (const p of structuralProblems(config)) push(p.severity, p.message, p.code, p.range);
  checkSettings(config.components, opts.decodeFallback, push);
  out.sort((a, b) => a.range.start - b.range.start);
  return { diagnostics: out, source };
}

type Push = (severity: "error" | "warning", message: string, code: string, span: Span | undefined, hint?: string) => void;

/**
 * Decodes every defined component (used or not: the collector decodes them all at load time) against its
 * published schema, else through `fallback`; the types neither knows are named once, in one warning.
 */
function checkSettings(
  components: ReturnType<typeof loadCollectorConfig>["config"]["components"], fallback: ComponentDecoder | undefined, push: Push,
): void {
  const unchecked = new Map<string, Span | undefined>();
  for (const c of components) {
    if (!c.section || !c.container || c.key === undefined) continue;
    const args = [c.section, c.id, c.type, c.config, c.container, c.key] as const;
    const body = bodyProblem(c.section, c.id, c.config, c.container, c.key);
    if (body) {
      push("error", body.message, Code.decode, spanOf(body.container, body.key));
      continue;
    }
    const problems = decodeComponentConfig(...args) ?? fallback?.(...args);
    if (problems === undefined) {
      const name = `${c.section.replace(/s$/, "")} "${c.type}"`;
      if (!unchecked.has(name)) unchecked.set(name, spanOf(c.container, c.key));
      continue;
    }
    for (const p of problems) {
      const hint = p.known && typeof p.key === "string" ? didYouMean(p.key, p.known) : undefined;
      push("error", p.message, Code.decode, spanOf(p.container, p.key), hint);
    }
  }
  if (unchecked.size > 0) {
    const names = [...unchecked.keys()];
    push("warning", `the settings of ${names.length} component type(s) are not checked (no published schema, not known to the converter): ${names.join(", ")}`,
      Code.uncheckedSettings, [...unchecked.values()][0]);
  }
}

/** Reports every string value (and key) whose references the collector would refuse. */
function checkReferences(root: RawValue, report: (message: string, span: Span | undefined) => void): void {
  const stack: RawValue[] = [root];
  while (stack.length > 0) {
    const v = stack.pop()!;
    if (v instanceof Map) {
      for (const [k, x] of v) {
        if (k.includes("$")) for (const e of expansionErrors(k)) report(e, spanOf(v, k));
        if (typeof x === "string") for (const e of expansionErrors(x)) report(e, spanOf(v, k));
        else stack.push(x);
      }
    } else if (Array.isArray(v)) {
      v.forEach((x, i) => {
        if (typeof x === "string") for (const e of expansionErrors(x)) report(e, spanOf(v, i));
        else stack.push(x);
      });
    }
  }
}
