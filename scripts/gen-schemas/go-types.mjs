/**
 * A package-level index of upstream Go declarations and the translation of Go types (with `alloy:"..."` struct
 * tags) into JSON Schema fragments carrying Alloy type information (`x-alloy-*` keywords, see
 * schemas/meta.schema.json).
 */
import { goString, parseGoFile, parseKeyed } from "./go-source.mjs";

const MODULE = "github.com/grafana/alloy/";

/** Builds the package index for every non-test Go file under the given prefixes. */
export function indexPackages(src, prefixes) {
  const files = prefixes.flatMap((p) => src.list(p)).filter((f) => f.endsWith(".go") && !f.endsWith("_test.go"));
  src.preload?.(files);
  /** @type {Map<string, {dir: string, name: string, types: Map, methods: Map<string, any[]>, vars: Map, registrations: any[]}>} */
  const pkgs = new Map();
  for (const f of files) {
    const text = src.read(f);
    if (text === undefined) continue;
    let parsed;
    try {
      parsed = parseGoFile(text);
    } catch (e) {
      continue;
    }
    const dir = f.slice(0, f.lastIndexOf("/"));
    let pkg = pkgs.get(dir);
    if (!pkg) {
      pkg = { dir, name: parsed.pkg, types: new Map(), methods: new Map(), vars: new Map(), registrations: [] };
      pkgs.set(dir, pkg);
    }
    if (parsed.pkg.endsWith("_test")) continue;
    for (const [n, t] of parsed.types) pkg.types.set(n, { ...t, imports: parsed.imports, dir, file: f });
    for (const m of parsed.methods) {
      if (!pkg.methods.has(m.recv)) pkg.methods.set(m.recv, []);
      pkg.methods.get(m.recv).push({ ...m, imports: parsed.imports });
    }
    for (const [n, v] of parsed.vars) pkg.vars.set(n, { ...v, imports: parsed.imports, dir });
    for (const r of parsed.registrations) pkg.registrations.push({ fields: r, imports: parsed.imports, dir, file: f });
  }
  return pkgs;
}

/** Maps an import path to a directory of the upstream tree, or undefined for external modules. */
export function dirOfImport(importPath) {
  return importPath.startsWith(MODULE) ? importPath.slice(MODULE.length) : undefined;
}

const INT_TYPES = new Set(["int", "int8", "int16", "int32", "int64", "uint", "uint8", "uint16", "uint32", "uint64", "uintptr", "byte", "rune"]);
const FLOAT_TYPES = new Set(["float32", "float64"]);

/** Well-known external types (outside the upstream tree) and how Alloy sees them. */
const EXTERNAL = {
  "time.Duration": { type: "string", format: "duration", "x-alloy-type": "duration" },
  "time.Time": { type: "string", "x-alloy-type": "string" },
  "github.com/prometheus/common/model.Duration": { type: "string", format: "duration", "x-alloy-type": "duration" },
  "github.com/prometheus/common/model.LabelName": { type: "string", "x-alloy-type": "string" },
  "github.com/prometheus/common/model.LabelValue": { type: "string", "x-alloy-type": "string" },
  "regexp.Regexp": { type: "string", "x-alloy-type": "string" },
  "net/url.URL": { type: "string", "x-alloy-type": "string" },
  "github.com/alecthomas/units.Base2Bytes": { type: "string", "x-alloy-type": "string" },
  "github.com/grafana/dskit/flagext.StringSlice": { type: "array", items: { type: "string", "x-alloy-type": "string" }, "x-alloy-type": "list(string)" },
  "github.com/open-telemetry/opentelemetry-collector-contrib/pkg/ottl.ErrorMode": { type: "string", "x-alloy-type": "string" },
  "go.opentelemetry.io/collector/config/configcompression.Type": { type: "string", "x-alloy-type": "string" },
  "net/url.Values": { type: "object", additionalProperties: { type: "array", items: { type: "string", "x-alloy-type": "string" }, "x-alloy-type": "list(string)" }, "x-alloy-type": "map(list(string))" },
};

