/**
 * Every collector configuration of ../shared/corpus/collector that the collector would load validates with no
 * error under `alloy validate --source-format=otelcol`; what remains is listed below, each with the reason it is
 * a genuine problem of the file (many are fragments: Helm values or "extras" files merged over another file).
 */
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { validateOtelcolYaml } from "@alloy-ts/validator";
import { decodeWithDescription } from "@alloy-ts/converter";
import { shared, sharedDir } from "../support/shared.js";

const EXTRAS = "an \"extras\" file merged over the demo's main configuration: its pipelines name components only that file defines";
const FRAGMENT = "Helm chart values: the pipelines name components (or leave receivers and exporters) to the chart's defaults, which the file does not hold";

/** Remaining errors, by file and code, with why each is the file's problem and not the validator's. */
const GENUINE: Record<string, string> = {
  "ClickHouse__opentelemetry-demo__src_otel-collector_otelcol-config-extras.yml otelcol/undefined-component": EXTRAS,
  "oodle-ai__opentelemetry-demo__src_otel-collector_otelcol-config-extras.yml otelcol/undefined-component": EXTRAS,
  "taka2noda__opentelemetry-demo-dd__src_otel-collector_otelcol-config-extras.yml otelcol/undefined-component": EXTRAS,
  "CloudDetail__apo-otel-collector__otelcol-config.yaml otelcol/decode": "fillproc_extension is a setting of the project's own fork of the otlp receiver; the collector's otlp receiver has no such key",
  "DataDog__opentelemetry-examples__guides_kubernetes_configuration_cluster-collector.yaml__extracted.yaml otelcol/undefined-component": "the metrics pipeline names an otlp receiver the configuration does not define",
  "aws-observability__aws-otel-test-framework__terraform_eks_container-insights-agent_config_map_fargate.yml__extracted.yaml otelcol/expansion":
    "regular-expression replacements written as ${1} without the $$ escape: the collector reads them as references to environment variables named 1",
  "coralogix__opentelemetry-helm-charts__charts_opentelemetry-collector_examples_loadbalancing_rendered_configmap-agent.yaml__extracted.yaml otelcol/undefined-component":
    "the profiles pipeline names a resource/metadata processor the configuration does not define",
  "datalust__opentelemetry-demo__src_otel-collector_otelcol-config.yml otelcol/connector-rule": "the span_metrics connector is used only as a receiver: no pipeline exports to it",
  "datalust__opentelemetry-demo__src_otel-collector_otelcol-config.yml otelcol/pipeline-shape": "pipelines with an empty exporters list",
  "eiathom__otel-collector-tail-aware-example__collector_configuration_loadbalancing-collector-configuration.yaml otelcol/decode":
    "the loadbalancing exporter's dns resolver port is written as a number; the collector decodes it into a string and refuses a number",
  "honeycombio__devrel-opentelemetry-demo__deploy_config-files_collector_values-daemonset.yaml__extracted.yaml otelcol/pipeline-shape": FRAGMENT,
  "honeycombio__devrel-opentelemetry-demo__skaffold-config_demo-values.yaml__extracted.yaml otelcol/pipeline-shape": FRAGMENT,
  "honeycombio__devrel-opentelemetry-demo__skaffold-config_demo-values.yaml__extracted.yaml otelcol/undefined-component": FRAGMENT,
  "last9__opentelemetry-examples__datadog-k8s-operator_migration-examples_07-json-parsing_opentelemetry.yaml otelcol/decode":
    "an OTTL statement written as a plain YAML scalar containing `\": ` parses as a mapping, where the transform processor expects a string",
  "liatrio__liatrio-otel-collector__config_config.yaml otelcol/undefined-component": "its pipelines name components (otlphttp/openobserve, webhookevent, gitlab) the configuration does not define",
  "lightstep__otel-collector-charts__charts_otel-cloud-stack_values.yaml__extracted.yaml otelcol/undefined-component": FRAGMENT,
  "open-telemetry__opentelemetry-helm-charts__charts_opentelemetry-demo_values.yaml__extracted.yaml otelcol/undefined-component": FRAGMENT,
  "open-telemetry__opentelemetry-helm-charts__charts_opentelemetry-demo_values.yaml__extracted.yaml otelcol/pipeline-shape": FRAGMENT,
  "signalfx__splunk-otel-collector__cmd_otelcol_config_collector_ecs_ec2_config.yaml otelcol/unknown-key": "config_sources exist only in the Splunk distribution of the collector",
  "taylor-williams-dynatrace__dt-k8s-otel-o11y-cap__opentelemetry_collector_dynatrace_otel-collector-dynatrace-daemonset-crd.yaml__extracted.yaml otelcol/decode":
    "the filelog receiver's exclude is written as an empty map, where the collector expects a list of paths",
};

describe.skipIf(!sharedDir)("collector corpus", () => {
  const dir = sharedDir ? shared("corpus", "collector") : "";
  const files = sharedDir ? readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort() : [];

  it("has configurations to check", () => {
    expect(files.length).toBeGreaterThan(100);
  });

  it("gives no error but the genuine ones listed, and every listed one still occurs", () => {
    const found = new Set<string>();
    const unexpected: string[] = [];
    for (const f of files) {
      const r = validateOtelcolYaml(new Uint8Array(readFileSync(`${dir}/${f}`)), f, { decodeFallback: decodeWithDescription });
      for (const d of r.diagnostics) {
        if (d.severity !== "error") continue;
        const key = `${f} ${d.code}`;
        found.add(key);
        if (!(key in GENUINE)) {
          const p = r.source.position(d.range.start);
          unexpected.push(`${f}:${p.line}:${p.column} ${d.code} ${d.message}`);
        }
      }
    }
    expect(unexpected).toEqual([]);
    expect(Object.keys(GENUINE).filter((k) => !found.has(k))).toEqual([]);
  });
});
