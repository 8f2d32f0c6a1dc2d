/** Labels of converted blocks (otelcol-conversion.md §4). */
import { sanitizeIdentifier } from "@alloy-ts/grammar";

/**
 * Makes a non-empty `s` a valid Alloy identifier as upstream's SanitizeIdentifier does: a leading digit gets `_`
 * in front, other runes that are neither letters nor digits become `_`.
 */
export function sanitizeLabel(s: string): string {
  const r = sanitizeIdentifier(s);
  return r.ok ? r.value : "_";
}

/** The label for a component named `name` (the part after `/` of its ID) in pipeline group `group`. */
export function componentLabel(group: string, name: string): string {
  if (group === "" && name === "") return "default";
  return sanitizeLabel(`${group === "" ? "default" : group}_${name === "" ? "default" : name}`);
}

/** Component IDs are read by `@alloy-ts/otel`. */
export { splitId } from "@alloy-ts/otel";
