/**
 * `service::telemetry` → Alloy `logging` block and telemetry diagnostics (otelcol-conversion.md §9). OTel's
 * default telemetry settings apply to whatever the YAML leaves out.
 */
import { attr, block, str, type BlockStatement, type Statement } from "./alloy/ir.js";
import type { Diagnostic, Severity } from "@alloy-ts/grammar";
import { positionOf, type RawValue } from "@alloy-ts/otel";
import { convertDiagnostic } from "./diagnostics.js";

const LEVELS: Record<string, string> = { debug: "debug", info: "info", warn: "warn", error: "error", dpanic: "info", panic: "info", fatal: "info" };

const get = (v: RawValue | undefined, key: string): RawValue | undefined => (v instanceof Map ? v.get(key) : undefined);
const has = (v: RawValue | undefined, key: string): boolean => v instanceof Map && v.has(key) && v.get(key) !== null;

/** Converts the telemetry section; `logging` is undefined when Alloy's defaults already match. */
export function convertTelemetry(telemetry: RawValue | undefined, compat = true): { logging?: BlockStatement; notes: Diagnostic[]; error?: string } {
  const notes: Diagnostic[] = [];
  // Upstream fails the whole file for these settings of the collector's own telemetry; outside compat they are
  // Warnings: Alloy's own telemetry is configured elsewhere, and the pipelines convert regardless.
  const blocking: Severity = compat ? "critical" : "warning";
  const logs = get(telemetry, "logs");
  const metrics = get(telemetry, "metrics");
  const traces = get(telemetry, "traces");
  const note = (severity: Severity, what: string, container: RawValue | undefined, key: string, suffix = "") =>
    notes.push(convertDiagnostic(severity, `the service/telemetry/${what} configuration is not supported${suffix}`, positionOf(container, key)));

  const levelText = has(logs, "level") ? String(get(logs, "level")).toLowerCase() : "info";
  const level = LEVELS[levelText];
  if (level === undefined) return { notes, error: `unrecognized level: "${String(get(logs, "level"))}"` };
  const encoding = has(logs, "encoding") ? String(get(logs, "encoding")) : "console";
  let format = "logfmt";
  if (encoding === "json") format = "json";
  else if (encoding === "console") {
    notes.push(convertDiagnostic("info", "console log format is not supported, using default log format", positionOf(logs, "encoding")));
  }

  if (get(logs, "development") === true) note("warning", "logs/development", logs, "development");
  if (get(logs, "disable_caller") === true) note("warning", "logs/disable_caller", logs, "disable_caller");
  if (get(logs, "disable_stacktrace") === true) note("warning", "logs/disable_stacktrace", logs, "disable_stacktrace");
  // OTel enables sampling by default, so this warning appears for nearly every input.
  const sampling = get(logs, "sampling");
  if (!(has(logs, "sampling") && sampling instanceof Map && sampling.get("enabled") === false)) note("warning", "logs/sampling", logs, "sampling");
  const outputPaths = has(logs, "output_paths") ? get(logs, "output_paths") : ["stderr"];
  if (Array.isArray(outputPaths) && outputPaths.length > 0 && !(outputPaths.length === 1 && outputPaths[0] === "stderr")) {
    note(blocking, "logs/output_paths", logs, "output_paths");
  }
  const errorPaths = has(logs, "error_output_paths") ? get(logs, "error_output_paths") : ["stderr"];
  if (Array.isArray(errorPaths) && !(errorPaths.length === 1 && errorPaths[0] === "stderr")) {
    note(blocking, "logs/error_output_paths", logs, "error_output_paths");
  }
  if (has(logs, "initial_fields")) note(blocking, "logs/initial_fields", logs, "initial_fields");
  if (has(logs, "processors")) note(blocking, "logs/processors", logs, "processors");
  // OTel's default metrics telemetry has one pull reader.
  const readers = has(metrics, "readers") ? get(metrics, "readers") : [null];
  if (Array.isArray(readers) && readers.length > 0) {
    note("warning", "metrics/readers", metrics, "readers",
      " - to gather Alloy's own telemetry refer to: https://grafana.com/docs/alloy/latest/collect/metamonitoring/");
  }
  const tp = get(traces, "processors");
  if (Array.isArray(tp) && tp.length > 0) note(blocking, "traces/processors", traces, "processors");
  const props = get(traces, "propagators");
  if (Array.isArray(props) && props.length > 0) note(blocking, "traces/propagators", traces, "propagators");

  // Defaults rule against Alloy's logging defaults (level "info", format "logfmt").
  const body: Statement[] = [];
  if (level !== "info") body.push(attr("level", str(level)));
  if (format !== "logfmt") body.push(attr("format", str(format)));
  return { logging: body.length > 0 ? block("logging", body) : undefined, notes };
}
