/**
 * The converted file checked as Alloy checks it when it loads (the validator: component rules, references, types),
 * each problem named at the collector component its block came from. Without this, a setting the collector
 * itself refuses (an `otlphttp` exporter without endpoint, a `memory_limiter` with `check_interval: 0`, a `loki`
 * exporter in a traces pipeline) converted "successfully" into a file Alloy refuses.
 */
import { parse, type ParseResult } from "@alloy-ts/grammar";
import type { Position } from "@alloy-ts/otel";
import { validate } from "@alloy-ts/validator";
import type { DefinedComponent } from "./otel/config.js";

export interface OutputProblem {
  readonly summary: string;
  readonly position?: Position;
}

/** Run flags are not the conversion's fault: the command prints the flags its output needs. */
const OPTIONS = { stabilityLevel: "experimental", communityComponents: true } as const;

/**
 * Errors Alloy would report on `output`, the printing of `tokens` (the parsed file it was printed from, named
 * `converted.alloy`); `origins` maps `<name>.<label>` of each emitted block to its source. The tokens' tree is
 * checked, so that a file that passes is parsed once; one that fails is checked again as printed, so that each
 * problem is named at its line in the output.
 */
/** The collector component a block of the output came from, as messages name it. */
export type OutputOrigin = Pick<DefinedComponent, "kind" | "id" | "position">;

export function checkOutput(output: string, tokens: ParseResult, origins: ReadonlyMap<string, OutputOrigin>): OutputProblem[] {
  const isError = (d: { severity: string }): boolean => d.severity === "error";
  if (!validate([tokens], OPTIONS).some(isError)) return [];
  const errors = validate([{ name: "converted.alloy", text: output }], OPTIONS).filter(isError);
  const { file, source } = parse(output);
  const out: OutputProblem[] = [];
  for (const e of errors) {
    const top = file.body.find((s) => s.kind === "Block" && s.start <= e.range.start && e.range.start < s.end);
    const key = top?.kind === "Block" ? `${top.name}.${top.label ?? ""}` : undefined;
    const from = key === undefined ? undefined : origins.get(key);
    const where = `${source.formatPosition(e.range.start)}`.replace(/^converted\.alloy:/, "");
    const summary = `${from ? `${from.kind}/${from.id}` : "the conversion"}: Alloy would refuse the converted ${key ?? "file"} (output line ${where}): ${e.message}`;
    out.push(from?.position ? { summary, position: from.position } : { summary });
  }
  return out;
}
