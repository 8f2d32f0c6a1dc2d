/**
 * The bridge dialect (`otel.<kind>.<type>` component blocks, `otel.pipeline`, `otel.service`; docs/dialects.md):
 * component bodies are collector settings carried as data, so any body is accepted; the rules checked are the
 * collector's own structural ones (otel-config.md §3): pipeline lists name components of the right kind, each
 * pipeline has a receiver and an exporter, no processor twice, connectors used on both sides.
 */
import { type Block, type Expr, type ParseResult, rangeOf, traversalName } from "@alloy-ts/grammar";
import { COMPONENT_TYPE } from "@alloy-ts/otel";
import { Code, makeDiag, type ValidationDiagnostic } from "./diagnostic.js";

const KINDS = new Set(["receiver", "processor", "exporter", "connector", "extension"]);
const SIGNALS = new Set(["traces", "metrics", "logs", "profiles"]);
const LISTS: Record<string, readonly string[]> = {
  receivers: ["receiver", "connector"],
  processors: ["processor"],
  exporters: ["exporter", "connector"],
};
const CODE = Code.bridgeStructure;

/** True for names the bridge dialect defines: they are accepted with any body (no schema to check against). */
export function isBridgeComponent(name: string): boolean {
  const parts = name.split(".");
  if (parts[0] !== "otel") return false;
  if (parts.length === 2) return parts[1] === "pipeline" || parts[1] === "service";
  return parts.length === 3 && KINDS.has(parts[1]!) && COMPONENT_TYPE.test(parts[2]!);
}

/** The bridge dialect's structural checks over parsed files (nothing is reported for files without it). */
export function checkBridge(results: readonly ParseResult[]): ValidationDiagnostic[] {
  const out: ValidationDiagnostic[] = [];
  const kindOf = new Map<string, string>();
  const pipelines: { file: string; block: Block }[] = [];
  const services: { file: string; block: Block }[] = [];
  for (const r of results) {
    for (const s of r.file.body) {
      if (s.kind !== "Block") continue;
      const name = s.name;
      if (!isBridgeComponent(name)) continue;
      const parts = name.split(".");
      if (parts[1] === "pipeline") pipelines.push({ file: r.source.name, block: s });
      else if (parts[1] === "service") services.push({ file: r.source.name, block: s });
      else if (s.label !== undefined) kindOf.set(`${name}.${s.label}`, parts[1]!);
    }
  }
  if (pipelines.length === 0) return out;
  if (services.length > 1) for (const s of services.slice(1)) out.push(makeDiag(s.file, rangeOf(s.block), "only one otel.service block is allowed", CODE));
  const connectorSides = new Map<string, { exporter: boolean; receiver: boolean; file: string; block: Block }>();

  const list = (file: string, e: Expr, kinds: readonly string[], onItem: (ref: string) => void) => {
    if (e.kind !== "Array") {
      out.push(makeDiag(file, rangeOf(e), "expected a list of otel.* component references", CODE));
      return;
    }
    for (const item of e.elements) {
      const ref = traversalName(item);
      const kind = ref === undefined ? undefined : kindOf.get(ref);
      if (kind === undefined) continue; // Unresolved references are reported by the reference check.
      if (!kinds.includes(kind)) {
        out.push(makeDiag(file, rangeOf(item), `${ref} is a ${kind}; expected a ${kinds.join(" or ")}`, CODE));
        continue;
      }
      onItem(ref!);
    }
  };

  for (const { file, block } of pipelines) {
    const idAttr = block.body.find((s) => s.kind === "Attribute" && s.name === "__id");
    const signal = block.label?.split("_", 1)[0];
    if (!idAttr && (signal === undefined || !SIGNALS.has(signal))) {
      out.push(makeDiag(file, rangeOf(block), `otel.pipeline label must start with a signal (${[...SIGNALS].join(", ")})`, CODE));
    }
    const counts: Record<string, string[]> = { receivers: [], processors: [], exporters: [] };
    for (const s of block.body) {
      if (s.kind === "Attribute" && s.name === "__id") continue;
      if (s.kind !== "Attribute" || !(s.name in LISTS)) {
        out.push(makeDiag(file, rangeOf(s), "otel.pipeline accepts only receivers, processors and exporters", CODE));
        continue;
      }
      const key = s.name;
      list(file, s.value, LISTS[key]!, (ref) => {
        counts[key]!.push(ref);
        if (kindOf.get(ref) === "connector" && key !== "processors") {
          const side = connectorSides.get(ref) ?? { exporter: false, receiver: false, file, block };
          side[key === "exporters" ? "exporter" : "receiver"] = true;
          connectorSides.set(ref, side);
        }
      });
    }
    if (counts.receivers!.length === 0) out.push(makeDiag(file, rangeOf(block), "a pipeline must have at least one receiver", CODE));
    if (counts.exporters!.length === 0) out.push(makeDiag(file, rangeOf(block), "a pipeline must have at least one exporter", CODE));
    const both = counts.receivers!.find((r) => counts.exporters!.includes(r));
    if (both) out.push(makeDiag(file, rangeOf(block), `connector ${both} cannot be both a receiver and an exporter of one pipeline`, CODE));
    const twice = counts.processors!.find((p, i) => counts.processors!.indexOf(p) !== i);
    if (twice) out.push(makeDiag(file, rangeOf(block), `processor ${twice} appears twice in one pipeline`, CODE));
  }
  for (const [ref, side] of connectorSides) {
    if (!side.exporter || !side.receiver) {
      out.push(makeDiag(side.file, rangeOf(side.block), `connector ${ref} must be used as an exporter in one pipeline and as a receiver in another`, CODE));
    }
  }
  for (const { file, block } of services) {
    for (const s of block.body) {
      if (s.kind === "Attribute" && s.name === "extensions") list(file, s.value, ["extension"], () => undefined);
    }
  }
  return out;
}

/**
 * Where a file with bridge (or hybrid) blocks runs: stock Alloy has no `otel.*` components, so such a file is
 * said once, at its first bridge block, to load only in `alloy run` or an `alloy build` distribution.
 */
export function bridgeTargetNotes(results: readonly ParseResult[]): ValidationDiagnostic[] {
  const out: ValidationDiagnostic[] = [];
  for (const r of results) {
    const blocks = r.file.body.filter((s): s is Block => s.kind === "Block" && isBridgeComponent(s.name));
    if (!blocks.length) continue;
    const names = [...new Set(blocks.map((b) => b.name))];
    const shown = names.length > 4 ? `${names.slice(0, 4).join(", ")} and ${names.length - 4} more` : names.join(", ");
    out.push(
      makeDiag(
        r.source.name,
        { start: blocks[0]!.start, end: blocks[0]!.nameEnd },
        `stock Alloy cannot load otel.* blocks (${shown}): this file runs with \`alloy run\`, or in a collector distribution built with \`alloy build\``,
        "validator/bridge-target",
        "info",
      ),
    );
  }
  return out;
}
