/** `alloy validate` text output never shows a secret in the lines it quotes around a diagnostic. */
import { describe, expect, it } from "vitest";
import { SourceFile } from "@alloy-ts/grammar";
import { renderPretty, validateDetailed, validateOtelcolYaml } from "@alloy-ts/validator";

const render = (text: string) => {
  const r = validateDetailed([{ name: "main.alloy", text }]);
  expect(r.diagnostics.length).toBeGreaterThan(0);
  return renderPretty(r.diagnostics, r.sources);
};

describe("validate snippets hide secrets", () => {
  it("a typo next to a password does not print the password, and the caret still points at the typo", () => {
    const out = render('otelcol.auth.basic "creds" {\n\tusername = "bob"\n\tpassword = "hunter2"\n\tpasword2 = "x"\n}\n');
    expect(out).toContain('unrecognized attribute name "pasword2"');
    expect(out).not.toContain("hunter2");
    expect(out).toContain('password = "*******"');
    expect(out).toMatch(/5 \| }/);
    expect(out).toMatch(/4 \|\s+pasword2 = "x"\n\s+\| \s+\^/);
  });

  it("hides a secret-typed attribute whose name says nothing (otelcol.auth.headers value)", () => {
    const out = render('otelcol.auth.headers "h" {\n\theader {\n\t\tkey   = "X-Scope-OrgID"\n\t\tvalue = "tenant-secret-1"\n\t\tbogus = 1\n\t}\n}\n');
    expect(out).toContain("bogus");
    expect(out).not.toContain("tenant-secret-1");
  });

  it("hides URL credentials in quoted lines and messages, and control bytes do not reach the terminal", () => {
    const out = render('otelcol.exporter.otlphttp "x" {\n\tclient {\n\t\tendpoint = "http://user:pa55@collector:4318"\n\t\tbogus = "\x1b[2J"\n\t}\n}\n');
    expect(out).not.toContain("pa55");
    expect(out).toContain('"http://*********@collector:4318"');
    expect(out).not.toContain("\x1b");
  });

  it("hides secrets in collector YAML snippets", () => {
    const yaml = "exporters:\n  otlphttp:\n    endpoint: http://collector:4318\n    headers:\n      api-key: k3y-v4lue\n    bogus_setting: 1\nservice:\n  pipelines:\n    traces:\n      receivers: [otlp]\n      exporters: [otlphttp]\n";
    const r = validateOtelcolYaml(yaml, "c.yaml", {});
    expect(r.diagnostics.length).toBeGreaterThan(0);
    const out = renderPretty(r.diagnostics, new Map([["c.yaml", r.source as SourceFile]]));
    expect(out).not.toContain("k3y-v4lue");
  });
});

describe("validate JSON and SARIF reports hide URL credentials in messages", () => {
  it("redacts a URL quoted by a message", async () => {
    const { toJsonReport, toSarif } = await import("@alloy-ts/validator");
    const r = validateDetailed([{ name: "main.alloy", text: 'otelcol.exporter.otlphttp "x" {\n\tclient {\n\t\tendpoint = "http://u:pw1@h"\n\t}\n\tbogus = "http://u:pw2@h"\n}\n' }]);
    const d = r.diagnostics.map((x) => ({ ...x, message: `${x.message}: http://u:pw3@h` }));
    const text = JSON.stringify(toJsonReport(d, r.sources)) + JSON.stringify(toSarif(d, r.sources));
    expect(text).toContain("http://xxxxx@h");
    expect(text).not.toContain("pw3");
  });
});
