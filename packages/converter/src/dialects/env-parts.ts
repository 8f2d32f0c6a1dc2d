/**
 * Collector string values split into literal text and environment references, the way the collector's
 * resolver reads them (otel-config.md §4, otelcol-conversion.md §2.2): `$$` is a literal `$`, `${X}` means
 * `${env:X}`, `${env:X:-default}` carries a default, other schemes are refused.
 */

/** One piece of a collector string value. */
export type StringPart =
  | { readonly t: "text"; readonly text: string }
  | { readonly t: "env"; readonly name: string; readonly default?: string };

const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]+$/;

/** Splits a raw collector string; `{ error }` for a reference the converter cannot express. */
export function splitEnvParts(s: string): StringPart[] | { error: string } {
  const parts: StringPart[] = [];
  let text = "";
  const flush = () => {
    if (text !== "") parts.push({ t: "text", text });
    text = "";
  };
  let i = 0;
  while (i < s.length) {
    const ch = s[i]!;
    if (ch === "$" && s[i + 1] === "$") {
      text += "$";
      i += 2;
      continue;
    }
    if (ch === "$" && s[i + 1] === "{") {
      const end = closingBrace(s, i + 2);
      if (end === -1) {
        text += s.slice(i);
        break;
      }
      const ref = parseReference(s.slice(i + 2, end));
      if ("error" in ref) return ref;
      flush();
      parts.push(ref);
      i = end + 1;
      continue;
    }
    text += ch;
    i++;
  }
  flush();
  return parts;
}

function closingBrace(s: string, from: number): number {
  let depth = 0;
  for (let j = from; j < s.length; j++) {
    if (s[j] === "{") depth++;
    else if (s[j] === "}") {
      if (depth === 0) return j;
      depth--;
    }
  }
  return -1;
}

function parseReference(uri: string): StringPart | { error: string } {
  if (uri.includes("$")) return { error: `the uri "${uri}" contains unsupported characters ('$')` };
  const colon = uri.indexOf(":");
  let rest = uri;
  if (colon !== -1) {
    const scheme = uri.slice(0, colon);
    if (!SCHEME.test(scheme)) return { error: `invalid uri: "${uri}"` };
    if (scheme !== "env") return { error: `scheme "${scheme}" is not supported for uri "${uri}"` };
    rest = uri.slice(colon + 1);
  }
  const dflt = rest.indexOf(":-");
  return dflt === -1 ? { t: "env", name: rest } : { t: "env", name: rest.slice(0, dflt), default: rest.slice(dflt + 2) };
}

/** A reference written with the explicit `env:` scheme: `${env:NAME}` or `${env:NAME:-default}`. */
export function envReference(p: Extract<StringPart, { t: "env" }>): string {
  return "${env:" + p.name + (p.default === undefined ? "" : ":-" + p.default) + "}";
}

/**
 * Writes parts back as a collector string: `$` is doubled where the resolver would otherwise read it as the
 * start of a reference or an escape; references are written with the explicit `env:` scheme.
 */
export function joinEnvParts(parts: readonly StringPart[]): string {
  let out = "";
  for (const [i, p] of parts.entries()) {
    if (p.t === "env") {
      out += envReference(p);
      continue;
    }
    const next = parts[i + 1];
    for (let j = 0; j < p.text.length; j++) {
      const ch = p.text[j]!;
      const after = j + 1 < p.text.length ? p.text[j + 1] : next ? "$" : undefined;
      out += ch === "$" && (after === "{" || after === "$") ? "$$" : ch;
    }
  }
  return out;
}
