/**
 * `alloy validate --source-format=otelcol` decodes component settings as the collector does: a gateway
 * configuration in the shape real ones take, changed in one place each, gives exactly one decoding error at the
 * changed key with the collector's message; unchanged, it gives none.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SourceFile } from "@alloy-ts/grammar";
import {
  collectorSchemaFor, COLLECTOR_COMPONENT_SCHEMAS, COLLECTOR_SHAPES, decodeComponentConfig, durationError,
  type CollectorField, type CollectorShape, type RawValue,
} from "@alloy-ts/otel";
import { validateOtelcolYaml } from "@alloy-ts/validator";
import { decodeWithDescription, findComponent, typeSpellings } from "@alloy-ts/converter";
import { repoRoot } from "../support/shared.js";

const GATEWAY = `extensions:
  zpages:
    endpoint: localhost:55679
receivers:
  otlp:
    protocols:
      grpc:
        endpoint: 0.0.0.0:4317
        max_recv_msg_size_mib: 16
      http:
        endpoint: 0.0.0.0:4318
        cors:
          allowed_origins: ["https://*.example.com"]
processors:
  memory_limiter:
    check_interval: 1s
    limit_percentage: 80
    spike_limit_percentage: 25
  batch:
    send_batch_size: 8192
    timeout: 5s
  attributes:
    actions:
      - key: environment
        value: production
        action: upsert
exporters:
  otlp:
    endpoint: tempo:4317
    compression: gzip
    tls:
      insecure: true
    headers:
      x-scope-orgid: tenant-1
    sending_queue:
      enabled: true
      num_consumers: 4
      queue_size: 1000
    retry_on_failure:
      initial_interval: 5s
      multiplier: 1.5
  otlphttp:
    endpoint: https://otlp.example.com
    timeout: 10s
  debug:
    verbosity: detailed
  loadbalancing:
    protocol:
      otlp:
        timeout: 1s
    resolver:
      dns:
        hostname: collectors.example.svc
        port: "4317"
service:
  extensions: [zpages]
  pipelines:
    traces:
      receivers: [otlp]
      processors: [memory_limiter, attributes, batch]
      exporters: [otlp, loadbalancing]
    metrics:
      receivers: [otlp]
      processors: [memory_limiter, batch]
      exporters: [otlphttp, debug]
`;

function check(text: string): string[] {
  const r = validateOtelcolYaml(text, "gateway.yaml", { decodeFallback: decodeWithDescription });
  const src = new SourceFile("gateway.yaml", text);
  return r.diagnostics
    .filter((d) => d.severity === "error")
    .map((d) => `${src.position(d.range.start).line}:${src.position(d.range.start).column} ${d.message}`);
}

const J = "decoding failed due to the following error(s):\n\n";
const R = (id: string) => `'receivers' error reading configuration for "${id}": ${J}`;
const P = (id: string) => `'processors' error reading configuration for "${id}": ${J}`;
const E = (id: string) => `'exporters' error reading configuration for "${id}": ${J}`;
const X = (id: string) => `'extensions' error reading configuration for "${id}": ${J}`;

/** [what, line as written, line changed, line:col and message expected]. */
const MUTATIONS: readonly (readonly [string, string, string, string])[] = [
  ["misspelt server key", "        endpoint: 0.0.0.0:4317", "        endpont: 0.0.0.0:4317",
    `8:9 ${R("otlp")}'protocols.grpc' ${J}'configgrpc.ServerConfig' has invalid keys: endpont`],
  ["misspelt protocol", "      http:", "      htttp:", `10:7 ${R("otlp")}'protocols' has invalid keys: htttp`],
  ["text where a number is expected", "        max_recv_msg_size_mib: 16", '        max_recv_msg_size_mib: "16"',
    `9:9 ${R("otlp")}'protocols.grpc' ${J}'max_recv_msg_size_mib' expected type 'int', got unconvertible type 'string'`],
  ["a map where a list is expected", '          allowed_origins: ["https://*.example.com"]', "          allowed_origins: {a: b}",
    `13:11 ${R("otlp")}'protocols.http' ${J}'cors' ${J}'allowed_origins' source data must be an array or slice, got map`],
  ["misspelt component key", "    timeout: 5s", "    timout: 5s", `21:5 ${P("batch")}'batchprocessor.Config' has invalid keys: timout`],
  ["not a duration", "    timeout: 5s", "    timeout: abc", `21:5 ${P("batch")}'timeout' time: invalid duration`],
  ["a duration without unit", "    timeout: 5s", '    timeout: "5"', `21:5 ${P("batch")}'timeout' time: missing unit in duration`],
  ["text where an unsigned number is expected", "    send_batch_size: 8192", '    send_batch_size: "x"',
    `20:5 ${P("batch")}'send_batch_size' expected type 'uint32', got unconvertible type 'string'`],
  ["a negative unsigned number", "    send_batch_size: 8192", "    send_batch_size: -5",
    `20:5 ${P("batch")}'send_batch_size' cannot parse value as 'uint32': -5 overflows uint`],
  ["a percentage with its sign", "    limit_percentage: 80", '    limit_percentage: "80%"',
    `17:5 ${P("memory_limiter")}'limit_percentage' expected type 'uint32', got unconvertible type 'string'`],
  ["a key removed from memory_limiter", "    spike_limit_percentage: 25", "    ballast_size_mib: 25",
    `18:5 ${P("memory_limiter")}'memorylimiter.Config' has invalid keys: ballast_size_mib`],
  ["unknown compression", "    compression: gzip", "    compression: gzipp", `30:5 ${E("otlp")}'compression' unsupported compression type "gzipp"`],
  ["a list where a struct is expected", "      insecure: true", "      - insecure",
    `31:5 ${E("otlp")}'tls' expected a map or struct, got "slice"`],
  ["a number where a bool is expected", "      insecure: true", "      insecure: 1",
    `32:7 ${E("otlp")}'tls.insecure' expected type 'bool', got unconvertible type 'int'`],
  ["a header value that is not text", "      x-scope-orgid: tenant-1", "      x-scope-orgid: [1]",
    `34:7 ${E("otlp")}'headers' ${J}'[x-scope-orgid]' expected type 'configopaque.String', got unconvertible type '[]interface {}'`],
  ["queue size as text", "      queue_size: 1000", '      queue_size: "big"',
    `38:7 ${E("otlp")}'sending_queue' ${J}'' ${J}'queue_size' expected type 'int64', got unconvertible type 'string'`],
  ["enabled that is not a bool", "      enabled: true", "      enabled: yes please",
    `35:5 ${E("otlp")}'sending_queue' unexpected type string for 'enabled': got 'yes please' value expected 'true' or 'false'`],
  ["a multiplier as text", "      multiplier: 1.5", "      multiplier: x",
    `41:7 ${E("otlp")}'retry_on_failure.multiplier' expected type 'float64', got unconvertible type 'string'`],
  ["misspelt client key", "    timeout: 10s", "    timeuot: 10s", `44:5 ${E("otlphttp")}'otlphttpexporter.Config' has invalid keys: timeuot`],
  ["unknown verbosity", "    verbosity: detailed", "    verbosity: loud", `46:5 ${E("debug")}'verbosity' unknown metrics level "loud"`],
  ["a converter-known key of the wrong type", '        port: "4317"', "        port: 4317",
    `54:9 ${E("loadbalancing")}'resolver.dns.port' expected type 'string', got unconvertible type 'int'`],
  ["a misspelt service key", "  extensions: [zpages]", "  extentions: [zpages]", "56:3 'service' has invalid keys: extentions"],
  ["a map where service.extensions is a list", "  extensions: [zpages]", "  extensions: {zpages: {}}",
    "56:3 'service.extensions' source data must be an array or slice, got map"],
  ["a misspelt pipeline key", "      processors: [memory_limiter, batch]", "      procesors: [memory_limiter, batch]",
    "64:7 'service.pipelines[metrics]' has invalid keys: procesors"],
  ["a string where a pipeline's list is expected", "      receivers: [otlp]", "      receivers: otlp",
    "59:7 'service.pipelines[traces].receivers' source data must be an array or slice, got string"],
  ["an extension's misspelt key", "    endpoint: localhost:55679", "    endpoit: localhost:55679",
    `3:5 ${X("zpages")}'zpagesextension.Config' has invalid keys: endpoit`],
];

