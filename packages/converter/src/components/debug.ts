/** `otelcol.exporter.debug` (otelcol-conversion.md §16.10). */
import type { ComponentDescription } from "../engine/description.js";

/** OTel prints verbosity levels capitalised (`Basic`), which Alloy accepts; kept in both modes (§18.5). */
const capitalised = (v: unknown) => (typeof v === "string" && v !== "" ? v[0]!.toUpperCase() + v.slice(1).toLowerCase() : v);

export const debugExporter: ComponentDescription = {
  kind: "exporter",
  otelTypes: ["debug"],
  alloyName: "otelcol.exporter.debug",
  signals: [],
  rows: [
    { attr: "verbosity", as: "string", alloyDefault: "basic", otelDefault: "basic", map: capitalised },
    { attr: "sampling_initial", as: "int", alloyDefault: 2, otelDefault: 2 },
    { attr: "sampling_thereafter", as: "int", alloyDefault: 1, otelDefault: 1 },
    { attr: "use_internal_logger", as: "bool", alloyDefault: true, otelDefault: true },
    { attr: "output_paths", as: "strings" },
  ],
};

export default [debugExporter];
