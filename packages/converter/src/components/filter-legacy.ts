/**
 * The filter processor's legacy `include`/`exclude` match properties (`spans`, `metrics`, `logs`) as OTTL
 * conditions for Alloy's `traces.span`, `metrics.metric` and `logs.log_record` lists (a record is dropped when
 * any condition is true). The semantics are the processor's own (contrib internal/filter: filterspan,
 * filtermetric, filterlog, filtermatcher):
 * - a record is dropped when it does not match `include` or matches `exclude`;
 * - a match needs every configured property kind to match: any of the names (services, span names, span kinds,
 *   metric names, bodies, severity texts), every attribute (`attributes`, `resources`, `resource_attributes`,
 *   `record_attributes`: the key exists and, with a value, equals it or matches it as a regular expression),
 *   every library (name, and version when given), and the severity number range;
 * - for metrics, names and resource attributes are separate filters (a resource is dropped on its attributes
 *   alone, a metric on its name alone), so each becomes its own condition.
 * `match_type: strict` compares exactly, `regexp` uses IsMatch (unanchored, like Go's MatchString). What OTTL
 * cannot say (`match_type: expr` expressions, map or list attribute values) is refused with an Error, never
 * converted to a pass-all filter.
 */
import { type ComponentNote, type Source, componentNote } from "../engine/description.js";
import type { RawMap, RawValue } from "@alloy-ts/otel";

export interface LegacyConditions {
  readonly span: readonly string[];
  readonly metric: readonly string[];
  readonly log: readonly string[];
  /** What cannot be converted, each at its OTel key path. */
  readonly problems: readonly { readonly at: string; readonly message: string }[];
}

type MatchType = "strict" | "regexp";

/** An OTTL string literal (OTTL unquotes like Go, whose escapes JSON's are a subset of). */
const lit = (s: string): string => JSON.stringify(s);

const SEVERITY_NAMES = ["TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL"];

/** `INFO`, `info2`, `9` → 9 (the processor's table); undefined when not a severity. */
function severityNumber(v: RawValue | undefined): number | undefined {
  const text = typeof v === "number" ? String(v) : typeof v === "string" ? v.toUpperCase() : undefined;
  if (text === undefined) return undefined;
  if (/^([1-9]|1\d|2[0-4])$/.test(text)) return Number(text);
  const m = /^(TRACE|DEBUG|INFO|WARN|ERROR|FATAL)([234])?$/.exec(text);
  return m ? SEVERITY_NAMES.indexOf(m[1]!) * 4 + 1 + (m[2] ? Number(m[2]) - 1 : 0) : undefined;
}

/** The OTTL enum of a severity number (`SEVERITY_NUMBER_INFO2`). */
function severityEnum(n: number): string {
  const name = SEVERITY_NAMES[Math.floor((n - 1) / 4)]!;
  const step = ((n - 1) % 4) + 1;
  return `SEVERITY_NUMBER_${name}${step === 1 ? "" : step}`;
}

/** What the span filter matches `services` against for a resource without `service.name`. */
const NO_SERVICE_NAME = "<nil-service-name>";

const SPAN_KINDS = new Set(["SPAN_KIND_UNSPECIFIED", "SPAN_KIND_INTERNAL", "SPAN_KIND_SERVER", "SPAN_KIND_CLIENT", "SPAN_KIND_PRODUCER", "SPAN_KIND_CONSUMER"]);

/** Builds the conditions of one `include`/`exclude` map, collecting problems. */
class Matcher {
  readonly problems: { at: string; message: string }[] = [];

  constructor(
    private readonly map: RawMap,
    private readonly at: string,
    private readonly type: MatchType,
  ) {}

