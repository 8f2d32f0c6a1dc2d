import { describe, expect, it } from "vitest";
import { parse } from "@alloy-ts/grammar";
import { rewriteEnvReferences, rewriteEnvReferencesAsExpressions } from "./env-rewrite.js";

describe("environment references in the default mode", () => {
  it("prints a whole-string reference like upstream", () => {
    const text = 'a = "${env:X}"\nb = "${Y:-https://a/b?q={c, d}}"\n';
    expect(rewriteEnvReferencesAsExpressions(text)).toBe(rewriteEnvReferences(text));
  });

  it("turns references inside longer strings into concatenations", () => {
    expect(rewriteEnvReferencesAsExpressions('endpoint = "http://${env:HOST}:4317"\n')).toBe(
      'endpoint = "http://" + sys.env("HOST") + ":4317"\n',
    );
    expect(rewriteEnvReferencesAsExpressions('x = "${env:A}${B:-b}"\n')).toBe('x = sys.env("A") + coalesce(sys.env("B"), "b")\n');
  });

  it("leaves object keys, raw strings and comments alone, and the result parses", () => {
    const text = 'h = {\n\t"${env:K}" = "v-${env:V}",\n}\n// "${env:C}"\nr = `${env:R}`\n';
    const out = rewriteEnvReferencesAsExpressions(text);
    expect(out).toBe('h = {\n\t"${env:K}" = "v-" + sys.env("V"),\n}\n// "${env:C}"\nr = `${env:R}`\n');
    expect(parse(out).diagnostics).toEqual([]);
  });

  it("leaves strings without references unchanged", () => {
    const text = 'a = "pa$word"\nb = "otel01$"\nc = "${not a ref}"\n';
    expect(rewriteEnvReferencesAsExpressions(text)).toBe(text);
  });
});
