/**
 * The resourcedetection processor: adds the attributes its detectors find to every resource. Detection reads the
 * host, which a verification run does not have: the detected attributes are the environment's `resource` table
 * (`alloy verify --resource KEY=VALUE`), the same for both sides, empty by default. `override` (default true)
 * decides whether detected values replace existing ones; a detector's `resource_attributes.<name>.enabled: false`
 * keeps that attribute out.
 */
import { getAttr, putAttr } from "../pdata/attributes.js";
import { asArray, asRecord, type ComponentFactory } from "./api.js";
import { resourceAttributeLists } from "./walk.js";

/** Attribute names some configured detector disables. */
function disabledAttributes(config: Record<string, unknown>): Set<string> {
  const off = new Set<string>();
  for (const [key, value] of Object.entries(config)) {
    if (key === "detectors" || !value || typeof value !== "object" || Array.isArray(value)) continue;
    for (const [name, setting] of Object.entries(asRecord(asRecord(value).resource_attributes)))
      if (asRecord(setting).enabled === false) off.add(name);
  }
  return off;
}

export const resourceDetectionProcessor: ComponentFactory = {
  kind: "processor",
  type: "resourcedetection",
  signals: ["traces", "metrics", "logs"],
  create(config, ctx) {
    const detectors = asArray(config.detectors);
    const override = config.override !== false;
    const off = disabledAttributes(config);
    // Earlier detectors win over later ones, as in the collector; the flat `resource` table comes last.
    const table: Record<string, string> = {};
    for (const d of [...detectors].reverse()) Object.assign(table, ctx.environment?.detectors?.[String(d)] ?? {});
    const flat = detectors.length === 0 ? {} : (ctx.environment?.resource ?? {});
    const merged = { ...flat, ...table };
    const detected = detectors.length === 0 ? [] : Object.entries(merged).filter(([k]) => !off.has(k));
    return {
      consume(t) {
        for (const attrs of resourceAttributeLists(t))
          for (const [k, v] of detected) if (override || getAttr(attrs, k) === undefined) putAttr(attrs, k, { stringValue: v });
        ctx.emit(t);
      },
    };
  },
};
