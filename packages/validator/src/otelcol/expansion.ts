/**
 * `${...}` expansion syntax in collector configuration values (otel-config spec 4): `$$` escapes, `${VAR}`
 * (default scheme env), `${scheme:rest}` with a known provider scheme, `${env:VAR:-default}`, and the
 * variable name grammar.
 */
import { isMap, isScalar, isSeq, type Node as YamlNode } from "yaml";

const SCHEMES = new Set(["env", "file", "yaml", "http", "https"]);
const VAR_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** Finds the problems of every `${...}` reference in one string. */
export function expansionErrors(s: string): string[] {
  const errors: string[] = [];
  for (let i = 0; i < s.length; i++) {
    if (s[i] !== "$") continue;
    if (s[i + 1] === "$") {
      i++;
      continue;
    }
    if (s[i + 1] !== "{") continue;
    // Find the matching close brace (nested references are allowed inside defaults).
    let depth = 0;
    let j = i + 1;
    for (; j < s.length; j++) {
      if (s[j] === "{") depth++;
      else if (s[j] === "}" && --depth === 0) break;
    }
    if (j >= s.length) {
      errors.push(`unterminated reference in "${s}"`);
      break;
    }
    const inner = s.slice(i + 2, j);
    const colon = inner.indexOf(":");
    if (colon < 0) {
      if (!VAR_NAME.test(inner)) errors.push(`environment variable "${inner}" has invalid name: must match regex ${VAR_NAME.source}`);
    } else {
      const scheme = inner.slice(0, colon);
      const rest = inner.slice(colon + 1);
      if (!SCHEMES.has(scheme)) errors.push(`scheme "${scheme}" is not supported for uri "${inner}"`);
      else if (scheme === "env") {
        const name = rest.split(":-", 1)[0]!;
        if (!VAR_NAME.test(name)) errors.push(`environment variable "${name}" has invalid name: must match regex ${VAR_NAME.source}`);
      }
    }
    i = j;
  }
  return errors;
}

/** Walks every scalar of a YAML tree and reports expansion errors. */
export function checkExpansions(node: unknown, report: (node: YamlNode, message: string) => void): void {
  if (isMap(node)) {
    for (const p of node.items) {
      checkExpansions(p.key, report);
      checkExpansions(p.value, report);
    }
  } else if (isSeq(node)) {
    for (const x of node.items) checkExpansions(x, report);
  } else if (isScalar(node) && typeof node.value === "string") {
    for (const e of expansionErrors(node.value)) report(node, e);
  }
}
