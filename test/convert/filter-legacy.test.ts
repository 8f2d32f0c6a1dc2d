/**
 * The filter processor's legacy include/exclude settings converted to OTTL conditions
 * (packages/converter/src/components/filter-legacy.ts), checked against the processor's rules, and parsed by the
 * OTTL parser of runtime-lite.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MapSource } from "../../packages/converter/src/engine/engine.js";
import { readYaml, type RawMap } from "@alloy-ts/otel";
import { compileCondition } from "../../packages/runtime-lite/src/ottl/eval.js";
import { legacyConditions, legacyFilterNotes } from "../../packages/converter/src/components/filter-legacy.js";

const source = (yaml: string) => {
  const r = readYaml(yaml);
  if (!r.ok) throw new Error(r.message);
  return new MapSource(r.value as RawMap, [], false);
};

describe("legacy filter include/exclude as OTTL", () => {
  it("include keeps only matching metrics; names and resource attributes are separate filters", () => {
    const c = legacyConditions(source(`
metrics:
  include:
    match_type: strict
    metric_names: [a, b]
    resource_attributes:
      - {key: env, value: prod}
      - {key: region}
`));
    expect(c.metric).toEqual(['not (name == "a" or name == "b")', 'not (resource.attributes["env"] == "prod" and resource.attributes["region"] != nil)']);
    expect(c.problems).toEqual([]);
  });

  it("exclude drops matching spans: every configured property must match", () => {
    const c = legacyConditions(source(`
spans:
  exclude:
    match_type: regexp
    services: [^checkout$]
    span_names: [health]
    libraries:
      - {name: io.opentelemetry.jdbc, version: "^1\\\\."}
    attributes:
      - {key: http.route, value: "/api/\\"v1\\""}
`));
    expect(c.span).toEqual([
      'IsMatch(resource.attributes["service.name"], "^checkout$") and IsMatch(name, "health") and ' +
        'IsMatch(instrumentation_scope.name, "io.opentelemetry.jdbc") and IsMatch(instrumentation_scope.version, "^1\\\\.") and ' +
        'IsMatch(attributes["http.route"], "/api/\\"v1\\"")',
    ]);
  });

  it("typed strict attribute values, severity ranges and bodies for logs", () => {
    const c = legacyConditions(source(`
logs:
  include:
    match_type: strict
    record_attributes:
      - {key: retries, value: 3}
      - {key: sampled, value: true}
    severity_number: {min: WARN2}
  exclude:
    match_type: strict
    bodies: [ping]
`));
    expect(c.log).toEqual([
      'not (severity_number >= SEVERITY_NUMBER_WARN2 and attributes["retries"] == 3 and attributes["sampled"] == true)',
      'body.string == "ping"',
    ]);
  });

  it("a severity range needs no match type, as in the processor", () => {
    const c = legacyConditions(source(`
logs:
  include:
    severity_number: {min: error}
`));
    expect(c).toEqual({ span: [], metric: [], log: ["not (severity_number >= SEVERITY_NUMBER_ERROR)"], problems: [] });
  });

  it("refuses what OTTL cannot say, with an Error at the setting", () => {
    const src = source(`
metrics:
  exclude:
    match_type: expr
    expressions: ['MetricName == "x"']
spans:
  include:
    span_names: [a]
logs:
  exclude:
    match_type: regexp
    record_attributes:
      - {key: n, value: 5}
`);
    const notes = legacyFilterNotes(src, "filter");
    expect(notes.map((n) => [n.severity, n.at])).toEqual([
      ["error", "spans.include.match_type"],
      ["error", "metrics.exclude.expressions"],
      ["error", "logs.exclude.record_attributes"],
    ]);
  });

  it("writes conditions the OTTL parser accepts", () => {
    const c = legacyConditions(source(`
metrics:
  include: {match_type: regexp, metric_names: ['^http_(server|client)_.*"x'], resource_attributes: [{key: 'a"b', value: '.*'}]}
logs:
  include: {match_type: strict, severity_number: {min: info, match_undefined: true}, severity_texts: [INFO, WARN]}
`));
    for (const cond of c.metric) expect(compileCondition("metric", cond)).not.toHaveProperty("error");
    for (const cond of c.log) expect(compileCondition("log", cond)).not.toHaveProperty("error");
  });
});

/**
 * Property: for random legacy filters and random records, the converted conditions (run by runtime-lite's OTTL
 * evaluator) drop exactly the records the processor's own rules drop (written here after contrib's filtermetric /
 * filterlog / filtermatcher code, independently of the converter).
 */