describe("collector settings decoding", () => {
  it("the unchanged configuration has no error", () => {
    expect(check(GATEWAY)).toEqual([]);
  });

  it.each(MUTATIONS)("%s: one error at the changed key", (_what, from, to, expected) => {
    expect(GATEWAY.split("\n").filter((l) => l === from).length).toBeGreaterThan(0);
    const lines = GATEWAY.split("\n");
    const i = lines.indexOf(from);
    lines[i] = to;
    expect(check(lines.join("\n"))).toEqual([expected]);
  });

  it("does not judge values that references fill in, or keys of types it knows nothing about", () => {
    const text = GATEWAY.replace("    send_batch_size: 8192", "    send_batch_size: ${env:BATCH}").replace("  debug:\n", "  debug:\n  nosuchexporter:\n    whatever: [1]\n");
    expect(check(text)).toEqual([]);
    const warnings = validateOtelcolYaml(text, "g.yaml", { decodeFallback: decodeWithDescription }).diagnostics.filter((d) => d.code === "otelcol/unchecked-settings");
    expect(warnings.map((d) => d.message)).toEqual([
      'the settings of 1 component type(s) are not checked (no published schema, not known to the converter): exporter "nosuchexporter"',
    ]);
  });

  it("names every unknown key of a struct in one error, sorted, at the first one written", () => {
    const text = GATEWAY.replace("    timeout: 5s", "    zz: 1\n    aa: 2");
    expect(check(text)).toEqual([`21:5 ${P("batch")}'batchprocessor.Config' has invalid keys: aa, zz`]);
  });

  it("splits a string at commas only where a []string is expected", () => {
    expect(check(GATEWAY.replace('["https://*.example.com"]', '"https://a.example.com,https://b.example.com"'))).toEqual([]);
  });

  it("reads durations as Go's time.ParseDuration", () => {
    for (const ok of ["5s", "1h30m", "-1.5h", ".5s", "1.s", "0", "+0", "300ms", "1µs"]) expect(durationError(ok), ok).toBeUndefined();
    expect(durationError("")).toBe("time: invalid duration");
    expect(durationError("abc")).toBe("time: invalid duration");
    expect(durationError("5")).toBe("time: missing unit in duration");
    expect(durationError("5x")).toBe("time: unknown unit");
    expect(durationError("5s3")).toBe("time: missing unit in duration");
    expect(durationError("-")).toBe("time: invalid duration");
  });
});

