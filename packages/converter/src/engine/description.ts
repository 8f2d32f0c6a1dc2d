/**
 * Declarative descriptions of OTel components and how they become Alloy blocks. One description per component
 * (see components/README.md); the generic engine (engine.ts) applies the defaults rule of
 * otelcol-conversion.md §11 to it: an optional Alloy argument is written only when the value converted from the
 * OTel config (the YAML merged over OTel's factory defaults) differs from Alloy's default.
 */
import type { Diagnostic, Severity } from "@alloy-ts/grammar";
import type { RawMap, RawValue } from "@alloy-ts/otel";
import { convertDiagnostic } from "../diagnostics.js";

import type { CoreSignal, Kind } from "@alloy-ts/otel";

/** The collector vocabulary of `@alloy-ts/otel`: the signals Alloy's components carry, and component kinds. */
export type Signal = CoreSignal;
export type ComponentKind = Kind;

/**
 * How an OTel value becomes an Alloy value.
 * - `string`, `int`, `float`, `bool`: the scalar as-is (`float32` widens through float32 first, §12);
 * - `duration`: Go duration (YAML text like `5s`, or an integer of nanoseconds) printed as `"1m0s"`;
 * - `bytes`: a byte count printed as `"512KiB"`; `mib`: a MiB count printed the same way after × 1 MiB;
 * - `strings`, `ints`, `floats`, `durations`: lists of those (nil and empty are different, §11.1);
 * - `map`: a string-keyed mapping printed as an object with sorted keys; `any`: any YAML value by its type;
 * - `extension`: an OTel extension ID printed as a reference to the converted extension's `handler`.
 */
export type Conversion =
  | "string" | "int" | "float" | "float32" | "bool" | "duration" | "bytes" | "mib"
  | "strings" | "ints" | "floats" | "durations" | "map" | "any" | "extension";

/** Path of an OTel key relative to the OTel map of the enclosing block: `"a.b"` or `["metrics", "file.atime"]`. */
export type OtelPath = string | readonly string[];

/** Read access to the OTel configuration of the block being converted. */
export interface Source {
  /** The OTel map of this block (undefined when the YAML has none: OTel defaults apply). */
  readonly map: RawMap | undefined;
  /** The YAML value at `path`, or undefined when absent. */
  get(path: OtelPath): RawValue | undefined;
  /** True when the YAML has the key (even with a null value). */
  has(path: OtelPath): boolean;
  /** The OTel map of the component itself. */
  readonly root: Source;
  /** True under `--compat=upstream`. */
  readonly compat: boolean;
  /** Alloy label of the component being converted ("" when unknown). */
  readonly label: string;
  /** The YAML config of an extension by ID (for settings another component folds in, e.g. sigv4), when known. */
  extension?(id: string): RawValue | undefined;
}

/** An attribute `name = value`. */
export interface AttrRow {
  readonly attr: string;
  readonly as: Conversion;
  /** OTel key (default: the Alloy name). `null`: the converter never sets it (§16 "never"). */
  readonly otel?: OtelPath | null;
  /** The value OTel's factory default config has for this key, in YAML form (`"5s"`, `1000`, `["a"]`). */
  readonly otelDefault?: unknown;
  /** Alloy's default for the argument (same forms); absent means the zero value of the conversion. */
  readonly alloyDefault?: unknown;
  /**
   * The Alloy default upstream's converter assumes where it is not Alloy's (under --compat=upstream a value equal
   * to it is left out, as upstream does; by default Alloy's real default decides). See docs/converter-differences.md.
   */
  readonly upstreamAlloyDefault?: unknown;
  /** Required Alloy argument: always written, even when zero. */
  readonly required?: boolean;
  /** Converter specifics: turns the OTel value (YAML or OTel default) into the value to convert. */
  readonly map?: (value: RawValue | undefined, src: Source) => unknown;
}

