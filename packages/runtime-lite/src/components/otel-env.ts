/**
 * The OpenTelemetry environment variables the collector honours, read as it reads them: the `env` resource
 * detector takes OTEL_RESOURCE_ATTRIBUTES (`key=value` pairs separated by commas, values percent-decoded; a
 * malformed pair is an error that the detector reports).
 */
export function envDetector(env: Record<string, string | undefined>): { attributes: Record<string, string> } | { error: string } {
  const raw = env.OTEL_RESOURCE_ATTRIBUTES?.trim();
  const attributes: Record<string, string> = {};
  if (!raw) return { attributes };
  for (const pair of raw.split(",")) {
    if (pair.trim() === "") continue;
    const eq = pair.indexOf("=");
    if (eq <= 0) return { error: `invalid resource format in attribute: "${pair}", expected key=value` };
    try {
      attributes[pair.slice(0, eq).trim()] = decodeURIComponent(pair.slice(eq + 1).trim());
    } catch {
      return { error: `invalid resource format in attribute: "${pair}", the value is not percent-encoded correctly` };
    }
  }
  return { attributes };
}
