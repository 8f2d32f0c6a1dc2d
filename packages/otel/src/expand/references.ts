/**
 * `${...}` references and `$$` escapes in collector configuration values, read the way the collector's confmap
 * resolver reads them (otel-config.md §4, otelcol-conversion.md §2.2). One reader for every consumer: the
 * converter turns the parts into Alloy expressions, the validator reports their errors, the runtime expands them
 * with an environment.
 *
 * - `$$` is a literal `$`; a `$` not followed by `$` or `{` is literal too.
 * - `${NAME}` means `${env:NAME}`; `${scheme:rest}` names a provider; for `env`, `rest` is `NAME` or
 *   `NAME:-default`, the default running to the reference's closing brace (it may hold references itself).
 * - A scheme is a letter followed by at least one letter, digit, `+`, `.` or `-`; a variable name matches
 *   `[a-zA-Z_][a-zA-Z0-9_]*`. Names keep their case.
 * - An unclosed `${` is literal text.
 */

export const VARIABLE_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]+$/;

/** A reference `${scheme:rest}` at [start, end) of the value. */
export interface Reference {
  readonly t: "ref";
  /** `env` for `${NAME}` and `${env:...}`. */
  readonly scheme: string;
  /** Whether the scheme was written (`${env:X}`) rather than implied (`${X}`). */
  readonly explicitScheme: boolean;
  /** For `env`: the variable name; otherwise everything after `scheme:`. */
  readonly name: string;
  /** For `env`: the text after `:-`, unparsed (it may contain references), when written. */
  readonly default?: string;
  /** The text between `${` and `}`. */
  readonly uri: string;
  readonly start: number;
  readonly end: number;
}

export interface Text {
  readonly t: "text";
  /** The literal text, escapes already applied (`$$` read as `$`). */
  readonly text: string;
}

export type Part = Text | Reference;

export interface ReferenceError {
  readonly error: string;
  /** Offset of the reference in the value. */
  readonly offset: number;
}

/** True when the value may hold a reference or an escape (the cheap check before splitting). */
export const mayHaveReferences = (s: string): boolean => s.includes("$");

/** Splits a value into literal text and references; `{ error }` for a reference the collector refuses. */
export function splitReferences(s: string): Part[] | ReferenceError {
  const parts: Part[] = [];
  let text = "";
  let i = 0;
  while (i < s.length) {
    const ch = s[i]!;
    if (ch === "$" && s[i + 1] === "$") {
      text += "$";
      i += 2;
      continue;
    }
    if (ch === "$" && s[i + 1] === "{") {
      const close = closingBrace(s, i + 2);
      if (close === -1) {
        text += s.slice(i);
        break;
      }
      const ref = readReference(s.slice(i + 2, close), i, close + 1);
      if ("error" in ref) return ref;
      if (text !== "") parts.push({ t: "text", text });
      text = "";
      parts.push(ref);
      i = close + 1;
      continue;
    }
    text += ch;
    i++;
  }
  if (text !== "") parts.push({ t: "text", text });
  return parts;
}

/** The `}` closing a reference whose body starts at `from` (nested `${...}` in defaults are skipped). */
function closingBrace(s: string, from: number): number {
  let depth = 0;
  for (let j = from; j < s.length; j++) {
    const c = s[j];
    if (c === "$" && s[j + 1] === "{") {
      depth++;
      j++;
    } else if (c === "}") {
      if (depth === 0) return j;
      depth--;
    }
  }
  return -1;
}

function readReference(uri: string, start: number, end: number): Reference | ReferenceError {
  const colon = uri.indexOf(":");
  if (colon === -1) {
    if (!VARIABLE_NAME.test(uri)) {
      return { error: `environment variable "${uri}" has invalid name: must match regex ${VARIABLE_NAME.source}`, offset: start };
    }
    return { t: "ref", scheme: "env", explicitScheme: false, name: uri, uri, start, end };
  }
  const scheme = uri.slice(0, colon);
  const rest = uri.slice(colon + 1);
  if (!SCHEME.test(scheme)) return { error: `invalid uri: "${uri}"`, offset: start };
  if (scheme !== "env") return { t: "ref", scheme, explicitScheme: true, name: rest, uri, start, end };
  const dflt = rest.indexOf(":-");
  const name = dflt === -1 ? rest : rest.slice(0, dflt);
  if (!VARIABLE_NAME.test(name)) {
    return { error: `environment variable "${name}" has invalid name: must match regex ${VARIABLE_NAME.source}`, offset: start };
  }
  return dflt === -1
    ? { t: "ref", scheme, explicitScheme: true, name, uri, start, end }
    : { t: "ref", scheme, explicitScheme: true, name, default: rest.slice(dflt + 2), uri, start, end };
}

/** The schemes a consumer can resolve; any other is `scheme "X" is not supported for uri "..."`. */
export function unsupportedScheme(parts: readonly Part[], supported: ReadonlySet<string>): ReferenceError | undefined {
  for (const p of parts) {
    if (p.t === "ref" && !supported.has(p.scheme)) {
      return { error: `scheme "${p.scheme}" is not supported for uri "${p.uri}"`, offset: p.start };
    }
  }
  return undefined;
}

/** `${env:NAME}` / `${env:NAME:-default}`: a reference written with the explicit scheme. */
export function envReferenceText(p: Reference): string {
  return "${" + p.scheme + ":" + p.name + (p.default === undefined ? "" : ":-" + p.default) + "}";
}

/**
 * Writes parts back as a collector value: `$` is doubled where the resolver would otherwise read it as the start
 * of a reference or an escape; references get their explicit scheme.
 */
export function joinReferences(parts: readonly Part[]): string {
  let out = "";
  for (const [i, p] of parts.entries()) {
    if (p.t === "ref") {
      out += envReferenceText(p);
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

/** A reference `${env:NAME}` (with a default when given) built in memory, e.g. from an Alloy `sys.env` call. */
export function envRef(name: string, dflt?: string): Reference {
  const uri = "env:" + name + (dflt === undefined ? "" : ":-" + dflt);
  return dflt === undefined
    ? { t: "ref", scheme: "env", explicitScheme: true, name, uri, start: 0, end: 0 }
    : { t: "ref", scheme: "env", explicitScheme: true, name, default: dflt, uri, start: 0, end: 0 };
}

const ENV_ONLY: ReadonlySet<string> = new Set(["env"]);

/** {@link splitReferences} for consumers that can resolve only `env` references (the converter, the runtime). */
export function splitEnvReferences(s: string): Part[] | ReferenceError {
  const parts = splitReferences(s);
  if ("error" in parts) return parts;
  return unsupportedScheme(parts, ENV_ONLY) ?? parts;
}
