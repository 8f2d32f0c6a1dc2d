/**
 * `alloy validate --source-format=otelcol` decodes component settings as the collector does: a gateway
 * configuration in the shape real ones take, changed in one place each, gives exactly one decoding error at the
 * changed key with the collector's message; unchanged, it gives none.
 */
import { describe, expect, it } from "vitest";
import { SourceFile } from "@alloy-ts/grammar";
import { durationError } from "@alloy-ts/otel";
import { validateOtelcolYaml } from "@alloy-ts/validator";
import { decodeWithDescription } from "@alloy-ts/converter";

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
