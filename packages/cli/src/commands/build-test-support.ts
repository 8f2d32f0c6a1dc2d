/** Helpers for build.test.ts: the `kind gomod` lines of a manifest, in order. */
export { alloyOtelManifest } from "@alloy-ts/converter";

/** `"<section> <module> <version>"` for every `- gomod:` entry of a builder manifest. */
export function listModules(manifest: string): string[] {
  const out: string[] = [];
  let section = "";
  for (const line of manifest.split("\n")) {
    const s = /^(\w+):\s*$/.exec(line);
    if (s) section = s[1]!;
    const g = /^\s+- gomod: (.+)$/.exec(line);
    if (g) out.push(`${section} ${g[1]}`);
  }
  return out;
}
