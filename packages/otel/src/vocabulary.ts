/**
 * The words every consumer of a collector configuration shares: signals, component kinds and the sections that
 * hold them (otel-config.md §1-2). Defined once; the converter, validator, runtime and language server import them.
 */

/** Pipeline signals, `profiles` included (newer collectors accept it behind a feature gate). */
export const SIGNALS = ["traces", "metrics", "logs", "profiles"] as const;
export type Signal = (typeof SIGNALS)[number];

/** The signals Alloy's `otelcol.*` components carry (no Alloy component takes profiles). */
export const CORE_SIGNALS = ["metrics", "logs", "traces"] as const;
export type CoreSignal = (typeof CORE_SIGNALS)[number];

export const isSignal = (s: string): s is Signal => (SIGNALS as readonly string[]).includes(s);
export const isCoreSignal = (s: string): s is CoreSignal => (CORE_SIGNALS as readonly string[]).includes(s);

/** Component kinds, singular. */
export const KINDS = ["receiver", "processor", "exporter", "connector", "extension"] as const;
export type Kind = (typeof KINDS)[number];

/** Collector sections in the order they are printed, with the kind of their components. */
export const SECTIONS = [
  ["receivers", "receiver"],
  ["processors", "processor"],
  ["exporters", "exporter"],
  ["connectors", "connector"],
  ["extensions", "extension"],
] as const satisfies readonly (readonly [string, Kind])[];

export type SectionName = (typeof SECTIONS)[number][0];

export const sectionOf = (kind: Kind): SectionName => SECTIONS.find(([, k]) => k === kind)![0];
export const kindOf = (section: string): Kind | undefined => SECTIONS.find(([s]) => s === section)?.[1];

/** The lists of a pipeline, with the kinds each may name (connectors stand on either side). */
export const PIPELINE_LISTS = ["receivers", "processors", "exporters"] as const;
export type PipelineList = (typeof PIPELINE_LISTS)[number];
