/** Reports: SARIF 2.1.0 structure, JSON positions and upstream's pretty printer layout. */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import ajvDraft04 from "ajv-draft-04";
import { describe, expect, it } from "vitest";
import { renderPretty, toJsonReport, toSarif, validateDetailed } from "@alloy-ts/validator";
import { compileSchema } from "../support/json-schema.js";
import { repoRoot } from "../support/shared.js";

const CONFIG = `logging {
\tlevel = "info"
}

prometheus.scrape "a" {
\ttargets    = []
\tforward_to = [prometheus.remote_write.missing.receiver]
\tbogus      = 1
}

local.file "f" {
\tfilename = env("HOME")
}
`;

const result = validateDetailed([{ name: "main.alloy", text: CONFIG }]);

describe("reports", () => {
  it("finds the expected problems", () => {
    expect(result.diagnostics.map((d) => [d.severity, d.message])).toEqual([
      ["error", 'unrecognized attribute name "bogus"'],
      ["error", 'component "prometheus.remote_write.missing.receiver" does not exist or is out of scope'],
      ["warning", "this stdlib function is deprecated; please refer to the documentation for updated usage and alternatives"],
    ]);
  });

  it("SARIF output has the structure SARIF 2.1.0 requires", () => {
    const schema = JSON.parse(readFileSync(path.join(repoRoot, "test/validator/sarif-2.1.0-required.schema.json"), "utf8"));
    const check = compileSchema(schema);
    const sarif = toSarif(result.diagnostics, result.sources) as { runs: { results: { level: string; locations: { physicalLocation: { region: object } }[] }[] }[] };
    expect(check(sarif)).toEqual([]);
    expect(sarif.runs[0]!.results.map((r) => r.level)).toEqual(["error", "error", "warning"]);
    expect(sarif.runs[0]!.results[1]!.locations[0]!.physicalLocation.region).toEqual({ startLine: 7, startColumn: 16, endLine: 7, endColumn: 56 });
    expect(check({ version: "2.0.0", runs: [] })).not.toEqual([]);
    expect(check({ version: "2.1.0", runs: [{ tool: { driver: {} } }] })).not.toEqual([]);
  });

  it("SARIF output validates against the official SARIF 2.1.0 JSON schema", () => {
    // The OASIS schema (draft-04), as shipped in the MIT-licensed @microsoft/jest-sarif package.
    const require = createRequire(import.meta.url);
    const dir = path.dirname(require.resolve("@microsoft/jest-sarif/package.json"));
    const schema = JSON.parse(readFileSync(path.join(dir, "lib/schemas/sarif-2.1.0-rtm.5.json"), "utf8"));
    // The schema's language pattern is not valid with the `u` flag, so patterns are compiled without it.
    const ajv = new ajvDraft04.default({ allErrors: true, strict: false, validateFormats: false, unicodeRegExp: false });
    const validateSarif = ajv.compile(schema);
    const sarif = toSarif(result.diagnostics, result.sources);
    expect(validateSarif(sarif), JSON.stringify(validateSarif.errors, null, 1)).toBe(true);
    const clean = validateDetailed([{ name: "ok.alloy", text: 'logging {\n\tlevel = "info"\n}\n' }]);
    expect(validateSarif(toSarif(clean.diagnostics, clean.sources)), JSON.stringify(validateSarif.errors)).toBe(true);
    // The schema really checks: a wrong version or a result without a message is rejected.
    expect(validateSarif({ ...(sarif as object), version: "2.0.0" })).toBe(false);
    const broken = JSON.parse(JSON.stringify(sarif)) as { runs: { results: { message?: unknown }[] }[] };
    delete broken.runs[0]!.results[0]!.message;
    expect(validateSarif(broken)).toBe(false);
  });

  it("JSON output uses line and byte column", () => {
    const j = toJsonReport(result.diagnostics, result.sources);
    expect(j.valid).toBe(false);
    expect(j.diagnostics[0]).toMatchObject({ start: { line: 8, column: 2 }, end: { line: 8, column: 15 }, code: "validator/unknown-attribute" });
  });

  it("pretty output follows upstream's layout (tabs as four spaces, context lines, markers)", () => {
    const text = renderPretty(result.diagnostics.slice(0, 1), result.sources);
    expect(text).toBe(
      [
        'Error: main.alloy:8:2: unrecognized attribute name "bogus"',
        "",
        "7 |     forward_to = [prometheus.remote_write.missing.receiver]",
        "8 |     bogus      = 1",
        "  |     ^^^^^^^^^^^^^^",
        "9 | }",
        "",
      ].join("\n"),
    );
  });

  it("pretty output marks multi-line ranges", () => {
    const r = validateDetailed([{ name: "m.alloy", text: 'remote.http "x" {\n}\n' }]);
    expect(renderPretty(r.diagnostics, r.sources)).toBe(
      ['Error: m.alloy:1:1: missing required attribute "url"', "", "1 |   remote.http \"x\" {", "  |  _^^^^^^^^^^^^^^^^^", "2 | | }", "  | |_^", "3 |   ", ""].join("\n"),
    );
  });

  it("colours the header when asked", () => {
    const text = renderPretty(result.diagnostics.slice(2), result.sources, { color: true });
    expect(text.startsWith("\x1b[1m\x1b[33mWarning: \x1b[0m\x1b[1mmain.alloy:12:13: ")).toBe(true);
  });
});