/** A nested block `name { ... }` whose content is compared with the block type's own defaults (the rows' `alloyDefault`). */
export interface BlockRow {
  readonly block: string;
  readonly rows: readonly Row[];
  /** OTel key of the sub-map (default: the Alloy name). `""`: the rows read the enclosing map (a squashed struct). */
  readonly otel?: OtelPath | null;
  readonly required?: boolean;
  /**
   * Alloy's default for this field in the enclosing block: `"nil"` (absent: written whenever built), `"zero"`
   * (omitted when every value is zero; the default), `"own"` (omitted when equal to the block's own defaults) or
   * `"empty"` (the default is this block present with all-zero content, nested blocks included), or an object:
   * the enclosing type's default values of this block's attributes by Alloy name (absent = zero), used only to
   * decide omission; once written, the block is compared with its rows' `alloyDefault`s (e.g. file storage
   * `compaction`, §11.1).
   */
  readonly parentDefault?: "nil" | "zero" | "own" | "empty" | Readonly<Record<string, unknown>>;
  /**
   * When the converter builds the block: `"always"`, or `"present"` when the OTel key exists (in the YAML, or in
   * OTel's defaults when `otelPresent`). Default: `"present"` for a nil parent default, `"always"` otherwise.
   */
  readonly build?: "always" | "present" | ((src: Source) => boolean);
  /** OTel's default config contains this sub-structure. */
  readonly otelPresent?: boolean;
}

/** Repeated blocks `name { ... }`, one per element of an OTel list (or of a computed list of maps). */
export interface RepeatedBlockRow {
  readonly blocks: string;
  readonly rows: readonly Row[];
  /** OTel key of the list (default: the Alloy name). */
  readonly otel?: OtelPath;
  /** OTel's default list, used when the YAML has none. */
  readonly otelDefault?: readonly unknown[];
  /** Converter specifics: the elements (each an OTel map) to convert. */
  readonly items?: (src: Source) => readonly RawValue[];
  /** Elements that convert to all-zero values are skipped (optional block lists). */
  readonly skipZero?: boolean;
}

/** Where the `output` block goes (when a description has no such row, it comes last). */
export interface OutputRow {
  readonly output: true;
}

export type Row = AttrRow | BlockRow | RepeatedBlockRow | OutputRow;

/**
 * A diagnostic a component reports about its own OTel config, with the OTel key path it is about (`"a.b"` or
 * `["a", "b"]`), from which the conversion finds its YAML position (the component's own position without one).
 */
export type ComponentNote = Diagnostic & { readonly at?: OtelPath };

/**
 * A component's note under upstream's code (`convert/otelcol`). `error`: the conversion would change what the
 * configuration does (e.g. drop authentication).
 */
export function componentNote(severity: Exclude<Severity, "critical">, message: string, at?: OtelPath): ComponentNote {
  const d = convertDiagnostic(severity, message);
  return at === undefined ? d : { ...d, at };
}

/** How one OTel component type (and its aliases) converts. */
export interface ComponentDescription {
  readonly kind: ComponentKind;
  /** Accepted OTel type names; the first is the current name, the others deprecated aliases. */
  readonly otelTypes: readonly string[];
  /** Alloy component name, e.g. `otelcol.receiver.otlp`. */
  readonly alloyName: string;
  /** Signals whose targets the converter computes for the `output` block (§6); empty for exporters/extensions. */
  readonly signals: readonly Signal[];
  readonly rows: readonly Row[];
  /** Upstream writes no `output` block at all (§18.1); fixed outside compat mode. */
  readonly upstreamOmitsOutput?: boolean;
  /** Upstream puts logs targets under `metrics` and metrics targets under `logs` (§18.2); fixed outside compat mode. */
  readonly upstreamSwapsMetricsAndLogs?: boolean;
  /** Warnings/infos about the OTel config, `id` being the OTel component ID. */
  readonly notes?: (src: Source, id: string) => readonly ComponentNote[];
  /** Blocks emitted before the component's own block (e.g. `local.file` for the bearer token extension). */
  readonly before?: (src: Source, label: string) => readonly { name: string; label: string; rows: readonly Row[] }[];
  /** Export name other components use to reference this extension (default `handler`). */
  readonly exportName?: string;
}
