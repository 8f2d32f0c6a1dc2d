/**
 * The built-in `alloy-otel` distribution: the components compiled into upstream Alloy's OpenTelemetry engine
 * (`alloy otel`), Alloy v1.18.0 with collector core v1.64.0 / contrib v0.158.0 (alloy-otel-engine spec,
 * "Components compiled into the engine"). Listed by module path, as the spec lists them; the types come from the
 * shared module table.
 */
import { ALLOY_ENGINE_MODULE, moduleForPath, OTEL_KINDS, OTEL_PROVIDERS, type OtelKind, type OtelModule } from "@alloy-ts/otel";
import { renderManifest } from "@alloy-ts/otel";

/** The Alloy release whose engine this list describes. */
export const ALLOY_OTEL_VERSION = "v1.18.0";

const CONTRIB = "github.com/open-telemetry/opentelemetry-collector-contrib/";
const CORE = "go.opentelemetry.io/collector/";

/** Module paths per kind, relative to contrib unless prefixed `core:` (the spec's notation). */
const ENGINE: Record<OtelKind, readonly string[]> = {
  extensions: [
    "basicauthextension", "bearertokenauthextension", "headerssetterextension", "healthcheckextension", "jaegerremotesampling",
    "k8sleaderelector", "oauth2clientauthextension", "opampextension", "pprofextension", "sigv4authextension", "storage/filestorage",
    "core:zpagesextension",
  ].map((m) => `extension/${m}`.replace("extension/core:", "core:extension/")),
  receivers: [
    "awscloudwatch", "awsecscontainermetrics", "awss3", "cloudflare", "datadog", "faro", "filelog", "filestats", "fluentforward",
    "hostmetrics", "influxdb", "jaeger", "k8scluster", "k8sobjects", "kafka", "kubeletstats", "nginx", "prometheus",
    "prometheusremotewrite", "solace", "splunkhec", "syslog", "tcplog", "vcenter", "zipkin", "core:nop", "core:otlp",
  ].map((m) => (m.startsWith("core:") ? `core:receiver/${m.slice(5)}receiver` : `receiver/${m}receiver`)),
  processors: [
    "attributes", "cumulativetodelta", "deltatocumulative", "filter", "groupbyattrs", "interval", "k8sattributes", "metricstarttime",
    "probabilisticsampler", "redaction", "resource", "resourcedetection", "span", "tailsampling", "transform", "core:batch",
    "core:memorylimiter",
  ].map((m) => (m.startsWith("core:") ? `core:processor/${m.slice(5)}processor` : `processor/${m}processor`)),
  exporters: [
    "awss3", "faro", "file", "kafka", "loadbalancing", "prometheus", "prometheusremotewrite", "syslog", "zipkin", "core:debug",
    "core:nop", "core:otlp", "core:otlphttp",
  ].map((m) => (m.startsWith("core:") ? `core:exporter/${m.slice(5)}exporter` : `exporter/${m}exporter`)),
  connectors: [
    "count", "grafanacloud", "servicegraph", "signaltometrics", "spanmetrics", "core:forward",
  ].map((m) => (m.startsWith("core:") ? `core:connector/${m.slice(5)}connector` : `connector/${m}connector`)),
};

const absolute = (m: string) => (m.startsWith("core:") ? CORE + m.slice(5) : CONTRIB + m);

/** The engine's modules per kind (`alloyengine` first among the extensions), each resolved in the module table. */
export function alloyOtelModules(): Record<OtelKind, OtelModule[]> {
  const out = {} as Record<OtelKind, OtelModule[]>;
  for (const kind of OTEL_KINDS) {
    out[kind] = ENGINE[kind].map((m) => moduleForPath(absolute(m))).filter((m): m is OtelModule => m !== undefined);
  }
  out.extensions.unshift(ALLOY_ENGINE_MODULE);
  return out;
}

/** Module paths of the spec's list that the module table does not know (kept empty by a test). */
export function alloyOtelUnresolved(): string[] {
  return OTEL_KINDS.flatMap((kind) => ENGINE[kind].map(absolute).filter((m) => !moduleForPath(m)));
}

/** The built-in distribution as builder-config.yaml text (what `--distribution=alloy-otel` reads). */
export function alloyOtelManifest(): string {
  return renderManifest({
    dist: { name: "alloy", description: `Components of Alloy ${ALLOY_OTEL_VERSION}'s OpenTelemetry engine (alloy otel)`, version: ALLOY_OTEL_VERSION },
    modules: alloyOtelModules(),
    providers: OTEL_PROVIDERS,
  });
}