  private strings(key: string): string[] {
    const v = this.map.get(key);
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v)) {
      this.problems.push({ at: `${this.at}.${key}`, message: `${this.at}.${key} must be a list` });
      return [];
    }
    return v.map((x) => String(x));
  }

  /**
   * `target` matches one of the values: `(a or b)`. `absent`: the text the processor matches when the target is
   * missing (the service name of a resource without one), which OTTL sees as nil.
   */
  anyOf(key: string, target: string, check?: (value: string) => string | undefined, absent?: string): string | undefined {
    const values = this.strings(key);
    if (values.length === 0) return undefined;
    const parts = values.map((value) => {
      const problem = check?.(value);
      if (problem) this.problems.push({ at: `${this.at}.${key}`, message: problem });
      return this.type === "strict" ? `${target} == ${lit(value)}` : `IsMatch(${target}, ${lit(value)})`;
    });
    if (absent !== undefined && values.some((v) => this.matchesText(v, absent))) parts.push(`${target} == nil`);
    return parts.length === 1 ? parts[0] : `(${parts.join(" or ")})`;
  }

  /** Whether a configured value matches a fixed text (regular expressions as JavaScript reads them). */
  private matchesText(value: string, text: string): boolean {
    if (this.type === "strict") return value === text;
    try {
      return new RegExp(value).test(text);
    } catch {
      return false;
    }
  }

  /** Every listed attribute matches: `a and b`. */
  allAttributes(key: string, prefix: string): string | undefined {
    const v = this.map.get(key);
    if (v === undefined || v === null) return undefined;
    if (!Array.isArray(v)) {
      this.problems.push({ at: `${this.at}.${key}`, message: `${this.at}.${key} must be a list of {key, value}` });
      return undefined;
    }
    const parts: string[] = [];
    v.forEach((item, i) => {
      const where = `${this.at}.${key}[${i}]`;
      const k = item instanceof Map ? item.get("key") : undefined;
      if (typeof k !== "string" || k === "") {
        this.problems.push({ at: `${this.at}.${key}`, message: `${where} has no key` });
        return;
      }
      const path = `${prefix}[${lit(k)}]`;
      const value = (item as RawMap).get("value");
      if (value === undefined || value === null) parts.push(`${path} != nil`);
      else if (this.type === "regexp") {
        if (typeof value !== "string") this.problems.push({ at: `${this.at}.${key}`, message: `${where}: match_type regexp needs a string value` });
        else parts.push(`IsMatch(${path}, ${lit(value)})`);
      } else if (typeof value === "string") parts.push(`${path} == ${lit(value)}`);
      else if (typeof value === "number" || typeof value === "boolean") parts.push(`${path} == ${String(value)}`);
      else this.problems.push({ at: `${this.at}.${key}`, message: `${where}: a map or list value has no OTTL comparison the processor's way (by hash); use an OTTL condition instead` });
    });
    return parts.length === 0 ? undefined : parts.join(" and ");
  }

  /** Every library matches its name and, when given, its version. */
  libraries(): string | undefined {
    const v = this.map.get("libraries");
    if (!Array.isArray(v) || v.length === 0) return undefined;
    const parts: string[] = [];
    for (const lib of v) {
      if (!(lib instanceof Map)) continue;
      const cmp = (target: string, value: RawValue | undefined) =>
        this.type === "strict" ? `${target} == ${lit(String(value ?? ""))}` : `IsMatch(${target}, ${lit(String(value ?? ""))})`;
      parts.push(cmp("instrumentation_scope.name", lib.get("name")));
      if (lib.get("version") !== undefined && lib.get("version") !== null) parts.push(cmp("instrumentation_scope.version", lib.get("version")));
    }
    return parts.length === 0 ? undefined : parts.join(" and ");
  }
}

/**
 * Whether the processor needs a match type: only for what it matches as text (names, bodies, libraries, attribute
 * values); severity numbers and attribute keys alone work without one.
 */
