/** Generated collector configurations survive YAML → bridge dialect → YAML, and their Alloy is canonical and valid. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { format } from "@alloy-ts/grammar";
import { convertAlloyToOtelcol, convertOtelcolToBridge, printCollectorYaml, type CollectorConfig } from "@alloy-ts/converter";
import { validate } from "@alloy-ts/validator";
import { collectorData } from "./support.js";

type Raw = string | number | boolean | null | Raw[] | Map<string, Raw>;

const key = fc.oneof(
  fc.constantFrom("endpoint", "tls", "timeout", "headers", "x", "a_b", "Ünïcode"),
  fc.constantFrom("__hidden", "with-dash", "dotted.key", "true", "null", "1st", "", "sp ace"),
);
const textPiece = fc.oneof(
  fc.string({ maxLength: 8 }).map((s) => s.replace(/[${}:]/g, "")),
  fc.constantFrom("$", "$$", "}", "${env:FOO}", "${BAR}", "${env:BAZ:-a default}", "${env:EMPTY:-}", "\n", "\"q\"", "\\"),
);
const text = fc.array(textPiece, { maxLength: 4 }).map((parts) => parts.join(""));
const scalar: fc.Arbitrary<Raw> = fc.oneof(
  text,
  fc.integer({ min: -1e9, max: 1e9 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
);
const { value } = fc.letrec<{ value: Raw; map: Map<string, Raw> }>((tie) => ({
  value: fc.oneof({ depthSize: "small", withCrossShrink: true }, scalar, tie("map"), fc.array(tie("value"), { maxLength: 3 })),
  map: fc.uniqueArray(fc.tuple(key, tie("value")), { maxLength: 4, selector: ([k]) => k }).map((e) => new Map(e)),
}));
const body: fc.Arbitrary<Raw> = fc.oneof(
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 5, arbitrary: fc.uniqueArray(fc.tuple(key, value), { maxLength: 5, selector: ([k]) => k }).map((e) => new Map(e)) },
  { weight: 1, arbitrary: scalar },
);
const componentName = fc.constantFrom("", "default", "primary", "with-dash", "2", "a/b", "true", "x.y", "Ünï");
const types = fc.constantFrom("otlp", "batch", "my_type", "x1", "Zed");

function ids(n: number): fc.Arbitrary<string[]> {
  return fc.uniqueArray(fc.tuple(types, componentName).map(([t, name]) => (name === "" ? t : `${t}/${name}`)), { minLength: n, maxLength: n + 2 });
}

const config: fc.Arbitrary<CollectorConfig> = fc
  .record({
    receivers: ids(1), processors: ids(0), exporters: ids(1), connectors: fc.oneof(fc.constant<string[]>([]), ids(1).map((l) => l.map((id) => `fwd${id}`))), extensions: ids(0),
    pipelineNames: fc.uniqueArray(fc.tuple(fc.constantFrom("traces", "metrics", "logs"), componentName), { minLength: 2, maxLength: 4, selector: ([s, n]) => `${s}/${n}` }),
    bodies: fc.array(body, { minLength: 20, maxLength: 20 }),
    telemetry: fc.option(value, { nil: undefined }),
    seed: fc.integer(),
  })
  .map((g) => {
    let b = 0;
    const nextBody = () => g.bodies[b++ % g.bodies.length]!;
    const components: CollectorConfig["components"][number][] = [];
    const add = (kind: "receiver" | "processor" | "exporter" | "connector" | "extension", list: string[]) => {
      for (const id of list) {
        const slash = id.indexOf("/");
        components.push({ kind, id, type: slash === -1 ? id : id.slice(0, slash), name: slash === -1 ? "" : id.slice(slash + 1), config: nextBody() });
      }
    };
    add("receiver", g.receivers);
    add("processor", g.processors);
    add("exporter", g.exporters);
    add("connector", g.connectors);
    add("extension", g.extensions);
    const pipelines = g.pipelineNames.map(([signal, name], i) => ({
      id: name === "" ? signal : `${signal}/${name}`, signal, name,
      receivers: [g.receivers[i % g.receivers.length]!, ...(i > 0 ? g.connectors : [])],
      processors: g.processors.filter((_, j) => (j + i + g.seed) % 2 === 0),
      exporters: [g.exporters[i % g.exporters.length]!, ...(i === 0 ? g.connectors : [])],
    }));
    const service = new Map<string, Raw>();
    if (g.telemetry !== undefined) service.set("telemetry", g.telemetry);
    return { components, extensions: g.extensions.filter((_, j) => j % 2 === 0), pipelines, service } as CollectorConfig;
  });

describe("bridge dialect round trip (generated configurations)", () => {
  it("YAML → Alloy (bridge) → YAML keeps the configuration", () => {
    fc.assert(
      fc.property(config, (cfg) => {
        const yaml = printCollectorYaml(cfg);
        const forward = convertOtelcolToBridge(yaml);
        expect(forward.diagnostics.filter((d) => d.severity === "critical" || d.severity === "error")).toEqual([]);
        const alloy = forward.output!;
        const formatted = format(alloy);
        expect(formatted.ok && formatted.text).toBe(alloy);
        expect(validate([{ name: "gen.alloy", text: alloy }])).toEqual([]);
        const back = convertAlloyToOtelcol(alloy);
        expect(back.diagnostics.filter((d) => d.severity !== "info")).toEqual([]);
        expect(collectorData(back.output!)).toEqual(collectorData(yaml));
      }),
      { numRuns: Number(process.env.BRIDGE_RUNS ?? 150) },
    );
  });
});
