/**
 * The converter on collector configurations written by others (../shared/corpus/collector): the hybrid dialect
 * converts every file the collector itself would load, and the default mode every such file whose components all
 * have Alloy equivalents, and every output validates. The files refused are listed with the reason, each a genuine
 * problem of the file (most are fragments of Helm values or demo overlays whose other half lives elsewhere).
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { convertOtelcol } from "@alloy-ts/converter";
import { parse } from "@alloy-ts/grammar";
import { validate } from "@alloy-ts/validator";
import { shared, sharedDir } from "../support/shared.js";

/** File name prefix → the text of the Critical that refuses it, and why the collector would refuse it too. */
const REFUSED: Record<string, { critical: string; why: string }> = {
  "ClickHouse__opentelemetry-demo__src_otel-collector_otelcol-config-extras": { critical: 'references receiver "prometheus" which is not configured', why: "an overlay of the demo's base configuration" },
  "DataDog__opentelemetry-examples__guides_kubernetes_configuration_cluster-collector": { critical: 'references receiver "otlp" which is not configured', why: "a values fragment; the chart defines the receivers" },
  "aws-observability__aws-otel-test-framework__terraform_eks_container-insights-agent_config_map_fargate": { critical: 'environment variable "1" has invalid name', why: "`$$${1}` expands `${1}` since collector v0.104" },
  "coralogix__opentelemetry-helm-charts__charts_opentelemetry-collector_examples_loadbalancing": { critical: 'references processor "resource/metadata" which is not configured', why: "a rendered fragment of a chart" },
  "eiathom__otel-collector-tail-aware-example__collector_configuration_loadbalancing": { critical: "'resolver.dns.port' expected type 'string'", why: "the collector decodes without weak typing: a number is not a string" },
  "grafana__pyroscope__examples_otel-collector_ebpf": { critical: "nothing was converted", why: "profiles pipelines only" },
  "honeycombio__devrel-opentelemetry-demo__skaffold-config_demo-values": { critical: 'references exporter "spanmetrics" which is not configured', why: "a values overlay" },
  "last9__opentelemetry-examples__datadog-k8s-operator_migration-examples_07-json-parsing": { critical: "'log_statements.[0].statements' expected type 'string'", why: 'an unquoted statement holding `": "` is read by YAML as a map' },
  "liatrio__liatrio-otel-collector__config_config": { critical: 'references exporter "otlphttp/openobserve" which is not configured', why: "the exporter is commented out but still listed" },
  "lightstep__otel-collector-charts__charts_otel-cloud-stack_values": { critical: 'references receiver "prometheus/file" which is not configured', why: "a values fragment" },
  "oodle-ai__opentelemetry-demo__src_otel-collector_otelcol-config-extras": { critical: 'references receiver "otlp" which is not configured', why: "an overlay of the demo's base configuration" },
  "open-telemetry__opentelemetry-helm-charts__charts_opentelemetry-demo_values": { critical: 'references extension "health_check" which is not configured', why: "a values fragment; the chart adds the extension" },
  "signalfx__splunk-otel-collector__cmd_otelcol_config_collector_ecs_ec2_config": { critical: "has invalid keys: config_sources", why: "config_sources exist only in the Splunk distribution" },
  "taka2noda__opentelemetry-demo-dd__src_otel-collector_otelcol-config-extras": { critical: 'references receiver "otlp" which is not configured', why: "an overlay of the demo's base configuration" },
  "taylor-williams-dynatrace__dt-k8s-otel-o11y-cap__opentelemetry_collector_dynatrace_otel-collector-dynatrace-daemonset-crd": { critical: "'exclude' expected type 'slice'", why: "`exclude: {}` where the receiver takes a list" },
};

/** Converted files Alloy refuses because the source is refused by the collector too (component rules it checks). */
const INVALID_SOURCE: Record<string, { error: string; why: string }> = {
  "ArruaBrian__opentelemetry-stack__otel-collector-config": { error: "check_interval must be greater than zero", why: "memory_limiter without check_interval: the collector's Validate() refuses it as well" },
  "DataDog__opentelemetry-examples__guides_kubernetes_configuration_opentelemetry-kube-stack": { error: "invalid detector: k8s_api", why: "no resourcedetection detector of that name in the contrib distribution" },
};

/** Error messages of the validator on a converted file (with the run flags a user would pass for it). */
function validationErrors(text: string): string[] {
  return validate([parse(text, { name: "converted.alloy" })], { stabilityLevel: "experimental", communityComponents: true })
    .filter((d) => d.severity === "error").map((d) => d.message);
}

const dir = sharedDir ? shared("corpus", "collector") : "";
const files = sharedDir ? readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort() : [];
const refusal = (f: string) => Object.entries(REFUSED).find(([prefix]) => f.startsWith(prefix))?.[1];
const criticals = (r: ReturnType<typeof convertOtelcol>) => r.diagnostics.filter((d) => d.severity === "critical").map((d) => d.message);

describe.skipIf(!sharedDir)("the corpus of collector configurations", () => {
  it.each(files)("%s", (f) => {
    const text = readFileSync(path.join(dir, f), "utf8");
    const expected = refusal(f);
    const hybrid = convertOtelcol(text, { dialect: "hybrid", fileName: f });
    const native = convertOtelcol(text, { fileName: f });
    if (expected) {
      expect(hybrid.output).toBeUndefined();
      expect(criticals(hybrid).join("\n")).toContain(expected.critical);
      return;
    }
    expect(criticals(hybrid)).toEqual([]);
    expect(hybrid.output).toBeDefined();
    const invalid = Object.entries(INVALID_SOURCE).find(([prefix]) => f.startsWith(prefix))?.[1];
    const errors = validationErrors(hybrid.output!);
    if (invalid) expect(errors).toContain(invalid.error);
    else expect(errors).toEqual([]);
    const gaps = criticals(native).filter((c) => c.includes("has no Alloy equivalent") || / components? cannot be converted to Alloy components/.test(c));
    if (gaps.length === 0) {
      expect(criticals(native)).toEqual([]);
      expect(native.output).toBeDefined();
      if (!invalid) expect(validationErrors(native.output!)).toEqual([]);
    }
  });
});
