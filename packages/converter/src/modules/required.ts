/**
 * Which collector component modules a configuration needs: from collector YAML (every component defined in a
 * section, used or not, because the collector loads a factory for each — otelcol-conversion §15), or from an
 * Alloy file (`otelcol.*` components mapped back to OTel types through the converter's component table, and
 * `otel.<kind>.<type>` bridge blocks that name an OTel type directly).
 */
import { codes, defineCatalogue, parse as parseAlloy, type Diagnostic, type Statement } from "@alloy-ts/grammar";
import { COMPONENTS } from "../components/registry.js";
import { loadCollectorConfig, readManifestSections, readYaml } from "@alloy-ts/otel";
import { moduleForType, OTEL_KIND_SINGULAR, OTEL_KINDS, OTEL_MODULES, type OtelKind, type OtelModule } from "@alloy-ts/otel";

/** What reading the requirements reports: the one model, always naming its file. */
export type RequirementDiagnostic = Diagnostic & { readonly file: string; readonly severity: "error" | "warning" | "info" };

const Y = (text: string) => ({ runner: "requirements", file: "collector.yaml", text }) as const;
const A = (text: string) => ({ runner: "requirements", file: "config.alloy", text }) as const;

/** `alloy build`'s codes: what reading the component modules a configuration needs reports. */
export const BUILD_DIAGNOSTICS = defineCatalogue("@alloy-ts/converter (alloy build)", {
  unknownModule: {
    code: "build/unknown-module",
    severity: "error",
    summary: "A component type has no Go module in the distribution table, so the manifest cannot list it.",
    message: '{component}: no Go module known for {kind} type "{type}"; add its gomod line to the manifest by hand',
    example: Y("receivers:\n  nosuchreceiver:\n"),
  },
  yaml: {
    code: "build/yaml",
    severity: "error",
    summary: "The collector configuration is not YAML.",
    message: "cannot parse the collector configuration: {reason}",
    example: Y("receivers: [\n"),
  },
  notMapping: {
    code: "build/not-mapping",
    severity: "error",
    summary: "The collector configuration is YAML but not a mapping of sections.",
    message: "the collector configuration is not a YAML mapping",
    example: Y("- receivers\n"),
  },
  section: {
    code: "build/section",
    severity: "error",
    summary: "A component section is not a mapping of component IDs.",
    message: "{section}: expected a mapping of component IDs",
    example: Y("receivers: [otlp]\n"),
  },
  loggingExporter: {
    code: "build/logging-exporter",
    severity: "error",
    summary: "The logging exporter was removed from the collector; the debug exporter replaces it.",
    message: '{section}: "{id}": the logging exporter was removed from the collector; use debug',
    example: Y("exporters:\n  logging:\n"),
  },
  alloyParse: {
    code: "build/alloy-parse",
    severity: "error",
    summary: "The Alloy configuration does not parse (the parser's first message follows).",
    message: "cannot parse the Alloy configuration: {message}",
    example: A("otelcol.exporter.debug \"default\" {\n"),
  },
  noCollectorComponent: {
    code: "build/no-collector-component",
    severity: "warning",
    summary: "An otelcol.* component of the Alloy file has no collector counterpart; it is left out of the manifest.",
    message: "{component}: no collector component provides {name}; it is left out of the manifest",
    example: A('otelcol.exporter.nosuch "default" {}\n'),
  },
  notCollector: {
    code: "build/not-collector",
    severity: "info",
    summary: "Components of the Alloy file that are not collector components (prometheus.*, loki.*) are not in the manifest.",
    message: "components without a collector counterpart are not in the manifest: {names}",
    example: A('prometheus.scrape "default" {\n\ttargets    = []\n\tforward_to = []\n}\n'),
  },
});

const BuildCode = codes(BUILD_DIAGNOSTICS);

/** One component type a configuration uses, with the module that provides it. */
export interface Requirement {
  readonly kind: OtelKind;
  /** The type as the configuration spells it (or the current name, for Alloy components). */
  readonly type: string;
  readonly module: OtelModule;
  /** Files that use it. */
  readonly files: readonly string[];
}

export interface Requirements {
  readonly requirements: readonly Requirement[];
  readonly diagnostics: readonly RequirementDiagnostic[];
}

const PLURAL = Object.fromEntries(Object.entries(OTEL_KIND_SINGULAR).map(([p, s]) => [s, p as OtelKind])) as Record<string, OtelKind>;

/** Alloy names of collector extensions outside `otelcol.extension.*` (the converter's table has most). */
const ALLOY_EXTENSION_TYPES: Record<string, string> = {
  "otelcol.auth.basic": "basicauth",
  "otelcol.auth.bearer": "bearertokenauth",
  "otelcol.auth.headers": "headers_setter",
  "otelcol.auth.oauth2": "oauth2client",
  "otelcol.auth.sigv4": "sigv4auth",
  "otelcol.auth.google": "googleclientauth",
  "otelcol.storage.file": "file_storage",
};

const squash = (s: string) => s.replace(/_/g, "").toLowerCase();

/** OTel kind and type of an Alloy `otelcol.*` component name, when a collector component provides it. */
export function otelTypeOfAlloyComponent(name: string): { kind: OtelKind; type: string } | undefined {
  const described = COMPONENTS.find((c) => c.alloyName === name);
  if (described) return { kind: PLURAL[described.kind]!, type: described.otelTypes[0]! };
  if (ALLOY_EXTENSION_TYPES[name]) return { kind: "extensions", type: ALLOY_EXTENSION_TYPES[name] };
  const m = /^otelcol\.(receiver|processor|exporter|connector|extension)\.(\w+)$/.exec(name);
  if (!m) return undefined;
  const kind = PLURAL[m[1]!]!;
  // Alloy names drop or keep underscores independently of the collector's (tail_sampling, k8sattributes).
  const mod = OTEL_MODULES.find((x) => x.kind === kind && x.types.some((t) => squash(t) === squash(m[2]!)));
  return mod ? { kind, type: mod.types[0]! } : undefined;
}

