/** `otelcol.exporter.loadbalancing` (otelcol-conversion.md §16.14). */
import type { ComponentDescription } from "../engine/description.js";
import { grpcClientRows, retryRows, sendingQueue } from "./shared.js";

export const loadbalancingExporter: ComponentDescription = {
  kind: "exporter",
  otelTypes: ["load_balancing", "loadbalancing"],
  alloyName: "otelcol.exporter.loadbalancing",
  signals: [],
  rows: [
    {
      block: "protocol",
      required: true,
      rows: [
        {
          block: "otlp",
          required: true,
          rows: [
            { attr: "timeout", as: "duration", alloyDefault: "5s", otelDefault: "5s" },
            { ...sendingQueue, block: "queue", otel: "sending_queue" },
            { block: "retry", otel: "retry_on_failure", parentDefault: "own", rows: retryRows(true) },
            { block: "client", otel: "", required: true, rows: grpcClientRows({ endpoint: false }) },
          ],
        },
      ],
    },
    {
      block: "resolver",
      required: true,
      rows: [
        { block: "static", parentDefault: "nil", rows: [{ attr: "hostnames", as: "strings", required: true }] },
        {
          block: "dns",
          parentDefault: "nil",
          rows: [
            { attr: "hostname", as: "string", required: true },
            { attr: "port", as: "string", alloyDefault: "4317", otelDefault: "4317" },
            { attr: "interval", as: "duration", alloyDefault: "5s", otelDefault: "5s" },
            { attr: "timeout", as: "duration", alloyDefault: "1s", otelDefault: "1s" },
          ],
        },
        {
          block: "kubernetes",
          otel: "k8s",
          parentDefault: "nil",
          rows: [
            { attr: "service", as: "string", required: true },
            { attr: "ports", as: "ints", alloyDefault: [4317], otelDefault: [4317] },
            { attr: "timeout", as: "duration", alloyDefault: "1m", otelDefault: "1m" },
            { attr: "return_hostnames", as: "bool" },
          ],
        },
        {
          block: "aws_cloud_map",
          parentDefault: "nil",
          rows: [
            { attr: "namespace", as: "string" },
            { attr: "service_name", as: "string" },
            // OTel's resolver takes an empty value as these defaults, which are Alloy's (schemas/).
            { attr: "health_status", as: "string", alloyDefault: "HEALTHY", map: (v) => v || "HEALTHY" },
            { attr: "interval", as: "duration", alloyDefault: "30s", map: (v) => v || "30s" },
            { attr: "timeout", as: "duration", alloyDefault: "5s", map: (v) => v || "5s" },
            { attr: "port", as: "int" },
          ],
        },
      ],
    },
    // An empty OTel routing key means Alloy's default.
    { attr: "routing_key", as: "string", alloyDefault: "traceID", map: (v) => v || "traceID" },
    { attr: "timeout", as: "duration" },
    // Unlike other exporters, Alloy's defaults for these two top-level blocks are all-zero (§16.14).
    { block: "retry_on_failure", parentDefault: "zero", rows: retryRows(false) },
    { ...sendingQueue, parentDefault: "zero" },
  ],
};

export default [loadbalancingExporter];
