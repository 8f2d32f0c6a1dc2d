/**
 * The converter's knowledge of a component's settings as a decoding check for `alloy validate
 * --source-format=otelcol`, for the types upstream publishes no schema for: the keys the component
 * descriptions map are decoded as `convert` decodes them (one source: the descriptions), and each failure is
 * worded as the collector's decoder words it. Keys the descriptions do not map are not judged: they may be
 * collector settings Alloy has no argument for.
 */
import { type DecodeProblem, type OtelKind, type RawValue } from "@alloy-ts/otel";
import { findComponent } from "../components/registry.js";
import type { ComponentKind } from "../engine/description.js";
import { decodeBody, type EngineContext } from "../engine/engine.js";
import { Expr } from "../engine/values.js";

const KINDS: Record<OtelKind, ComponentKind> = {
  receivers: "receiver", processors: "processor", exporters: "exporter", connectors: "connector", extensions: "extension",
};

/**
 * Decodes `config` through the description of `type`; undefined when the converter does not know the type.
 * Values are not quoted in the messages: the collector's decoder stopped printing them (go-viper/mapstructure
 * v2.4, so that secrets stay out of its errors).
 */
export function decodeWithDescription(
  kind: OtelKind, id: string, type: string, config: RawValue, container: object, key: string,
): DecodeProblem[] | undefined {
  const description = findComponent(KINDS[kind], type);
  if (!description) return undefined;
  const problems: DecodeProblem[] = [];
  const head = `'${kind}' error reading configuration for "${id}": decoding failed due to the following error(s):\n\n`;
  const ctx: EngineContext = {
    compat: false,
    references: true,
    extensionRef: (ref) => new Expr(ref),
    decodeError: (path, message, at) => {
      const last = path[path.length - 1];
      const where = typeof at === "object" && at !== null && last !== undefined ? { container: at, key: last } : { container, key };
      problems.push({ message: `${head}'${mapstructurePath(path)}' ${currentWording(message)}`, ...where });
    },
  };
  decodeBody(description.rows, config, [], ctx);
  return problems;
}

/** mapstructure's field names: `a.b`, list items as `a[0]`. */
function mapstructurePath(path: readonly string[]): string {
  return path.reduce((acc, seg) => (acc === "" ? seg : seg.startsWith("[") ? acc + seg : `${acc}.${seg}`), "");
}

/**
 * The converter words decoding failures as the collector Alloy embeds does (the `convert` conformance cases);
 * the current collector's decoder says some of them differently, and validate speaks for the current one.
 */
const REWORDINGS: readonly (readonly [RegExp, (m: RegExpExecArray) => string])[] = [
  // A list expected: decodeSlice's own error names the kind it got (go-viper/mapstructure mapstructure.go).
  [/^expected type 'slice', got unconvertible type '([^']*)'/, (m) => `source data must be an array or slice, got ${GO_KIND[m[1]!] ?? m[1]}`],
  // go-viper/mapstructure v2.4 stopped printing the value (errors.go, UnconvertibleTypeError).
  [/^(expected type '[^']*', got unconvertible type '[^']*'), value: '.*'$/s, (m) => m[1]!],
  // time.ParseDuration's error without the quoted text (decode_hooks.go, wrapTimeParseDurationError).
  [/^(time: (?:invalid duration|missing unit in duration)) ".*"$/s, (m) => m[1]!],
  [/^time: unknown unit .*$/s, () => "time: unknown unit"],
];

/** reflect.Kind names of the Go types the converter names. */
const GO_KIND: Record<string, string> = { "map[string]interface {}": "map", "[]interface {}": "slice", float64: "float64" };

function currentWording(message: string): string {
  for (const [re, to] of REWORDINGS) {
    const m = re.exec(message);
    if (m) return to(m);
  }
  return message;
}