/** Capsule names as the Alloy documentation writes them. */
const CAPSULE_NAMES = {
  "internal/component/otelcol.Consumer": "otelcol.Consumer",
  "github.com/prometheus/prometheus/storage.Appendable": "MetricsReceiver",
  "internal/component/common/loki.LogsReceiver": "LogsReceiver",
  "internal/component/pyroscope.Appendable": "ProfilesReceiver",
};

/** Parses an `alloy:"name,kind,optional"` struct tag. */
export function alloyTag(tag) {
  if (!tag) return undefined;
  const m = /(?:^|\s)alloy:"([^"]*)"/.exec(tag);
  if (!m) return undefined;
  const parts = m[1].split(",").map((s) => s.trim());
  return { name: parts[0], kind: parts[1] ?? "", optional: parts.includes("optional") };
}

/**
 * Translates Go types into schema fragments. Named struct types become `$defs` entries of the schema being
 * built (collected in `defs`), so shared configuration blocks appear once per component schema.
 */
export class SchemaBuilder {
  constructor(pkgs) {
    this.pkgs = pkgs;
    this.defs = {};
    this.defsInProgress = new Set();
  }

  /** Starts a new component schema (fresh `$defs`). */
  reset() {
    this.defs = {};
    this.defsInProgress = new Set();
  }

  lookupNamed(name, ctx) {
    if (!name.includes(".")) {
      const pkg = this.pkgs.get(ctx.dir);
      const t = pkg?.types.get(name);
      return t ? { pkg, decl: t, key: `${ctx.dir}.${name}`, name } : { external: name };
    }
    const [alias, tn] = name.split(".");
    const ipath = ctx.imports.get(alias);
    if (!ipath) return { external: name };
    const dir = dirOfImport(ipath);
    const pkg = dir !== undefined ? this.pkgs.get(dir) : undefined;
    const decl = pkg?.types.get(tn);
    if (!decl) return { external: `${ipath}.${tn}`, short: name };
    return { pkg, decl, key: `${dir}.${tn}`, name: tn };
  }

  methodsOf(pkg, typeName) {
    return pkg.methods.get(typeName) ?? [];
  }

  /** Value schema for an attribute of Go type `t` (in the context `ctx` of the declaring file). */
  value(t, ctx) {
    switch (t.k) {
      case "ptr":
        return this.value(t.elem, ctx);
      case "slice":
      case "array": {
        if (t.elem.k === "named" && (t.elem.name === "byte" || t.elem.name === "uint8") && t.k === "slice")
          return { type: "string", "x-alloy-type": "string" };
        const items = this.value(t.elem, ctx);
        return { type: "array", items, "x-alloy-type": `list(${items["x-alloy-type"] ?? "any"})` };
      }
      case "map": {
        const v = this.value(t.elem, ctx);
        return { type: "object", additionalProperties: v, "x-alloy-type": `map(${v["x-alloy-type"] ?? "any"})` };
      }
      case "interface":
        return t.empty ? { "x-alloy-type": "any" } : { "x-alloy-type": "capsule", "x-alloy-capsule": "interface" };
      case "func":
        return { "x-alloy-type": "function", "x-alloy-function": true };
      case "struct": {
        const body = this.structBody(t, ctx);
        return { ...body, "x-alloy-type": "object" };
      }
      case "chan":
        return { "x-alloy-type": "capsule", "x-alloy-capsule": "chan" };
      case "named":
        return this.named(t.name, ctx);
      default:
        return { "x-alloy-type": "any" };
    }
  }

