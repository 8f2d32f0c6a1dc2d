/**
 * Prometheus-protocol components:
 * - `prometheusremotewrite` exporter → `otelcol.exporter.prometheus` (the exporter other components send to)
 *   forwarding to a `prometheus.remote_write` block with the same label;
 * - `prometheus` receiver → one `prometheus.scrape` per scrape config (static targets; Kubernetes service
 *   discovery through `discovery.kubernetes`, `relabel_configs` through `discovery.relabel`,
 *   `metric_relabel_configs` through `prometheus.relabel`), all forwarding to `otelcol.receiver.prometheus`.
 */
import { type ComponentNote, type Row, type Source, componentNote } from "../../engine/description.js";
import type { RawMap, RawValue } from "@alloy-ts/otel";
import { Expr } from "../../engine/values.js";
import { sanitizeLabel } from "../../labels.js";
import type { NativeDescription } from "../types.js";
import { asRead, at, consumed, droppedKeys, fixed, fixedBlock, ref, refs, tlsConfigBlock } from "./values.js";

const REMOTE_WRITE_KEYS = [
  "endpoint", "headers", "timeout", "tls", "external_labels", "resource_to_telemetry_conversion", "add_metric_suffixes",
  "target_info", "remote_write_queue", "retry_on_failure", "compression", "send_metadata",
];

/** The sigv4auth extension the exporter authenticates with, if that is its authenticator. */
function sigv4Extension(src: Source): { id: string; config: RawMap | undefined } | undefined {
  const id = at(src.root.map, "auth.authenticator");
  if (typeof id !== "string" || id.split("/")[0] !== "sigv4auth") return undefined;
  const config = src.root.extension?.(id);
  return { id, config: config instanceof Map ? config : undefined };
}

/** `sigv4 {}` of the endpoint from the sigv4auth extension's settings (region, service, assumed role). */
function sigv4Block(src: Source): Row {
  const ext = sigv4Extension(src);
  const v = (k: string) => at(ext?.config, k);
  return {
    block: "sigv4",
    otel: "auth",
    parentDefault: "nil",
    build: () => ext !== undefined,
    rows: [
      // Read through the exporter's `auth.authenticator`, which the settings ledger then records as carried here.
      { attr: "region", as: "string", otel: "authenticator", map: (_, s) => asRead(v("region"), s) },
      fixed("role_arn", "string", v("assume_role.arn")),
      fixed("service_name", "string", v("service")),
    ],
  };
}

/** sigv4auth settings `prometheus.remote_write`'s `sigv4` block has no place for. */
const SIGV4_NOT_CARRIED = ["assume_role.session_name", "assume_role.sts_region", "assume_role.web_identity_token_file"];

function remoteWriteRows(src: Source): Row[] {
  const queueSize = at(src.root.map, "remote_write_queue.queue_size");
  return [
    { attr: "external_labels", as: "map", otel: "external_labels" },
    {
      block: "endpoint",
      otel: "",
      parentDefault: "nil",
      build: "always",
      rows: [
        { attr: "url", as: "string", otel: "endpoint", required: true },
        { attr: "remote_timeout", as: "duration", otel: "timeout", otelDefault: "5s", alloyDefault: "30s" },
        { attr: "headers", as: "map", otel: "headers" },
        fixedBlock("queue_config", typeof queueSize === "number", [fixed("capacity", "int", queueSize, 10000)]),
        fixedBlock("metadata_config", at(src.root.map, "send_metadata") === true, [fixed("send", "bool", true, true, true)]),
        tlsConfigBlock(src.root.get("tls")),
        sigv4Block(src),
      ],
    },
  ];
}

export const prometheusRemoteWriteExporter: NativeDescription = {
  kind: "exporter",
  otelTypes: ["prometheusremotewrite", "prometheus_remote_write"],
  alloyName: "otelcol.exporter.prometheus",
  signals: [],
  before: (src, label) => [{ name: "prometheus.remote_write", label, rows: remoteWriteRows(src) }],
  rows: [
    { attr: "include_target_info", as: "bool", otel: "target_info.enabled", otelDefault: true, alloyDefault: true },
    { attr: "forward_to", as: "any", otel: null, required: true, map: (_, src) => [new Expr(`prometheus.remote_write.${src.label}.receiver`)] },
    { attr: "add_metric_suffixes", as: "bool", otelDefault: true, alloyDefault: true },
    { attr: "resource_to_telemetry_conversion", as: "bool", otel: "resource_to_telemetry_conversion.enabled" },
  ],
  notes: (src, id) => [
    ...droppedKeys(src, sigv4Extension(src) ? [...REMOTE_WRITE_KEYS, "auth"] : REMOTE_WRITE_KEYS, `exporter/${id}`, "otelcol.exporter.prometheus or prometheus.remote_write"),
    // No `at`: the setting belongs to the extension (whose own block carries it), not to this exporter's `auth`.
    ...SIGV4_NOT_CARRIED.filter((k) => at(sigv4Extension(src)?.config, k) !== undefined).map((k) => componentNote("warning", `exporter/${id}: ${sigv4Extension(src)!.id} ${k} has no equivalent in prometheus.remote_write's sigv4 block; it was dropped`)),
    ...(src.root.has("remote_write_queue") && at(src.root.map, "remote_write_queue.num_consumers") !== undefined
      ? [componentNote("info", `exporter/${id}: remote_write_queue.num_consumers is not carried over; prometheus.remote_write scales its shards itself`, "remote_write_queue")]
      : []),
  ],
};

