/**
 * The filter processor's legacy include/exclude settings converted to OTTL conditions
 * (packages/converter/src/components/filter-legacy.ts), checked against the processor's rules, and parsed by the
 * OTTL parser of runtime-lite.
 */
import { describe, expect, it } from "vitest";
import { MapSource } from "../../packages/converter/src/engine/engine.js";
import { readYaml, type RawMap } from "../../packages/converter/src/otel/yaml-tree.js";
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
