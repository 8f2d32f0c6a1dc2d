/**
 * The command-line flags Alloy needs to load a converted file: components below the generally-available stability
 * level need `--stability.level`, community components `--feature.community-components.enabled`. Read from the
 * component registry the validator checks with, so the flags named are the ones `alloy validate` would ask for;
 * only the block names are looked at (a converted file can be large, and its bodies do not change the answer).
 */
import { parse, type Statement } from "@alloy-ts/grammar";
import { getRegistry } from "@alloy-ts/validator";

const LEVELS = ["public-preview", "experimental"] as const;

/** The flags, or an empty list when the file loads with Alloy's defaults. */
export function runFlagsFor(alloy: string): string[] {
  const components = new Map(getRegistry().listComponents().map((c) => [c.name, c]));
  let level = -1;
  let community = false;
  const visit = (body: readonly Statement[]) => {
    for (const s of body) {
      if (s.kind !== "Block") continue;
      const c = components.get(s.name);
      if (c === undefined) {
        if (s.name === "declare") visit(s.body);
        continue;
      }
      level = Math.max(level, LEVELS.indexOf(c.stability as (typeof LEVELS)[number]));
      community ||= c.community === true;
    }
  };
  visit(parse(alloy, { name: "converted.alloy" }).file.body);
  const flags: string[] = [];
  if (level >= 0) flags.push(`--stability.level=${LEVELS[level]}`);
  if (community) flags.push("--feature.community-components.enabled");
  return flags;
}
