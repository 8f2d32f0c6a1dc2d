import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { alloyOtelManifest } from "@alloy-ts/converter";
import { cliBuilt, runAlloy } from "../../../../test/support/cli.js";
import { getRegistry, readDistribution } from "@alloy-ts/validator";

/** `"<section> <module> <version>"` for every `- gomod:` entry of a builder manifest. */
function listModules(manifest: string): string[] {
  const out: string[] = [];
  let section = "";
  for (const line of manifest.split("\n")) {
    section = /^(\w+):\s*$/.exec(line)?.[1] ?? section;
    const g = /^\s+- gomod: (.+)$/.exec(line);
    if (g) out.push(`${section} ${g[1]}`);
  }
  return out;
}

const dir = mkdtempSync(path.join(tmpdir(), "alloy-build-"));
const file = (name: string, text: string) => {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  return p;
};

const collector = file(
  "collector.yaml",
  "receivers:\n  otlp:\n    protocols:\n      grpc:\nprocessors:\n  batch:\n  resourcedetection:\nexporters:\n  otlphttp:\n    endpoint: http://x\nextensions:\n  health_check:\nservice:\n  extensions: [health_check]\n  pipelines:\n    traces:\n      receivers: [otlp]\n      processors: [batch, resourcedetection]\n      exporters: [otlphttp]\n",
);
const alloy = file("pipeline.alloy", 'otelcol.processor.tail_sampling "t" {\n\toutput {\n\t}\n}\n\notel.exporter.awsxray "x" { }\n');

describe("readDistribution with the shared module table", () => {
  it("reads the built-in alloy-otel manifest without errors", () => {
    const d = readDistribution(alloyOtelManifest(), getRegistry().listComponents().map((c) => c.name));
    expect(d.errors).toEqual([]);
    expect(d.types.extensions.has("health_check")).toBe(true);
    expect(d.types.extensions.has("alloyengine")).toBe(true);
    expect(d.types.exporters.has("otlp")).toBe(true);
    expect(d.alloyComponents.has("otelcol.storage.file")).toBe(true);
    expect(d.alloyComponents.has("otelcol.exporter.otlphttp")).toBe(true);
  });
});

describe("readDistribution of a contrib-style manifest", () => {
  it("reads renamed contrib types and the source-built obi receiver", () => {
    const manifest =
      "receivers:\n  - gomod: go.opentelemetry.io/obi v0.11.0\n    import: go.opentelemetry.io/obi/collector\n  - gomod: github.com/open-telemetry/opentelemetry-collector-contrib/receiver/httpcheckreceiver v0.158.0\nextensions:\n  - gomod: github.com/open-telemetry/opentelemetry-collector-contrib/extension/oidcauthextension v0.158.0\n";
    const d = readDistribution(manifest, getRegistry().listComponents().map((c) => c.name));
    expect(d.errors).toEqual([]);
    expect([...d.types.receivers].sort()).toEqual(["http_check", "httpcheck", "obi"]);
    expect([...d.types.extensions]).toEqual(["oidc"]);
  });
});

