/**
 * OpenTelemetry Collector Builder manifests (builder-config.yaml): a `dist` section, then one list of
 * `gomod: <module> <version>` entries per component kind, then the confmap providers. Rendered for `alloy build`;
 * read back by `alloy build` (module paths) and the validator's `--distribution` (component types).
 */
import { parse as parseYaml } from "yaml";
import { OTEL_KINDS, type OtelKind, type OtelModule } from "./modules.js";

export interface ManifestDist {
  readonly name: string;
  readonly description: string;
  readonly version?: string;
  readonly outputPath?: string;
}

export interface ManifestInput {
  readonly dist?: ManifestDist;
  /** Modules per kind; written in the given order, duplicates (same module path) removed. */
  readonly modules: Partial<Record<OtelKind, readonly OtelModule[]>>;
  readonly providers?: readonly { module: string; version: string }[];
  /** Comment lines written first (without `# `). */
  readonly header?: readonly string[];
}

/** A YAML scalar, quoted only when plain style would change its meaning. */
function scalar(s: string): string {
  return /^[\w./@-][\w ./@'()-]*$/.test(s) && !/\s$/.test(s) && !/^(true|false|null|yes|no|on|off|~)$/i.test(s) ? s : JSON.stringify(s);
}

/** The manifest text; kinds with no module are left out. */
export function renderManifest(input: ManifestInput): string {
  const lines: string[] = (input.header ?? []).map((h) => (h ? `# ${h}` : "#"));
  if (input.dist) {
    const d = input.dist;
    lines.push("dist:", `  name: ${scalar(d.name)}`, `  description: ${scalar(d.description)}`);
    if (d.version) lines.push(`  version: ${scalar(d.version)}`);
    if (d.outputPath) lines.push(`  output_path: ${scalar(d.outputPath)}`);
  }
  for (const kind of OTEL_KINDS) {
    const seen = new Set<string>();
    const mods = (input.modules[kind] ?? []).filter((m) => !seen.has(m.module) && seen.add(m.module));
    if (mods.length === 0) continue;
    if (lines.length) lines.push("");
    lines.push(`${kind}:`, ...mods.map((m) => `  - gomod: ${m.module} ${m.version}`));
  }
  if (input.providers?.length) {
    if (lines.length) lines.push("");
    lines.push("providers:", ...input.providers.map((p) => `  - gomod: ${p.module} ${p.version}`));
  }
  return lines.join("\n") + "\n";
}

/** One `gomod:` entry of a manifest's component list. */
export interface ManifestEntry {
  /** The entry as written (`<module> <version>`); "" when the entry has no `gomod` key. */
  readonly gomod: string;
  /** The module path, version dropped; "" when there is none. */
  readonly module: string;
}

/** The list of one component kind; `error` when the kind's value is not a list (its entries are then empty). */
export interface ManifestSection {
  readonly kind: OtelKind;
  readonly entries: readonly ManifestEntry[];
  readonly error?: string;
}

/**
 * The component lists of a manifest, in kind order (kinds absent or null are left out). `{ parseError }` when
 * the text is not YAML; callers word that message themselves.
 */
export function readManifestSections(yamlText: string): { sections: ManifestSection[] } | { parseError: Error } {
  let doc: unknown;
  try {
    doc = parseYaml(yamlText);
  } catch (e) {
    return { parseError: e as Error };
  }
  const root = (doc ?? {}) as Record<string, unknown>;
  const sections: ManifestSection[] = [];
  for (const kind of OTEL_KINDS) {
    const list = root[kind];
    if (list === undefined || list === null) continue;
    if (!Array.isArray(list)) {
      sections.push({ kind, entries: [], error: `${kind}: expected a list of {gomod: ...} entries` });
      continue;
    }
    const entries = list.map((entry: unknown) => {
      const gomod = typeof entry === "object" && entry ? String((entry as Record<string, unknown>).gomod ?? "") : "";
      return { gomod, module: gomod.trim().split(/\s+/)[0] ?? "" };
    });
    sections.push({ kind, entries });
  }
  return { sections };
}
