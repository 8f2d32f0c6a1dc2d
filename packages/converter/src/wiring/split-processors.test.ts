import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { findCycleNodes } from "./cycles.js";
import { planProcessorSplits, splitKey, type ProcessorUse } from "./split-processors.js";

const graph = (edges: Record<string, string[]>) => new Map(Object.entries(edges));

describe("findCycleNodes", () => {
  it("finds members of cycles and self loops, not nodes merely reaching them", () => {
    const g = graph({ a: ["b"], b: ["c"], c: ["b", "d"], d: [], e: ["e"], f: ["a"] });
    expect([...findCycleNodes(g)].sort()).toEqual(["b", "c", "e"]);
  });

  it("finds nothing in a long chain (no recursion depth limit)", () => {
    const edges = new Map<string, string[]>();
    for (let i = 0; i < 50_000; i++) edges.set(`n${i}`, [`n${i + 1}`]);
    expect(findCycleNodes(edges).size).toBe(0);
    edges.set("n50000", ["n0"]);
    expect(findCycleNodes(edges).size).toBe(50_001);
  });

  it("agrees with reachability: a node is on a cycle iff it reaches itself", () => {
    const arb = fc.array(fc.tuple(fc.integer({ min: 0, max: 7 }), fc.integer({ min: 0, max: 7 })), { maxLength: 20 });
    fc.assert(fc.property(arb, (pairs) => {
      const edges = new Map<string, string[]>();
      for (let i = 0; i < 8; i++) edges.set(`${i}`, []);
      for (const [a, b] of pairs) edges.get(`${a}`)!.push(`${b}`);
      const reachesItself = (start: string) => {
        const seen = new Set<string>();
        const todo = [...edges.get(start)!];
        while (todo.length > 0) {
          const n = todo.pop()!;
          if (n === start) return true;
          if (seen.has(n)) continue;
          seen.add(n);
          todo.push(...edges.get(n)!);
        }
        return false;
      };
      const found = findCycleNodes(edges);
      for (const n of edges.keys()) expect(found.has(n)).toBe(reachesItself(n));
    }));
  });
});

describe("planProcessorSplits", () => {
  const batch: ProcessorUse = { group: "", id: "batch", alloyName: "otelcol.processor.batch", label: "default", signals: ["metrics", "traces"] };
  const batchTraces: ProcessorUse = { group: "", id: "batch/traces", alloyName: "otelcol.processor.batch", label: "default_traces", signals: ["traces"] };
  // traces: [batch/traces, batch] -> connector; metrics: connector -> [batch]. Edges follow the plan's labels.
  const wiring = (plan: ReturnType<typeof planProcessorSplits>) => {
    const split = plan.get(splitKey("", "batch"));
    const metrics = split ? `otelcol.processor.batch.${split.get("metrics")}` : "otelcol.processor.batch.default";
    const traces = split ? `otelcol.processor.batch.${split.get("traces")}` : "otelcol.processor.batch.default";
    return new Map([
      ["otelcol.processor.batch.default_traces", [traces]],
      [traces, ["otelcol.connector.spanmetrics.default"]],
      ...(split ? [[metrics, ["otelcol.exporter.otlp.default"]] as [string, string[]]] : []),
      ["otelcol.connector.spanmetrics.default", [metrics]],
    ]);
  };

  it("splits the shared processor on the cycle with labels no other block has", () => {
    const plan = planProcessorSplits([batchTraces, batch], wiring);
    expect([...plan.keys()]).toEqual([splitKey("", "batch")]);
    expect([...plan.get(splitKey("", "batch"))!]).toEqual([["metrics", "default_metrics"], ["traces", "default_traces_2"]]);
  });

  it("splits nothing when there is no cycle", () => {
    const plan = planProcessorSplits([batch], () => new Map([["otelcol.processor.batch.default", ["otelcol.exporter.otlp.default"]]]));
    expect(plan.size).toBe(0);
  });

  it("never splits a processor used by one signal, even on a cycle", () => {
    const only: ProcessorUse = { ...batch, signals: ["traces"] };
    const plan = planProcessorSplits([only], () => new Map([["otelcol.processor.batch.default", ["otelcol.processor.batch.default"]]]));
    expect(plan.size).toBe(0);
  });
});
