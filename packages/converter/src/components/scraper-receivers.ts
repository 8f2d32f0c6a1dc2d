/** Scraping receivers (otelcol-conversion.md §17): nginx, file_stats (OTel `filestats`) and vcenter. */
import type { BlockRow, ComponentDescription, Row } from "../engine/description.js";
import { tlsClient } from "./shared.js";

/** `{ enabled }` blocks named after OTel's dotted metric or attribute names; Alloy's defaults equal OTel's. */
function toggleBlocks(names: readonly string[], enabledByDefault: (name: string) => boolean): BlockRow[] {
  return names.map((name) => {
    const enabled = enabledByDefault(name);
    return {
      block: name,
      otel: [name],
      parentDefault: "own",
      rows: [{ attr: "enabled", as: "bool", alloyDefault: enabled, otelDefault: enabled }],
    };
  });
}

/** Scraper controller arguments with Alloy's defaults (1m, 1s, 0) and the component's OTel collection interval. */
function scraperRows(otelCollectionInterval: string): Row[] {
  return [
    { attr: "collection_interval", as: "duration", alloyDefault: "1m", otelDefault: otelCollectionInterval },
    { attr: "initial_delay", as: "duration", alloyDefault: "1s", otelDefault: "1s" },
    { attr: "timeout", as: "duration" },
  ];
}

export const nginxReceiver: ComponentDescription = {
  kind: "receiver",
  otelTypes: ["nginx"],
  alloyName: "otelcol.receiver.nginx",
  signals: ["metrics"],
  rows: [
    { attr: "endpoint", as: "string", required: true },
    { attr: "collection_interval", as: "duration", alloyDefault: "10s", otelDefault: "10s" },
    { attr: "initial_delay", as: "duration", alloyDefault: "1s", otelDefault: "1s" },
    { output: true },
  ],
};

const FILE_METRICS = ["file.atime", "file.count", "file.ctime", "file.mtime", "file.size"];
const FILE_METRICS_ENABLED = new Set(["file.mtime", "file.size"]);

const attributeFilterRows: Row[] = [
  { attr: "strict", as: "string" },
  { attr: "regexp", as: "string" },
];

/**
 * A file_stats resource attribute: the converter always builds it with (empty) include/exclude lists, so it is
 * written whenever the enclosing block is, against all-zero defaults (§17).
 */
const fileResourceAttribute = (name: string): BlockRow => ({
  block: name,
  otel: [name],
  parentDefault: "nil",
  build: "always",
  rows: [
    { attr: "enabled", as: "bool", otelDefault: true },
    { blocks: "metrics_include", rows: attributeFilterRows },
    { blocks: "metrics_exclude", rows: attributeFilterRows },
  ],
});

export const filestatsReceiver: ComponentDescription = {
  kind: "receiver",
  otelTypes: ["filestats"],
  alloyName: "otelcol.receiver.file_stats",
  signals: ["metrics"],
  rows: [
    { attr: "include", as: "string", required: true },
    ...scraperRows("1m"),
    { block: "metrics", parentDefault: "own", rows: toggleBlocks(FILE_METRICS, (n) => FILE_METRICS_ENABLED.has(n)) },
    {
      block: "resource_attributes",
      parentDefault: "nil",
      build: "always",
      rows: [fileResourceAttribute("file.name"), fileResourceAttribute("file.path")],
    },
    { output: true },
  ],
};

/** vcenter metrics in Alloy's declaration order (without the `vcenter.` prefix). */
const VCENTER_METRICS = [
  "cluster.cpu.effective", "cluster.cpu.limit", "cluster.host.count", "cluster.memory.effective",
  "cluster.memory.limit", "cluster.vm.count", "cluster.vm_template.count", "cluster.vsan.congestions",
  "cluster.vsan.latency.avg", "cluster.vsan.operations", "cluster.vsan.throughput", "datacenter.cluster.count",
  "datacenter.cpu.limit", "datacenter.datastore.count", "datacenter.disk.space", "datacenter.host.count",
  "datacenter.memory.limit", "datacenter.vm.count", "datastore.disk.usage", "datastore.disk.utilization",
  "host.cpu.capacity", "host.cpu.reserved", "host.cpu.usage", "host.cpu.utilization", "host.disk.latency.avg",
  "host.disk.latency.max", "host.disk.throughput", "host.memory.capacity", "host.memory.usage",
  "host.memory.utilization", "host.network.packet.rate", "host.network.packet.error.rate",
  "host.network.packet.drop.rate", "host.network.throughput", "host.network.usage", "host.vsan.cache.hit_rate",
  "host.vsan.congestions", "host.vsan.latency.avg", "host.vsan.operations", "host.vsan.throughput",
  "resource_pool.cpu.shares", "resource_pool.cpu.usage", "resource_pool.memory.ballooned",
  "resource_pool.memory.granted", "resource_pool.memory.shares", "resource_pool.memory.swapped",
  "resource_pool.memory.usage", "vm.cpu.readiness", "vm.cpu.usage", "vm.cpu.utilization",
  "vm.disk.latency.avg", "vm.disk.latency.max", "vm.disk.throughput", "vm.disk.usage", "vm.disk.utilization",
  "vm.memory.ballooned", "vm.memory.granted", "vm.memory.swapped", "vm.memory.swapped_ssd", "vm.memory.usage",
  "vm.memory.utilization", "vm.network.packet.rate", "vm.network.packet.drop.rate", "vm.network.throughput",
  "vm.network.usage", "vm.vsan.latency.avg", "vm.vsan.operations", "vm.vsan.throughput"
];
/** The vcenter metrics OTel and Alloy leave disabled; every other metric is enabled by default. */
const VCENTER_METRICS_DISABLED = new Set(["vcenter.host.memory.capacity", "vcenter.vm.memory.granted"]);

const VCENTER_RESOURCE_ATTRIBUTES = [
  "datacenter.name", "cluster.name", "datastore.name", "host.name", "resource_pool.inventory_path",
  "resource_pool.name", "virtual_app.inventory_path", "virtual_app.name", "vm.id", "vm.name", "vm_template.id",
  "vm_template.name",
];

const vcenterNames = (names: readonly string[]) => names.map((n) => `vcenter.${n}`);

export const vcenterReceiver: ComponentDescription = {
  kind: "receiver",
  otelTypes: ["vcenter"],
  alloyName: "otelcol.receiver.vcenter",
  signals: ["metrics", "traces"],
  rows: [
    { attr: "endpoint", as: "string", required: true },
    { attr: "username", as: "string", required: true },
    { attr: "password", as: "string", required: true },
    {
      block: "metrics",
      parentDefault: "own",
      rows: toggleBlocks(vcenterNames(VCENTER_METRICS), (n) => !VCENTER_METRICS_DISABLED.has(n)),
    },
    { block: "resource_attributes", parentDefault: "own", rows: toggleBlocks(vcenterNames(VCENTER_RESOURCE_ATTRIBUTES), () => true) },
    ...scraperRows("2m"),
    tlsClient(),
    // Never set by the converter while Alloy's default is 256: always written as 0 (§18.14).
    { attr: "max_query_metrics", as: "int", otel: null, alloyDefault: 256 },
    { output: true },
  ],
};

export default [nginxReceiver, filestatsReceiver, vcenterReceiver];
