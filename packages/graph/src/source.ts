/** Which reader a file goes to: by `--source-format`, else by its extension (YAML is collector configuration). */
import { graphOfAlloy } from "./alloy.js";
import { graphOfCollector } from "./collector.js";
import type { GraphOptions, PipelineGraph } from "./model.js";

export type SourceFormat = "alloy" | "otelcol";

export function sourceFormatOf(file: string, given?: string): SourceFormat {
  if (given === "alloy" || given === "otelcol") return given;
  return /\.ya?ml$/i.test(file) ? "otelcol" : "alloy";
}

export function graphOfSource(text: string, file: string, format: SourceFormat, options: GraphOptions = {}): PipelineGraph {
  return format === "otelcol" ? graphOfCollector(text, file, options) : graphOfAlloy(text, file, options);
}
