import type { Range } from "../ast/nodes.js";

export type Severity = "error" | "warning" | "info";

/**
 * A diagnostic as plain data, shared by the CLI, the language server and reports.
 * `message` is upstream's exact text where upstream defines one.
 */
export interface Diagnostic {
  readonly severity: Severity;
  readonly message: string;
  readonly range: Range;
  /** Stable machine-readable identifier, e.g. `syntax/expected-token`. */
  readonly code: string;
}
