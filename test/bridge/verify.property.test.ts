/**
 * Generated collector configurations of components the runtime implements (shared receivers and exporters, per
 * pipeline processor instances, forward connectors, named and oddly named IDs) verify equivalent to their
 * bridge-dialect conversion: the bridge graph is wired and named as the collector's.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { convertOtelcolToBridge, printCollectorYaml, type CollectorConfig } from "@alloy-ts/converter";
import { graphFromAlloy, graphFromCollectorYaml, verifyGraphs } from "@alloy-ts/runtime-lite";

type Raw = string | number | boolean | null | Raw[] | Map<string, Raw>;
type Component = CollectorConfig["components"][number];
type Pipeline = CollectorConfig["pipelines"][number];

const SIGNALS = ["traces", "metrics", "logs"] as const;
const name = fc.constantFrom("", "primary", "with-dash", "2", "a/b", "x.y");
const idOf = (type: string, n: string) => (n === "" ? type : `${type}/${n}`);
const component = (kind: Component["kind"], id: string, config: Raw): Component => {
  const slash = id.indexOf("/");
  return { kind, id, type: slash === -1 ? id : id.slice(0, slash), name: slash === -1 ? "" : id.slice(slash + 1), config };
};

const action = fc.record({
  key: fc.constantFrom("service.name", "http.method", "team", "k"),
  value: fc.oneof(fc.constantFrom("a", "b"), fc.integer({ min: 0, max: 9 })),
  action: fc.constantFrom("insert", "upsert", "update", "delete"),
}).map((a) => new Map<string, Raw>(a.action === "delete" ? [["key", a.key], ["action", a.action]] : Object.entries(a)));

const config: fc.Arbitrary<CollectorConfig> = fc
  .record({
    receivers: fc.uniqueArray(name, { minLength: 1, maxLength: 2 }),
    exporters: fc.uniqueArray(fc.tuple(fc.constantFrom("debug", "otlp", "nop"), name).map(([t, n]) => idOf(t, n)), { minLength: 1, maxLength: 3 }),
    processors: fc.uniqueArray(fc.tuple(fc.constantFrom("attributes", "batch"), name), { maxLength: 3, selector: ([t, n]) => idOf(t, n) }),
    actions: fc.array(fc.array(action, { minLength: 1, maxLength: 3 }), { minLength: 3, maxLength: 3 }),
    pipelines: fc.uniqueArray(fc.tuple(fc.constantFrom(...SIGNALS), name), { minLength: 1, maxLength: 4, selector: ([s, n]) => idOf(s, n) }),
    picks: fc.array(fc.nat(), { minLength: 24, maxLength: 24 }),
  })
  .map((g) => {
    let p = 0;
    const pick = () => g.picks[p++ % g.picks.length]!;
    const components: Component[] = [
      ...g.receivers.map((n) => component("receiver", idOf("otlp", n), null)),
      ...g.exporters.map((id) => component("exporter", id, id.startsWith("otlp") ? new Map([["endpoint", "backend:4317"]]) : null)),
      ...g.processors.map(([t, n], i) => component("processor", idOf(t, n), t === "attributes" ? new Map([["actions", g.actions[i]!]]) : null)),
    ];
    const procIds = g.processors.map(([t, n]) => idOf(t, n));
    const pipelines: Pipeline[] = g.pipelines.map(([signal, n]) => ({
      id: idOf(signal, n), signal, name: n,
      receivers: [idOf("otlp", g.receivers[pick() % g.receivers.length]!)],
      processors: procIds.filter(() => pick() % 2 === 0),
      exporters: [...new Set([g.exporters[pick() % g.exporters.length]!, g.exporters[pick() % g.exporters.length]!])],
    }));
    // A forward connector from the first pipeline of a signal to the next one of the same signal.
    for (const s of SIGNALS) {
      const same = pipelines.filter((x) => x.signal === s);
      if (same.length < 2) continue;
      const id = idOf("forward", s);
      components.push(component("connector", id, null));
      same[0]!.exporters.push(id);
      same[1]!.receivers.push(id);
    }
    return { components, extensions: [], pipelines, service: new Map() };
  });

describe("bridge dialect verifies equivalent (generated configurations)", () => {
  it("every exporter of the bridge conversion receives what the collector's does", async () => {
    await fc.assert(
      fc.asyncProperty(config, async (cfg) => {
        const yaml = printCollectorYaml(cfg);
        const bridge = convertOtelcolToBridge(yaml);
        expect(bridge.output, yaml).toBeDefined();
        const r = await verifyGraphs(graphFromCollectorYaml(yaml, { env: {} }), graphFromAlloy(bridge.output!, { env: {} }));
        expect(r.diagnostics.filter((d) => d.severity === "error"), yaml).toEqual([]);
        expect(r.exporters.map((e) => `${e.exporter}:${e.verdict}`), yaml).toEqual(r.exporters.map((e) => `${e.exporter}:equivalent`));
        expect(r.exporters.length).toBe(cfg.components.filter((c) => c.kind === "exporter" && cfg.pipelines.some((x) => x.exporters.includes(c.id))).length);
      }),
      { numRuns: Number(process.env.BRIDGE_VERIFY_RUNS ?? 40) },
    );
  });
});
