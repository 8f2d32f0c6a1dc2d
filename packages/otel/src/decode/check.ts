/**
 * Decodes a component's YAML against its published shape the way the collector does when it loads the file
 * (confmap/internal/decoder.go `Decode`: go-viper/mapstructure with ErrorUnused, no weak typing, strings split
 * at commas into lists, durations parsed from text), and reports each failure as the collector words it:
 * `'receivers' error reading configuration for "otlp": decoding failed due to the following error(s):\n\n...`.
 * A value holding a `${...}` reference is not checked: the collector decodes what the reference expands to.
 */
import { goDurationError } from "@alloy-ts/grammar";
import { mayHaveReferences, splitReferences } from "../expand/references.js";
import { moduleForType, type OtelKind } from "../modules.js";
import type { RawMap, RawValue } from "../yaml/load.js";
import { COLLECTOR_COMPONENT_SCHEMAS, COLLECTOR_SCHEMA_COMMIT, COLLECTOR_SHAPES } from "../generated/collector-configs.js";
import type { CollectorComponentSchema, CollectorField, CollectorShape } from "./shapes.js";

/** One decoding failure, at the key (or list item) it is about. */
export interface DecodeProblem {
  readonly message: string;
  readonly container: object;
  readonly key: string | number;
  /** For unknown keys: the keys the struct has (for a did-you-mean). */
  readonly known?: readonly string[];
}

const CORE = "go.opentelemetry.io/collector/";
const JOINED = "decoding failed due to the following error(s):\n\n";

const bySchemaDir = new Map(COLLECTOR_COMPONENT_SCHEMAS.map((c) => [`${c.kind}:${c.config}`, c]));
const bySchemaType = new Map(COLLECTOR_COMPONENT_SCHEMAS.map((c) => [`${c.kind}:${c.type}`, c]));

export { COLLECTOR_SCHEMA_COMMIT };

/**
 * The published schema of a component type (aliases included: `otlp` is the `otlp_grpc` exporter), found through
 * the module table: the schema's directory is the module's path in the collector repository.
 */
export function collectorSchemaFor(kind: OtelKind, type: string): CollectorComponentSchema | undefined {
  const m = moduleForType(kind, type);
  // A type the module table does not list (the memory_limiter extension) is still known by its schema's name.
  if (!m) return bySchemaType.get(`${kind}:${type}`);
  if (!m.module.startsWith(CORE)) return undefined;
  return bySchemaDir.get(`${kind}:${m.module.slice(CORE.length)}`);
}

/** The Go type name reflect prints for a YAML value (mapstructure's "got unconvertible type"). */
function goTypeOf(v: RawValue): string {
  if (typeof v === "string") return "string";
  if (typeof v === "boolean") return "bool";
  if (typeof v === "number") return Number.isInteger(v) ? "int" : "float64";
  if (Array.isArray(v)) return "[]interface {}";
  return "map[string]interface {}";
}

/** reflect.Kind of a YAML value, as mapstructure quotes it ("expected a map or struct, got \"slice\""). */
function goKindOf(v: RawValue): string {
  if (Array.isArray(v)) return "slice";
  if (v instanceof Map) return "map";
  return goTypeOf(v);
}

/**
 * Go's time.ParseDuration outcome for `text`: undefined when it parses, else the error as mapstructure keeps it
 * (StringToTimeDurationHookFunc through wrapTimeParseDurationError, which drops the quoted values).
 */