  named(name, ctx) {
    if (name === "string") return { type: "string", "x-alloy-type": "string" };
    if (name === "bool") return { type: "boolean", "x-alloy-type": "bool" };
    if (INT_TYPES.has(name)) return { type: "integer", "x-alloy-type": "number" };
    if (FLOAT_TYPES.has(name)) return { type: "number", "x-alloy-type": "number" };
    if (name === "any" || name === "error") return { "x-alloy-type": "any" };
    const r = this.lookupNamed(name, ctx);
    if (r.external !== undefined) {
      const ext = EXTERNAL[r.external] ?? EXTERNAL[name];
      if (ext) return { ...ext };
      const cap = CAPSULE_NAMES[r.external];
      if (cap) return { "x-alloy-type": cap, "x-alloy-capsule": cap };
      return { "x-alloy-type": "any", "x-alloy-go": r.external };
    }
    const { pkg, decl, key } = r;
    const dctx = { dir: decl.dir, imports: decl.imports };
    if (key === "syntax/alloytypes.Secret") return { type: "string", "x-alloy-type": "secret", "x-alloy-secret": true };
    if (key === "syntax/alloytypes.OptionalSecret")
      return { type: "string", "x-alloy-type": "optional secret", "x-alloy-secret": "optional" };
    const capName = CAPSULE_NAMES[key];
    if (capName) return { "x-alloy-type": capName, "x-alloy-capsule": capName };
    const methods = this.methodsOf(pkg, decl.name).map((m) => m.name);
    if (methods.includes("AlloyCapsule")) {
      const cn = `${pkg.name}.${decl.name}`;
      const conv = methods.includes("ConvertFrom") ? { "x-alloy-convertible": true, ...this.convertFromError(pkg, decl) } : {};
      return { "x-alloy-type": cn, "x-alloy-capsule": cn, ...conv };
    }
    if (methods.includes("UnmarshalText")) {
      const s = { type: "string", "x-alloy-type": "string" };
      Object.assign(s, this.enumOf(pkg, decl));
      return s;
    }
    if (decl.alias) return this.value(decl.type, dctx);
    const under = decl.type;
    if (under.k === "interface") {
      if (under.empty) return { "x-alloy-type": "any" };
      const cn = `${pkg.name}.${decl.name}`;
      return { "x-alloy-type": cn, "x-alloy-capsule": cn };
    }
    if (under.k === "struct") {
      if (methods.includes("ConvertFrom") && !under.fields.some((f) => alloyTag(f.tag))) {
        // A capsule that converts from plain values (e.g. discovery targets are written as objects).
        const conv = this.convertFromError(pkg, decl);
        return { type: "object", additionalProperties: { type: "string", "x-alloy-type": "string" }, "x-alloy-type": "map(string)", ...conv };
      }
      return { $ref: `#/$defs/${this.def(key, under, dctx, pkg, decl)}`, "x-alloy-type": "object" };
    }
    return this.value(under, dctx);
  }

  /** Collects the accepted values of a text-unmarshalled string type from its `switch` cases. */
  enumOf(pkg, decl) {
    const m = this.methodsOf(pkg, decl.name).find((x) => x.name === "UnmarshalText");
    if (!m) return {};
    const body = m.body;
    const hasDefaultError = body.some((t, i) => t.v === "default" && body[i + 1]?.v === ":") && body.some((t) => t.v === "Errorf");
    if (!hasDefaultError) return {};
    const values = [];
    for (let i = 0; i < body.length; i++) {
      if (body[i].v !== "case") continue;
      for (let j = i + 1; j < body.length && body[j].v !== ":"; j++) {
        const t = body[j];
        if (t.t === "string" || t.t === "rawstring") values.push(goString(t.v));
        else if (t.t === "ident" && body[j + 1]?.v !== ".") {
          const c = pkg.vars.get(t.v);
          const lit = c?.value?.find((x) => x.t === "string" || x.t === "rawstring");
          if (c?.kind === "const" && lit) values.push(goString(lit.v));
          else return {};
        } else if (t.t === "ident" || t.v === ".") {
          if (t.t === "ident" && body[j - 1]?.v === ".") return {};
        }
      }
    }
    if (!values.length) return {};
    const errIdx = body.findIndex((t) => t.v === "Errorf");
    const fmtTok = body.slice(errIdx).find((t) => t.t === "string");
    const out = { enum: [...new Set(values)] };
    if (body.some((t) => t.v === "ToLower" || t.v === "EqualFold")) out["x-alloy-enum-case-insensitive"] = true;
    if (fmtTok) out["x-alloy-enum-error"] = goString(fmtTok.v);
    return out;
  }

