/**
 * OpenTelemetry component types ↔ the Go modules that provide them, as an OpenTelemetry Collector Builder
 * manifest names them (`gomod: <module> <version>`). One table shared by `alloy build` (which writes manifests),
 * the validator's `--distribution` (which reads them) and the built-in `alloy-otel` distribution.
 *
 * Versions are those the converter targets (alloy-otel-engine spec, "Components compiled into the engine"):
 * contrib v0.158.0 and core v1.64.0. Core component modules that are not yet stable carry the v0.x number
 * (v0.158.0); the stable confmap providers carry v1.64.0.
 *
 * Type names are the ones each factory declares (its metadata `type:`), not the module name. Contrib renamed
 * several types to snake_case and keeps the old spelling as a deprecated alias (otelcol-conversion §14); both
 * are listed, the current name first.
 */

export type OtelKind = "receivers" | "processors" | "exporters" | "connectors" | "extensions";
export const OTEL_KINDS: readonly OtelKind[] = ["receivers", "processors", "exporters", "connectors", "extensions"];
/** Each kind in the singular: the `otelcol.<singular>.*` namespace in Alloy, the suffix of module names. */
export const OTEL_KIND_SINGULAR = {
  receivers: "receiver", processors: "processor", exporters: "exporter", connectors: "connector", extensions: "extension",
} as const satisfies Record<OtelKind, string>;

/** The versions the table records. */
export const OTEL_VERSIONS = {
  /** opentelemetry-collector-contrib, and the unstable (v0.x) modules of the core collector. */
  contrib: "v0.158.0",
  /** Stable (v1.x) modules of the core collector: the confmap providers. */
  coreStable: "v1.64.0",
} as const;

/** One Go module providing one component type (and its deprecated aliases). */
export interface OtelModule {
  readonly kind: OtelKind;
  /** YAML type names: the current one first, then deprecated aliases still accepted. */
  readonly types: readonly string[];
  /** Go module path, e.g. `go.opentelemetry.io/collector/receiver/otlpreceiver`. */
  readonly module: string;
  readonly version: string;
}

const CONTRIB = "github.com/open-telemetry/opentelemetry-collector-contrib/";
const CORE = "go.opentelemetry.io/collector/";

/** `[types, module]` rows; a module starting with `core:` is a core collector module, else contrib. */
type Row = readonly [types: string, module: string];