export function durationError(text: string): string | undefined {
  return goDurationError(text)?.replace(/ ".*$/, "");
}

/** Where errors of the current decode are reported: its wrapper text and the field path inside it. */
interface Frame {
  /** Text before this decode's own errors (the component's header, then one line per nested decode). */
  readonly prefix: string;
  /** Field path inside this decode (`protocols.grpc`, `headers[0]`). */
  readonly path: string;
}

class Decoder {
  readonly problems: DecodeProblem[] = [];

  report(frame: Frame, text: string, container: object, key: string | number): void {
    this.problems.push({ message: `${frame.prefix}'${frame.path}' ${text}`, container, key });
  }

  /** A field value; `container[key]` holds it (for positions). */
  field(f: CollectorField, v: RawValue, frame: Frame, container: object, key: string | number): void {
    const shape = f.shape ?? COLLECTOR_SHAPES[f.ref!];
    if (!shape) return;
    if (f.optional) {
      // configoptional.Optional.Unmarshal: null stays unset, `enabled` is taken out, the rest is decoded anew.
      if (!(v instanceof Map)) {
        if (v === null) return;
        this.value(shape, v, frame, container, key);
        return;
      }
      const enabled = v.get("enabled");
      if (v.has("enabled") && typeof enabled !== "boolean" && !isReference(enabled)) {
        const shown = enabled === null ? "<nil>" : Array.isArray(enabled) || enabled instanceof Map ? "[...]" : String(enabled);
        const t = enabled === null ? "<nil>" : goTypeOf(enabled!);
        this.report(frame, `unexpected type ${t} for 'enabled': got '${shown}' value expected 'true' or 'false'`, container, key);
        return;
      }
      // Its decode runs the inner type's own Unmarshal first (WithForceUnmarshaler), whose failure that decode
      // names at '' (the value itself) and joins again.
      const own = shape.kind === "struct" && shape.unmarshaler ? `'' ${JOINED}` : "";
      const inner: Frame = { prefix: `${frame.prefix}'${frame.path}' ${JOINED}${own}`, path: "" };
      this.struct(shape, v, inner, container, key, new Set(["enabled"]));
      return;
    }
    this.value(shape, v, frame, container, key);
  }

  value(shape: CollectorShape, v: RawValue, frame: Frame, container: object, key: string | number): void {
    if (v === null || isReference(v)) return;
    const mismatch = (go: string) => this.report(frame, `expected type '${go}', got unconvertible type '${goTypeOf(v)}'`, container, key);
    if ("text" in shape && shape.text && typeof v === "string") {
      // TextUnmarshallerHookFunc: the type's UnmarshalText decides, whatever its Go kind.
      const t = shape.text.lower ? v.toLowerCase() : v;
      if (!shape.text.values.includes(t)) this.report(frame, shape.text.error.replace("%q", goQuote(t)), container, key);
      return;
    }
    switch (shape.kind) {
      case "any":
        return;
      case "string":
        if (typeof v !== "string") mismatch(shape.go);
        return;
      case "bool":
        if (typeof v !== "boolean") mismatch("bool");
        return;
      case "float":
        if (typeof v !== "number") mismatch(shape.go);
        return;
      case "int":
        if (typeof v !== "number") mismatch(shape.go);
        return;
      case "uint":
        if (typeof v !== "number") mismatch(shape.go);
        else if (v < 0) this.report(frame, `cannot parse value as '${shape.go}': ${Number.isInteger(v) ? String(v) : v.toFixed(6)} overflows uint`, container, key);
        return;
      case "duration": {
        if (typeof v === "number") return;
        if (typeof v !== "string") return mismatch("time.Duration");
        const err = durationError(v);
        if (err) this.report(frame, err, container, key);
        return;
      }
      case "list": {
        // StringToSliceHookFunc(","): a string where a []string is expected (that type only) is split at commas.
        if (typeof v === "string" && goOf(shape.item) === "string") return;
        if (!Array.isArray(v)) return this.report(frame, `source data must be an array or slice, got ${goKindOf(v)}`, container, key);
        v.forEach((x, i) => this.field(shape.item, x, { ...frame, path: `${frame.path}[${i}]` }, v, i));
        return;
      }
      case "map": {
        if (!(v instanceof Map)) return mismatch(`map[string]${goOf(shape.value)}`);
        for (const [k, x] of v) this.field(shape.value, x, { ...frame, path: `${frame.path}[${k}]` }, v, k);
        return;
      }
      case "maplist": {
        // configopaque.MapList: a map decodes through its Unmarshal (a new decode into map[string]configopaque.String).
        if (v instanceof Map) {
          const inner: Frame = { prefix: `${frame.prefix}'${frame.path}' ${JOINED}`, path: "" };
          for (const [k, x] of v) {
            if (x !== null && typeof x !== "string" && !isReference(x)) {
              this.report({ ...inner, path: `[${k}]` }, `expected type '${goOf(shape.item, "value")}', got unconvertible type '${goTypeOf(x)}'`, v, k);
            }
          }
          return;
        }
        if (!Array.isArray(v)) return this.report(frame, `source data must be an array or slice, got ${goKindOf(v)}`, container, key);
        v.forEach((x, i) => this.field(shape.item, x, { ...frame, path: `${frame.path}[${i}]` }, v, i));
        return;
      }
      case "struct":
        if (!(v instanceof Map)) return this.report(frame, `expected a map or struct, got "${goKindOf(v)}"`, container, key);
        if (shape.unmarshaler) {
          // Its Unmarshal decodes the struct anew (field paths restart), called by the decode hook at this field.
          this.struct(shape, v, { prefix: `${frame.prefix}'${frame.path}' ${JOINED}`, path: "" }, container, key);
          return;
        }
        this.struct(shape, v, frame, container, key);
        return;
    }
  }

  /** A struct's keys: known fields (its own and its squashed embeds'), then the unknown ones in one error. */
  struct(shape: CollectorShape, v: RawMap, frame: Frame, container: object, key: string | number, taken = new Set<string>()): void {
    if (shape.kind !== "struct") return this.value(shape, v, frame, container, key);
    const fields = fieldsOf(shape);
    const unknown: string[] = [];
    for (const [k, x] of v) {
      if (taken.has(k)) continue;
      const f = fields.get(k);
      if (!f) {
        unknown.push(k);
        continue;
      }
      this.field(f, x, { ...frame, path: frame.path === "" ? k : `${frame.path}.${k}` }, v, k);
    }
    if (unknown.length > 0) {
      // mapstructure names the struct type where a decode starts (empty path), else the path; keys sorted.
      const name = frame.path === "" ? shape.go : frame.path;
      const keys = [...unknown].sort();
      this.problems.push({ message: `${frame.prefix}'${name}' has invalid keys: ${keys.join(", ")}`, container: v, key: unknown[0]!, known: [...fields.keys(), ...taken] });
    }
  }
}

/** Go's %q for printable text (JSON's escapes agree with Go's for the common cases). */
function goQuote(s: string): string {
  return JSON.stringify(s);
}

/** A value whose decoded form depends on what its references expand to (or that the collector refuses anyway). */
function isReference(v: RawValue | undefined): boolean {
  if (typeof v !== "string" || !mayHaveReferences(v)) return false;
  const parts = splitReferences(v);
  return "error" in parts || parts.some((p) => p.t === "ref");
}

/** The Go type of a field (or of `member` of its struct: a MapList's map values are its pairs' values). */
function goOf(f: CollectorField, member?: string): string {
  let s = f.shape ?? COLLECTOR_SHAPES[f.ref!];
  if (member !== undefined && s?.kind === "struct") {
    const m = fieldsOf(s).get(member);
    s = m && (m.shape ?? COLLECTOR_SHAPES[m.ref!]);
  }
  return s && "go" in s ? s.go : "interface {}";
}

const fieldCache = new WeakMap<object, Map<string, CollectorField>>();

/** A struct's fields with those of its squashed embedded structs (the struct's own win). */
function fieldsOf(shape: Extract<CollectorShape, { kind: "struct" }>): Map<string, CollectorField> {
  const cached = fieldCache.get(shape);
  if (cached) return cached;
  const out = new Map<string, CollectorField>();
  for (const e of shape.embeds ?? []) {
    const s = COLLECTOR_SHAPES[e];
    if (s?.kind === "struct") for (const [k, f] of fieldsOf(s)) if (!out.has(k)) out.set(k, f);
  }
  for (const [k, f] of Object.entries(shape.fields)) out.set(k, f);
  fieldCache.set(shape, out);
  return out;
}

/**
 * Decodes one component's config against its published schema; undefined when upstream publishes none for
 * the type. `container[key]` is where the component was written (for errors about the whole body).
 */
export function decodeComponentConfig(
  kind: OtelKind, id: string, type: string, config: RawValue, container: object, key: string,
): DecodeProblem[] | undefined {
  const schema = collectorSchemaFor(kind, type);
  if (!schema) return undefined;
  const shape = COLLECTOR_SHAPES[schema.config];
  if (!shape) return undefined;
  const body = bodyProblem(kind, id, config, container, key);
  if (body) return [body];
  if (!(config instanceof Map)) return [];
  const d = new Decoder();
  d.struct(shape, config, { prefix: `'${kind}' error reading configuration for "${id}": ${JOINED}`, path: "" }, container, key);
  return d.problems;
}

/**
 * A component body that is neither a map nor empty, whatever its type: the section decodes into
 * map[component.ID]map[string]any before any factory sees it (otelcol/internal/configunmarshaler/configs.go).
 */
export function bodyProblem(kind: OtelKind, id: string, config: RawValue, container: object, key: string): DecodeProblem | undefined {
  if (config === null || config instanceof Map || isReference(config)) return undefined;
  return { message: `'${kind}' ${JOINED}'[${id}]' expected type 'map[string]interface {}', got unconvertible type '${goTypeOf(config)}'`, container, key };
}
