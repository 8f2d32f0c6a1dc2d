/**
 * Extensions whose service Alloy itself provides: not emitted, an Info says where the feature is
 * (alloy-otel-engine.md: Alloy's HTTP server answers `/-/healthy`, `/-/ready` and `/debug/pprof`; its UI replaces
 * zPages).
 */
import type { NativeDescription } from "../types.js";

function absorbed(otelTypes: readonly string[], note: string): NativeDescription {
  return { kind: "extension", otelTypes, alloyName: "", signals: [], rows: [], native: { role: "absorbed", note } };
}

export const healthCheckExtension = absorbed(
  ["health_check"],
  "Alloy's HTTP server (--server.http.listen-addr, default 127.0.0.1:12345) answers /-/healthy and /-/ready; point probes there",
);
export const pprofExtension = absorbed(
  ["pprof"],
  "Alloy's HTTP server (--server.http.listen-addr, default 127.0.0.1:12345) serves /debug/pprof",
);
export const zpagesExtension = absorbed(
  ["zpages"],
  "Alloy's UI on its HTTP server (--server.http.listen-addr, default 127.0.0.1:12345) shows components and their health; /debug/pprof and /metrics cover the rest",
);
