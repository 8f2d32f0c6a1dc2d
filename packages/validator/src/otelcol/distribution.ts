/**
 * OpenTelemetry Collector Builder manifests (builder-config.yaml): which components a custom distribution
 * contains, mapped to the Alloy `otelcol.*` component names that wrap them.
 */
import { parse as parseYaml } from "yaml";
import { moduleForPath } from "@alloy-ts/converter";

export interface Distribution {
  /** Collector component types per kind, e.g. `receivers` → {`otlp`, `kafka`}. */
  readonly types: Record<"receivers" | "processors" | "exporters" | "connectors" | "extensions", Set<string>>;
  /** Alloy component names (`otelcol.receiver.otlp`, `otelcol.auth.basic`, ...) the distribution provides. */
  readonly alloyComponents: Set<string>;
  readonly errors: string[];
}

const KIND_SUFFIX = { receivers: "receiver", processors: "processor", exporters: "exporter", connectors: "connector", extensions: "extension" } as const;

/** Extension types whose Alloy names do not follow `otelcol.extension.<type>`. */
const EXTENSION_NAMES: Record<string, string> = {
  basicauth: "otelcol.auth.basic",
  bearertokenauth: "otelcol.auth.bearer",
  oauth2clientauth: "otelcol.auth.oauth2",
  headerssetter: "otelcol.auth.headers",
  sigv4auth: "otelcol.auth.sigv4",
  googleclientauth: "otelcol.auth.google",
  filestorage: "otelcol.storage.file",
};

/** Normalises a name for comparison (Alloy writes `tail_sampling`, the collector `tailsampling`). */
const squash = (s: string) => s.replace(/_/g, "").toLowerCase();

/**
 * Reads a builder manifest. `alloyNames` is the list of known Alloy component names used to map collector
 * types to Alloy components.
 */
export function readDistribution(yamlText: string, alloyNames: readonly string[]): Distribution {
  const errors: string[] = [];
  const types = { receivers: new Set<string>(), processors: new Set<string>(), exporters: new Set<string>(), connectors: new Set<string>(), extensions: new Set<string>() };
  let doc: unknown;
  try {
    doc = parseYaml(yamlText);
  } catch (e) {
    return { types, alloyComponents: new Set(), errors: [`cannot parse the distribution manifest: ${(e as Error).message}`] };
  }
  const root = (doc ?? {}) as Record<string, unknown>;
  for (const kind of Object.keys(types) as (keyof typeof types)[]) {
    const list = root[kind];
    if (list === undefined || list === null) continue;
    if (!Array.isArray(list)) {
      errors.push(`${kind}: expected a list of {gomod: ...} entries`);
      continue;
    }
    for (const entry of list) {
      const gomod = typeof entry === "object" && entry ? String((entry as Record<string, unknown>).gomod ?? "") : "";
      const mod = gomod.trim().split(/\s+/)[0] ?? "";
      const known = moduleForPath(mod); // the shared type ↔ module table first; the name suffix rule otherwise
      if (known?.kind === kind) {
        known.types.forEach((t) => types[kind].add(t));
        continue;
      }
      const last = mod.split("/").pop() ?? "";
      const suffix = KIND_SUFFIX[kind];
      if (!last.endsWith(suffix) || last === suffix) {
        errors.push(`${kind}: cannot tell the component type of "${gomod}"`);
        continue;
      }
      types[kind].add(last.slice(0, -suffix.length));
    }
  }
  const alloyComponents = new Set<string>();
  const bySquashed = new Map(alloyNames.filter((n) => n.startsWith("otelcol.")).map((n) => [squash(n), n]));
  for (const kind of Object.keys(types) as (keyof typeof types)[]) {
    for (const t of types[kind]) {
      if (kind === "extensions" && EXTENSION_NAMES[squash(t)]) {
        alloyComponents.add(EXTENSION_NAMES[squash(t)]!);
        continue;
      }
      const n = bySquashed.get(squash(`otelcol.${KIND_SUFFIX[kind]}.${t}`));
      if (n) alloyComponents.add(n);
    }
  }
  return { types, alloyComponents, errors };
}