function needsMatchType(map: RawMap, textKeys: readonly string[], attributeKeys: readonly string[]): boolean {
  const nonEmpty = (k: string) => Array.isArray(map.get(k)) && (map.get(k) as RawValue[]).length > 0;
  const withValue = (k: string) => {
    const list = map.get(k);
    return Array.isArray(list) && list.some((a) => a instanceof Map && a.get("value") !== undefined && a.get("value") !== null);
  };
  return textKeys.some(nonEmpty) || attributeKeys.some(withValue);
}

/** The match type of an include/exclude map, or a problem. */
function matchTypeOf(
  map: RawMap, at: string, problems: { at: string; message: string }[], allowExpr: boolean, needed = true,
): MatchType | "expr" | undefined {
  const t = map.get("match_type");
  if (t === "strict" || t === "regexp") return t;
  if (!needed && (t === undefined || t === null)) return "strict";
  if (t === "expr" && allowExpr) return "expr";
  problems.push({
    at: `${at}.match_type`,
    message: t === undefined || t === null || t === ""
      ? `${at}.match_type is required (strict or regexp)`
      : `${at}.match_type ${JSON.stringify(t)} is not one of strict, regexp${allowExpr ? ", expr" : ""}`,
  });
  return undefined;
}

const combine = (parts: readonly (string | undefined)[]): string | undefined => {
  const present = parts.filter((p): p is string => p !== undefined);
  return present.length === 0 ? undefined : present.join(" and ");
};

/** True when `text` is one parenthesised group, `(a or b)` (parentheses inside string literals ignored). */
function isOneGroup(text: string): boolean {
  if (!text.startsWith("(")) return false;
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === "\\") i++;
    } else if (c === "(") depth++;
    else if (c === ")" && --depth === 0 && i < text.length - 1) return false;
  }
  return true;
}

/** `not (...)` for include (the record is dropped when it does not match), the match itself for exclude. */
const asDrop = (side: "include" | "exclude", match: string): string =>
  side === "exclude" ? match : isOneGroup(match) ? `not ${match}` : `not (${match})`;

function spanConditions(spans: RawMap, out: string[], problems: { at: string; message: string }[]): void {
  for (const side of ["include", "exclude"] as const) {
    const map = spans.get(side);
    if (!(map instanceof Map)) continue;
    const at = `spans.${side}`;
    const type = matchTypeOf(map, at, problems, false, needsMatchType(map, ["services", "span_names", "span_kinds", "libraries"], ["attributes", "resources"]));
    if (type === undefined || type === "expr") continue;
    const m = new Matcher(map, at, type);
    const match = combine([
      m.anyOf("services", 'resource.attributes["service.name"]', undefined, NO_SERVICE_NAME),
      m.anyOf("span_names", "name"),
      m.anyOf("span_kinds", "kind.deprecated_string", (k) =>
        type === "strict" && !SPAN_KINDS.has(k) ? `${at}.span_kinds: "${k}" is not a span kind (SPAN_KIND_SERVER, ...)` : undefined),
      m.libraries(),
      m.allAttributes("attributes", "attributes"),
      m.allAttributes("resources", "resource.attributes"),
    ]);
    problems.push(...m.problems);
    if (match === undefined) problems.push({ at, message: `${at} has no property to match (services, span_names, span_kinds, libraries, attributes or resources)` });
    else out.push(asDrop(side, match));
  }
}

function metricConditions(metrics: RawMap, out: string[], problems: { at: string; message: string }[]): void {
  for (const side of ["include", "exclude"] as const) {
    const map = metrics.get(side);
    if (!(map instanceof Map)) continue;
    const at = `metrics.${side}`;
    const type = matchTypeOf(map, at, problems, true, needsMatchType(map, ["metric_names", "expressions"], ["resource_attributes"]));
    if (type === undefined) continue;
    if (type === "expr") {
      const expressions = map.get("expressions");
      if (Array.isArray(expressions) && expressions.length > 0) {
        problems.push({ at: `${at}.expressions`, message: `${at}: match_type expr expressions cannot be converted to OTTL; rewrite them as metrics.metric conditions` });
      }
      continue;
    }
    const m = new Matcher(map, at, type);
    const names = m.anyOf("metric_names", "name");
    const resources = m.allAttributes("resource_attributes", "resource.attributes");
    problems.push(...m.problems);
    if (names !== undefined) out.push(asDrop(side, names));
    if (resources !== undefined) out.push(asDrop(side, resources));
  }
}