describe("the published schemas and the converter's descriptions", () => {
  const shapeOf = (f: CollectorField): CollectorShape | undefined => f.shape ?? COLLECTOR_SHAPES[f.ref!];
  const fields = (s: Extract<CollectorShape, { kind: "struct" }>): Map<string, CollectorField> => {
    const out = new Map<string, CollectorField>();
    for (const e of s.embeds ?? []) {
      const x = COLLECTOR_SHAPES[e];
      if (x?.kind === "struct") for (const [k, v] of fields(x)) out.set(k, v);
    }
    for (const [k, v] of Object.entries(s.fields)) out.set(k, v);
    return out;
  };
  const lookup = (root: CollectorShape | undefined, segs: readonly string[]): CollectorShape | undefined => {
    let s = root;
    for (const seg of segs) {
      while (s && (s.kind === "list" || s.kind === "maplist")) s = shapeOf(s.item);
      if (!s || s.kind !== "struct") return s?.kind === "map" || s?.kind === "any" ? s : undefined;
      const f = fields(s).get(seg);
      s = f && shapeOf(f);
    }
    return s;
  };
  /** Which shape kinds each conversion of the descriptions reads. */
  const READS: Record<string, readonly string[] | null> = {
    string: ["string"], int: ["int", "uint"], float: ["float"], float32: ["float"], bool: ["bool"], duration: ["duration"],
    bytes: ["int", "uint"], mib: ["int", "uint"], strings: ["list"], ints: ["list"], floats: ["list"], durations: ["list"],
    map: ["map", "maplist"], any: null, extension: ["string"],
  };
  type Rows = NonNullable<ReturnType<typeof findComponent>>["rows"];
  const split = (p: string | readonly string[]) => (typeof p === "string" ? p.split(".") : p);

  it("every schema is reachable by its type and resolves", () => {
    for (const c of COLLECTOR_COMPONENT_SCHEMAS) {
      expect(collectorSchemaFor(c.kind as never, c.type), `${c.kind}/${c.type}`).toBe(c);
      expect(COLLECTOR_SHAPES[c.config]?.kind).toBe("struct");
    }
    for (const [key, s] of Object.entries(COLLECTOR_SHAPES)) {
      const refs = s.kind === "struct" ? [...Object.values(s.fields), ...(s.embeds ?? []).map((ref) => ({ ref }))] : s.kind === "list" || s.kind === "maplist" ? [s.item] : s.kind === "map" ? [s.value] : [];
      for (const f of refs) if (f.ref) expect(COLLECTOR_SHAPES[f.ref], `${key} → ${f.ref}`).toBeDefined();
    }
  });

  it("every key a description reads is a setting of the published schema, of a kind it decodes", () => {
    const problems: string[] = [];
    let read = 0;
    for (const c of COLLECTOR_COMPONENT_SCHEMAS) {
      const d = typeSpellings(c.kind.replace(/s$/, "") as never, c.type).map((t) => findComponent(c.kind.replace(/s$/, "") as never, t)).find(Boolean);
      if (!d) continue;
      const root = COLLECTOR_SHAPES[c.config];
      const walk = (rows: Rows, base: readonly string[]) => {
        for (const r of rows) {
          if ("attr" in r) {
            if (r.otel === null) continue;
            const p = [...base, ...split(r.otel ?? r.attr)];
            const s = lookup(root, p);
            read++;
            const kinds = READS[r.as];
            const textual = s !== undefined && "text" in s && s.text !== undefined;
            if (!s) problems.push(`${c.kind}/${c.type} ${p.join(".")}: not in the schema`);
            else if (kinds && s.kind !== "any" && !kinds.includes(s.kind) && !(textual && r.as === "string")) problems.push(`${c.kind}/${c.type} ${p.join(".")}: ${r.as} read, ${s.kind} in the schema`);
          } else if ("block" in r) {
            if (r.otel === null) continue;
            const o = r.otel ?? r.block;
            const p = o === "" ? base : [...base, ...split(o)];
            if (o !== "" && !lookup(root, p)) problems.push(`${c.kind}/${c.type} ${p.join(".")}: block not in the schema`);
            walk(r.rows, p);
          } else if ("blocks" in r) {
            const p = [...base, ...split(r.otel ?? r.blocks)];
            if (!lookup(root, p)) problems.push(`${c.kind}/${c.type} ${p.join(".")}: list not in the schema`);
            walk(r.rows, p);
          }
        }
      };
      walk(d.rows, []);
    }
    expect(problems).toEqual([]);
    expect(read).toBeGreaterThan(50);
  });
});

