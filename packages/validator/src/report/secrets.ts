/**
 * Which values in a configuration are secrets, for the snippets printed under diagnostics: the names the shared
 * rule of @alloy-ts/grammar calls secret (password, token, ...) and, inside a component, every attribute its schema
 * types as `secret` (such as `value` in `otelcol.auth.headers`, which no name rule could recognise).
 */
import { isSecretKey, type SecretPredicate } from "@alloy-ts/grammar";
import { getRegistry, type SchemaNode } from "../registry.js";

const secretNamesByBlock = new Map<string, ReadonlySet<string>>();

/** Names of the `secret`-typed attributes anywhere in the schema of the component or config block `name`. */
function secretNamesOf(name: string): ReadonlySet<string> {
  let names = secretNamesByBlock.get(name);
  if (names) return names;
  const found = new Set<string>();
  const registry = getRegistry();
  const schema = registry.hasComponent(name) ? registry.getComponent(name) : registry.getBlock(name);
  const visit = (node: unknown, key: string | undefined) => {
    if (node === null || typeof node !== "object") return;
    if (Array.isArray(node)) {
      for (const n of node) visit(n, key);
      return;
    }
    if (key !== undefined && (node as SchemaNode)["x-alloy-secret"]) found.add(key);
    for (const [k, v] of Object.entries(node)) {
      if (k === "properties" && v && typeof v === "object") for (const [p, s] of Object.entries(v)) visit(s, p);
      else visit(v, key);
    }
  };
  visit(schema, undefined);
  names = found;
  secretNamesByBlock.set(name, names);
  return names;
}

/** The predicate for grammar's `maskSecretValues` over Alloy sources. */
export const isSecretSetting: SecretPredicate = (key, path) => {
  if (isSecretKey(key)) return true;
  const component = path[0];
  if (component === undefined) return false;
  try {
    return secretNamesOf(component).has(key);
  } catch {
    return false; // no registry available: the name rule alone
  }
};
