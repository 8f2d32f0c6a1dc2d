/**
 * OpenTelemetry Collector Builder manifests (builder-config.yaml): which components a custom distribution
 * contains, mapped to the Alloy `otelcol.*` component names that wrap them.
 */
import { moduleForPath, OTEL_KIND_SINGULAR, readManifestSections } from "@alloy-ts/otel";

export interface Distribution {
  /** Collector component types per kind, e.g. `receivers` → {`otlp`, `kafka`}. */
  readonly types: Record<"receivers" | "processors" | "exporters" | "connectors" | "extensions", Set<string>>;
  /** Alloy component names (`otelcol.receiver.otlp`, `otelcol.auth.basic`, ...) the distribution provides. */
  readonly alloyComponents: Set<string>;
  readonly errors: string[];
}

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
  const read = readManifestSections(yamlText);
  if ("parseError" in read) {
    return { types, alloyComponents: new Set(), errors: [`cannot parse the distribution manifest: ${read.parseError.message}`] };
  }
  for (const { kind, entries, error } of read.sections) {
    if (error !== undefined) errors.push(error);
    for (const { gomod, module: mod } of entries) {
      const known = moduleForPath(mod); // the shared type ↔ module table first; the name suffix rule otherwise
      if (known?.kind === kind) {
        known.types.forEach((t) => types[kind].add(t));
        continue;
      }
      const last = mod.split("/").pop() ?? "";
      const suffix = OTEL_KIND_SINGULAR[kind];
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
      const n = bySquashed.get(squash(`otelcol.${OTEL_KIND_SINGULAR[kind]}.${t}`));
      if (n) alloyComponents.add(n);
    }
  }
  return { types, alloyComponents, errors };
}
