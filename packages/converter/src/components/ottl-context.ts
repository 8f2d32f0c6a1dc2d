/**
 * OTTL context inference for statement groups written without `context:`. The collector's transform processor
 * infers a group's context from the path prefixes of its statements and conditions (`span.attributes`,
 * `resource.attributes`, ...), choosing the most specific one by a fixed priority (pkg/ottl
 * context_inferrer.go, `defaultContextInferPriority`). Alloy's `trace_statements` blocks need the context
 * written, so the converter applies the same rule. (The collector may then fall back to a lower context when a
 * function or enum of the statements is missing from the inferred one; such statements are rare in practice and
 * are reported by the collector's and Alloy's parser alike.)
 */
import type { Signal } from "../engine/description.js";

/** The collector's priority: earlier entries win. `instrumentation_scope` is the old name of `scope`. */
const PRIORITY = ["log", "datapoint", "metric", "spanevent", "span", "resource", "scope", "instrumentation_scope"] as const;

/** Contexts each signal's statements may use. */
const CONTEXTS: Record<Signal, ReadonlySet<string>> = {
  traces: new Set(["span", "spanevent", "resource", "scope", "instrumentation_scope"]),
  metrics: new Set(["metric", "datapoint", "resource", "scope", "instrumentation_scope"]),
  logs: new Set(["log", "resource", "scope", "instrumentation_scope"]),
};

/** OTTL text without its string literals (their content could look like a path). */
function withoutStrings(text: string): string {
  return text.replace(/"(?:[^"\\]|\\.)*"/g, '""');
}

/** Path prefixes: a lower-case identifier followed by `.` that does not itself follow `.`, `[` or a word. */
const PATH_PREFIX = /(?<![\w.])([a-z_]+)\.(?=[a-z_])/g;

/**
 * The context the collector infers for the given OTTL texts of a signal, in Alloy's spelling (`scope` for
 * `instrumentation_scope`), or undefined when no statement names one (the collector then refuses the group).
 */
export function inferContext(signal: Signal, texts: readonly string[]): string | undefined {
  const allowed = CONTEXTS[signal];
  let best: number | undefined;
  for (const text of texts) {
    for (const m of withoutStrings(text).matchAll(PATH_PREFIX)) {
      const name = m[1]!;
      if (!allowed.has(name)) continue;
      const rank = PRIORITY.indexOf(name as (typeof PRIORITY)[number]);
      if (best === undefined || rank < best) best = rank;
    }
  }
  if (best === undefined) return undefined;
  const context = PRIORITY[best]!;
  return context === "instrumentation_scope" ? "scope" : context;
}
