/**
 * The one diagnostic model of the toolchain: every package (parser, validator, converter, collector model,
 * runtime, language server) reports problems as this plain data, and only the edges render it (upstream's text,
 * JSON, SARIF, the convert report, LSP, the HTML report). Codes and message templates live in one catalogue per
 * package (see catalogue.ts); `message` is upstream's exact text where upstream defines one.
 */
import type { Range } from "../ast/nodes.js";

/**
 * `critical` is the converter's: upstream's converters have a Critical severity that stops the conversion
 * whatever the flags; every other producer uses the three others.
 */
export type Severity = "critical" | "error" | "warning" | "info";

/** 1-based line and column of a place, for producers whose reader gives only these (the collector YAML reader). */
export interface LineColumn {
  readonly line: number;
  readonly column: number;
}

/**
 * A place in a named file: offsets `[start, end)` into its text when the producer has them (the Alloy parser),
 * else the 1-based line and column of its start (collector YAML). Neither: the whole input, or no text at all
 * (a runtime problem names its `subject` instead).
 */
export interface Location {
  /** The file's name as given to the producer (absent when the producer saw only a text). */
  readonly file?: string;
  readonly range?: Range;
  readonly position?: LineColumn;
}

/** Another place that explains the diagnostic (the first definition of a duplicate, the other end of a cycle). */
export interface RelatedLocation extends Location {
  readonly message: string;
}

/** One replacement of `range` in `file` (the diagnostic's file when absent). */
export interface TextEdit {
  readonly file?: string;
  readonly range: Range;
  readonly newText: string;
}

/** A change that resolves the diagnostic, offered by the language server as a quick fix. */
export interface Fix {
  readonly title: string;
  readonly edits: readonly TextEdit[];
}

/** One problem found in a configuration, as plain data. */
export interface Diagnostic extends Location {
  readonly severity: Severity;
  /** Stable identifier from a package's catalogue, e.g. `syntax/parser`, `validator/unknown-attribute`. */
  readonly code: string;
  /** The text users read; upstream's exact text where upstream defines it. */
  readonly message: string;
  /** Further lines printed under the message (upstream's converter prints such details). */
  readonly detail?: string;
  /** Extra help that is not part of upstream's message, e.g. `did you mean "endpoint"?`. */
  readonly hint?: string;
  /** What the diagnostic is about when it has no place in a text (a component ID of a running graph). */
  readonly subject?: string;
  readonly related?: readonly RelatedLocation[];
  readonly fixes?: readonly Fix[];
}

/** A diagnostic known to carry offsets: what the parser and the validator report. */
export type RangedDiagnostic = Diagnostic & { readonly range: Range };

/** A diagnostic of a named file: what the validator reports for each of the files it was given. */
export type FileDiagnostic = RangedDiagnostic & { readonly file: string };

const RANK: Record<Severity, number> = { critical: 0, error: 1, warning: 2, info: 3 };

/** True for `critical` and `error`: the severities that make a command fail. */
export function isError(d: Pick<Diagnostic, "severity">): boolean {
  return RANK[d.severity] <= RANK.error;
}

/** Orders severities from most to least severe (for sorting and for "the worst of"). */
export function severityRank(s: Severity): number {
  return RANK[s];
}
