/** Labels of converted blocks (otelcol-conversion.md §4). */

const VALID = /^[\p{L}_][\p{L}\p{Nd}_]*$/u;

/** Makes `s` a valid Alloy identifier: a leading digit gets `_` in front, other invalid runes become `_`. */
export function sanitizeLabel(s: string): string {
  if (VALID.test(s) && s !== "true" && s !== "false" && s !== "null") return s;
  let out = "";
  for (const ch of s) {
    if (out === "" && /\p{Nd}/u.test(ch)) out += "_";
    out += /[\p{L}\p{Nd}_]/u.test(ch) ? ch : "_";
  }
  return out;
}

/** The label for a component named `name` (the part after `/` of its ID) in pipeline group `group`. */
export function componentLabel(group: string, name: string): string {
  if (group === "" && name === "") return "default";
  return sanitizeLabel(`${group === "" ? "default" : group}_${name === "" ? "default" : name}`);
}

/** Component IDs are read by `@alloy-ts/otel`. */
export { splitId } from "@alloy-ts/otel";
