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
 *
 * The rows cover every component module of the contrib distribution's builder manifest
 * (opentelemetry-collector-releases, distributions/otelcol-contrib), including `obi`, which the release builds from a prepared source tree (OBI_MODULE).
 * Where a type was renamed after the metadata this table was checked against, the old spelling stays as an
 * alias; where no alias could be confirmed, only the declared type is listed.
 */

import { mayHaveReferences, splitReferences } from "./expand/references.js";

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
  /**
   * Set when the module is not fetched from the Go module proxy but built from a source tree the distribution
   * prepares (a `replaces` entry, often with an `import:` sub-package): why a plain `gomod` line cannot name it.
   */
  readonly sourceBuilt?: string;
}

const CONTRIB = "github.com/open-telemetry/opentelemetry-collector-contrib/";
const CORE = "go.opentelemetry.io/collector/";

/** `[types, module]` rows; a module starting with `core:` is a core collector module, else contrib. */
type Row = readonly [types: string, module: string];

const ROWS: Record<OtelKind, readonly Row[]> = {
  receivers: [
    ["otlp", "core:receiver/otlpreceiver"],
    ["nop", "core:receiver/nopreceiver"],
    ["active_directory_ds", "receiver/activedirectorydsreceiver"],
    ["aerospike", "receiver/aerospikereceiver"],
    ["apache", "receiver/apachereceiver"],
    ["apachespark", "receiver/apachesparkreceiver"],
    ["awscloudwatch", "receiver/awscloudwatchreceiver"],
    ["awscontainerinsight awscontainerinsightreceiver", "receiver/awscontainerinsightreceiver"],
    ["awsecscontainermetrics", "receiver/awsecscontainermetricsreceiver"],
    ["awsfirehose", "receiver/awsfirehosereceiver"],
    ["awslambda", "receiver/awslambdareceiver"],
    ["awss3", "receiver/awss3receiver"],
    ["awsxray", "receiver/awsxrayreceiver"],
    ["azure_blob azureblob", "receiver/azureblobreceiver"],
    ["azureeventhub", "receiver/azureeventhubreceiver"],
    ["azuremonitor", "receiver/azuremonitorreceiver"],
    ["carbon", "receiver/carbonreceiver"],
    ["chrony", "receiver/chronyreceiver"],
    ["cisco_os ciscoos", "receiver/ciscoosreceiver"],
    ["cloudflare", "receiver/cloudflarereceiver"],
    ["cloudfoundry", "receiver/cloudfoundryreceiver"],
    ["collectd", "receiver/collectdreceiver"],
    ["couchdb", "receiver/couchdbreceiver"],
    ["datadog", "receiver/datadogreceiver"],
    ["docker_stats", "receiver/dockerstatsreceiver"],
    ["elasticsearch", "receiver/elasticsearchreceiver"],
    ["envoyals", "receiver/envoyalsreceiver"],
    ["expvar", "receiver/expvarreceiver"],
    ["faro", "receiver/faroreceiver"],
    ["file_log filelog", "receiver/filelogreceiver"],
    ["filestats", "receiver/filestatsreceiver"],
    ["flinkmetrics", "receiver/flinkmetricsreceiver"],
    ["fluent_forward fluentforward", "receiver/fluentforwardreceiver"],
    ["github", "receiver/githubreceiver"],
    ["gitlab", "receiver/gitlabreceiver"],
    ["googlecloudmonitoring", "receiver/googlecloudmonitoringreceiver"],
    ["googlecloudpubsub", "receiver/googlecloudpubsubreceiver"],
    ["googlecloudspanner", "receiver/googlecloudspannerreceiver"],
    ["haproxy", "receiver/haproxyreceiver"],
    ["host_metrics hostmetrics", "receiver/hostmetricsreceiver"],
    // Renamed like icmp_check; the metadata read for this table still declared httpcheck, so both are kept.
    ["http_check httpcheck", "receiver/httpcheckreceiver"],
    ["icmp_check icmpcheckreceiver", "receiver/icmpcheckreceiver"],
    ["iis", "receiver/iisreceiver"],
    ["influxdb", "receiver/influxdbreceiver"],
    ["jaeger", "receiver/jaegerreceiver"],
    ["journald", "receiver/journaldreceiver"],
    ["k8s_cluster", "receiver/k8sclusterreceiver"],
    ["k8s_events", "receiver/k8seventsreceiver"],
    ["k8sobjects", "receiver/k8sobjectsreceiver"],
    ["kafkametrics", "receiver/kafkametricsreceiver"],
    ["kafka", "receiver/kafkareceiver"],
    ["kubelet_stats kubeletstats", "receiver/kubeletstatsreceiver"],
    ["libhoney", "receiver/libhoneyreceiver"],
    ["loki", "receiver/lokireceiver"],
    ["macos_unified_logging macosunifiedlogging", "receiver/macosunifiedloggingreceiver"],
    ["memcached", "receiver/memcachedreceiver"],
    ["mongodb_atlas mongodbatlas", "receiver/mongodbatlasreceiver"],
    ["mongodb", "receiver/mongodbreceiver"],
    ["mysql", "receiver/mysqlreceiver"],
    ["named_pipe namedpipe", "receiver/namedpipereceiver"],
    ["netflow", "receiver/netflowreceiver"],
    ["nginx", "receiver/nginxreceiver"],
    ["nsxt", "receiver/nsxtreceiver"],
    ["ntp", "receiver/ntpreceiver"],
    ["oracledb", "receiver/oracledbreceiver"],
    ["otelarrow", "receiver/otelarrowreceiver"],
    ["otlpjsonfile", "receiver/otlpjsonfilereceiver"],
    ["podman_stats", "receiver/podmanreceiver"],
    ["postgresql", "receiver/postgresqlreceiver"],
    ["pprof", "receiver/pprofreceiver"],
    ["prometheus", "receiver/prometheusreceiver"],
    ["prometheusremotewrite", "receiver/prometheusremotewritereceiver"],
    ["pulsar", "receiver/pulsarreceiver"],
    ["purefa", "receiver/purefareceiver"],
    ["purefb", "receiver/purefbreceiver"],
    ["rabbitmq", "receiver/rabbitmqreceiver"],
    ["receiver_creator", "receiver/receivercreator"],
    ["redis", "receiver/redisreceiver"],
    ["riak", "receiver/riakreceiver"],
    ["saphana", "receiver/saphanareceiver"],
    ["prometheus_simple", "receiver/simpleprometheusreceiver"],
    ["skywalking", "receiver/skywalkingreceiver"],
    ["snmp", "receiver/snmpreceiver"],
    ["snowflake", "receiver/snowflakereceiver"],
    ["solace", "receiver/solacereceiver"],
    ["splunkenterprise", "receiver/splunkenterprisereceiver"],
    ["splunk_hec", "receiver/splunkhecreceiver"],
    ["sqlquery", "receiver/sqlqueryreceiver"],
    ["sqlserver", "receiver/sqlserverreceiver"],
    ["sshcheck", "receiver/sshcheckreceiver"],
    ["statsd", "receiver/statsdreceiver"],
    ["stef", "receiver/stefreceiver"],
    ["syslog", "receiver/syslogreceiver"],
    ["systemd", "receiver/systemdreceiver"],
    ["tcpcheck", "receiver/tcpcheckreceiver"],
    ["tcplog", "receiver/tcplogreceiver"],
    ["tlscheck", "receiver/tlscheckreceiver"],
    ["udplog", "receiver/udplogreceiver"],
    ["vcenter", "receiver/vcenterreceiver"],
    ["wavefront", "receiver/wavefrontreceiver"],
    ["generic_webhook", "receiver/webhookeventreceiver"],
    ["windowseventlog", "receiver/windowseventlogreceiver"],
    ["windowsperfcounters", "receiver/windowsperfcountersreceiver"],
    ["windows_service windowsservice", "receiver/windowsservicereceiver"],
    ["yang_grpc yanggrpc", "receiver/yanggrpcreceiver"],
    ["zipkin", "receiver/zipkinreceiver"],
    ["zookeeper", "receiver/zookeeperreceiver"],
  ],
  processors: [
    ["batch", "core:processor/batchprocessor"],
    ["memory_limiter", "core:processor/memorylimiterprocessor"],
    ["attributes", "processor/attributesprocessor"],
    ["cardinality_guardian", "processor/cardinalityguardianprocessor"],
    ["coralogix", "processor/coralogixprocessor"],
    ["cumulative_to_delta cumulativetodelta", "processor/cumulativetodeltaprocessor"],
    ["deltatocumulative", "processor/deltatocumulativeprocessor"],
    ["deltatorate", "processor/deltatorateprocessor"],
    ["drain", "processor/drainprocessor"],
    ["filter", "processor/filterprocessor"],
    ["genainormalizer", "processor/genainormalizerprocessor"],
    ["geoip", "processor/geoipprocessor"],
    ["groupbyattrs", "processor/groupbyattrsprocessor"],
    ["groupbytrace", "processor/groupbytraceprocessor"],
    ["interval", "processor/intervalprocessor"],
    ["isolationforest", "processor/isolationforestprocessor"],
    ["k8s_attributes k8sattributes", "processor/k8sattributesprocessor"],
    ["logdedup", "processor/logdedupprocessor"],
    // The experimental_ prefix was dropped; the old spelling is kept for configurations that still use it.
    ["metricsgeneration experimental_metricsgeneration", "processor/metricsgenerationprocessor"],
    ["metric_start_time metricstarttime", "processor/metricstarttimeprocessor"],
    ["metricstransform", "processor/metricstransformprocessor"],
    ["probabilistic_sampler", "processor/probabilisticsamplerprocessor"],
    ["redaction", "processor/redactionprocessor"],
    ["remotetap", "processor/remotetapprocessor"],
    ["resource_detection resourcedetection", "processor/resourcedetectionprocessor"],
    ["resource", "processor/resourceprocessor"],
    ["schema", "processor/schemaprocessor"],
    ["span", "processor/spanprocessor"],
    ["sumologic", "processor/sumologicprocessor"],
    ["tail_sampling", "processor/tailsamplingprocessor"],
    ["transform", "processor/transformprocessor"],
    ["unroll", "processor/unrollprocessor"],
  ],
  exporters: [
    ["otlp_grpc otlp", "core:exporter/otlpexporter"],
    ["otlp_http otlphttp", "core:exporter/otlphttpexporter"],
    ["debug", "core:exporter/debugexporter"],
    ["nop", "core:exporter/nopexporter"],
    ["alibabacloud_logservice", "exporter/alibabacloudlogserviceexporter"],
    ["awscloudwatchlogs", "exporter/awscloudwatchlogsexporter"],
    ["awsemf", "exporter/awsemfexporter"],
    ["awskinesis", "exporter/awskinesisexporter"],
    ["awss3", "exporter/awss3exporter"],
    ["awsxray", "exporter/awsxrayexporter"],
    ["azureblob", "exporter/azureblobexporter"],
    ["azuredataexplorer", "exporter/azuredataexplorerexporter"],
    ["azuremonitor", "exporter/azuremonitorexporter"],
    ["bmchelix", "exporter/bmchelixexporter"],
    ["cassandra", "exporter/cassandraexporter"],
    ["clickhouse", "exporter/clickhouseexporter"],
    ["coralogix", "exporter/coralogixexporter"],
    ["datadog", "exporter/datadogexporter"],
    ["dataset", "exporter/datasetexporter"],
    ["doris", "exporter/dorisexporter"],
    ["elasticsearch", "exporter/elasticsearchexporter"],
    ["faro", "exporter/faroexporter"],
    ["file", "exporter/fileexporter"],
    ["googlecloud", "exporter/googlecloudexporter"],
    ["googlecloudpubsub", "exporter/googlecloudpubsubexporter"],
    ["google_cloud_storage googlecloudstorage", "exporter/googlecloudstorageexporter"],
    ["googlemanagedprometheus", "exporter/googlemanagedprometheusexporter"],
    ["honeycombmarker", "exporter/honeycombmarkerexporter"],
    ["influxdb", "exporter/influxdbexporter"],
    ["kafka", "exporter/kafkaexporter"],
    ["load_balancing loadbalancing", "exporter/loadbalancingexporter"],
    ["logicmonitor", "exporter/logicmonitorexporter"],
    ["logzio", "exporter/logzioexporter"],
    ["mezmo", "exporter/mezmoexporter"],
    ["opensearch", "exporter/opensearchexporter"],
    ["otelarrow", "exporter/otelarrowexporter"],
    ["prometheus", "exporter/prometheusexporter"],
    ["prometheusremotewrite", "exporter/prometheusremotewriteexporter"],
    ["pulsar", "exporter/pulsarexporter"],
    ["rabbitmq", "exporter/rabbitmqexporter"],
    ["sentry", "exporter/sentryexporter"],
    ["signalfx", "exporter/signalfxexporter"],
    ["splunk_hec", "exporter/splunkhecexporter"],
    ["stef", "exporter/stefexporter"],
    ["sumologic", "exporter/sumologicexporter"],
    ["syslog", "exporter/syslogexporter"],
    ["tencentcloud_logservice", "exporter/tencentcloudlogserviceexporter"],
    ["tinybird", "exporter/tinybirdexporter"],
    ["zipkin", "exporter/zipkinexporter"],
  ],
  connectors: [
    ["forward", "core:connector/forwardconnector"],
    ["count", "connector/countconnector"],
    ["datadog", "connector/datadogconnector"],
    ["exceptions", "connector/exceptionsconnector"],
    ["failover", "connector/failoverconnector"],
    ["grafanacloud", "connector/grafanacloudconnector"],
    ["otlpjson", "connector/otlpjsonconnector"],
    ["roundrobin", "connector/roundrobinconnector"],
    ["routing", "connector/routingconnector"],
    ["service_graph servicegraph", "connector/servicegraphconnector"],
    ["signal_to_metrics signaltometrics", "connector/signaltometricsconnector"],
    ["span_metrics spanmetrics", "connector/spanmetricsconnector"],
    ["sum", "connector/sumconnector"],
  ],
  extensions: [
    ["zpages", "core:extension/zpagesextension"],
    ["ack", "extension/ackextension"],
    ["asapclient", "extension/asapauthextension"],
    ["awsproxy", "extension/awsproxy"],
    ["azure_auth azureauth", "extension/azureauthextension"],
    ["basicauth", "extension/basicauthextension"],
    ["bearertokenauth", "extension/bearertokenauthextension"],
    ["cgroup_runtime cgroupruntime", "extension/cgroupruntimeextension"],
    ["datadog", "extension/datadogextension"],
    ["aws_iam", "extension/dbauth/awsiamdbauthextension"],
    ["awscloudwatchmetricstreams_encoding", "extension/encoding/awscloudwatchmetricstreamsencodingextension"],
    ["aws_logs_encoding awslogs_encoding", "extension/encoding/awslogsencodingextension"],
    ["azure_encoding", "extension/encoding/azureencodingextension"],
    ["google_cloud_logentry_encoding googlecloudlogentry_encoding", "extension/encoding/googlecloudlogentryencodingextension"],
    ["jaeger_encoding", "extension/encoding/jaegerencodingextension"],
    ["json_log_encoding", "extension/encoding/jsonlogencodingextension"],
    ["otlp_encoding", "extension/encoding/otlpencodingextension"],
    ["skywalking_encoding", "extension/encoding/skywalkingencodingextension"],
    ["text_encoding", "extension/encoding/textencodingextension"],
    ["zipkin_encoding", "extension/encoding/zipkinencodingextension"],
    ["googleclientauth", "extension/googleclientauthextension"],
    ["headers_setter", "extension/headerssetterextension"],
    ["health_check", "extension/healthcheckextension"],
    ["http_forwarder", "extension/httpforwarderextension"],
    ["jaegerremotesampling", "extension/jaegerremotesampling"],
    ["k8s_leader_elector", "extension/k8sleaderelector"],
    ["oauth2client", "extension/oauth2clientauthextension"],
    ["docker_observer", "extension/observer/dockerobserver"],
    ["ecs_observer", "extension/observer/ecsobserver"],
    ["host_observer", "extension/observer/hostobserver"],
    ["k8s_observer", "extension/observer/k8sobserver"],
    ["oidc", "extension/oidcauthextension"],
    ["opamp", "extension/opampextension"],
    ["pprof", "extension/pprofextension"],
    ["sigv4auth", "extension/sigv4authextension"],
    ["db_storage", "extension/storage/dbstorage"],
    ["file_storage", "extension/storage/filestorage"],
    ["redis_storage", "extension/storage/redisstorageextension"],
    ["sumologic", "extension/sumologicextension"],
    ["pebble_tail_storage", "extension/tailstorage/pebbletailstorageextension"],
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

/**
 * OpenTelemetry eBPF Instrumentation's receiver, in the contrib distribution since it left contrib's tree: the
 * release builds it from a prepared copy of its source and imports its `collector` sub-package.
 */
export const OBI_MODULE: OtelModule = {
  kind: "receivers",
  types: ["obi"],
  module: "go.opentelemetry.io/obi",
  version: "v0.11.0",
  sourceBuilt: "the contrib release builds it from a prepared source tree (replaces entry) and imports go.opentelemetry.io/obi/collector",
};

function expand(kind: OtelKind, [types, module]: Row): OtelModule {
  const core = module.startsWith("core:");
  return { kind, types: types.split(" "), module: core ? CORE + module.slice(5) : CONTRIB + module, version: OTEL_VERSIONS.contrib };
}

/** Every known component module, by kind, `obi` and `alloyengine` included. */
export const OTEL_MODULES: readonly OtelModule[] = [
  ...OTEL_KINDS.flatMap((kind) => ROWS[kind].map((r) => expand(kind, r))),
  OBI_MODULE,
  ALLOY_ENGINE_MODULE,
];

/** A confmap provider: the Go module that resolves `${<scheme>:...}` references. */
export interface OtelProvider {
  readonly scheme: string;
  readonly module: string;
  readonly version: string;
}

/** Core confmap providers (`${env:...}`, `${file:...}`, ...) every distribution needs; stable modules. */
export const OTEL_PROVIDERS: readonly OtelProvider[] = ["env", "file", "http", "https", "yaml"].map((scheme) => ({
  scheme,
  module: `${CORE}confmap/provider/${scheme}provider`,
  version: OTEL_VERSIONS.coreStable,
}));

/**
 * Contrib confmap providers, at the contrib version. Each brings a cloud SDK (AWS, Google) or a key handling of
 * its own, so `alloy build` lists one only for configurations that reference its scheme.
 */
export const OTEL_CONTRIB_PROVIDERS: readonly OtelProvider[] = ["aes", "s3", "secretsmanager", "googlesecretmanager"].map((scheme) => ({
  scheme,
  module: `${CONTRIB}confmap/provider/${scheme}provider`,
  version: OTEL_VERSIONS.contrib,
}));

/** The URI schemes referenced (`${scheme:...}`) in the string values of a parsed configuration tree. */
export function referencedSchemes(root: unknown): Set<string> {
  const out = new Set<string>();
  const stack: unknown[] = [root];
  while (stack.length) {
    const v = stack.pop();
    if (typeof v === "string") {
      if (!mayHaveReferences(v)) continue;
      const parts = splitReferences(v);
      if (Array.isArray(parts)) for (const p of parts) if (p.t === "ref") out.add(p.scheme);
    } else if (v instanceof Map) {
      for (const [k, x] of v) stack.push(k, x);
    } else if (Array.isArray(v)) {
      stack.push(...v);
    } else if (v !== null && typeof v === "object") {
      stack.push(...Object.values(v));
    }
  }
  return out;
}

/** The contrib providers whose scheme is among `schemes`, in table order. */
export function contribProvidersFor(schemes: ReadonlySet<string>): OtelProvider[] {
  return OTEL_CONTRIB_PROVIDERS.filter((p) => schemes.has(p.scheme));
}

// Indexes built on first lookup, not at every command's start-up.
let byType: Map<string, OtelModule> | undefined;
let byPath: Map<string, OtelModule> | undefined;

/** The module providing a component type of a kind (`"receivers"`, `"otlp"`), aliases included. */
export function moduleForType(kind: OtelKind, type: string): OtelModule | undefined {
  byType ??= new Map(OTEL_MODULES.flatMap((m) => m.types.map((t) => [`${m.kind}:${t}`, m] as const)));
  return byType.get(`${kind}:${type}`);
}

/** The table entry of a Go module path (version ignored: `gomod` values are `<path> <version>`). */
export function moduleForPath(gomod: string): OtelModule | undefined {
  byPath ??= new Map(OTEL_MODULES.map((m) => [m.module, m]));
  return byPath.get(gomod.trim().split(/\s+/)[0] ?? "");
}