class Collector {
  readonly found = new Map<string, { kind: OtelKind; type: string; module: OtelModule; files: Set<string> }>();
  readonly diagnostics: RequirementDiagnostic[] = [];

  add(file: string, kind: OtelKind, type: string, what: string): void {
    const module = moduleForType(kind, type);
    if (!module) {
      this.diagnostics.push({ severity: "error", code: BuildCode.unknownModule, file, message: `${what}: no Go module known for ${OTEL_KIND_SINGULAR[kind]} type "${type}"; add its gomod line to the manifest by hand` });
      return;
    }
    const entry = this.found.get(module.module) ?? { kind, type, module, files: new Set<string>() };
    entry.files.add(file);
    this.found.set(module.module, entry);
  }
}

function fromCollectorYaml(c: Collector, file: string, text: string): void {
  const read = readYaml(text);
  if (!read.ok) {
    c.diagnostics.push({ severity: "error", code: BuildCode.yaml, file, message: `cannot parse the collector configuration: ${read.message}`, ...(read.position ? { position: read.position } : {}) });
    return;
  }
  if (read.value !== null && !(read.value instanceof Map)) {
    c.diagnostics.push({ severity: "error", code: BuildCode.notMapping, file, message: "the collector configuration is not a YAML mapping" });
    return;
  }
  // The one collector model: every component defined in a section, used or not (the collector loads a factory
  // for each); a section that is not a mapping is reported by the model.
  const { config, problems } = loadCollectorConfig(read.value);
  for (const p of problems.filter((x) => x.code === "otelcol/shape")) {
    const section = /^'(\w+)' expected a map/.exec(p.message)?.[1];
    if (section && (OTEL_KINDS as readonly string[]).includes(section)) c.diagnostics.push({ severity: "error", code: BuildCode.section, file, message: `${section}: expected a mapping of component IDs`, ...(p.position ? { position: p.position } : {}) });
  }
  for (const comp of config.components) {
    const kind = comp.section!;
    if (kind === "exporters" && comp.type === "logging") {
      c.diagnostics.push({ severity: "error", code: BuildCode.loggingExporter, file, message: `exporters: "${comp.key ?? comp.id}": the logging exporter was removed from the collector; use debug` });
      continue;
    }
    c.add(file, kind, comp.type, `${kind}: "${comp.key ?? comp.id}"`);
  }
}

function fromAlloy(c: Collector, file: string, text: string): void {
  const parsed = parseAlloy(text, { name: file });
  if (parsed.diagnostics.length) {
    c.diagnostics.push({ severity: "error", code: BuildCode.alloyParse, file, message: `cannot parse the Alloy configuration: ${parsed.diagnostics[0]!.message}`, range: parsed.diagnostics[0]!.range });
    return;
  }
  const others = new Set<string>();
  const visit = (body: readonly Statement[]) => {
    for (const s of body) {
      if (s.kind !== "Block") continue;
      const name = s.name;
      const what = `${name}${s.label !== undefined ? ` "${s.label}"` : ""}`;
      const bridge = /^otel\.(receiver|processor|exporter|connector|extension)\.([A-Za-z]\w*)$/.exec(name);
      if (bridge) c.add(file, PLURAL[bridge[1]!]!, bridge[2]!, what);
      else if (name.startsWith("otelcol.")) {
        const t = otelTypeOfAlloyComponent(name);
        if (t) c.add(file, t.kind, t.type, what);
        else c.diagnostics.push({ severity: "warning", code: BuildCode.noCollectorComponent, file, message: `${what}: no collector component provides ${name}; it is left out of the manifest` });
      } else if (name.includes(".") && !name.startsWith("otel.")) others.add(name);
      // Modules (`declare`) hold components of their own.
      if (name === "declare") visit(s.body);
    }
  };
  visit(parsed.file.body);
  if (others.size) {
    c.diagnostics.push({ severity: "info", code: BuildCode.notCollector, file, message: `components without a collector counterpart are not in the manifest: ${[...others].sort().join(", ")}` });
  }
}

/** The collector modules the given configurations need. `format` is decided per file by the caller. */
export function requiredModules(inputs: readonly { name: string; text: string; format: "otelcol" | "alloy" }[]): Requirements {
  const c = new Collector();
  for (const i of inputs) (i.format === "otelcol" ? fromCollectorYaml : fromAlloy)(c, i.name, i.text);
  const requirements = [...c.found.values()].map((e) => ({ kind: e.kind, type: e.type, module: e.module, files: [...e.files] }));
  return { requirements, diagnostics: c.diagnostics };
}

/** Module paths listed in a builder manifest (versions dropped). */
export function manifestModules(yamlText: string): { modules: Set<string>; errors: string[] } {
  const read = readManifestSections(yamlText);
  if ("parseError" in read) return { modules: new Set(), errors: [`cannot parse the manifest: ${read.parseError.message.split("\n")[0]}`] };
  const modules = new Set(read.sections.flatMap((s) => s.entries.map((e) => e.module)).filter((m) => m !== ""));
  return { modules, errors: read.sections.flatMap((s) => (s.error === undefined ? [] : [s.error])) };
}
