/**
 * The removed `logging` exporter → `otelcol.exporter.debug`. Its `verbosity` (default `normal`) is kept; the older
 * `loglevel` maps as the logging exporter mapped it (debug → detailed, info → normal, warn/error → basic) and wins
 * only when `verbosity` is absent. Its sampling defaults were 2 and 500.
 */
import type { RawValue } from "@alloy-ts/otel";
import type { Source } from "../../engine/description.js";
import type { NativeDescription } from "../types.js";

const LOGLEVEL_VERBOSITY: Record<string, string> = { debug: "detailed", info: "normal", warn: "basic", error: "basic" };

function verbosity(_: RawValue | undefined, src: Source): unknown {
  const explicit = src.get("verbosity");
  if (typeof explicit === "string") return explicit.toLowerCase();
  const level = src.get("loglevel");
  if (typeof level === "string") return LOGLEVEL_VERBOSITY[level.toLowerCase()] ?? "normal";
  return explicit ?? "normal";
}

export const loggingExporter: NativeDescription = {
  kind: "exporter",
  otelTypes: ["logging"],
  alloyName: "otelcol.exporter.debug",
  signals: [],
  rows: [
    { attr: "verbosity", as: "string", otel: null, alloyDefault: "basic", map: verbosity },
    { attr: "sampling_initial", as: "int", alloyDefault: 2, otelDefault: 2 },
    { attr: "sampling_thereafter", as: "int", alloyDefault: 1, otelDefault: 500 },
  ],
};
