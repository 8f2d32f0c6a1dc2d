/**
 * A file of the flags Alloy runs with (an `alloy run …` line, a systemd or Debian `CUSTOM_ARGS="…"` assignment, or
 * bare arguments; whitespace- or line-separated, `#` comments): only the two flags that decide what loads are
 * read. `alloy validate --run-flags FILE` and the language server (a file in the workspace root) read it alike.
 */
import type { Stability } from "./registry.js";

/** What the flags decide; a key is absent when the file does not give the flag. */
export interface RunFlags {
  level?: Exclude<Stability, "undefined">;
  community?: boolean;
}

/** A malformed value in a flags file; the message starts with the file's name. */
export class RunFlagsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RunFlagsError";
  }
}

const LEVELS: readonly string[] = ["experimental", "public-preview", "generally-available"];

/** The run flags of a file's text; throws {@link RunFlagsError} on a value Alloy would refuse. */
export function parseRunFlags(text: string, file = "<flags>"): RunFlags {
  const out: RunFlags = {};
  const words = text
    .replace(/#.*$/gm, "")
    .split(/\s+/)
    .map((w) => w.replace(/^[A-Za-z_][A-Za-z0-9_]*=/, "").replace(/^["']|["']$/g, ""))
    .filter(Boolean);
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const m = /^--?stability\.level(?:=(.*))?$/.exec(w);
    if (m) {
      const v = m[1] ?? words[++i];
      if (!v || !LEVELS.includes(v)) throw new RunFlagsError(`${file}: invalid stability level "${v ?? ""}"`);
      out.level = v as RunFlags["level"];
      continue;
    }
    const c = /^--?feature\.community-components\.enabled(?:=(.*))?$/.exec(w);
    if (c) {
      if (c[1] !== undefined && c[1] !== "true" && c[1] !== "false") throw new RunFlagsError(`${file}: invalid boolean "${c[1]}" for --feature.community-components.enabled`);
      out.community = c[1] !== "false";
    }
  }
  return out;
}
