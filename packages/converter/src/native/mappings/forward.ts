/**
 * The `forward` connector → no component: its upstream pipelines' last components output straight into its
 * downstream pipelines' first consumers (same signal), which is what the connector does.
 */
import type { NativeDescription } from "../types.js";

export const forwardConnector: NativeDescription = {
  kind: "connector",
  otelTypes: ["forward"],
  alloyName: "",
  signals: [],
  rows: [],
  native: { role: "direct" },
};
