/** Names that resolve without a component: standard-library roots and scope variables (spec alloy-syntax §8.5, §12). */
import type { Catalog } from "../schema/catalog.js";

/** Top-level names of the standard library, including the deprecated aliases (spec alloy-syntax §12, §12.3). */
export const STDLIB_ROOTS: ReadonlySet<string> = new Set([
  "constants", "coalesce", "json_path", "sys", "convert", "array", "encoding", "string", "file",
  "env", "nonsensitive", "concat", "json_decode", "yaml_decode", "base64_decode",
  "format", "join", "replace", "split", "to_lower", "to_upper", "trim", "trim_prefix", "trim_suffix", "trim_space",
]);

/** Whether a traversal's first identifier resolves without a component. */
export function isKnownRoot(name: string, inDeclare: boolean, catalog: Catalog): boolean {
  if (STDLIB_ROOTS.has(name) || name === "module_path") return true;
  if (inDeclare && name === "argument") return true;
  return catalog.functions().some((f) => f.name === name || f.name.startsWith(`${name}.`));
}
