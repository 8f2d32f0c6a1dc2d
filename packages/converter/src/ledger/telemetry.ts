/**
 * Fates of the `service::telemetry` settings (otelcol-conversion.md §9): the log level and encoding reach
 * Alloy's `logging` block; the settings the converter names in a diagnostic are lost with that diagnostic as the
 * reason; everything else is lost with a Warning of its own (Alloy configures its own telemetry with the
 * `logging` block and command-line flags, not with the collector's settings).
 */
import type { RawValue } from "@alloy-ts/otel";
import { positionOf } from "@alloy-ts/otel";
import { leavesOf, type SettingFate } from "./ledger.js";

const OWNER = "service::telemetry";

/** Settings carried into `logging`, by path. */
const CARRIED: Record<string, string> = {
  "logs.level": "logging.level",
  "logs.encoding": "logging.format",
};

/** Settings (and subtrees) the telemetry conversion names in its own diagnostic. */
const NAMED = [
  "logs.development", "logs.disable_caller", "logs.disable_stacktrace", "logs.sampling", "logs.output_paths",
  "logs.error_output_paths", "logs.initial_fields", "logs.processors", "metrics.readers", "traces.processors",
  "traces.propagators",
];

export function telemetryFates(telemetry: RawValue | undefined): SettingFate[] {
  if (!(telemetry instanceof Map)) return [];
  return leavesOf(telemetry).map((leaf) => {
    const base = { owner: OWNER, path: leaf.path, position: positionOf(leaf.container, leaf.key) };
    const carried = CARRIED[leaf.path];
    if (carried !== undefined) return { ...base, fate: "carried" as const, detail: carried };
    const named = NAMED.find((n) => leaf.path === n || leaf.path.startsWith(n + ".") || leaf.path.startsWith(n + "["));
    if (named !== undefined) return { ...base, fate: "not-carried" as const, detail: `the service/telemetry/${named.replace(".", "/")} configuration is not supported` };
    return { ...base, fate: "not-carried" as const, detail: "no setting of Alloy's logging block takes it (Alloy's own telemetry is set with the logging block and command-line flags)" };
  });
}