describe("decoding arbitrary settings", () => {
  /** Keys the schemas have, misspellings and `enabled`, so that generated bodies reach deep into the shapes. */
  const KEYS = ["protocols", "grpc", "http", "endpoint", "endpont", "tls", "insecure", "cors", "allowed_origins", "keepalive",
    "server_parameters", "time", "headers", "sending_queue", "queue_size", "batch", "enabled", "timeout", "verbosity", "compression",
    "retry_on_failure", "multiplier", "auth", "authenticator", "middlewares", "id", "name", "value"];
  const scalar = fc.oneof(fc.string({ maxLength: 6 }), fc.integer({ min: -5, max: 5 }), fc.double({ noNaN: true, min: -3, max: 3 }), fc.boolean(), fc.constant(null), fc.constant("${env:X}"), fc.constant("5s"));
  const { value } = fc.letrec<{ value: unknown }>((tie) => ({
    value: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      scalar,
      fc.array(tie("value"), { maxLength: 3 }),
      fc.uniqueArray(fc.tuple(fc.constantFrom(...KEYS), tie("value")), { maxLength: 4, selector: (t) => t[0] }).map((es) => new Map(es)),
    ),
  }));
  const TYPES = [["receivers", "otlp"], ["exporters", "otlp"], ["exporters", "otlphttp"], ["exporters", "debug"], ["processors", "batch"], ["extensions", "zpages"]] as const;

  it("never throws, and every problem names a key of the container it points at", () => {
    fc.assert(
      fc.property(fc.constantFrom(...TYPES), value, ([kind, type], body) => {
        const container = new Map([[type, body as RawValue]]);
        const problems = decodeComponentConfig(kind, type, type, body as RawValue, container, type) ?? [];
        for (const p of problems) {
          expect(p.message.startsWith(`'${kind}' `)).toBe(true);
          if (p.container instanceof Map) expect(p.container.has(p.key as string)).toBe(true);
          else expect(Array.isArray(p.container) && typeof p.key === "number" && p.key < p.container.length).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe("component bodies", () => {
  it("a body that is not a map is refused whatever the type, once", () => {
    const text = GATEWAY.replace("  debug:\n    verbosity: detailed\n", "  debug: [1]\n  kafka: text\n  nosuch: 3\n");
    expect(check(text)).toEqual([
      `45:3 'exporters' ${J}'[debug]' expected type 'map[string]interface {}', got unconvertible type '[]interface {}'`,
      `46:3 'exporters' ${J}'[kafka]' expected type 'map[string]interface {}', got unconvertible type 'string'`,
      `47:3 'exporters' ${J}'[nosuch]' expected type 'map[string]interface {}', got unconvertible type 'int'`,
    ]);
  });
});

describe("hints", () => {
  it("suggests the key an unknown one is closest to, outside the message", () => {
    const r = validateOtelcolYaml(GATEWAY.replace("        endpoint: 0.0.0.0:4317", "        endpont: 0.0.0.0:4317"), "g.yaml", { decodeFallback: decodeWithDescription });
    const d = r.diagnostics.filter((x) => x.code === "otelcol/decode");
    expect(d.map((x) => x.hint)).toEqual(['did you mean "endpoint"?']);
    expect(d[0]!.message).not.toContain("did you mean");
    const far = validateOtelcolYaml(GATEWAY.replace("    timeout: 5s", "    zzzzzzzz: 5s"), "g.yaml").diagnostics.filter((x) => x.code === "otelcol/decode");
    expect(far.map((x) => x.hint)).toEqual([undefined]);
  });
});

describe.skipIf(!process.env.OTELCOL_SOURCE)("the generated shapes", () => {
  it("are what the collector source in $OTELCOL_SOURCE gives (scripts/gen-collector-configs.mjs --check)", () => {
    const r = spawnSync(process.execPath, [path.join(repoRoot, "scripts/gen-collector-configs.mjs"), process.env.OTELCOL_SOURCE!, "--check"], { encoding: "utf8" });
    expect(r.stdout).toContain("is up to date");
    expect(r.status).toBe(0);
  });
});