describe("legacy filter conditions drop what the processor drops", () => {
  const NAMES = ["a", "b.c", 'q"x', "back\\slash", "go_gc", "http_req"];
  const PATTERNS = ["^go_", "a", "\\.", "x$", '"', "\\\\"];
  const kv = (key: string, value: string): { key: string; value: { stringValue: string } } => ({ key, value: { stringValue: value } });
  const map = (entries: Record<string, unknown>): RawMap =>
    new Map(Object.entries(entries).filter(([, v]) => v !== undefined).map(([k, v]) => [k, toRaw(v)])) as RawMap;
  const toRaw = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(toRaw) : v && typeof v === "object" ? map(v as Record<string, unknown>) : v;

  interface Side { type: "strict" | "regexp"; names: string[]; env?: { value?: string } }
  const side = fc.record({
    type: fc.constantFrom("strict" as const, "regexp" as const),
    names: fc.subarray(NAMES),
    patterns: fc.subarray(PATTERNS),
    env: fc.option(fc.record({ value: fc.option(fc.constantFrom("prod", "^p", 'd"v'), { nil: undefined }) }), { nil: undefined }),
  }).map((s): Side => ({ type: s.type, names: s.type === "strict" ? s.names : s.patterns, env: s.env }));

  const matches = (type: Side["type"], pattern: string, value: string) => (type === "strict" ? pattern === value : new RegExp(pattern).test(value));
  const attrMatch = (s: Side, env: string | undefined) =>
    s.env === undefined || (env !== undefined && (s.env.value === undefined || matches(s.type, s.env.value, env)));

  const config = (s: Side) => ({
    match_type: s.type,
    metric_names: s.names.length ? s.names : undefined,
    resource_attributes: s.env ? [{ key: "env", value: s.env.value }] : undefined,
  });

  it("metrics", () => {
    fc.assert(
      fc.property(fc.option(side, { nil: undefined }), fc.option(side, { nil: undefined }), fc.constantFrom(...NAMES), fc.option(fc.constantFrom("prod", "dev", 'd"v'), { nil: undefined }), (inc, exc, name, env) => {
        const root = map({ metrics: { include: inc && config(inc), exclude: exc && config(exc) } });
        const conds = legacyConditions(new MapSource(root, [], false)).metric.map((c) => {
          const compiled = compileCondition("metric", c);
          if ("error" in compiled) throw new Error(compiled.error);
          return compiled;
        });
        const ctx = { resource: { attributes: env === undefined ? [] : [kv("env", env)] }, metric: { name } };
        const dropped = conds.some((c) => c(ctx as never));
        const expected =
          (inc !== undefined && inc.names.length > 0 && !inc.names.some((p) => matches(inc.type, p, name))) ||
          (inc !== undefined && inc.env !== undefined && !attrMatch(inc, env)) ||
          (exc !== undefined && exc.names.length > 0 && exc.names.some((p) => matches(exc.type, p, name))) ||
          (exc !== undefined && exc.env !== undefined && attrMatch(exc, env));
        expect(dropped).toBe(expected);
      }),
      { numRuns: 400 },
    );
  });

  it("logs", () => {
    const logSide = fc.record({
      type: fc.constantFrom("strict" as const, "regexp" as const),
      bodies: fc.subarray(["ok", 'a"b', "^o", "k$"]),
      min: fc.option(fc.constantFrom("info", "WARN2", "17"), { nil: undefined }),
      undef: fc.boolean(),
    });
    const minOf = (m: string) => ({ INFO: 9, WARN2: 14, "17": 17 })[m.toUpperCase() as "INFO"];
    fc.assert(
      fc.property(fc.option(logSide, { nil: undefined }), fc.option(logSide, { nil: undefined }), fc.constantFrom("ok", 'a"b', "nok"), fc.constantFrom(0, 5, 9, 14, 20), (inc, exc, body, sev) => {
        const cfg = (s: NonNullable<typeof inc>) => ({
          match_type: s.type,
          bodies: s.bodies.length ? s.bodies : undefined,
          severity_number: s.min ? { min: s.min, match_undefined: s.undef } : undefined,
        });
        const root = map({ logs: { include: inc && cfg(inc), exclude: exc && cfg(exc) } });
        const conds = legacyConditions(new MapSource(root, [], false)).log.map((c) => {
          const compiled = compileCondition("log", c);
          if ("error" in compiled) throw new Error(compiled.error);
          return compiled;
        });
        const ctx = { resource: { attributes: [] }, log: { body: { stringValue: body }, severityNumber: sev, attributes: [] } };
        const dropped = conds.some((c) => c(ctx as never));
        const match = (s: NonNullable<typeof inc>) => {
          if (s.bodies.length === 0 && !s.min) return undefined; // no property: the processor ignores the side
          if (s.bodies.length > 0 && !s.bodies.some((p) => matches(s.type, p, body))) return false;
          if (s.min) return sev === 0 ? s.undef : sev >= minOf(s.min);
          return true;
        };
        const mi = inc && match(inc);
        const me = exc && match(exc);
        expect(dropped).toBe(mi === false || me === true);
      }),
      { numRuns: 400 },
    );
  });

  it("spans (span kinds aside: runtime-lite has no kind.deprecated_string)", () => {
    const spanSide = fc.record({
      type: fc.constantFrom("strict" as const, "regexp" as const),
      services: fc.subarray(["checkout", 'we"b', "^c", ".*", "<nil-service-name>", "^<nil"]),
      names: fc.subarray(["GET /", "/healthz", "z$"]),
      attr: fc.option(fc.constantFrom("1", "^1", "x"), { nil: undefined }),
      library: fc.option(fc.record({ name: fc.constantFrom("io.jdbc", "^io"), version: fc.option(fc.constantFrom("1.0", "^1"), { nil: undefined }) }), { nil: undefined }),
    });
    type S = NonNullable<typeof spanSide extends fc.Arbitrary<infer T> ? T : never>;
    const cfg = (s: S) => ({
      match_type: s.type,
      services: s.services.length ? s.services : undefined,
      span_names: s.names.length ? s.names : undefined,
      attributes: s.attr !== undefined ? [{ key: "retry", value: s.attr }] : undefined,
      libraries: s.library ? [{ name: s.library.name, version: s.library.version }] : undefined,
    });
    const hasProperty = (s: S) => s.services.length > 0 || s.names.length > 0 || s.attr !== undefined || s.library !== undefined;
    fc.assert(
      fc.property(
        fc.option(spanSide, { nil: undefined }), fc.option(spanSide, { nil: undefined }),
        fc.constantFrom("checkout", 'we"b', undefined), fc.constantFrom("GET /", "/healthz", "biz"),
        fc.constantFrom("1", "12", undefined), fc.constantFrom("io.jdbc", "other"), fc.constantFrom("1.0", "2.0"),
        (inc, exc, service, name, retry, lib, version) => {
          if ((inc && !hasProperty(inc)) || (exc && !hasProperty(exc))) return; // refused: no property to match
          const root = map({ spans: { include: inc && cfg(inc), exclude: exc && cfg(exc) } });
          const result = legacyConditions(new MapSource(root, [], false));
          expect(result.problems).toEqual([]);
          const conds = result.span.map((c) => {
            const compiled = compileCondition("span", c);
            if ("error" in compiled) throw new Error(compiled.error);
            return compiled;
          });
          const ctx = {
            resource: { attributes: service === undefined ? [] : [kv("service.name", service)] },
            scope: { name: lib, version },
            span: { name, attributes: retry === undefined ? [] : [kv("retry", retry)] },
          };
          const dropped = conds.some((c) => c(ctx as never));
          const match = (s: S) =>
            // A missing service name is matched as "<nil-service-name>" by the processor.
            (s.services.length === 0 || s.services.some((p) => matches(s.type, p, service ?? "<nil-service-name>"))) &&
            (s.names.length === 0 || s.names.some((p) => matches(s.type, p, name))) &&
            (s.library === undefined || (matches(s.type, s.library.name, lib) && (s.library.version === undefined || matches(s.type, s.library.version, version)))) &&
            (s.attr === undefined || (retry !== undefined && matches(s.type, s.attr, retry)));
          expect(dropped).toBe((inc !== undefined && !match(inc)) || (exc !== undefined && match(exc)));
        },
      ),
      { numRuns: 400 },
    );
  });
});