/** Prometheus reads relabel strings from any YAML scalar (`regex: true` is the string "true"). */
const text = (v: RawValue | undefined) => (typeof v === "boolean" || typeof v === "number" ? String(v) : v);

/** A `rule` block list from Prometheus relabel configs. */
function ruleRows(configs: readonly RawValue[]): Row[] {
  return configs.filter((c): c is RawMap => c instanceof Map).map((c) => ({
    block: "rule",
    otel: null,
    parentDefault: "nil" as const,
    build: () => true,
    rows: [
      fixed("source_labels", "strings", at(c, "source_labels")),
      fixed("separator", "string", text(at(c, "separator")) ?? ";", ";"),
      fixed("regex", "string", text(at(c, "regex")) ?? "(.*)", "(.*)"),
      fixed("modulus", "int", at(c, "modulus")),
      fixed("target_label", "string", at(c, "target_label")),
      fixed("replacement", "string", text(at(c, "replacement")) ?? "$1", "$1"),
      fixed("action", "string", typeof at(c, "action") === "string" ? String(at(c, "action")).toLowerCase() : "replace", "replace"),
    ],
  }));
}

/** Static targets as Alloy target objects (`__address__` plus the group's labels). */
function staticTargets(job: RawMap): RawMap[] {
  const groups = at(job, "static_configs");
  if (!Array.isArray(groups)) return [];
  return groups.flatMap((g) => {
    const targets = at(g, "targets");
    const labels = at(g, "labels");
    if (!Array.isArray(targets)) return [];
    return targets.map((t) => new Map<string, RawValue>([["__address__", String(t)], ...(labels instanceof Map ? [...labels] : [])]));
  });
}

const SCRAPE_KEYS = [
  "job_name", "scrape_interval", "scrape_timeout", "metrics_path", "scheme", "honor_labels", "honor_timestamps", "params",
  "static_configs", "kubernetes_sd_configs", "relabel_configs", "metric_relabel_configs", "basic_auth", "bearer_token",
  "bearer_token_file", "tls_config", "sample_limit",
];

const seconds = (d: RawValue | undefined): number | undefined => {
  if (typeof d !== "string") return undefined;
  const m = /^(\d+)(ms|s|m|h)$/.exec(d);
  if (!m) return undefined;
  return Number(m[1]) * ({ ms: 0.001, s: 1, m: 60, h: 3600 } as const)[m[2] as "ms" | "s" | "m" | "h"];
};

interface ScrapeJob {
  readonly name: string;
  readonly config: RawMap;
}

function scrapeJobs(src: Source): ScrapeJob[] {
  const list = at(src.root.map, "config.scrape_configs");
  if (!Array.isArray(list)) return [];
  return list.filter((j): j is RawMap => j instanceof Map).map((config, i) => ({ name: String(at(config, "job_name") ?? `job_${i}`), config }));
}

