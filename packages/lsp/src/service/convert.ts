/** The convert command: OpenTelemetry Collector YAML → Alloy, through the converter when one is wired in. */
import type { ConversionResult, ServiceContext } from "./context.js";

/** Command identifier shared by the server and the editor extension. */
export const CONVERT_COMMAND = "alloy.convertOtelcol";

/** Converts a collector document; reports why when no converter is available or it fails. */
export function convertOtelcol(yaml: string, ctx: ServiceContext): ConversionResult {
  if (!ctx.convert) return { output: "", diagnostics: [{ severity: "error", message: "no OpenTelemetry Collector converter is available in this build" }] };
  try {
    return ctx.convert(yaml);
  } catch (e) {
    return { output: "", diagnostics: [{ severity: "error", message: `conversion failed: ${e instanceof Error ? e.message : String(e)}` }] };
  }
}
