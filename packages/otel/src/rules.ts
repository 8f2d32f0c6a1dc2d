/**
 * The collector's structural rules over the model (otel-config.md §3): at least one pipeline, each with a
 * receiver and an exporter; every listed ID defined; no processor twice in a pipeline; connectors used on both
 * sides with supported signal pairs and never on both sides of one pipeline; a connector ID not reused by a
 * receiver or exporter. Components defined but unused are warnings (the collector ignores them silently).
 */
import { CONNECTOR_SIGNALS } from "./connectors.js";
import type { CollectorConfig, CollectorPipeline, ListedId, ModelProblem } from "./model.js";
import { normalizeId } from "./model.js";
import { positionOf, spanOf } from "./yaml/load.js";
import { KINDS, type Kind } from "./vocabulary.js";

const listedAt = (l: ListedId) => ({ position: positionOf(l.container, l.index), range: spanOf(l.container, l.index) });

/** Every structural problem, in the order of the configuration's text. */
export function structuralProblems(config: CollectorConfig): ModelProblem[] {
  const out: ModelProblem[] = [];
  const defined = new Map<Kind, Map<string, (typeof config.components)[number]>>(KINDS.map((k) => [k, new Map()]));
  for (const c of config.components) defined.get(c.kind)!.set(c.id, c);
  const used = new Map<Kind, Set<string>>(KINDS.map((k) => [k, new Set<string>()]));
  const err = (code: ModelProblem["code"], message: string, where: { position?: ModelProblem["position"]; range?: ModelProblem["range"] }) =>
    out.push({ code, message, severity: "error", ...where });

  for (const c of defined.get("connector")!.values()) {
    for (const other of ["receiver", "exporter"] as const) {
      const clash = defined.get(other)!.get(c.id);
      if (clash) {
        err("otelcol/connector-id-clash",
          `connectors::${c.id}: ambiguous ID: Found both "${c.id}" ${other} and "${c.id}" connector. Change one of the components' IDs to eliminate ambiguity (e.g. rename "${c.id}" connector to "${c.id}/connector")`,
          { position: c.position, range: c.container && spanOf(c.container, c.key) });
      }
    }
  }
  const listedOrPlain = (ids: readonly string[], listed: readonly ListedId[] | undefined): readonly ListedId[] =>
    listed ?? ids.map((id, index) => ({ id, container: [], index }));
  for (const l of listedOrPlain(config.extensions, config.extensionsListed)) {
    const id = normalizeId(l.id);
    used.get("extension")!.add(id);
    if (!defined.get("extension")!.has(id)) err("otelcol/undefined-component", `service::extensions: references extension "${l.id}" which is not configured`, listedAt(l));
  }
  const hasService = config.hasService ?? true;
  if (!hasService || config.pipelines.length === 0) {
    const where = config.root && hasService ? { position: positionOf(config.root, "service"), range: spanOf(config.root, "service") } : {};
    err(hasService ? "otelcol/no-pipelines" : "otelcol/no-service", "service must have at least one pipeline", where);
  }
  const connectorUse = new Map<string, { asExporter: Set<string>; asReceiver: Set<string> }>();
  for (const p of config.pipelines) {
    const where = `service::pipelines::${p.id}`;
    const self = { position: p.position, range: p.container && spanOf(p.container, p.key) };
    const listed = {
      receivers: listedOrPlain(p.receivers, p.listed?.receivers),
      processors: listedOrPlain(p.processors, p.listed?.processors),
      exporters: listedOrPlain(p.exporters, p.listed?.exporters),
    };
    // A list that does not decode (a string, a map) is reported where it is written; the collector stops there,
    // before its pipeline is validated, so it is not also a pipeline without receivers.
    if (p.receivers.length === 0 && !undecoded(p, "receivers")) err("otelcol/pipeline-shape", `${where}: must have at least one receiver`, self);
    if (p.exporters.length === 0 && !undecoded(p, "exporters")) err("otelcol/pipeline-shape", `${where}: must have at least one exporter`, self);
    const seenProcessor = new Set<string>();
    for (const l of listed.processors) {
      const id = normalizeId(l.id);
      if (seenProcessor.has(id)) err("otelcol/duplicate-processor", `${where}: references processor "${l.id}" multiple times`, listedAt(l));
      seenProcessor.add(id);
      used.get("processor")!.add(id);
      if (!defined.get("processor")!.has(id)) err("otelcol/undefined-component", `${where}: references processor "${l.id}" which is not configured`, listedAt(l));
    }
    for (const side of ["receivers", "exporters"] as const) {
      const kind = side === "receivers" ? "receiver" : "exporter";
      for (const l of listed[side]) {
        const id = normalizeId(l.id);
        if (defined.get("connector")!.has(id)) {
          const u = connectorUse.get(id) ?? { asExporter: new Set<string>(), asReceiver: new Set<string>() };
          (side === "exporters" ? u.asExporter : u.asReceiver).add(p.signal);
          connectorUse.set(id, u);
          used.get("connector")!.add(id);
          continue;
        }
        used.get(kind)!.add(id);
        if (!defined.get(kind)!.has(id)) err("otelcol/undefined-component", `${where}: references ${kind} "${l.id}" which is not configured`, listedAt(l));
      }
    }
    for (const l of listed.exporters) {
      const id = normalizeId(l.id);
      if (defined.get("connector")!.has(id) && p.receivers.includes(id)) {
        err("otelcol/connector-rule", `${where}: connector "${id}" cannot be used as both receiver and exporter of the same pipeline`, listedAt(l));
      }
    }
  }
  for (const [id, c] of defined.get("connector")!) {
    const u = connectorUse.get(id);
    if (!u) continue;
    const self = { position: c.position, range: c.container && spanOf(c.container, c.key) };
    if (u.asReceiver.size === 0) err("otelcol/connector-rule", `connectors::${id}: must be used as both receiver and exporter but is not used as receiver`, self);
    else if (u.asExporter.size === 0) err("otelcol/connector-rule", `connectors::${id}: must be used as both receiver and exporter but is not used as exporter`, self);
    else {
      const supports = CONNECTOR_SIGNALS[c.type];
      if (!supports) continue;
      for (const from of u.asExporter) {
        if (![...u.asReceiver].some((to) => supports(from, to))) {
          err("otelcol/connector-signal", `connectors::${id}: connector "${id}" used as exporter in ${from} pipeline but not used in any supported receiver pipeline`, self);
        }
      }
    }
  }
  // Without a service section nothing is used; the missing service is the one problem worth naming.
  for (const c of hasService ? config.components : []) {
    if (used.get(c.kind)!.has(c.id)) continue;
    const what = c.kind === "extension" ? "is not listed in service::extensions" : "is not used by any pipeline";
    out.push({ code: "otelcol/unused-component", severity: "warning", message: `${c.kind} "${c.id}" is defined but ${what}`, position: c.position, range: c.container && spanOf(c.container, c.key) });
  }
  return out;
}

/** Whether the pipeline's `list` is written but is not a list (a decoding failure of its own). */
function undecoded(p: CollectorPipeline, list: "receivers" | "exporters"): boolean {
  const body = p.container?.get(p.key ?? "");
  const v = body instanceof Map ? body.get(list) : undefined;
  return v !== undefined && v !== null && !Array.isArray(v);
}
