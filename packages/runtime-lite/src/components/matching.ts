/**
 * The include/exclude match properties shared by the attributes and span processors (upstream
 * internal/filter/filterconfig MatchProperties): every configured property must match; within one list any entry
 * may match; `attributes`/`resources` entries must all match.
 */
import { anyValueAsString, anyValueEquals, fromAnyValue, getAttr, toAnyValue } from "../pdata/attributes.js";
import type { AnyValue, KeyValue, LogRecord, Resource, Scope, Span } from "../pdata/types.js";
import { goRegExp } from "../ottl/values.js";
import { asArray, asRecord, asStrings } from "./api.js";

export interface MatchSubject {
  resource: Resource;
  scope?: Scope;
  span?: Span;
  log?: LogRecord;
  metricName?: string;
  attributes: KeyValue[];
}

export type Matcher = (s: MatchSubject) => boolean;

const SPAN_KINDS: Record<string, number> = {
  SPAN_KIND_UNSPECIFIED: 0,
  SPAN_KIND_INTERNAL: 1,
  SPAN_KIND_SERVER: 2,
  SPAN_KIND_CLIENT: 3,
  SPAN_KIND_PRODUCER: 4,
  SPAN_KIND_CONSUMER: 5,
};

/** Builds a matcher from match properties, or undefined when none are configured. */
export function compileMatch(cfg: unknown): Matcher | { unsupported: string } | undefined {
  if (cfg === undefined || cfg === null) return undefined;
  const c = asRecord(cfg);
  const regexp = c.match_type === "regexp";
  if (c.match_type !== "strict" && c.match_type !== "regexp") return { unsupported: `match_type ${String(c.match_type)}` };
  const str = (patterns: string[]) => {
    const res = patterns.map((p) => (regexp ? goRegExp(p) : undefined));
    return (v: string) => patterns.some((p, i) => (regexp ? res[i]!.test(v) : p === v));
  };
  const checks: Matcher[] = [];
  const services = asStrings(c.services);
  if (services.length) {
    const m = str(services);
    checks.push((s) => m(anyValueAsString(getAttr(s.resource.attributes, "service.name"))));
  }
  const spanNames = asStrings(c.span_names);
  if (spanNames.length) {
    const m = str(spanNames);
    checks.push((s) => !!s.span && m(s.span.name));
  }
  const kinds = asStrings(c.span_kinds);
  if (kinds.length) checks.push((s) => !!s.span && kinds.some((k) => SPAN_KINDS[k] === (s.span!.kind ?? 0)));
  const bodies = asStrings(c.log_bodies);
  if (bodies.length) {
    const m = str(bodies);
    checks.push((s) => !!s.log && m(anyValueAsString(s.log.body)));
  }
  const sevTexts = asStrings(c.log_severity_texts);
  if (sevTexts.length) {
    const m = str(sevTexts);
    checks.push((s) => !!s.log && m(s.log.severityText ?? ""));
  }
  if (c.log_severity_number !== undefined) {
    const sev = asRecord(c.log_severity_number);
    const min = Number(sev.min ?? 0);
    const undef = sev.match_undefined === true;
    checks.push((s) => !!s.log && ((s.log.severityNumber ?? 0) === 0 ? undef : (s.log.severityNumber ?? 0) >= min));
  }
  const metricNames = asStrings(c.metric_names);
  if (metricNames.length) {
    const m = str(metricNames);
    checks.push((s) => s.metricName !== undefined && m(s.metricName));
  }
  const kvChecks = (entries: unknown[], pick: (s: MatchSubject) => KeyValue[]) => {
    for (const e of entries) {
      const { key, value } = asRecord(e);
      const k = String(key);
      if (value === undefined || value === null) {
        checks.push((s) => getAttr(pick(s), k) !== undefined);
      } else if (regexp) {
        const re = goRegExp(String(value));
        checks.push((s) => {
          const v = getAttr(pick(s), k);
          return v?.stringValue !== undefined && re.test(v.stringValue);
        });
      } else {
        const want: AnyValue = toAnyValue(value);
        checks.push((s) => {
          const v = getAttr(pick(s), k);
          return v !== undefined && (anyValueEquals(v, want) || looseNumberEquals(v, want));
        });
      }
    }
  };
  kvChecks(asArray(c.attributes), (s) => s.attributes);
  kvChecks(asArray(c.resources), (s) => s.resource.attributes);
  const libs = asArray(c.libraries);
  if (libs.length) {
    const ms = libs.map((l) => {
      const r = asRecord(l);
      const name = str([String(r.name ?? "")]);
      const version = r.version === undefined ? undefined : str([String(r.version)]);
      return (s: MatchSubject) => name(s.scope?.name ?? "") && (!version || version(s.scope?.version ?? ""));
    });
    checks.push((s) => ms.some((m) => m(s)));
  }
  if (checks.length === 0) return { unsupported: "match properties with no criteria" };
  return (s) => checks.every((ch) => ch(s));
}

function looseNumberEquals(a: AnyValue, b: AnyValue): boolean {
  const x = fromAnyValue(a);
  const y = fromAnyValue(b);
  const num = (v: unknown) => (typeof v === "number" ? v : v && typeof v === "object" && "value" in v ? Number((v as { value: bigint }).value) : undefined);
  return num(x) !== undefined && num(x) === num(y);
}

/** Combines include and exclude into one "should this item be processed" predicate. */
export function includeExclude(config: Record<string, unknown>): Matcher | { unsupported: string } {
  const inc = compileMatch(config.include);
  const exc = compileMatch(config.exclude);
  if (inc && "unsupported" in inc) return inc;
  if (exc && "unsupported" in exc) return exc;
  const i = inc as Matcher | undefined;
  const e = exc as Matcher | undefined;
  return (s) => (!i || i(s)) && (!e || !e(s));
}
