import { existsSync, readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import {
  contribProvidersFor,
  moduleForPath,
  moduleForType,
  OTEL_CONTRIB_PROVIDERS,
  OTEL_KINDS,
  OTEL_MODULES,
  OTEL_PROVIDERS,
  OTEL_VERSIONS,
  referencedSchemes,
} from "./modules.js";

/**
 * The `gomod` entries of a builder manifest the table does not know, as `"<section> <module>"`: a component
 * module listed under another kind or not at all, a provider neither table has.
 */
function uncovered(manifest: string): string[] {
  const root = parse(manifest) as Record<string, unknown>;
  const providers = new Set([...OTEL_PROVIDERS, ...OTEL_CONTRIB_PROVIDERS].map((p) => p.module));
  const out: string[] = [];
  for (const section of [...OTEL_KINDS, "providers"] as const) {
    for (const entry of (root[section] as { gomod?: string }[] | undefined) ?? []) {
      const module = String(entry.gomod ?? "").trim().split(/\s+/)[0]!;
      const known = section === "providers" ? providers.has(module) : moduleForPath(module)?.kind === section;
      if (!known) out.push(`${section} ${module}`);
    }
  }
  return out;
}

// Written for this test in the shape of the contrib distribution's manifest: the components that configurations
// in the wild use and that older versions of the table lacked, a renamed type, a contrib provider, and the
// source-built obi receiver.
const FIXTURE = `dist:
  name: otelcol-contrib
  version: 0.158.0
extensions:
  - gomod: github.com/open-telemetry/opentelemetry-collector-contrib/extension/httpforwarderextension v0.158.0
  - gomod: github.com/open-telemetry/opentelemetry-collector-contrib/extension/oidcauthextension v0.158.0
  - gomod: github.com/open-telemetry/opentelemetry-collector-contrib/extension/observer/k8sobserver v0.158.0
  - gomod: go.opentelemetry.io/collector/extension/zpagesextension v0.158.0
exporters:
  - gomod: github.com/open-telemetry/opentelemetry-collector-contrib/exporter/signalfxexporter v0.158.0
  - gomod: github.com/open-telemetry/opentelemetry-collector-contrib/exporter/clickhouseexporter v0.158.0
processors:
  - gomod: github.com/open-telemetry/opentelemetry-collector-contrib/processor/geoipprocessor v0.158.0
receivers:
  - gomod: github.com/open-telemetry/opentelemetry-collector-contrib/receiver/httpcheckreceiver v0.158.0
  - gomod: github.com/open-telemetry/opentelemetry-collector-contrib/receiver/receivercreator v0.158.0
  - gomod: go.opentelemetry.io/obi v0.11.0
    import: go.opentelemetry.io/obi/collector
connectors:
  - gomod: github.com/open-telemetry/opentelemetry-collector-contrib/connector/failoverconnector v0.158.0
providers:
  - gomod: go.opentelemetry.io/collector/confmap/provider/envprovider v1.64.0
  - gomod: github.com/open-telemetry/opentelemetry-collector-contrib/confmap/provider/s3provider v0.158.0
`;

describe("the module table against builder manifests", () => {
  it("covers every component and provider module of the fixture manifest", () => {
    expect(uncovered(FIXTURE)).toEqual([]);
  });

  it("names what it does not cover, under the section that lists it", () => {
    const extra = `${FIXTURE.replace("providers:\n", "providers:\n  - gomod: example.com/confmap/provider/vaultprovider v1.0.0\n")}`
      .replace("receivers:\n", "receivers:\n  - gomod: example.com/receiver/madeupreceiver v1.0.0\n  - gomod: github.com/open-telemetry/opentelemetry-collector-contrib/exporter/signalfxexporter v0.158.0\n");
    expect(uncovered(extra)).toEqual([
      "receivers example.com/receiver/madeupreceiver",
      "receivers github.com/open-telemetry/opentelemetry-collector-contrib/exporter/signalfxexporter",
      "providers example.com/confmap/provider/vaultprovider",
    ]);
  });

  // A full distribution manifest (for example the contrib one from opentelemetry-collector-releases) when
  // OTELCOL_MANIFEST names it; nothing else depends on it.
  const full = process.env.OTELCOL_MANIFEST;
  it.skipIf(!full || !existsSync(full))(`covers every module of $OTELCOL_MANIFEST (${full ?? "unset"})`, () => {
    expect(uncovered(readFileSync(full!, "utf8"))).toEqual([]);
  });

  it("resolves the types configurations write, current names and deprecated aliases", () => {
    const cases: [kind: (typeof OTEL_KINDS)[number], type: string, module: string][] = [
      ["exporters", "signalfx", "exporter/signalfxexporter"],
      ["extensions", "http_forwarder", "extension/httpforwarderextension"],
      ["extensions", "oidc", "extension/oidcauthextension"],
      ["receivers", "http_check", "receiver/httpcheckreceiver"],
      ["receivers", "httpcheck", "receiver/httpcheckreceiver"],
      ["receivers", "icmp_check", "receiver/icmpcheckreceiver"],
      ["receivers", "icmpcheckreceiver", "receiver/icmpcheckreceiver"],
      ["receivers", "awscontainerinsightreceiver", "receiver/awscontainerinsightreceiver"],
      ["extensions", "cgroupruntime", "extension/cgroupruntimeextension"],
      ["extensions", "k8s_observer", "extension/observer/k8sobserver"],
      ["connectors", "datadog", "connector/datadogconnector"],
      ["processors", "metricsgeneration", "processor/metricsgenerationprocessor"],
      ["processors", "experimental_metricsgeneration", "processor/metricsgenerationprocessor"],
      ["exporters", "datadog", "exporter/datadogexporter"],
    ];
    for (const [kind, type, module] of cases) {
      const m = moduleForType(kind, type);
      expect(m?.module, `${kind} ${type}`).toMatch(new RegExp(`/${module.replace(/\//g, "\\/")}$`));
      expect(m?.version).toBe(OTEL_VERSIONS.contrib);
    }
  });

  it("keeps contrib modules at the contrib version and core modules under go.opentelemetry.io/collector", () => {
    for (const m of OTEL_MODULES) {
      if (m.module.startsWith("github.com/open-telemetry/")) expect(m.version).toBe(OTEL_VERSIONS.contrib);
      expect(m.sourceBuilt === undefined, m.module).toBe(m.module !== "go.opentelemetry.io/obi");
      if (m.types.includes("otlp") || m.types.includes("batch")) expect(m.module.startsWith("go.opentelemetry.io/collector/")).toBe(true);
      expect(m.types.length).toBeGreaterThan(0);
      for (const t of m.types) expect(t).toMatch(/^[a-z][a-z0-9_]*$/);
    }
  });
});

describe("referencedSchemes and contribProvidersFor", () => {
  it("finds the schemes of references in keys, values and lists, not in escapes", () => {
    const tree = new Map<string, unknown>([
      ["exporters", new Map([["otlp", new Map([["headers", new Map([["x", "${secretsmanager:prod/key}"]])]])]])],
      ["list", ["${env:A}", "$${s3:not-a-reference}", 3, null]],
      ["${aes:key}", "${HOME}:${file:/etc/x}"],
    ]);
    expect([...referencedSchemes(tree)].sort()).toEqual(["aes", "env", "file", "secretsmanager"]);
    expect(contribProvidersFor(referencedSchemes(tree)).map((p) => p.scheme)).toEqual(["aes", "secretsmanager"]);
  });

  it("lists a contrib provider exactly when its scheme is referenced", () => {
    const schemes = OTEL_CONTRIB_PROVIDERS.map((p) => p.scheme);
    fc.assert(
      fc.property(fc.subarray([...schemes, "env", "file"]), (used) => {
        const value = used.map((s) => `\${${s}:x}`).join(" ");
        const got = contribProvidersFor(referencedSchemes({ v: value })).map((p) => p.scheme);
        expect(got).toEqual(schemes.filter((s) => used.includes(s)));
      }),
    );
  });
});
