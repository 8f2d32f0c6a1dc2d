/**
 * Components without an Alloy equivalent ("gaps"). Upstream stops at the first unknown type (otelcol-conversion.md
 * §15); the default mode names every one, each at its YAML position, with the ways forward: the hybrid dialect,
 * `alloy otel` when its engine has the type (alloy-otel-engine.md component list), or a custom collector built with
 * `alloy build`.
 */
import type { ComponentKind } from "../engine/description.js";
import { alloyOtelModules } from "../modules/alloy-otel.js";
import type { Position } from "@alloy-ts/otel";
import { sectionOf, typeSpellings } from "./spellings.js";

/** A component the default mode cannot convert. */
export interface Gap {
  readonly kind: ComponentKind;
  readonly id: string;
  readonly type: string;
  readonly position?: Position;
}

let engineTypes: Set<string> | undefined;

/** True when `alloy otel`'s engine includes the type (any spelling). */
export function inAlloyOtelEngine(kind: ComponentKind, type: string): boolean {
  if (!engineTypes) {
    engineTypes = new Set();
    for (const [section, modules] of Object.entries(alloyOtelModules())) {
      for (const m of modules) for (const t of m.types) engineTypes.add(`${section}:${t}`);
    }
  }
  return typeSpellings(kind, type).some((t) => engineTypes!.has(`${sectionOf(kind)}:${t}`));
}

/** The diagnostic text for one gap. */
export function gapSummary(gap: Gap): string {
  const options = [
    `convert with --dialect=hybrid to keep it as an otel.${gap.kind}.${gap.type} block`,
    inAlloyOtelEngine(gap.kind, gap.type)
      ? `run the YAML unchanged with \`alloy otel\` (its engine includes "${gap.type}")`
      : `build a collector that includes it with \`alloy build\` (\`alloy otel\`'s engine does not)`,
  ];
  return `${gap.kind} "${gap.id}" has no Alloy equivalent; options: ${options.join("; ")}`;
}

/** The closing summary naming every gap. */
export function gapsFooter(gaps: readonly Gap[]): string {
  const names = gaps.map((g) => `${g.kind}/${g.id}`).join(", ");
  return `${gaps.length} component${gaps.length === 1 ? "" : "s"} cannot be converted to Alloy components: ${names}`;
}
