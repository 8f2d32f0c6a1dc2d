/**
 * `resourcedetection` (alias `resource_detection`) → `otelcol.processor.resourcedetection`. Argument names and
 * Alloy defaults from schemas/otelcol.processor.resourcedetection.json: `detectors`, `override`, `timeout`, one
 * block per detector, each with its `resource_attributes { <attr> { enabled } }` toggles.
 */
import type { AttrRow, BlockRow, Row } from "../../engine/description.js";
import type { NativeDescription } from "../types.js";

/** Resource attributes each detector block can toggle (Alloy's block names; the collector uses the same keys). */
const RESOURCE_ATTRIBUTES: Record<string, readonly string[]> = {
  ec2: ["cloud.account.id", "cloud.availability_zone", "cloud.platform", "cloud.provider", "cloud.region", "host.id", "host.image.id", "host.name", "host.type"],
  ecs: ["aws.ecs.cluster.arn", "aws.ecs.launchtype", "aws.ecs.task.arn", "aws.ecs.task.family", "aws.ecs.task.id", "aws.ecs.task.revision", "aws.log.group.arns", "aws.log.group.names", "aws.log.stream.arns", "aws.log.stream.names", "cloud.account.id", "cloud.availability_zone", "cloud.platform", "cloud.provider", "cloud.region"],
  eks: ["cloud.account.id", "cloud.platform", "cloud.provider", "k8s.cluster.name"],
  elasticbeanstalk: ["cloud.platform", "cloud.provider", "deployment.environment", "service.instance.id", "service.version"],
  lambda: ["aws.log.group.names", "aws.log.stream.names", "cloud.platform", "cloud.provider", "cloud.region", "faas.instance", "faas.max_memory", "faas.name", "faas.version"],
  akamai: ["cloud.provider", "cloud.region", "host.id", "host.name"],
  azure: ["azure.resourcegroup.name", "azure.vm.name", "azure.vm.scaleset.name", "azure.vm.size", "cloud.account.id", "cloud.platform", "cloud.provider", "cloud.region", "cloud.availability_zone", "host.id", "host.name"],
  aks: ["cloud.platform", "cloud.provider", "k8s.cluster.name"],
  consul: ["cloud.region", "host.id", "host.name"],
  docker: ["host.name", "os.type"],
  digitalocean: ["cloud.provider", "cloud.region", "host.id", "host.name"],
  gcp: ["cloud.account.id", "cloud.availability_zone", "cloud.platform", "cloud.provider", "cloud.region", "faas.id", "faas.instance", "faas.name", "faas.version", "gcp.cloud_run.job.execution", "gcp.cloud_run.job.task_index", "gcp.gce.instance.hostname", "gcp.gce.instance.name", "gcp.gce.instance.group_manager.name", "gcp.gce.instance.group_manager.region", "gcp.gce.instance.group_manager.zone", "host.id", "host.name", "host.type", "k8s.cluster.name"],
  heroku: ["cloud.provider", "heroku.app.id", "heroku.dyno.id", "heroku.release.commit", "heroku.release.creation_timestamp", "service.instance.id", "service.name", "service.version"],
  hetzner: ["cloud.availability_zone", "cloud.provider", "cloud.region", "host.id", "host.name"],
  system: ["host.arch", "host.cpu.cache.l2.size", "host.cpu.family", "host.cpu.model.id", "host.cpu.model.name", "host.cpu.stepping", "host.cpu.vendor.id", "host.id", "host.interface", "host.ip", "host.mac", "host.name", "os.build.id", "os.description", "os.name", "os.type", "os.version"],
  openshift: ["cloud.platform", "cloud.provider", "cloud.region", "k8s.cluster.name"],
  kubernetes_node: ["k8s.node.name", "k8s.node.uid"],
  kubeadm: ["k8s.cluster.name", "k8s.cluster.uid"],
  nova: ["cloud.platform", "cloud.provider", "cloud.region", "cloud.availability_zone", "host.id", "host.name", "host.type"],
  oraclecloud: ["cloud.platform", "cloud.provider", "cloud.region", "cloud.availability_zone", "host.id", "host.name", "host.type", "k8s.cluster.name", "oracle_cloud.realm"],
  scaleway: ["cloud.account.id", "cloud.availability_zone", "cloud.platform", "cloud.provider", "cloud.region", "host.id", "host.image.id", "host.image.name", "host.name", "host.type"],
  upcloud: ["cloud.provider", "cloud.region", "host.id", "host.name"],
  vultr: ["cloud.provider", "cloud.region", "host.id", "host.name"],
  tencent_cvm: ["cloud.account.id", "cloud.availability_zone", "cloud.platform", "cloud.provider", "cloud.region", "host.id", "host.image.id", "host.name", "host.type"],
  alibaba_ecs: ["cloud.account.id", "cloud.availability_zone", "cloud.platform", "cloud.provider", "cloud.region", "host.id", "host.image.id", "host.name", "host.type"],
};

