/**
 * Every supported OTel component (otelcol-conversion.md §14). Add a family module's default export here.
 */
import type { ComponentDescription, ComponentKind } from "../engine/description.js";
import batch from "./batch.js";
import otlp from "./otlp.js";
import processors from "./processors.js";
import debug from "./debug.js";
import connectors from "./connectors.js";
import loadbalancing from "./loadbalancing.js";
import tailSampling from "./tail-sampling.js";
import httpReceivers from "./http-receivers.js";
import kafkaReceiver from "./kafka-receiver.js";
import logReceivers from "./log-receivers.js";
import cloudReceivers from "./cloud-receivers.js";
import scraperReceivers from "./scraper-receivers.js";
import solaceReceiver from "./solace-receiver.js";
import metricProcessors from "./metric-processors.js";
import redactionSpan from "./redaction-span.js";
import authExtensions from "./auth-extensions.js";
import extensions from "./extensions.js";
import metricConnectors from "./metric-connectors.js";
import exporters from "./exporters.js";
import vendorExporters from "./vendor-exporters.js";
import kafkaExporter from "./kafka-exporter.js";

export const COMPONENTS: readonly ComponentDescription[] = [
  ...otlp, ...batch, ...processors, ...debug, ...connectors, ...loadbalancing, ...tailSampling,
  ...metricProcessors,
  ...redactionSpan,
  ...authExtensions,
  ...extensions,
  ...metricConnectors,
  ...exporters,
  ...vendorExporters,
  ...kafkaExporter,
  ...httpReceivers,
  ...kafkaReceiver,
  ...logReceivers,
  ...cloudReceivers,
  ...scraperReceivers,
  ...solaceReceiver,
];

const byKey = new Map<string, ComponentDescription>();
for (const d of COMPONENTS) for (const t of d.otelTypes) byKey.set(`${d.kind}:${t}`, d);

/** The description for an OTel type of the given kind, if supported. */
export function findComponent(kind: ComponentKind, type: string): ComponentDescription | undefined {
  return byKey.get(`${kind}:${type}`);
}

/** Supported type names (and aliases) of a kind, sorted. */
export function supportedTypes(kind: ComponentKind): string[] {
  return COMPONENTS.filter((d) => d.kind === kind).flatMap((d) => d.otelTypes).sort();
}