const ROWS: Record<OtelKind, readonly Row[]> = {
  receivers: [
    ["otlp", "core:receiver/otlpreceiver"],
    ["nop", "core:receiver/nopreceiver"],
    ["awscloudwatch", "receiver/awscloudwatchreceiver"],
    ["awsecscontainermetrics", "receiver/awsecscontainermetricsreceiver"],
    ["awss3", "receiver/awss3receiver"],
    ["cloudflare", "receiver/cloudflarereceiver"],
    ["datadog", "receiver/datadogreceiver"],
    ["docker_stats", "receiver/dockerstatsreceiver"],
    ["faro", "receiver/faroreceiver"],
    ["file_log filelog", "receiver/filelogreceiver"],
    ["filestats", "receiver/filestatsreceiver"],
    ["fluent_forward fluentforward", "receiver/fluentforwardreceiver"],
    ["googlecloudpubsub", "receiver/googlecloudpubsubreceiver"],
    ["host_metrics hostmetrics", "receiver/hostmetricsreceiver"],
    ["httpcheck", "receiver/httpcheckreceiver"],
    ["influxdb", "receiver/influxdbreceiver"],
    ["jaeger", "receiver/jaegerreceiver"],
    ["journald", "receiver/journaldreceiver"],
    ["k8s_cluster", "receiver/k8sclusterreceiver"],
    ["k8s_events", "receiver/k8seventsreceiver"],
    ["k8sobjects", "receiver/k8sobjectsreceiver"],
    ["kafka", "receiver/kafkareceiver"],
    ["kafkametrics", "receiver/kafkametricsreceiver"],
    ["kubelet_stats kubeletstats", "receiver/kubeletstatsreceiver"],
    ["mysql", "receiver/mysqlreceiver"],
    ["nginx", "receiver/nginxreceiver"],
    ["postgresql", "receiver/postgresqlreceiver"],
    ["prometheus", "receiver/prometheusreceiver"],
    ["prometheusremotewrite", "receiver/prometheusremotewritereceiver"],
    ["redis", "receiver/redisreceiver"],
    ["solace", "receiver/solacereceiver"],
    ["splunk_hec", "receiver/splunkhecreceiver"],
    ["sqlquery", "receiver/sqlqueryreceiver"],
    ["statsd", "receiver/statsdreceiver"],
    ["syslog", "receiver/syslogreceiver"],
    ["tcplog", "receiver/tcplogreceiver"],
    ["udplog", "receiver/udplogreceiver"],
    ["vcenter", "receiver/vcenterreceiver"],
    ["windowseventlog", "receiver/windowseventlogreceiver"],
    ["zipkin", "receiver/zipkinreceiver"],
  ],
  processors: [
    ["batch", "core:processor/batchprocessor"],
    ["memory_limiter", "core:processor/memorylimiterprocessor"],
    ["attributes", "processor/attributesprocessor"],
    ["cumulative_to_delta cumulativetodelta", "processor/cumulativetodeltaprocessor"],
    ["deltatocumulative", "processor/deltatocumulativeprocessor"],
    ["filter", "processor/filterprocessor"],
    ["groupbyattrs", "processor/groupbyattrsprocessor"],
    ["groupbytrace", "processor/groupbytraceprocessor"],
    ["interval", "processor/intervalprocessor"],
    ["k8s_attributes k8sattributes", "processor/k8sattributesprocessor"],
    ["metric_start_time metricstarttime", "processor/metricstarttimeprocessor"],
    ["metricstransform", "processor/metricstransformprocessor"],
    ["probabilistic_sampler", "processor/probabilisticsamplerprocessor"],
    ["redaction", "processor/redactionprocessor"],
    ["resource", "processor/resourceprocessor"],
    ["resource_detection resourcedetection", "processor/resourcedetectionprocessor"],
    ["span", "processor/spanprocessor"],
    ["tail_sampling", "processor/tailsamplingprocessor"],
    ["transform", "processor/transformprocessor"],
  ],
  exporters: [
    ["otlp_grpc otlp", "core:exporter/otlpexporter"],
    ["otlp_http otlphttp", "core:exporter/otlphttpexporter"],
    ["debug", "core:exporter/debugexporter"],
    ["nop", "core:exporter/nopexporter"],
    ["awsemf", "exporter/awsemfexporter"],
    ["awss3", "exporter/awss3exporter"],
    ["awsxray", "exporter/awsxrayexporter"],
    ["datadog", "exporter/datadogexporter"],
    ["elasticsearch", "exporter/elasticsearchexporter"],
    ["faro", "exporter/faroexporter"],
    ["file", "exporter/fileexporter"],
    ["googlecloud", "exporter/googlecloudexporter"],
    ["googlecloudpubsub", "exporter/googlecloudpubsubexporter"],
    ["kafka", "exporter/kafkaexporter"],
    ["load_balancing loadbalancing", "exporter/loadbalancingexporter"],
    ["prometheus", "exporter/prometheusexporter"],
    ["prometheusremotewrite", "exporter/prometheusremotewriteexporter"],
    ["splunk_hec", "exporter/splunkhecexporter"],
    ["syslog", "exporter/syslogexporter"],
    ["zipkin", "exporter/zipkinexporter"],
  ],
  connectors: [
    ["forward", "core:connector/forwardconnector"],
    ["count", "connector/countconnector"],
    ["grafanacloud", "connector/grafanacloudconnector"],
    ["routing", "connector/routingconnector"],
    ["service_graph servicegraph", "connector/servicegraphconnector"],
    ["signal_to_metrics signaltometrics", "connector/signaltometricsconnector"],
    ["span_metrics spanmetrics", "connector/spanmetricsconnector"],
  ],
  extensions: [
    ["zpages", "core:extension/zpagesextension"],
    ["basicauth", "extension/basicauthextension"],
    ["bearertokenauth", "extension/bearertokenauthextension"],
    ["file_storage", "extension/storage/filestorage"],
    ["googleclientauth", "extension/googleclientauthextension"],
    ["headers_setter", "extension/headerssetterextension"],
    ["health_check", "extension/healthcheckextension"],
    ["jaegerremotesampling", "extension/jaegerremotesampling"],
    ["k8s_leader_elector", "extension/k8sleaderelector"],
    ["oauth2client", "extension/oauth2clientauthextension"],
    ["opamp", "extension/opampextension"],
    ["pprof", "extension/pprofextension"],
    ["sigv4auth", "extension/sigv4authextension"],
  ],
};

/**
 * Alloy's own extension for the `alloy otel` engine. Upstream builds it from its source tree (a `replaces`
 * entry); the version is the one its module declares.
 */
export const ALLOY_ENGINE_MODULE: OtelModule = {
  kind: "extensions",
  types: ["alloyengine"],
  module: "github.com/grafana/alloy/extension/alloyengine",
  version: "v0.1.0",
};

function expand(kind: OtelKind, [types, module]: Row): OtelModule {
  const core = module.startsWith("core:");
  return { kind, types: types.split(" "), module: core ? CORE + module.slice(5) : CONTRIB + module, version: OTEL_VERSIONS.contrib };
}

/** Every known component module, by kind, `alloyengine` included. */
export const OTEL_MODULES: readonly OtelModule[] = [
  ...OTEL_KINDS.flatMap((kind) => ROWS[kind].map((r) => expand(kind, r))),
  ALLOY_ENGINE_MODULE,
];

/** Confmap providers (`${env:...}`, `${file:...}`, ...) every distribution needs; stable modules. */
export const OTEL_PROVIDERS: readonly { module: string; version: string }[] = ["env", "file", "http", "https", "yaml"].map((p) => ({
  module: `${CORE}confmap/provider/${p}provider`,
  version: OTEL_VERSIONS.coreStable,
}));

const byType = new Map<string, OtelModule>();
for (const m of OTEL_MODULES) for (const t of m.types) byType.set(`${m.kind}:${t}`, m);
const byPath = new Map<string, OtelModule>(OTEL_MODULES.map((m) => [m.module, m]));

/** The module providing a component type of a kind (`"receivers"`, `"otlp"`), aliases included. */
export function moduleForType(kind: OtelKind, type: string): OtelModule | undefined {
  return byType.get(`${kind}:${type}`);
}

/** The table entry of a Go module path (version ignored: `gomod` values are `<path> <version>`). */
export function moduleForPath(gomod: string): OtelModule | undefined {
  return byPath.get(gomod.trim().split(/\s+/)[0] ?? "");
}