  /** The error a capsule's ConvertFrom reports for an unsupported source type (its `%T` message). */
  convertFromError(pkg, decl) {
    const m = this.methodsOf(pkg, decl.name).find((x) => x.name === "ConvertFrom");
    if (!m) return {};
    const formats = [];
    m.body.forEach((t, i) => {
      if (t.v !== "Errorf") return;
      const f = m.body.slice(i).find((x) => x.t === "string");
      if (f) formats.push(goString(f.v));
    });
    const pick = formats.find((f) => f.includes("%T")) ?? formats[0];
    return pick ? { "x-alloy-convert-error": pick } : {};
  }

  /** Registers (once) a `$defs` entry for a named struct type and returns its key. */
  def(key, structType, ctx, pkg, decl) {
    const id = key.replace(/[^A-Za-z0-9_.]/g, "_");
    if (this.defs[id] || this.defsInProgress.has(id)) return id;
    this.defsInProgress.add(id);
    const body = this.structBody(structType, ctx);
    const defaults = pkg && decl ? defaultsOf(this, pkg, decl, body) : undefined;
    if (defaults) for (const [k, v] of Object.entries(defaults)) if (body.properties[k]) body.properties[k].default = v;
    // Fields SetToDefault assigns from something this reader cannot evaluate (often the collector factory's
    // default config): a page's documented default for them is not trusted over the code.
    for (const k of defaults?.[UNRESOLVED] ?? []) {
      if (body.properties[k]) Object.defineProperty(body.properties[k], "__defaultFromCode", { value: true, enumerable: false });
    }
    for (const k of defaults?.[ZEROED] ?? []) {
      if (body.properties[k]) Object.defineProperty(body.properties[k], "__zeroDefault", { value: true, enumerable: false });
    }
    this.defs[id] = body;
    this.defsInProgress.delete(id);
    return id;
  }

  /** The body of a struct: attributes and blocks as properties, with `required` and block metadata. */
  structBody(structType, ctx) {
    const body = { type: "object", properties: {}, required: [], additionalProperties: false };
    const goNames = {};
    const embeds = [];
    const embedOf = {};
    this.collectFields(structType, ctx, body, goNames, 0, embeds, embedOf);
    if (!body.required.length) delete body.required;
    // Squashed (embedded) Go structs, by $defs-style key: rules written for a Go type apply to every body
    // that embeds it, as its Validate method runs for the enclosing struct upstream.
    if (embeds.length) body["x-alloy-embeds"] = [...new Set(embeds)];
    Object.defineProperty(body, "__goNames", { value: goNames, enumerable: false });
    Object.defineProperty(body, "__embedOf", { value: embedOf, enumerable: false });
    return body;
  }

