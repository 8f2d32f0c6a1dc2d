/**
 * The Alloy standard library as the validator needs it (syntax spec section 12): top-level names, functions
 * with their arity, deprecated aliases and experimental functions.
 */

export interface StdlibFunction {
  /** Dotted name as written in a configuration (`string.format`). */
  readonly name: string;
  /** Minimum number of arguments. */
  readonly minArgs: number;
  /** Maximum number of arguments (undefined = variadic). */
  readonly maxArgs: number | undefined;
  readonly signature: string;
  readonly returns: string;
  readonly doc: string;
  readonly deprecated?: { readonly replacement: string };
  readonly experimental?: boolean;
}

const fn = (
  name: string,
  signature: string,
  returns: string,
  minArgs: number,
  maxArgs: number | undefined,
  doc: string,
  extra: Partial<StdlibFunction> = {},
): StdlibFunction => ({ name, signature, returns, minArgs, maxArgs, doc, ...extra });

const FUNCTIONS: StdlibFunction[] = [
  fn("sys.env", "(name string)", "string", 1, 1, "Value of an environment variable, or an empty string when it is unset."),
  fn("string.format", "(format string, values ...any)", "string", 1, undefined, "Formats values with a printf-style format string."),
  fn("string.join", "(list list(string), separator string)", "string", 2, 2, "Joins list elements with a separator."),
  fn("string.replace", "(s string, old string, new string)", "string", 3, 3, "Replaces every occurrence of old with new."),
  fn("string.split", "(s string, separator string)", "list(string)", 2, 2, "Splits a string at every separator."),
  fn("string.to_lower", "(s string)", "string", 1, 1, "Lower-cases a string."),
  fn("string.to_upper", "(s string)", "string", 1, 1, "Upper-cases a string."),
  fn("string.trim", "(s string, cutset string)", "string", 2, 2, "Removes leading and trailing characters found in cutset."),
  fn("string.trim_prefix", "(s string, prefix string)", "string", 2, 2, "Removes a prefix once if present."),
  fn("string.trim_suffix", "(s string, suffix string)", "string", 2, 2, "Removes a suffix once if present."),
  fn("string.trim_space", "(s string)", "string", 1, 1, "Removes leading and trailing whitespace."),
  fn("array.concat", "(arrays ...list(any))", "list(any)", 0, undefined, "Concatenates arrays."),
  fn("array.combine_maps", "(left list(map(any)), right list(map(any)), keys list(string), keep_left? bool)", "list(map(any))", 3, 4, "Merges objects of two arrays whose key fields match.", { experimental: true }),
  fn("array.group_by", "(items list(map(any)), key string, drop_missing bool)", "list(map(any))", 3, 3, "Groups objects by the value of a key.", { experimental: true }),
  fn("encoding.from_json", "(s string)", "any", 1, 1, "Decodes a JSON document."),
  fn("encoding.from_yaml", "(s string)", "any", 1, 1, "Decodes a YAML document."),
  fn("encoding.from_base64", "(s string)", "string", 1, 1, "Decodes standard base64 with padding."),
  fn("encoding.from_URLbase64", "(s string)", "string", 1, 1, "Decodes URL-safe base64 with padding."),
  fn("encoding.to_base64", "(s string)", "string", 1, 1, "Encodes standard base64 with padding."),
  fn("encoding.to_URLbase64", "(s string)", "string", 1, 1, "Encodes URL-safe base64 with padding."),
  fn("encoding.url_encode", "(s string)", "string", 1, 1, "Escapes a string for a URL query."),
  fn("encoding.url_decode", "(s string)", "string", 1, 1, "Reverses URL query escaping."),
  fn("encoding.to_json", "(v map(any))", "string", 1, 1, "Encodes an object as compact JSON with sorted keys."),
  fn("convert.nonsensitive", "(value secret)", "string", 1, 1, "Turns a secret into a plain string."),
  fn("file.path_join", "(elements ...string)", "string", 0, undefined, "Joins and cleans path elements."),
  fn("coalesce", "(values ...any)", "any", 0, undefined, "First argument that is not null, zero or empty; else the last one."),
  fn("json_path", "(json string, path string)", "list(any)", 2, 2, "Evaluates a JSONPath expression; always returns an array."),
];

/** Deprecated top-level aliases (syntax spec 12.3) and what replaces them. */
const DEPRECATED_ALIASES: Record<string, string> = {
  env: "sys.env",
  nonsensitive: "convert.nonsensitive",
  concat: "array.concat",
  json_decode: "encoding.from_json",
  yaml_decode: "encoding.from_yaml",
  base64_decode: "encoding.from_base64",
  format: "string.format",
  join: "string.join",
  replace: "string.replace",
  split: "string.split",
  to_lower: "string.to_lower",
  to_upper: "string.to_upper",
  trim: "string.trim",
  trim_prefix: "string.trim_prefix",
  trim_suffix: "string.trim_suffix",
  trim_space: "string.trim_space",
};

/** Constants under `constants.` (all strings). */
export const STDLIB_CONSTANTS = ["hostname", "os", "arch", "version"] as const;

const byName = new Map<string, StdlibFunction>();
for (const f of FUNCTIONS) byName.set(f.name, f);
for (const [alias, target] of Object.entries(DEPRECATED_ALIASES)) {
  const t = byName.get(target)!;
  byName.set(alias, { ...t, name: alias, deprecated: { replacement: target } });
}

/** Top-level names the standard library defines. */
export const STDLIB_TOP_LEVEL: ReadonlySet<string> = new Set([
  "constants",
  "coalesce",
  "json_path",
  "sys",
  "convert",
  "array",
  "encoding",
  "string",
  "file",
  ...Object.keys(DEPRECATED_ALIASES),
]);

/** Every standard library function, deprecated aliases included. */
export function stdlibFunctions(): StdlibFunction[] {
  return [...byName.values()];
}

/** Looks a function up by its dotted name. */
export function stdlibFunction(name: string): StdlibFunction | undefined {
  return byName.get(name);
}

export function isStdlibDeprecated(topLevel: string): boolean {
  return Object.prototype.hasOwnProperty.call(DEPRECATED_ALIASES, topLevel);
}

export function isStdlibExperimental(dotted: string): boolean {
  return byName.get(dotted)?.experimental === true;
}