/** The blocks for one scrape job: optional discovery and relabel stages, then `prometheus.scrape`. */
function jobBlocks(job: ScrapeJob, base: string, receiver: string, global: RawMap | undefined) {
  const label = sanitizeLabel(`${base}_${job.name}`);
  const c = job.config;
  const blocks: { name: string; label: string; rows: readonly Row[] }[] = [];
  const k8s = at(c, "kubernetes_sd_configs");
  const sd = Array.isArray(k8s) && k8s[0] instanceof Map ? (k8s[0] as RawMap) : undefined;
  let targets: Row = { attr: "targets", as: "any", otel: null, required: true, map: (_, s) => asRead(staticTargets(c), s) };
  if (sd) {
    const names = at(sd, "namespaces.names");
    blocks.push({
      name: "discovery.kubernetes",
      label,
      rows: [
        fixed("role", "string", at(sd, "role"), undefined, true),
        fixedBlock("namespaces", Array.isArray(names), [fixed("names", "strings", names)]),
      ],
    });
    targets = ref("targets", `discovery.kubernetes.${label}.targets`);
  }
  const relabel = at(c, "relabel_configs");
  if (Array.isArray(relabel) && relabel.length > 0) {
    blocks.push({ name: "discovery.relabel", label, rows: [{ ...targets }, ...ruleRows(relabel)] });
    targets = ref("targets", `discovery.relabel.${label}.output`);
  }
  let forward = receiver;
  const metricRelabel = at(c, "metric_relabel_configs");
  const relabelStage: { name: string; label: string; rows: readonly Row[] }[] = [];
  if (Array.isArray(metricRelabel) && metricRelabel.length > 0) {
    relabelStage.push({ name: "prometheus.relabel", label, rows: [refs("forward_to", [receiver]), ...ruleRows(metricRelabel)] });
    forward = `prometheus.relabel.${label}.receiver`;
  }
  const interval = at(c, "scrape_interval") ?? at(global, "scrape_interval") ?? "1m";
  const explicitTimeout = at(c, "scrape_timeout") ?? at(global, "scrape_timeout");
  const intervalSeconds = seconds(interval) ?? 60;
  // Prometheus caps the default timeout at the interval.
  const timeout = explicitTimeout ?? (intervalSeconds < 10 ? interval : "10s");
  const basic = at(c, "basic_auth");
  blocks.push(...relabelStage, {
    name: "prometheus.scrape",
    label,
    rows: [
      consumed(c, SCRAPE_KEYS),
      ...(global ? [consumed(global, ["scrape_interval", "scrape_timeout"])] : []),
      targets,
      refs("forward_to", [forward]),
      fixed("job_name", "string", job.name),
      fixed("honor_labels", "bool", at(c, "honor_labels")),
      fixed("honor_timestamps", "bool", at(c, "honor_timestamps") ?? true, true),
      fixed("params", "map", at(c, "params")),
      fixed("scrape_interval", "duration", interval, "1m"),
      fixed("scrape_timeout", "duration", timeout, "10s"),
      fixed("metrics_path", "string", at(c, "metrics_path") ?? "/metrics", "/metrics"),
      fixed("scheme", "string", at(c, "scheme") ?? "http", "http"),
      fixed("sample_limit", "int", at(c, "sample_limit")),
      fixedBlock("basic_auth", basic instanceof Map, [
        fixed("username", "string", at(basic, "username")),
        fixed("password", "string", at(basic, "password")),
        fixed("password_file", "string", at(basic, "password_file")),
      ]),
      fixed("bearer_token", "string", at(c, "bearer_token")),
      fixed("bearer_token_file", "string", at(c, "bearer_token_file")),
      tlsConfigBlock(at(c, "tls_config")),
    ],
  });
  return blocks;
}

function receiverNotes(src: Source, id: string): ComponentNote[] {
  const notes: ComponentNote[] = droppedKeys(src, ["config"], `receiver/${id}`, "prometheus.scrape");
  const jobs = scrapeJobs(src);
  if (jobs.length === 0) notes.push(componentNote("warning", `receiver/${id}: no scrape_configs; nothing is scraped`, "config"));
  for (const job of jobs) {
    for (const k of job.config.keys()) {
      if (!SCRAPE_KEYS.includes(k)) notes.push(componentNote("warning", `receiver/${id}: scrape job "${job.name}": "${k}" is not converted; add it to prometheus.scrape (or a discovery.* component) by hand`, "config"));
    }
    const k8s = at(job.config, "kubernetes_sd_configs");
    if (Array.isArray(k8s) && k8s.length > 1) notes.push(componentNote("warning", `receiver/${id}: scrape job "${job.name}": only the first kubernetes_sd_configs entry is converted`, "config"));
    if (Array.isArray(k8s) && k8s.length > 0 && staticTargets(job.config).length > 0) {
      notes.push(componentNote("warning", `receiver/${id}: scrape job "${job.name}": static_configs next to kubernetes_sd_configs are not converted`, "config"));
    }
  }
  return notes;
}

export const prometheusReceiver: NativeDescription = {
  kind: "receiver",
  otelTypes: ["prometheus"],
  alloyName: "otelcol.receiver.prometheus",
  signals: ["metrics"],
  before: (src, label) => {
    const global = at(src.root.map, "config.global");
    return scrapeJobs(src).flatMap((job) => jobBlocks(job, label, `otelcol.receiver.prometheus.${label}.receiver`, global instanceof Map ? global : undefined));
  },
  rows: [{ output: true }],
  notes: receiverNotes,
};