  /** `embedOf` maps each attribute reached through a squashed field to that top-level field's Go name. */
  collectFields(structType, ctx, body, goNames, depth, embeds = [], embedOf = {}, owner = undefined) {
    if (depth > 8) return;
    for (const f of structType.fields) {
      const tag = alloyTag(f.tag);
      if (!tag) continue;
      if (tag.kind === "squash") {
        const inner = this.structOf(f.type, ctx);
        if (inner?.key) embeds.push(inner.key.replace(/[^A-Za-z0-9_.]/g, "_"));
        // An embedded struct's SetToDefault is promoted to the enclosing struct, so its fields are not zero.
        if (inner?.pkg && inner.decl && this.methodsOf(inner.pkg, inner.decl.name).some((x) => x.name === "SetToDefault")) {
          Object.defineProperty(body, "__embedsDefaulter", { value: true, enumerable: false, configurable: true });
        }
        const name = owner ?? f.name ?? (f.type.k === "named" ? f.type.name.split(".").pop() : f.type.elem?.name?.split(".").pop());
        if (inner) this.collectFields(inner.type, inner.ctx, body, goNames, depth + 1, embeds, embedOf, name);
        continue;
      }
      if (tag.kind === "label") {
        body["x-alloy-label"] = true;
        continue;
      }
      if (tag.kind === "attr") {
        const v = this.value(f.type, ctx);
        body.properties[tag.name] = { "x-alloy-kind": "attr", ...v };
        if (f.name) goNames[f.name] = tag.name;
        if (owner) embedOf[tag.name] = owner;
      } else if (tag.kind === "block") {
        body.properties[tag.name] = this.block(f.type, ctx);
        if (f.name) goNames[f.name] = tag.name;
        if (owner) embedOf[tag.name] = owner;
      } else if (tag.kind === "enum") {
        const elem = this.structOf(stripSlice(f.type), ctx);
        if (!elem) continue;
        for (const ef of elem.type.fields) {
          const et = alloyTag(ef.tag);
          if (!et || et.kind !== "block") continue;
          const full = `${tag.name}.${et.name}`;
          const b = this.block(ef.type, elem.ctx);
          b["x-alloy-enum"] = tag.name;
          b["x-alloy-repeat"] = "multiple";
          body.properties[full] = b;
        }
        continue;
      } else continue;
      if (!tag.optional) body.required.push(tag.name);
    }
  }

  /** Resolves a (possibly pointer/named) type to its struct declaration. */
  structOf(t, ctx) {
    while (t.k === "ptr") t = t.elem;
    if (t.k === "struct") return { type: t, ctx };
    if (t.k !== "named") return undefined;
    const r = this.lookupNamed(t.name, ctx);
    if (!r.decl) return undefined;
    const dctx = { dir: r.decl.dir, imports: r.decl.imports };
    if (r.decl.type.k === "struct") return { type: r.decl.type, ctx: dctx, key: r.key, pkg: r.pkg, decl: r.decl };
    const under = this.structOf(r.decl.type, dctx);
    // `type GRPCClientArguments otelcol.GRPCClientArguments` with a SetToDefault of its own: the fields are the
    // underlying struct's, the defaults the copy's.
    // A copy whose SetToDefault only converts the underlying type's defaults (`*a = T(pkg.DefaultArguments)`)
    // keeps the underlying struct, whose defaults this reader can evaluate.
    const own = r.pkg && this.methodsOf(r.pkg, r.decl.name).find((x) => x.name === "SetToDefault");
    const converts = own && own.body.some((t, i) => t.v === "*" && own.body[i + 2]?.v === "=" && own.body[i + 3]?.t === "ident" && own.body[i + 4]?.v === "(");
    if (under && own && !converts) {
      return { ...under, key: r.key, pkg: r.pkg, decl: r.decl };
    }
    return under;
  }

