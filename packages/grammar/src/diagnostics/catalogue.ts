/**
 * Diagnostic catalogues: each package lists the codes it reports, once, with the default severity, a one-line
 * summary, the message template and an input that triggers it (as TypeScript's diagnosticMessages.json and
 * Biome's categories do). Code constants used at call sites are derived from the catalogue, so a code cannot be
 * reported without being listed; the catalogues are merged and checked (unique codes, every code triggered by its
 * example, messages matching their templates) by the repository's tests, and docs/diagnostics.md is generated
 * from them.
 */
import type { Severity } from "./diagnostic.js";

/** How an example is run: which entry point reads `text` (the test that runs examples has one runner per kind). */
export type ExampleRunner =
  /** `alloy fmt`'s parser on an Alloy file. */
  | "parse"
  /** `alloy validate` on an Alloy file (`flags` as on the command line). */
  | "validate"
  /** `alloy validate --config.format=otelcol` on collector YAML. */
  | "validate-otelcol"
  /** `alloy convert --source-format=otelcol` on collector YAML (`flags` as on the command line). */
  | "convert"
  /** The bridge dialect (`otel.*` blocks) converted back to collector YAML. */
  | "convert-bridge"
  /** The collector model of a YAML configuration (shared by convert, validate and run). */
  | "collector-model"
  /** `alloy build`'s reading of which component modules a configuration needs. */
  | "requirements"
  /** `alloy run`'s graph building on collector YAML. */
  | "run";

export interface DiagnosticExample {
  readonly runner: ExampleRunner;
  /** The input file's name (its extension says the language). */
  readonly file: string;
  readonly text: string;
  /** Command-line flags the runner applies (`--stability.level=experimental`, `--bypass-errors`). */
  readonly flags?: readonly string[];
}

export interface CatalogueEntry {
  /** Stable identifier, `<area>/<problem>`; unique across the toolchain. */
  readonly code: string;
  readonly severity: Severity;
  /** What the code means, one sentence. */
  readonly summary: string;
  /**
   * The message, with `{name}` for the parts that vary. Upstream's exact wording where upstream reports the same
   * problem (`upstream: true`); a reported message must match its template (checked on the examples).
   */
  readonly message: string;
  readonly upstream?: boolean;
  /**
   * An input that triggers the code, or why there is none (codes that guard internal failures no input reaches
   * on purpose).
   */
  readonly example: DiagnosticExample | { readonly unreachable: string };
}

/** A package's catalogue: entries under the short names call sites use (`Code.unknownAttribute`). */
export interface Catalogue<E extends Readonly<Record<string, CatalogueEntry>> = Readonly<Record<string, CatalogueEntry>>> {
  /** The package that reports these codes (`@alloy-ts/validator`). */
  readonly source: string;
  readonly entries: E;
}

/** Declares a catalogue; `const` keeps the codes as literal types, so `codes()` gives typed constants. */
export function defineCatalogue<const E extends Readonly<Record<string, CatalogueEntry>>>(source: string, entries: E): Catalogue<E> {
  return { source, entries };
}

/** The catalogue's codes under their short names, so call sites cannot name a code that is not listed. */
export function codes<const E extends Readonly<Record<string, CatalogueEntry>>>(catalogue: Catalogue<E>): { readonly [K in keyof E]: E[K]["code"] } {
  const out: Record<string, string> = {};
  for (const [key, entry] of Object.entries(catalogue.entries)) out[key] = entry.code;
  return out as { readonly [K in keyof E]: E[K]["code"] };
}

/** Fills a template's `{name}` parts. A part not given is left as written, so a missing argument is visible. */
export function formatMessage(template: string, args: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in args ? String(args[name]) : whole));
}

/** A regular expression that matches every message the template can produce (each `{name}` matches any text). */
export function templatePattern(template: string): RegExp {
  const parts = template.split(/\{\w+\}/);
  return new RegExp("^" + parts.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("[\\s\\S]*?") + "$");
}

/** True when `message` is one the code's template produces. */
export function matchesTemplate(entry: CatalogueEntry, message: string): boolean {
  return templatePattern(entry.message).test(message);
}

/** One entry of a merged catalogue. */
export interface CatalogueItem extends CatalogueEntry {
  readonly source: string;
}

/**
 * Merges the packages' catalogues into one list sorted by code. Throws on a code listed twice: a code names one
 * problem in the whole toolchain.
 */
export function mergeCatalogues(catalogues: readonly Catalogue[]): CatalogueItem[] {
  const seen = new Map<string, string>();
  const out: CatalogueItem[] = [];
  for (const c of catalogues) {
    for (const entry of Object.values(c.entries)) {
      const code = entry.code;
      const other = seen.get(code);
      if (other !== undefined) throw new Error(`diagnostic code ${code} is listed by ${other} and by ${c.source}`);
      seen.set(code, c.source);
      out.push({ ...entry, source: c.source });
    }
  }
  return out.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}
