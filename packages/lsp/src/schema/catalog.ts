/**
 * What the language service knows about components and the standard library, independent of where the facts
 * come from. The validator's registry is adapted to this shape in ./validator-catalog.ts; tests may pass their
 * own catalogue. An empty catalogue keeps every feature working on syntax alone.
 */

/** One argument of a component or nested block. */
export interface ArgumentInfo {
  readonly name: string;
  /** Type in documentation notation: `string`, `duration`, `list(otelcol.Consumer)`, `map(string)`, `any`. */
  readonly type: string;
  readonly required: boolean;
  /** Default value as Alloy source text, when there is one. */
  readonly default?: string;
  readonly description?: string;
  /** Allowed values (for string enums), as plain strings. */
  readonly enum?: readonly string[];
}

/** A nested block that a component or block accepts. */
export interface BlockInfo {
  readonly name: string;
  readonly required: boolean;
  readonly repeatable: boolean;
  readonly description?: string;
  readonly arguments: readonly ArgumentInfo[];
  readonly blocks: readonly BlockInfo[];
}

/** A field a component exports (`input`, `receiver`, `targets`). */
export interface ExportInfo {
  readonly name: string;
  readonly type: string;
  readonly description?: string;
}

/** A component (or top-level config block) schema. */
export interface ComponentInfo {
  readonly name: string;
  readonly description?: string;
  /** Whether a label is required (components) or forbidden (`logging`); undefined when unknown. */
  readonly labelled?: boolean;
  readonly arguments: readonly ArgumentInfo[];
  readonly blocks: readonly BlockInfo[];
  readonly exports: readonly ExportInfo[];
}

/** One parameter of a standard-library function. */
export interface ParameterInfo {
  readonly name: string;
  readonly type: string;
  /** A variadic parameter accepts any number of trailing arguments. */
  readonly variadic?: boolean;
}

/** A standard-library function (`sys.env`) or constant (`constants.os`). */
export interface FunctionInfo {
  readonly name: string;
  readonly parameters: readonly ParameterInfo[];
  readonly returns: string;
  readonly description?: string;
  readonly deprecated?: string;
  /** The name that replaces a deprecated one (`sys.env` for `env`). */
  readonly replacement?: string;
  /** True for constants such as `constants.hostname` (no call). */
  readonly constant?: boolean;
}

/** Lookup interface consumed by the language service. */
export interface Catalog {
  components(): readonly ComponentInfo[];
  component(name: string): ComponentInfo | undefined;
  functions(): readonly FunctionInfo[];
  function(name: string): FunctionInfo | undefined;
}

/** A catalogue over plain lists (used by tests and by the adapters). */
export function catalogFromLists(components: readonly ComponentInfo[], functions: readonly FunctionInfo[]): Catalog {
  const byName = new Map(components.map((c) => [c.name, c] as const));
  const fnByName = new Map(functions.map((f) => [f.name, f] as const));
  return {
    components: () => components,
    component: (name) => byName.get(name),
    functions: () => functions,
    function: (name) => fnByName.get(name),
  };
}

/** The catalogue with no facts: features fall back to what the document itself says. */
export const emptyCatalog: Catalog = catalogFromLists([], []);

/** The arguments and blocks accepted at a block path inside a component (`["client", "tls"]`). */
export function schemaAt(
  component: ComponentInfo,
  path: readonly string[],
): { arguments: readonly ArgumentInfo[]; blocks: readonly BlockInfo[]; description?: string } | undefined {
  let here: { arguments: readonly ArgumentInfo[]; blocks: readonly BlockInfo[]; description?: string } = component;
  for (const name of path) {
    const next = here.blocks.find((b) => b.name === name);
    if (!next) return undefined;
    here = next;
  }
  return here;
}

/** Element type of `list(T)` / `map(T)`; the type itself otherwise. */
export function elementType(type: string): string {
  const m = /^(?:list|map|array)\((.*)\)$/.exec(type.trim());
  return m ? elementType(m[1]!) : type.trim();
}

/**
 * Whether a value of type `actual` fits where `expected` is wanted, for reference completion. Capsule-like types
 * (`otelcol.Consumer`, `prometheus.Appendable`) must match exactly; `any` and unknown types accept everything.
 */
export function typeFits(expected: string | undefined, actual: string): boolean {
  if (!expected) return true;
  const want = elementType(expected);
  const have = elementType(actual);
  if (want === "any" || have === "any" || want === "" || have === "") return true;
  if (want === have) return true;
  const capsule = (t: string): boolean => t.includes(".") || /^[A-Z]/.test(t);
  if (capsule(want) || capsule(have)) return false;
  // Plain value types convert freely enough (section 9) that filtering them would hide valid choices.
  return true;
}