  /** Schema of a block field: single, repeated (slice), fixed count (array) or map block. */
  block(t, ctx) {
    while (t.k === "ptr") t = t.elem;
    let repeat = "single";
    let count;
    if (t.k === "slice") {
      repeat = "multiple";
      t = t.elem;
    } else if (t.k === "array") {
      repeat = "fixed";
      count = Number(t.len) || undefined;
      t = t.elem;
    }
    while (t.k === "ptr") t = t.elem;
    // Resolve named non-struct types (e.g. `type Rules []Rule`).
    if (t.k === "named") {
      const r = this.lookupNamed(t.name, ctx);
      if (r.decl && r.decl.type.k !== "struct" && r.decl.type.k !== "named") {
        const dctx = { dir: r.decl.dir, imports: r.decl.imports };
        if (r.decl.type.k === "slice" || r.decl.type.k === "array" || r.decl.type.k === "map") {
          const inner = this.block(r.decl.type, dctx);
          return inner;
        }
      }
    }
    let item;
    if (t.k === "map" || (t.k === "named" && (t.name === "any" || t.name === "interface{}")) || (t.k === "interface" && t.empty)) {
      item = { type: "object", "x-alloy-map-block": true, additionalProperties: t.k === "map" ? this.value(t.elem, ctx) : {} };
    } else {
      const s = this.structOf(t, ctx);
      if (!s) item = { type: "object" };
      else if (s.key) item = { $ref: `#/$defs/${this.def(s.key, s.type, s.ctx, s.pkg, s.decl)}` };
      else item = this.structBody(s.type, s.ctx);
    }
    const b = { "x-alloy-kind": "block", "x-alloy-repeat": repeat };
    if (count !== undefined) b["x-alloy-count"] = count;
    if (repeat === "single") return { ...b, ...item };
    return { ...b, type: "array", items: item, ...(count !== undefined ? { minItems: count, maxItems: count } : {}) };
  }
}

function stripSlice(t) {
  while (t.k === "ptr") t = t.elem;
  return t.k === "slice" || t.k === "array" ? t.elem : t;
}

// ---------------------------------------------------------------------------------------------------------
// Defaults: values of `SetToDefault` assignments and `Default*` composite literals, when they are plain
// literals (strings, numbers, booleans, durations, lists of those).

const DURATION_UNITS = { Nanosecond: 1, Microsecond: 1e3, Millisecond: 1e6, Second: 1e9, Minute: 60e9, Hour: 3600e9 };

/** Formats nanoseconds like Alloy users write durations ("200ms", "1m30s"). */
export function formatDuration(ns) {
  if (ns === 0) return "0s";
  const parts = [];
  let rest = ns;
  for (const [u, v] of [["h", 3600e9], ["m", 60e9], ["s", 1e9]]) {
    if (rest >= v) {
      const q = Math.floor(rest / v);
      parts.push(`${q}${u}`);
      rest -= q * v;
    }
  }
  if (rest) {
    if (parts.length) return `${ns / 1e6}ms`;
    if (rest % 1e6 === 0) parts.push(`${rest / 1e6}ms`);
    else if (rest % 1e3 === 0) parts.push(`${rest / 1e3}us`);
    else parts.push(`${rest}ns`);
  }
  return parts.join("");
}

/** Evaluates simple Go literal expressions; returns undefined when the expression is not a plain literal. */
export function evalLiteral(toks, pkg, depth = 0) {
  if (!toks.length || depth > 5) return undefined;
  if (toks.length === 1) {
    const t = toks[0];
    if (t.t === "string" || t.t === "rawstring") return goString(t.v);
    if (t.t === "number") {
      const n = Number(t.v.replace(/_/g, ""));
      return Number.isFinite(n) ? n : undefined;
    }
    if (t.v === "true") return true;
    if (t.v === "false") return false;
    if (t.t === "ident") {
      const c = pkg.vars.get(t.v);
      if (c && c.kind === "const") return evalLiteral(c.value, pkg, depth + 1);
    }
    return undefined;
  }
  // time.Second, 5 * time.Second, time.Duration(5) * time.Second
  const s = toks.map((t) => t.v).join("");
  let m = /^(?:time\.Duration\()?([0-9_.]+)\)?\*time\.(\w+)$/.exec(s);
  if (m && DURATION_UNITS[m[2]]) return formatDuration(Number(m[1]) * DURATION_UNITS[m[2]]);
  m = /^time\.(\w+)\*([0-9_.]+)$/.exec(s);
  if (m && DURATION_UNITS[m[1]]) return formatDuration(Number(m[2]) * DURATION_UNITS[m[1]]);
  m = /^time\.(\w+)$/.exec(s);
  if (m && DURATION_UNITS[m[1]]) return formatDuration(DURATION_UNITS[m[1]]);
  if (toks[0].v === "-" && toks.length === 2) {
    const v = evalLiteral(toks.slice(1), pkg, depth + 1);
    return typeof v === "number" ? -v : undefined;
  }
  // []string{"a", "b"}
  if (toks[0].v === "[" && toks[1]?.v === "]") {
    const open = toks.findIndex((t) => t.v === "{");
    if (open < 0 || toks[toks.length - 1].v !== "}") return undefined;
    const parts = parseKeyed(toks.slice(open + 1, -1));
    const arr = [];
    for (const [k, v] of parts) {
      if (!/^\d+$/.test(k)) return undefined;
      const x = evalLiteral(v, pkg, depth + 1);
      if (x === undefined) return undefined;
      arr.push(x);
    }
    return arr;
  }
  // TypeName(literal) conversions such as Action("x")
  if (toks[0].t === "ident" && toks[1]?.v === "(" && toks[toks.length - 1].v === ")" && toks.length >= 4) {
    const inner = toks.slice(2, -1);
    return evalLiteral(inner, pkg, depth + 1);
  }
  return undefined;
}