function logConditions(logs: RawMap, out: string[], problems: { at: string; message: string }[]): void {
  for (const side of ["include", "exclude"] as const) {
    const map = logs.get(side);
    if (!(map instanceof Map)) continue;
    const at = `logs.${side}`;
    const type = matchTypeOf(map, at, problems, false, needsMatchType(map, ["bodies", "severity_texts"], ["record_attributes", "resource_attributes"]));
    if (type === undefined || type === "expr") continue;
    const m = new Matcher(map, at, type);
    let severity: string | undefined;
    const sn = map.get("severity_number");
    if (sn instanceof Map && sn.get("min") !== undefined && sn.get("min") !== null && sn.get("min") !== "") {
      const n = severityNumber(sn.get("min"));
      if (n === undefined) problems.push({ at: `${at}.severity_number`, message: `${at}.severity_number.min ${JSON.stringify(sn.get("min"))} is not a severity` });
      else {
        const atLeast = `severity_number >= ${severityEnum(n)}`;
        severity = sn.get("match_undefined") === true ? `(severity_number == SEVERITY_NUMBER_UNSPECIFIED or ${atLeast})` : atLeast;
      }
    }
    const match = combine([
      m.anyOf("bodies", "body.string"),
      m.anyOf("severity_texts", "severity_text"),
      severity,
      m.allAttributes("record_attributes", "attributes"),
      m.allAttributes("resource_attributes", "resource.attributes"),
    ]);
    problems.push(...m.problems);
    // The processor ignores a side with no property at all.
    if (match !== undefined) out.push(asDrop(side, match));
  }
}

/**
 * The conditions for the legacy settings of a filter processor's config; `only` reads just one signal's section
 * (so the settings ledger attributes each section to the Alloy list it feeds).
 */
export function legacyConditions(root: Source, only?: "span" | "metric" | "log"): LegacyConditions {
  const span: string[] = [];
  const metric: string[] = [];
  const log: string[] = [];
  const problems: { at: string; message: string }[] = [];
  const section = (key: string, kind: "span" | "metric" | "log") => (only === undefined || only === kind ? root.get(key) : undefined);
  const spans = section("spans", "span");
  if (spans instanceof Map) spanConditions(spans, span, problems);
  const metrics = section("metrics", "metric");
  if (metrics instanceof Map) metricConditions(metrics, metric, problems);
  const logs = section("logs", "log");
  if (logs instanceof Map) logConditions(logs, log, problems);
  return { span, metric, log, problems };
}

/** True when the config uses legacy match properties. */
export function usesLegacyFilter(root: Source): boolean {
  return ["spans", "metrics", "logs"].some((k) => root.has(`${k}.include`) || root.has(`${k}.exclude`));
}

/** Errors for what cannot be converted, and an Info naming the conversion. */
export function legacyFilterNotes(root: Source, id: string): ComponentNote[] {
  if (root.compat || !usesLegacyFilter(root)) return [];
  const { problems } = legacyConditions(root);
  const notes: ComponentNote[] = problems.map((p) => componentNote("error", `processor/${id}: ${p.message}: the legacy include/exclude filter cannot be converted in full, and a partial one would let through what the collector drops`, p.at));
  if (problems.length === 0) {
    notes.push(componentNote("info", `processor/${id}: the legacy include/exclude match properties are converted to OTTL conditions`, root.has("spans") ? "spans" : root.has("metrics") ? "metrics" : "logs"));
  }
  return notes;
}
