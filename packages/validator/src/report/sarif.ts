/**
 * SARIF 2.1.0 output (OASIS Static Analysis Results Interchange Format) for `alloy validate --format=sarif`.
 * Regions use 1-based lines and columns; columns are counted in UTF-16 code units, SARIF's default
 * `columnKind` ("utf16CodeUnits").
 */
import { redactUrlCredentials, type SourceFile } from "@alloy-ts/grammar";
import type { ValidationDiagnostic } from "../diagnostic.js";

export interface SarifOptions {
  readonly toolVersion?: string;
  /** Turns a file name into the artifact URI (default: the name with `/` separators). */
  readonly uri?: (file: string) => string;
}

const LEVEL = { critical: "error", error: "error", warning: "warning", info: "note" } as const;

/** Builds a SARIF log with one run. */
export function toSarif(diags: readonly ValidationDiagnostic[], sources: ReadonlyMap<string, SourceFile>, opts: SarifOptions = {}): object {
  const uri = opts.uri ?? ((f: string) => f.replace(/\\\\/g, "/"));
  const ruleIds = [...new Set(diags.map((d) => d.code))].sort();
  const files = [...new Set(diags.map((d) => d.file))];
  return {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "alloy validate",
            informationUri: "https://grafana.com/docs/alloy/latest/reference/cli/validate/",
            ...(opts.toolVersion ? { version: opts.toolVersion } : {}),
            rules: ruleIds.map((id) => ({ id, shortDescription: { text: id.replace(/^validator\//, "").replace(/-/g, " ") } })),
          },
        },
        artifacts: files.map((f) => ({ location: { uri: uri(f) } })),
        results: diags.map((d) => {
          const src = sources.get(d.file);
          const region = src ? regionOf(src, d.range.start, Math.max(d.range.start, d.range.end)) : undefined;
          return {
            ruleId: d.code,
            ruleIndex: ruleIds.indexOf(d.code),
            level: LEVEL[d.severity],
            message: { text: redactUrlCredentials(d.hint ? `${d.message} (${d.hint})` : d.message) },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: uri(d.file), index: files.indexOf(d.file) },
                  ...(region ? { region } : {}),
                },
              },
            ],
          };
        }),
        columnKind: "utf16CodeUnits",
      },
    ],
  };
}

function regionOf(src: SourceFile, start: number, end: number): object {
  const s = src.lspPosition(start);
  const e = src.lspPosition(end);
  return { startLine: s.line + 1, startColumn: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1 };
}
