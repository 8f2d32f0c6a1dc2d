/**
 * The command-line flags Alloy needs to load a converted file: components below the generally-available stability
 * level need `--stability.level`, community components `--feature.community-components.enabled`. Found with the
 * validator's own stability checks, so the flags named are the ones `alloy validate` would ask for.
 */
import { parse } from "@alloy-ts/grammar";
import { validate, ValidationCode } from "@alloy-ts/validator";

const LEVELS = ["public-preview", "experimental"] as const;

/** The flags, or an empty list when the file loads with Alloy's defaults. */
export function runFlagsFor(alloy: string): string[] {
  // Per-block stability errors (upstream's form) say which level each block needs.
  const diagnostics = validate([parse(alloy, { name: "converted.alloy" })], { compat: "upstream" });
  let level = -1;
  let community = false;
  for (const d of diagnostics) {
    if (d.code === ValidationCode.stability) {
      const named = /stability level "([a-z-]+)"/.exec(d.message)?.[1];
      level = Math.max(level, LEVELS.indexOf(named as (typeof LEVELS)[number]));
    } else if (d.code === ValidationCode.community) community = true;
  }
  const flags: string[] = [];
  if (level >= 0) flags.push(`--stability.level=${LEVELS[level]}`);
  if (community) flags.push("--feature.community-components.enabled");
  return flags;
}
