import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { inferContext } from "./ottl-context.js";

describe("OTTL context inference", () => {
  it("takes the most specific context named by a path, as the collector's priority does", () => {
    expect(inferContext("traces", ["truncate_all(span.attributes, 4095)", "truncate_all(resource.attributes, 4095)"])).toBe("span");
    expect(inferContext("metrics", ['set(metric.description, "x") where datapoint.attributes["a"] == "b"'])).toBe("datapoint");
    expect(inferContext("metrics", ['set(resource.attributes["a"], "b")', "set(metric.unit, \"1\")"])).toBe("metric");
    expect(inferContext("logs", ['set(log.body, "x")'])).toBe("log");
    expect(inferContext("traces", ['set(instrumentation_scope.name, "x")'])).toBe("scope");
    expect(inferContext("traces", ['set(spanevent.attributes["a"], "b") where span.name == "x"'])).toBe("spanevent");
  });

  it("names no context when no path has a context prefix", () => {
    expect(inferContext("traces", ['set(attributes["dt.test"], "otel-collector")'])).toBeUndefined();
    // A context of another signal is not one of this signal's.
    expect(inferContext("logs", ['set(span.name, "x")'])).toBeUndefined();
  });

  it("ignores what string literals contain", () => {
    fc.assert(
      fc.property(fc.constantFrom("span", "resource", "log", "metric", "datapoint"), fc.string(), (ctx, rest) => {
        const text = `set(attributes["x"], "${ctx}.attributes ${rest.replace(/["\\]/g, "")}")`;
        expect(inferContext("traces", [text])).toBeUndefined();
      }),
      { numRuns: 200 },
    );
  });
});
