/**
 * `${env:VAR}`, `${VAR}`, `${env:VAR:-default}` and `$$` expansion in collector YAML values (spec otel-config.md §4).
 * A value that is exactly one reference takes the YAML type of the expansion.
 */
import { parse as parseYaml } from "yaml";
import type { RuntimeDiagnostic } from "./types.js";

const REF = /\$\$|\$\{([^}]*)\}/g;

/** Expands references in every string of a parsed YAML document. */
export function expandEnv(doc: unknown, env: Record<string, string | undefined>, diags: RuntimeDiagnostic[]): unknown {
  if (typeof doc === "string") return expandString(doc, env, diags);
  if (Array.isArray(doc)) return doc.map((d) => expandEnv(d, env, diags));
  if (doc && typeof doc === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(doc)) out[k] = expandEnv(v, env, diags);
    return out;
  }
  return doc;
}

function lookup(ref: string, env: Record<string, string | undefined>, diags: RuntimeDiagnostic[]): string {
  let body = ref;
  const colon = body.indexOf(":");
  if (colon >= 0 && /^[a-zA-Z][a-zA-Z0-9+.-]*$/.test(body.slice(0, colon))) {
    const scheme = body.slice(0, colon);
    if (scheme !== "env") {
      diags.push({ severity: "error", message: `unsupported scheme "${scheme}" in \${${ref}}` });
      return "";
    }
    body = body.slice(colon + 1);
  }
  const dflt = body.indexOf(":-");
  const name = dflt >= 0 ? body.slice(0, dflt) : body;
  const value = env[name];
  if (value === undefined && dflt >= 0) return body.slice(dflt + 2);
  return value ?? "";
}

function expandString(s: string, env: Record<string, string | undefined>, diags: RuntimeDiagnostic[]): unknown {
  const whole = /^\$\{([^}]*)\}$/.exec(s);
  if (whole) {
    const text = lookup(whole[1], env, diags);
    try {
      const typed = parseYaml(text);
      return typed === null && text !== "" ? text : (typed ?? text);
    } catch {
      return text;
    }
  }
  return s.replace(REF, (m, ref: string | undefined) => (m === "$$" ? "$" : lookup(ref ?? "", env, diags)));
}