/** Key of the (non-enumerable) list of attributes whose default assignment could not be evaluated. */
export const UNRESOLVED = Symbol("unresolved defaults");
/** Key of the list of attributes a whole-struct assignment in SetToDefault leaves at Go's zero value. */
export const ZEROED = Symbol("zero defaults");

/** Finds the composite literal a type's `SetToDefault` assigns (directly or through a `Default*` variable). */
function defaultsOf(builder, pkg, decl, body) {
  const goNames = body.__goNames ?? {};
  const out = {};
  const unresolved = [];
  const zeroed = [];
  const embedOf = body.__embedOf ?? {};
  const owners = new Set(Object.values(embedOf));
  /** Records a Go field the defaults set (an attribute, or every attribute of an embedded struct); false if unknown. */
  const markSet = (goField) => {
    if (!whole) return true;
    if (goNames[goField]) {
      whole.add(goNames[goField]);
      return true;
    }
    if (!owners.has(goField)) return false;
    for (const [an, o] of Object.entries(embedOf)) if (o === goField) whole.add(an);
    return true;
  };
  // `*args = T{...}` replaces the whole struct: every attribute the literal leaves out defaults to Go's zero
  // value, unless a key is not an attribute or block of this body (an embedded struct set as a whole).
  let whole;
  const applyKeyed = (tokens, full = false) => {
    const open = tokens.findIndex((t) => t.v === "{");
    if (open < 0 || tokens[tokens.length - 1]?.v !== "}") return;
    let keyed = [...parseKeyed(tokens.slice(open + 1, -1))];
    if (full) {
      whole = new Set();
      const flat = [];
      for (const [k, v] of keyed) {
        // An embedded struct given as a literal (`HTTPServer: otelcol.HTTPServerArguments{Endpoint: ...}`) sets
        // only the fields it names; they are this body's attributes.
        const inner = owners.has(k) ? nestedKeyed(v) : undefined;
        if (inner && inner.every(([ik]) => goNames[ik] && embedOf[goNames[ik]] === k)) flat.push(...inner);
        else flat.push([k, v]);
      }
      keyed = flat;
      for (const [k] of keyed) if (!markSet(k)) whole = undefined;
    }
    for (const [k, v] of keyed) {
      const an = goNames[k];
      if (!an) continue;
      const val = evalLiteral(v, pkg);
      if (val !== undefined) out[an] = val;
      else if (fromLocal(v)) unresolved.push(an);
    }
  };
  /** The keyed elements of a composite literal `T{...}` or `&T{...}`, or undefined. */
  const nestedKeyed = (v) => {
    const i = v.findIndex((t) => t.v === "{");
    if (i < 0 || v[v.length - 1]?.v !== "}" || v.slice(0, i).some((t) => t.v === "(" || t.v === "[")) return undefined;
    return [...parseKeyed(v.slice(i + 1, -1))];
  };
  const fromExpr = (tokens) => {
    if (tokens.length === 1 && tokens[0].t === "ident") {
      const v = pkg.vars.get(tokens[0].v);
      if (v) applyKeyed(v.value, true);
    } else applyKeyed(tokens, true);
  };
  const m = builder.methodsOf(pkg, decl.name).find((x) => x.name === "SetToDefault");
  // Variables declared in SetToDefault (`cfg := factory.CreateDefaultConfig()`): a value read from one comes
  // from code this reader does not follow.
  const locals = new Set();
  for (let i = 0; m && i + 1 < m.body.length; i++) if (m.body[i].t === "ident" && m.body[i + 1].v === ":=") locals.add(m.body[i].v);
  const fromLocal = (toks) => toks.some((t, i) => t.t === "ident" && locals.has(t.v) && toks[i - 1]?.v !== ".");
  if (m) {
    const b = m.body;
    for (let i = 0; i < b.length; i++) {
      if (b[i].v === "*" && b[i + 1]?.t === "ident" && b[i + 2]?.v === "=") {
        let j = i + 3;
        let depth = 0;
        const start = j;
        for (; j < b.length; j++) {
          const t = b[j];
          if (t.t === "op" && "([{".includes(t.v)) depth++;
          else if (t.t === "op" && ")]}".includes(t.v)) depth--;
          else if (t.t === ";" && depth === 0) break;
        }
        fromExpr(b.slice(start, j));
      } else if (b[i].t === "ident" && b[i + 1]?.v === "." && b[i + 2]?.t === "ident" && b[i + 3]?.v === "=" && (i === 0 || b[i - 1].t === ";" || b[i - 1].v === "{")) {
        let j = i + 4;
        const start = j;
        while (j < b.length && b[j].t !== ";") j++;
        const an = goNames[b[i + 2].v];
        const val = an ? evalLiteral(b.slice(start, j), pkg) : undefined;
        if (val !== undefined) out[an] = val;
        else if (an && fromLocal(b.slice(start, j))) unresolved.push(an);
      }
    }
  } else {
    const v = pkg.vars.get(`Default${decl.name}`) ?? (decl.name === "Arguments" ? pkg.vars.get("DefaultArguments") : undefined);
    if (v) applyKeyed(v.value);
    // Neither SetToDefault nor a Default value (nor an embedded struct with a SetToDefault to promote):
    // Alloy leaves every attribute at Go's zero value.
    else if (!body.__embedsDefaulter) whole = new Set();
  }
  // A SetToDefault that assigns fields one by one leaves the others zero, as long as the receiver is used
  // only to name this struct's own fields (not passed to a helper, nor an embedded struct's method).
  const replaced = m ? m.body.some((t, i) => t.v === "*" && m.body[i + 1]?.v === m.recvVar && m.body[i + 2]?.v === "=") : false;
  if (m && !whole && !replaced && m.recvVar) whole = new Set();
  if (whole && m) {
    const b = m.body;
    const recv = m.recvVar;
    for (let i = 0; i < b.length && whole; i++) {
      if (b[i].t !== "ident" || b[i].v !== recv || b[i - 1]?.v === ".") continue;
      if (b[i - 1]?.v === "*" && b[i + 1]?.v === "=") continue;
      if (!(b[i + 1]?.v === "." && b[i + 2]?.t === "ident" && markSet(b[i + 2].v))) whole = undefined;
    }
  }
  if (whole) for (const an of Object.values(goNames)) if (!whole.has(an) && !(an in out)) zeroed.push(an);
  void m;
  if (unresolved.length) Object.defineProperty(out, UNRESOLVED, { value: unresolved, enumerable: false });
  if (zeroed.length) Object.defineProperty(out, ZEROED, { value: zeroed, enumerable: false });
  return Object.keys(out).length || unresolved.length || zeroed.length ? out : undefined;
}
