/** `otelcol.processor.batch` (otelcol-conversion.md §16.2). */
import type { ComponentDescription } from "../engine/description.js";

export const batchProcessor: ComponentDescription = {
  kind: "processor",
  otelTypes: ["batch"],
  alloyName: "otelcol.processor.batch",
  signals: ["metrics", "logs", "traces"],
  rows: [
    { attr: "timeout", as: "duration", alloyDefault: "200ms", otelDefault: "200ms" },
    { attr: "send_batch_size", as: "int", alloyDefault: 2000, otelDefault: 8192 },
    { attr: "send_batch_max_size", as: "int", alloyDefault: 3000, otelDefault: 0 },
    { attr: "metadata_keys", as: "strings" },
    { attr: "metadata_cardinality_limit", as: "int", alloyDefault: 1000, otelDefault: 1000 },
    { output: true },
  ],
};

export default [batchProcessor];
