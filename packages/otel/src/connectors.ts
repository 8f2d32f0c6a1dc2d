/**
 * Which (exporter-side signal → receiver-side signal) pairs common connectors support (otel-config spec 3).
 * Connectors not listed are not checked. The converter and the runtime read the same table.
 */
type Supports = (from: string, to: string) => boolean;

const same: Supports = (a, b) => a === b;
const toMetrics = (froms: string[]): Supports => (a, b) => b === "metrics" && froms.includes(a);

export const CONNECTOR_SIGNALS: Record<string, Supports> = {
  forward: same,
  routing: same,
  failover: same,
  roundrobin: same,
  spanmetrics: toMetrics(["traces"]),
  servicegraph: toMetrics(["traces"]),
  count: toMetrics(["traces", "metrics", "logs", "profiles"]),
  sum: toMetrics(["traces", "metrics", "logs"]),
  signaltometrics: toMetrics(["traces", "metrics", "logs", "profiles"]),
  exceptions: (a, b) => a === "traces" && (b === "metrics" || b === "logs"),
  grafanacloud: toMetrics(["traces"]),
};