describe.skipIf(!cliBuilt)("alloy build", () => {
  it("writes a manifest for collector YAML and Alloy files", () => {
    const r = runAlloy(["build", collector, alloy]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(listModules(r.stdout)).toEqual([
      "receivers go.opentelemetry.io/collector/receiver/otlpreceiver v0.158.0",
      "processors github.com/open-telemetry/opentelemetry-collector-contrib/processor/resourcedetectionprocessor v0.158.0",
      "processors github.com/open-telemetry/opentelemetry-collector-contrib/processor/tailsamplingprocessor v0.158.0",
      "processors go.opentelemetry.io/collector/processor/batchprocessor v0.158.0",
      "exporters github.com/open-telemetry/opentelemetry-collector-contrib/exporter/awsxrayexporter v0.158.0",
      "exporters go.opentelemetry.io/collector/exporter/otlphttpexporter v0.158.0",
      "extensions github.com/open-telemetry/opentelemetry-collector-contrib/extension/healthcheckextension v0.158.0",
      ...["env", "file", "http", "https", "yaml"].map((p) => `providers go.opentelemetry.io/collector/confmap/provider/${p}provider v1.64.0`),
    ]);
    expect(r.stdout).toMatch(/^dist:\n {2}name: otelcol-custom$/m);
  });

  it("lists only what --base lacks", () => {
    const r = runAlloy(["build", "--base", "alloy-otel", collector, alloy]);
    expect(r.code).toBe(0);
    expect(listModules(r.stdout)).toEqual(["exporters github.com/open-telemetry/opentelemetry-collector-contrib/exporter/awsxrayexporter v0.158.0"]);
    const base = file("base.yaml", "receivers:\n  - gomod: go.opentelemetry.io/collector/receiver/otlpreceiver v0.150.0\n");
    const r2 = runAlloy(["build", "--base", base, collector]);
    expect(listModules(r2.stdout).some((l) => l.includes("otlpreceiver"))).toBe(false);
    expect(listModules(r2.stdout).some((l) => l.includes("batchprocessor"))).toBe(true);
  });

  it("uses --otelcol-version for component modules and writes -o atomically", () => {
    const out = path.join(dir, "builder-config.yaml");
    const r = runAlloy(["build", "--otelcol-version", "0.150.0", "-o", out, collector]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("");
    const text = readFileSync(out, "utf8");
    expect(listModules(text).every((l) => l.endsWith(" v0.150.0"))).toBe(true);
    expect(text).not.toContain("providers:");
  });

  it("fails on types without a module, on bad versions, and explains how to get the builder", () => {
    const bad = file("bad.yaml", "receivers:\n  madeup:\n");
    const r = runAlloy(["build", bad]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('no Go module known for receiver type "madeup"');
    expect(runAlloy(["build", "--otelcol-version", "latest", collector]).stderr).toContain('invalid --otelcol-version "latest"');
    expect(runAlloy(["build"]).code).toBe(1);
    const out = path.join(dir, "run-config.yaml");
    const run = runAlloy(["build", "--run", "-o", out, collector], { env: { PATH: dir } });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("go install go.opentelemetry.io/collector/cmd/builder@v0.158.0");
    expect(readFileSync(out, "utf8")).toContain("otlpreceiver");
  });

  // Components of the contrib distribution that configurations in the wild use, under the types their factories
  // declare (http_check, renamed from httpcheck), and a secret read through a contrib confmap provider.
  const contrib = file(
    "contrib.yaml",
    "receivers:\n  http_check:\n    targets:\n      - endpoint: https://example.com/health\nexporters:\n  signalfx:\n    access_token: ${env:SFX_TOKEN}\n    realm: us0\n  otlp_http:\n    endpoint: https://otlp.example.com\n    headers:\n      authorization: ${secretsmanager:prod/otlp-token}\nextensions:\n  http_forwarder:\n    egress:\n      endpoint: http://upstream:6060\n  oidc:\n    issuer_url: https://issuer.example.com\n    audience: collector\nservice:\n  extensions: [http_forwarder, oidc]\n  pipelines:\n    metrics:\n      receivers: [http_check]\n      exporters: [signalfx, otlp_http]\n",
  );
  const C = "github.com/open-telemetry/opentelemetry-collector-contrib";

  it("knows contrib components (signalfx, http_forwarder, oidc, http_check) and the contrib provider a reference needs", () => {
    const r = runAlloy(["build", contrib]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(listModules(r.stdout)).toEqual([
      `receivers ${C}/receiver/httpcheckreceiver v0.158.0`,
      `exporters ${C}/exporter/signalfxexporter v0.158.0`,
      "exporters go.opentelemetry.io/collector/exporter/otlphttpexporter v0.158.0",
      `extensions ${C}/extension/httpforwarderextension v0.158.0`,
      `extensions ${C}/extension/oidcauthextension v0.158.0`,
      ...["env", "file", "http", "https", "yaml"].map((p) => `providers go.opentelemetry.io/collector/confmap/provider/${p}provider v1.64.0`),
      `providers ${C}/confmap/provider/secretsmanagerprovider v0.158.0`,
    ]);
    // Without the reference, no contrib provider (each brings a cloud SDK).
    expect(listModules(runAlloy(["build", collector]).stdout).some((l) => l.includes("secretsmanager"))).toBe(false);
  });

  it("lists a contrib provider under --base only when the base lacks it, and says so for other versions", () => {
    const withIt = file("with-provider.yaml", `providers:\n  - gomod: ${C}/confmap/provider/secretsmanagerprovider v0.158.0\n`);
    expect(listModules(runAlloy(["build", "--base", "alloy-otel", contrib]).stdout)).toContain(`providers ${C}/confmap/provider/secretsmanagerprovider v0.158.0`);
    expect(listModules(runAlloy(["build", "--base", withIt, contrib]).stdout).some((l) => l.startsWith("providers "))).toBe(false);
    const r = runAlloy(["build", "--otelcol-version", "0.150.0", contrib]);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain("providers:");
    expect(r.stderr).toContain(`\${secretsmanager:...} needs ${C}/confmap/provider/secretsmanagerprovider v0.150.0`);
  });

  it("refuses a component no gomod line can name, saying why", () => {
    const obi = file("obi.yaml", "receivers:\n  obi:\n  otlp:\n    protocols:\n      grpc:\n");
    const r = runAlloy(["build", obi]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain('receiver type "obi" (go.opentelemetry.io/obi) cannot be listed by a gomod line');
  });

  it("lets alloy validate use the alloy-otel distribution", () => {
    const a = file("v.alloy", 'otelcol.exporter.debug "d" { }\n\notelcol.exporter.otlp "o" {\n\tclient {\n\t\tendpoint = "x:4317"\n\t}\n}\n');
    const r = runAlloy(["validate", "--stability.level", "experimental", "--distribution", "alloy-otel", a]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const g = file("g.alloy", 'otelcol.exporter.googlecloud "g" { }\n');
    expect(runAlloy(["validate", "--stability.level", "experimental", "--distribution", "alloy-otel", g]).stderr).toContain("is not included in the collector distribution");
  });
});