/** Detector-specific arguments other than `resource_attributes`, with Alloy's defaults (equal to OTel's). */
const DETECTOR_ARGUMENTS: Record<string, readonly AttrRow[]> = {
  ec2: [
    { attr: "tags", as: "strings" },
    { attr: "max_attempts", as: "int", alloyDefault: 3, otelDefault: 3 },
    { attr: "max_backoff", as: "duration", alloyDefault: "20s", otelDefault: "20s" },
    { attr: "fail_on_missing_metadata", as: "bool" },
    { attr: "tags_from_imds", as: "bool" },
  ],
  eks: [{ attr: "node_from_env_var", as: "string", alloyDefault: "K8S_NODE_NAME", otelDefault: "K8S_NODE_NAME" }],
  azure: [{ attr: "tags", as: "strings" }],
  consul: [
    { attr: "address", as: "string" },
    { attr: "datacenter", as: "string" },
    { attr: "token", as: "string" },
    { attr: "namespace", as: "string" },
    { attr: "meta", as: "strings", map: (v) => (v instanceof Map ? [...v.keys()] : v) },
  ],
  system: [{ attr: "hostname_sources", as: "strings", alloyDefault: ["dns", "os"], otelDefault: ["dns", "os"] }],
  openshift: [{ attr: "address", as: "string" }, { attr: "token", as: "string" }],
  kubernetes_node: [
    { attr: "auth_type", as: "string", alloyDefault: "serviceAccount", otelDefault: "serviceAccount" },
    { attr: "context", as: "string" },
    { attr: "node_from_env_var", as: "string", alloyDefault: "K8S_NODE_NAME", otelDefault: "K8S_NODE_NAME" },
  ],
  kubeadm: [
    { attr: "auth_type", as: "string", alloyDefault: "serviceAccount", otelDefault: "serviceAccount" },
    { attr: "context", as: "string" },
  ],
  nova: [{ attr: "fail_on_missing_metadata", as: "bool" }, { attr: "labels", as: "strings" }],
};

/** Collector detector names that Alloy spells differently (detector list values and config keys). */
const DETECTOR_RENAMES: Record<string, string> = {
  k8snode: "kubernetes_node",
  elastic_beanstalk: "elasticbeanstalk",
  openstack_nova: "nova",
};

const alloyDetector = (name: string) => DETECTOR_RENAMES[name] ?? name;
const otelKeyOf = (alloyName: string) => Object.keys(DETECTOR_RENAMES).find((k) => DETECTOR_RENAMES[k] === alloyName) ?? alloyName;

function detectorBlock(name: string, attributes: readonly string[]): BlockRow {
  const toggles: BlockRow[] = attributes.map((a) => ({
    block: a,
    otel: [a],
    parentDefault: "nil",
    rows: [{ attr: "enabled", as: "bool", required: true }],
  }));
  return {
    block: name,
    otel: otelKeyOf(name),
    parentDefault: "nil",
    rows: [
      ...(DETECTOR_ARGUMENTS[name] ?? []),
      { block: "resource_attributes", parentDefault: "nil", rows: toggles },
    ],
  };
}

const rows: Row[] = [
  {
    attr: "detectors",
    as: "strings",
    alloyDefault: ["env"],
    otelDefault: ["env"],
    map: (v) => (Array.isArray(v) ? v.map((d) => (typeof d === "string" ? alloyDetector(d) : d)) : v),
  },
  { attr: "override", as: "bool", alloyDefault: true, otelDefault: true },
  { attr: "timeout", as: "duration", alloyDefault: "5s", otelDefault: "5s" },
  ...Object.entries(RESOURCE_ATTRIBUTES).map(([name, attributes]) => detectorBlock(name, attributes)),
  { output: true },
];

export const resourceDetectionProcessor: NativeDescription = {
  kind: "processor",
  otelTypes: ["resource_detection", "resourcedetection"],
  alloyName: "otelcol.processor.resourcedetection",
  signals: ["metrics", "logs", "traces"],
  rows,
};
