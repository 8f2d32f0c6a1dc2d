/**
 * Server authentication (fixtures/convert/defects/receiver-*.yaml): a receiver's authenticator is carried, and
 * one Alloy cannot carry as a server authenticator is an Error at its YAML position, never a silently open
 * receiver.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { convertOtelcol, convertOtelcolToHybrid } from "@alloy-ts/converter";
import type { Diagnostic } from "@alloy-ts/grammar";
import { repoRoot } from "../support/shared.js";

const fixture = (name: string) => readFileSync(path.join(repoRoot, "fixtures", "convert", "defects", `${name}.yaml`), "utf8");
const errors = (r: { diagnostics: readonly Diagnostic[] }) =>
  r.diagnostics.filter((d) => d.severity === "error" || d.severity === "critical");

describe("receiver authentication", () => {
  it("is dropped only under --compat=upstream", () => {
    const yaml = fixture("receiver-basicauth");
    expect(convertOtelcol(yaml).output).toMatch(/grpc \{\n\t\tauth = otelcol\.auth\.basic\.default_server\.handler/);
    expect(convertOtelcol(yaml, { compat: "upstream" }).output).not.toMatch(/\bauth\s*=\s*otelcol\.auth\.basic\.default_server/);
  });

  it("with an authenticator Alloy lacks stops the default conversion; the hybrid dialect carries and references it", () => {
    const yaml = fixture("receiver-oidc");
    const stopped = errors(convertOtelcol(yaml));
    expect(stopped.some((d) => d.severity === "critical" && d.message.startsWith('extension "oidc/server" has no Alloy equivalent'))).toBe(true);
    const hybrid = convertOtelcolToHybrid(yaml);
    expect(errors(hybrid)).toEqual([]);
    expect(hybrid.output).toContain("auth = otel.extension.oidc.default_server.handler");
  });

  it("with a client-only authenticator is an Error", () => {
    const yaml = `extensions:
  headers_setter:
    headers:
      - key: X-Tenant
        value: acme
receivers:
  zipkin:
    auth:
      authenticator: headers_setter
exporters:
  debug: {}
service:
  extensions: [headers_setter]
  pipelines:
    traces:
      receivers: [zipkin]
      exporters: [debug]
`;
    const found = errors(convertOtelcol(yaml));
    expect(found.map((d) => d.message)).toEqual([
      'receiver/zipkin: auth.authenticator "headers_setter": Alloy\'s component for "headers_setter" authenticates clients only (server authenticators: basicauth, bearertokenauth); the converted server would accept unauthenticated requests',
    ]);
    expect(found[0]!.position).toEqual({ line: 9, column: 7 });
    expect(errors(convertOtelcol(yaml, { compat: "upstream" }))).toEqual([]);
  });

  it("an extension that both serves and sends keeps its client credentials out of the server's users", () => {
    const yaml = `extensions:
  basicauth:
    htpasswd: {file: /etc/htpasswd}
    client_auth: {username: relay, password: secret}
receivers:
  otlp:
    protocols:
      http:
        auth: {authenticator: basicauth}
exporters:
  otlphttp:
    endpoint: https://up.example.com
    auth: {authenticator: basicauth}
service:
  extensions: [basicauth]
  pipelines:
    logs: {receivers: [otlp], exporters: [otlphttp]}
`;
    // Alloy adds the deprecated top-level username/password to the htpasswd users; client_auth it does not.
    const block = convertOtelcol(yaml).output!.split(/\n\n(?=\S)/)[0]!;
    expect(block).toBe('otelcol.auth.basic "default" {\n\tclient_auth {\n\t\tusername = "relay"\n\t\tpassword = "secret"\n\t}\n\n\thtpasswd {\n\t\tfile = "/etc/htpasswd"\n\t}\n}');
  });

  it("a bearer token list is refused: Alloy's bearer authenticator takes one token", () => {
    const yaml = `extensions:
  bearertokenauth:
    tokens: [a-token, b-token]
receivers:
  otlp:
    protocols:
      http:
        auth:
          authenticator: bearertokenauth
exporters:
  debug: {}
service:
  extensions: [bearertokenauth]
  pipelines:
    logs:
      receivers: [otlp]
      exporters: [debug]
`;
    expect(errors(convertOtelcol(yaml)).map((d) => d.message)).toEqual([
      "extension/bearertokenauth: tokens (a list of accepted tokens) cannot be converted: otelcol.auth.bearer takes a single token",
    ]);
  });
});
