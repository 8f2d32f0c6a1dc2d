/**
 * A deterministic telemetry set for verification: traces, metrics of every point type and logs, spread over
 * resources with varied attributes (values chosen to exercise common processor configurations: HTTP attributes,
 * credentials, Kubernetes and host resources, severities, span kinds and statuses).
 */
import { toAnyValue } from "./attributes.js";
import type { KeyValue, LogRecord, Metric, Span, TelemetrySet } from "./types.js";

/** mulberry32: small, fast, deterministic. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const kv = (o: Record<string, unknown>): KeyValue[] => Object.entries(o).map(([key, v]) => ({ key, value: toAnyValue(v) }));
const hex = (r: () => number, bytes: number) => Array.from({ length: bytes }, () => Math.floor(r() * 256).toString(16).padStart(2, "0")).join("");

const RESOURCES: Record<string, unknown>[] = [
  { "service.name": "checkout", "service.namespace": "shop", "host.name": "localhost", "k8s.namespace.name": "prod", "cloud.region": "eu-west-1", "process.command_line": "checkout --password=hunter2 --port 8080", my_label: "abc123" },
  { "service.name": "my_service_name", "host.name": "node-2", "k8s.namespace.name": "prod", "k8s.deployment.name": "cart", "telemetry.sdk.language": "go" },
  { "service.name": "frontend", "service.version": "1.4.2", "host.name": "node-3", "deployment.environment": "staging" },
  { "host.name": "localhost", "os.type": "linux" },
];

const ROUTES = ["/health", "/api/cart", "/user/42/list/7", "/account/1234/details", "/login"];
const BASE = 1704067200000000000n;

/** Generates the built-in set; the same seed always gives the same data. */
export function generateTelemetry(seed = 1, scale = 1): TelemetrySet {
  const r = rng(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)]!;
  const set: TelemetrySet = { traces: [], metrics: [], logs: [] };
  for (let batch = 0; batch < 2 * scale; batch++) {
    set.traces.push({
      resourceSpans: RESOURCES.map((res, ri) => ({
        resource: { attributes: kv(res) },
        scopeSpans: [
          {
            scope: { name: ri % 2 ? "io.opentelemetry.http" : "app.tracer", version: "1.0.0", attributes: [] },
            spans: Array.from({ length: 4 }, (_, i): Span => {
              const traceId = hex(r, 16);
              const start = BASE + BigInt(batch * 1_000_000_000 + i * 10_000_000);
              const durMs = pick([1, 3, 7, 45, 120, 900, 2500, 16000]);
              const route = pick(ROUTES);
              const attrs: Record<string, unknown> = {
                "http.method": pick(["GET", "POST", "GET"]),
                "http.route": route,
                "http.path": route,
                "http.target": route,
                "http.status_code": pick(["200", "404", "500"]),
                "db.table": pick(["users", "orders"]),
                account_id: Math.floor(r() * 10000),
                account_password: "s3cret",
                account_email: "someone@example.com",
                key_original: pick(["a", "b"]),
                "container.name": pick(["app_container_1", "app_container_2"]),
                grpc: r() < 0.5,
                ratio: Math.round(r() * 1000) / 100 + 0.5,
              };
              if (r() < 0.3) attrs.copy_key = "original";
              if (r() < 0.5) attrs["k8s.deployment.name"] = pick(["cart", "checkout"]);
              if (r() < 0.3) attrs["redacted_span"] = false;
              return {
                traceId,
                spanId: hex(r, 8),
                parentSpanId: i % 2 ? hex(r, 8) : undefined,
                traceState: i === 0 ? "vendor=value" : undefined,
                name: pick(["app_3", "GET /api/cart", "SELECT orders", "grpc.Checkout/Pay", "login"]),
                kind: Math.floor(r() * 6),
                startTimeUnixNano: start.toString(),
                endTimeUnixNano: (start + BigInt(durMs) * 1_000_000n).toString(),
                attributes: kv(attrs),
                events: r() < 0.5 ? [{ timeUnixNano: start.toString(), name: pick(["grpc.call", "exception", "retry"]), attributes: kv({ grpc: r() < 0.5, "exception.type": "Timeout" }) }] : [],
                status: { code: Math.floor(r() * 3), ...(r() < 0.3 ? { message: "oops" } : {}) },
              };
            }).map((s) => (s.parentSpanId === undefined ? (delete s.parentSpanId, s) : s)).map((s) => (s.traceState === undefined ? (delete s.traceState, s) : s)),
          },
        ],
      })),
    });
    const t = (BASE + BigInt(batch) * 60_000_000_000n).toString();
    const start = BASE.toString();
    const pointAttrs = () => kv({ "host.name": pick(["node-1", "node-2"]), state: pick(["used", "free"]), "http.method": pick(["GET", "POST"]), "k8s.deployment.name": pick(["cart", "api"]) });
    const metrics = (): Metric[] => [
      { name: "my.metric", description: "a gauge", unit: "1", gauge: { dataPoints: [{ attributes: pointAttrs(), timeUnixNano: t, asDouble: Math.round(r() * 1000) / 10 }] } },
      { name: "system.processes.count", unit: "{processes}", sum: { aggregationTemporality: 2, isMonotonic: false, dataPoints: [{ attributes: pointAttrs(), startTimeUnixNano: start, timeUnixNano: t, asInt: String(Math.floor(r() * 300)) }] } },
      {
        name: "system.memory.usage",
        unit: "By",
        sum: {
          aggregationTemporality: 2,
          isMonotonic: false,
          dataPoints: [
            { attributes: kv({ state: "used" }), startTimeUnixNano: start, timeUnixNano: t, asInt: String(Math.floor(r() * 1e9)) },
            { attributes: kv({ state: "free" }), startTimeUnixNano: start, timeUnixNano: t, asInt: String(Math.floor(r() * 1e9)) },
          ],
        },
      },
      { name: "http.server.requests", unit: "1", sum: { aggregationTemporality: 1, isMonotonic: true, dataPoints: [{ attributes: pointAttrs(), startTimeUnixNano: start, timeUnixNano: t, asDouble: Math.floor(r() * 100) + 0.25 }] } },
      { name: "prometheus_metric", gauge: { dataPoints: [{ attributes: [], timeUnixNano: t, asInt: "7" }] } },
      {
        name: "http.server.duration",
        unit: "ms",
        histogram: {
          aggregationTemporality: 2,
          dataPoints: [{ attributes: pointAttrs(), startTimeUnixNano: start, timeUnixNano: t, count: "6", sum: 123.5, bucketCounts: ["1", "2", "3"], explicitBounds: [10, 100], min: 1, max: 90 }],
        },
      },
      {
        name: "rpc.latency",
        unit: "s",
        exponentialHistogram: {
          aggregationTemporality: 1,
          dataPoints: [{ attributes: pointAttrs(), startTimeUnixNano: start, timeUnixNano: t, count: "5", sum: 2.5, scale: 2, zeroCount: "1", positive: { offset: 1, bucketCounts: ["1", "3"] }, negative: { offset: 0, bucketCounts: [] } }],
        },
      },
      { name: "request.size", unit: "By", summary: { dataPoints: [{ attributes: pointAttrs(), startTimeUnixNano: start, timeUnixNano: t, count: "4", sum: 4096, quantileValues: [{ quantile: 0.5, value: 900 }, { quantile: 0.99, value: 2000 }] }] } },
    ];
    set.metrics.push({ resourceMetrics: RESOURCES.slice(0, 3).map((res) => ({ resource: { attributes: kv(res) }, scopeMetrics: [{ scope: { name: "meter", version: "0.1" }, metrics: metrics() }] })) });
    set.logs.push({
      resourceLogs: RESOURCES.map((res) => ({
        resource: { attributes: kv(res) },
        scopeLogs: [
          {
            scope: { name: "logger" },
            logRecords: Array.from({ length: 4 }, (): LogRecord => {
              const sev = pick([1, 5, 9, 13, 17, 21, 0]);
              const rec: LogRecord = {
                timeUnixNano: t,
                observedTimeUnixNano: t,
                severityNumber: sev,
                severityText: ["", "TRACE", "", "", "", "DEBUG", "", "", "", "INFO", "", "", "", "WARN", "", "", "", "ERROR", "", "", "", "FATAL"][sev] ?? "",
                body: { stringValue: pick(["request failed", "user password reset", "GET /api/cart 200", "cache miss"]) },
                attributes: kv({ "http.route": pick(ROUTES), path: pick(["/user/1/list/2", "/account/9876/x"]), value: "/account/5555/y", "log.file.name": "app.log", "k8s.namespace.name": pick(["prod", "dev"]) }),
              };
              if (r() < 0.6) {
                rec.traceId = hex(r, 16);
                rec.spanId = hex(r, 8);
              }
              return rec;
            }),
          },
        ],
      })),
    });
  }
  return set;
}
