/**
 * The `loki` exporter (removed from contrib) → `otelcol.exporter.loki` forwarding to a `loki.write` block with the
 * same label (endpoint URL, headers, tenant, timeout and TLS files carried over).
 */
import type { NativeDescription } from "../types.js";
import { componentNote } from "../../engine/description.js";
import { Expr } from "../../engine/values.js";
import { droppedKeys, tlsConfigBlock } from "./values.js";

const HANDLED = ["endpoint", "headers", "timeout", "tls", "tenant_id", "default_labels_enabled", "sending_queue", "retry_on_failure"];

export const lokiExporter: NativeDescription = {
  kind: "exporter",
  otelTypes: ["loki"],
  alloyName: "otelcol.exporter.loki",
  signals: [],
  before: (src, label) => [{
    name: "loki.write",
    label,
    rows: [{
      block: "endpoint",
      otel: "",
      parentDefault: "nil",
      build: "always",
      rows: [
        { attr: "url", as: "string", otel: "endpoint", required: true },
        { attr: "remote_timeout", as: "duration", otel: "timeout", alloyDefault: "10s", map: (v) => v ?? "10s" },
        { attr: "headers", as: "map", otel: "headers" },
        { attr: "tenant_id", as: "string" },
        tlsConfigBlock(src.root.get("tls")),
      ],
    }],
  }],
  rows: [{ attr: "forward_to", as: "any", otel: null, required: true, map: (_, src) => [new Expr(`loki.write.${src.label}.receiver`)] }],
  notes: (src, id) => [
    ...droppedKeys(src, HANDLED, `exporter/${id}`, "otelcol.exporter.loki or loki.write"),
    ...(src.root.has("default_labels_enabled")
      ? [componentNote("info", `exporter/${id}: default_labels_enabled is not carried over; otelcol.exporter.loki always adds the job/instance/exporter labels it derives`, "default_labels_enabled")]
      : []),
  ],
};
