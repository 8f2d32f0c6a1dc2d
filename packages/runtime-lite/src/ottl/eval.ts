/**
 * OTTL evaluation over the pdata model: path getters/setters per context, converters and editors.
 * Unsupported functions or paths are reported at compile time (`compileStatement`/`compileCondition` return an
 * error), so a component using them is marked unverified instead of silently doing the wrong thing.
 */
import { createHash } from "node:crypto";
import { deleteAttr, filterAttrs, getAttr, putAttr } from "../pdata/attributes.js";
import { metricType, type AnyValue, type KeyValue, type LogRecord, type Metric, type Resource, type Scope, type Span, type SpanEvent } from "../pdata/types.js";
import { parseCondition, parseStatement, type OttlExpr, type OttlValue } from "./parser.js";
import { asString, enumValue, fromAny, globToRegExp, goRegExp, goReplacement, ottlCompare, ottlEquals, toAny } from "./values.js";

export type OttlContextName = "resource" | "scope" | "span" | "spanevent" | "metric" | "datapoint" | "log";

/** The objects a statement can see. */
export interface OttlCtx {
  resource: Resource;
  scope?: Scope;
  span?: Span;
  event?: SpanEvent;
  metric?: Metric;
  dp?: { attributes: KeyValue[]; [k: string]: unknown };
  log?: LogRecord;
  cache?: KeyValue[];
}

interface Ref {
  get(c: OttlCtx): OttlValue;
  set?(c: OttlCtx, v: OttlValue): void;
  /** For map-valued paths: the live attribute list. */
  map?(c: OttlCtx): KeyValue[] | undefined;
}

type Evaluator = (c: OttlCtx) => OttlValue;

const CONTEXT_PREFIX: Record<string, OttlContextName> = {
  resource: "resource",
  instrumentation_scope: "scope",
  scope: "scope",
  span: "span",
  spanevent: "spanevent",
  metric: "metric",
  datapoint: "datapoint",
  log: "log",
};

const METRIC_TYPES = ["Empty", "Gauge", "Sum", "Histogram", "ExponentialHistogram", "Summary"];

function attrsRef(list: (c: OttlCtx) => KeyValue[] | undefined): Ref {
  return {
    get: (c) => {
      const l = list(c);
      return l ? Object.fromEntries(l.map((kv) => [kv.key, fromAny(kv.value)])) : null;
    },
    set: (c, v) => {
      const l = list(c);
      if (!l || !v || typeof v !== "object" || Array.isArray(v) || v instanceof Uint8Array) return;
      l.length = 0;
      for (const [k, x] of Object.entries(v)) l.push({ key: k, value: toAny(x) });
    },
    map: list,
  };
}

function fieldRef<T>(obj: (c: OttlCtx) => T | undefined, get: (o: T) => OttlValue, set?: (o: T, v: OttlValue) => void): Ref {
  return {
    get: (c) => {
      const o = obj(c);
      return o === undefined ? null : get(o);
    },
    set: set
      ? (c, v) => {
          const o = obj(c);
          if (o !== undefined) set(o, v);
        }
      : undefined,
  };
}

const str = (v: OttlValue): string | undefined => (typeof v === "string" ? v : undefined);
const int = (v: OttlValue): number | undefined => (typeof v === "bigint" ? Number(v) : typeof v === "number" ? Math.trunc(v) : undefined);
const nanos = (s: string | undefined): OttlValue => BigInt(s ?? "0");

/** Resolves a path's base (fields only, keys applied later). */
function baseRef(ctx: OttlContextName, fields: string[]): Ref | string {
  let target = ctx;
  let rest = fields;
  const prefix = CONTEXT_PREFIX[fields[0]!];
  if (prefix && fields.length > 1 && !(ctx === "span" && fields[0] === "status")) {
    target = prefix;
    rest = fields.slice(1);
  }
  const f = rest.join(".");
  if (f === "cache") return attrsRef((c) => (c.cache ??= []));
  switch (target) {
    case "resource":
      if (f === "attributes") return attrsRef((c) => c.resource.attributes);
      if (f === "dropped_attributes_count") return fieldRef((c) => c.resource, (r) => BigInt(r.droppedAttributesCount ?? 0));
      break;
    case "scope":
      if (f === "attributes") return attrsRef((c) => c.scope && (c.scope.attributes ??= []));
      if (f === "name") return fieldRef((c) => c.scope, (s) => s.name ?? "", (s, v) => (s.name = str(v) ?? s.name));
      if (f === "version") return fieldRef((c) => c.scope, (s) => s.version ?? "", (s, v) => (s.version = str(v) ?? s.version));
      break;
    case "span": {
      const sp = (c: OttlCtx) => c.span;
      if (f === "attributes") return attrsRef((c) => c.span?.attributes);
      if (f === "name") return fieldRef(sp, (s) => s.name, (s, v) => (s.name = str(v) ?? s.name));
      if (f === "kind") return fieldRef(sp, (s) => BigInt(s.kind ?? 0), (s, v) => (s.kind = int(v) ?? s.kind));
      if (f === "trace_id.string") return fieldRef(sp, (s) => s.traceId);
      if (f === "span_id.string") return fieldRef(sp, (s) => s.spanId);
      if (f === "parent_span_id.string") return fieldRef(sp, (s) => s.parentSpanId ?? "");
      if (f === "trace_id") return fieldRef(sp, (s) => Buffer.from(s.traceId, "hex"));
      if (f === "span_id") return fieldRef(sp, (s) => Buffer.from(s.spanId, "hex"));
      if (f === "trace_state") return fieldRef(sp, (s) => s.traceState ?? "", (s, v) => (s.traceState = str(v) ?? s.traceState));
      if (f === "start_time_unix_nano") return fieldRef(sp, (s) => nanos(s.startTimeUnixNano));
      if (f === "end_time_unix_nano") return fieldRef(sp, (s) => nanos(s.endTimeUnixNano));
      if (f === "status.code")
        return fieldRef(sp, (s) => BigInt(s.status?.code ?? 0), (s, v) => ((s.status ??= {}).code = int(v) ?? s.status?.code));
      if (f === "status.message")
        return fieldRef(sp, (s) => s.status?.message ?? "", (s, v) => ((s.status ??= {}).message = str(v) ?? ""));
      break;
    }
    case "spanevent":
      if (f === "attributes") return attrsRef((c) => c.event?.attributes);
      if (f === "name") return fieldRef((c) => c.event, (e) => e.name, (e, v) => (e.name = str(v) ?? e.name));
      if (f === "time_unix_nano") return fieldRef((c) => c.event, (e) => nanos(e.timeUnixNano));
      break;
    case "metric": {
      const m = (c: OttlCtx) => c.metric;
      if (f === "name") return fieldRef(m, (x) => x.name, (x, v) => (x.name = str(v) ?? x.name));
      if (f === "description") return fieldRef(m, (x) => x.description ?? "", (x, v) => (x.description = str(v) ?? x.description));
      if (f === "unit") return fieldRef(m, (x) => x.unit ?? "", (x, v) => (x.unit = str(v) ?? x.unit));
      if (f === "type") return fieldRef(m, (x) => BigInt(METRIC_TYPES.indexOf(metricType(x))));
      if (f === "aggregation_temporality")
        return fieldRef(m, (x) => BigInt(x.sum?.aggregationTemporality ?? x.histogram?.aggregationTemporality ?? x.exponentialHistogram?.aggregationTemporality ?? 0));
      if (f === "is_monotonic") return fieldRef(m, (x) => x.sum?.isMonotonic ?? false);
      break;
    }
    case "datapoint": {
      const d = (c: OttlCtx) => c.dp;
      if (f === "attributes") return attrsRef((c) => c.dp?.attributes);
      if (f === "time_unix_nano") return fieldRef(d, (p) => nanos(p.timeUnixNano as string));
      if (f === "start_time_unix_nano") return fieldRef(d, (p) => nanos(p.startTimeUnixNano as string));
      if (f === "value_double") return fieldRef(d, (p) => (p.asDouble as number) ?? 0, (p, v) => typeof v === "number" && (p.asDouble = v));
      if (f === "value_int") return fieldRef(d, (p) => BigInt((p.asInt as string) ?? 0), (p, v) => typeof v === "bigint" && (p.asInt = v.toString()));
      if (f === "count") return fieldRef(d, (p) => BigInt((p.count as string) ?? 0));
      if (f === "sum") return fieldRef(d, (p) => (p.sum as number) ?? 0);
      break;
    }
    case "log": {
      const l = (c: OttlCtx) => c.log;
      if (f === "attributes") return attrsRef((c) => c.log?.attributes);
      if (f === "body")
        return {
          get: (c) => fromAny(c.log?.body),
          set: (c, v) => c.log && (c.log.body = toAny(v)),
          map: (c) => c.log?.body?.kvlistValue?.values,
        };
      if (f === "body.string") return fieldRef(l, (x) => asString(fromAny(x.body)));
      if (f === "severity_number")
        return fieldRef(l, (x) => BigInt(x.severityNumber ?? 0), (x, v) => (x.severityNumber = int(v) ?? x.severityNumber));
      if (f === "severity_text") return fieldRef(l, (x) => x.severityText ?? "", (x, v) => (x.severityText = str(v) ?? x.severityText));
      if (f === "event_name") return fieldRef(l, (x) => x.eventName ?? "", (x, v) => (x.eventName = str(v) ?? x.eventName));
      if (f === "time_unix_nano") return fieldRef(l, (x) => nanos(x.timeUnixNano));
      if (f === "observed_time_unix_nano") return fieldRef(l, (x) => nanos(x.observedTimeUnixNano));
      if (f === "trace_id.string") return fieldRef(l, (x) => x.traceId ?? "");
      if (f === "span_id.string") return fieldRef(l, (x) => x.spanId ?? "");
      if (f === "flags") return fieldRef(l, (x) => BigInt(x.flags ?? 0));
      break;
    }
  }
  return `unsupported path "${fields.join(".")}" in context "${ctx}"`;
}

/** Applies `[key]` indexing to a map-valued reference. */
function keyedRef(base: Ref, keys: Evaluator[]): Ref | string {
  if (keys.length === 0) return base;
  if (!base.map) return "indexing is only supported on maps";
  const list = base.map;
  const walk = (c: OttlCtx, create: boolean): { attrs: KeyValue[]; key: string } | undefined => {
    let attrs = list(c);
    for (let i = 0; i < keys.length; i++) {
      if (!attrs) return undefined;
      const k = keys[i]!(c);
      if (typeof k !== "string") return undefined;
      if (i === keys.length - 1) return { attrs, key: k };
      let v = getAttr(attrs, k);
      if (!v?.kvlistValue) {
        if (!create) return undefined;
        v = { kvlistValue: { values: [] } };
        putAttr(attrs, k, v);
      }
      attrs = v.kvlistValue!.values;
    }
    return undefined;
  };
  return {
    get: (c) => {
      const w = walk(c, false);
      return w ? fromAny(getAttr(w.attrs, w.key)) : null;
    },
    set: (c, v) => {
      const w = walk(c, true);
      if (w && v !== null) putAttr(w.attrs, w.key, toAny(v));
    },
    map: (c) => {
      const w = walk(c, false);
      return w ? getAttr(w.attrs, w.key)?.kvlistValue?.values : undefined;
    },
  };
}

class CompileError extends Error {}

function compileRef(ctx: OttlContextName, e: OttlExpr): Ref {
  if (e.kind !== "path") throw new CompileError("expected a path");
  const base = baseRef(ctx, e.fields);
  if (typeof base === "string") throw new CompileError(base);
  const keyed = keyedRef(base, e.keys.map((k) => compileValue(ctx, k)));
  if (typeof keyed === "string") throw new CompileError(keyed);
  return keyed;
}

type Converter = (args: OttlValue[]) => OttlValue;

const CONVERTERS: Record<string, Converter> = {
  IsMatch: ([t, p]) => (t === null || t === undefined ? false : goRegExp(String(p)).test(asString(t))),
  Concat: ([list, delim]) => (Array.isArray(list) ? list.map(asString).join(String(delim ?? "")) : null),
  Len: ([v]) =>
    BigInt(typeof v === "string" ? [...v].length : Array.isArray(v) ? v.length : v && typeof v === "object" ? Object.keys(v).length : 0),
  ToLowerCase: ([v]) => (typeof v === "string" ? v.toLowerCase() : null),
  ToUpperCase: ([v]) => (typeof v === "string" ? v.toUpperCase() : null),
  Int: ([v]) =>
    typeof v === "bigint" ? v : typeof v === "number" ? BigInt(Math.trunc(v)) : typeof v === "boolean" ? BigInt(v ? 1 : 0) : typeof v === "string" && /^-?\d+$/.test(v) ? BigInt(v) : null,
  Double: ([v]) => (typeof v === "number" ? v : typeof v === "bigint" ? Number(v) : typeof v === "boolean" ? (v ? 1 : 0) : typeof v === "string" && v.trim() !== "" && !Number.isNaN(Number(v)) ? Number(v) : null),
  String: ([v]) => asString(v ?? null),
  IsString: ([v]) => typeof v === "string",
  IsInt: ([v]) => typeof v === "bigint",
  IsDouble: ([v]) => typeof v === "number",
  IsBool: ([v]) => typeof v === "boolean",
  IsMap: ([v]) => !!v && typeof v === "object" && !Array.isArray(v) && !(v instanceof Uint8Array),
  IsList: ([v]) => Array.isArray(v),
  Substring: ([v, s, l]) => (typeof v === "string" ? v.slice(Number(s), Number(s) + Number(l)) : null),
  Split: ([v, d]) => (typeof v === "string" ? v.split(String(d)) : null),
  SHA256: ([v]) => createHash("sha256").update(asString(v ?? null)).digest("hex"),
  SHA1: ([v]) => createHash("sha1").update(asString(v ?? null)).digest("hex"),
  Trim: ([v]) => (typeof v === "string" ? v.trim() : null),
  HasPrefix: ([v, p]) => typeof v === "string" && v.startsWith(String(p)),
  HasSuffix: ([v, p]) => typeof v === "string" && v.endsWith(String(p)),
};

function compileValue(ctx: OttlContextName, e: OttlExpr): Evaluator {
  switch (e.kind) {
    case "lit": {
      const v = e.value;
      return () => v;
    }
    case "fn":
      throw new CompileError(`unsupported function argument ${e.name}`);
    case "enum": {
      const v = enumValue(e.name);
      if (v === undefined) throw new CompileError(`unknown enum symbol ${e.name}`);
      return () => v;
    }
    case "path": {
      const r = compileRef(ctx, e);
      return (c) => r.get(c);
    }
    case "list": {
      const items = e.items.map((i) => compileValue(ctx, i));
      return (c) => items.map((i) => i(c));
    }
    case "map": {
      const entries = e.entries.map(([k, v]) => [k, compileValue(ctx, v)] as const);
      return (c) => Object.fromEntries(entries.map(([k, v]) => [k, v(c)]));
    }
    case "call": {
      const fn = CONVERTERS[e.name];
      if (!fn) throw new CompileError(`unsupported converter ${e.name}`);
      const args = e.args.map((a) => compileValue(ctx, a));
      const keys = e.keys.map((k) => compileValue(ctx, k));
      return (c) => {
        let v = fn(args.map((a) => a(c)));
        for (const k of keys) {
          const kv = k(c);
          if (Array.isArray(v) && typeof kv === "bigint") v = v[Number(kv)] ?? null;
          else if (v && typeof v === "object" && !Array.isArray(v) && !(v instanceof Uint8Array) && typeof kv === "string") v = v[kv] ?? null;
          else v = null;
        }
        return v;
      };
    }
    case "not": {
      const o = compileValue(ctx, e.operand);
      return (c) => o(c) !== true;
    }
    case "neg": {
      const o = compileValue(ctx, e.operand);
      return (c) => {
        const v = o(c);
        return typeof v === "bigint" ? -v : typeof v === "number" ? -v : null;
      };
    }
    case "bin": {
      const l = compileValue(ctx, e.left);
      const r = compileValue(ctx, e.right);
      switch (e.op) {
        case "and":
          return (c) => l(c) === true && r(c) === true;
        case "or":
          return (c) => l(c) === true || r(c) === true;
        case "==":
          return (c) => ottlEquals(l(c), r(c));
        case "!=":
          return (c) => !ottlEquals(l(c), r(c));
        case "<":
        case "<=":
        case ">":
        case ">=": {
          const op = e.op;
          return (c) => {
            const cmp = ottlCompare(l(c), r(c));
            if (cmp === undefined) return false;
            return op === "<" ? cmp < 0 : op === "<=" ? cmp <= 0 : op === ">" ? cmp > 0 : cmp >= 0;
          };
        }
        default: {
          const op = e.op;
          return (c) => arithmetic(op, l(c), r(c));
        }
      }
    }
  }
}

function arithmetic(op: string, a: OttlValue, b: OttlValue): OttlValue {
  if (typeof a === "bigint" && typeof b === "bigint") {
    if (op === "+") return a + b;
    if (op === "-") return a - b;
    if (op === "*") return a * b;
    return b === 0n ? null : a / b;
  }
  if ((typeof a === "number" || typeof a === "bigint") && (typeof b === "number" || typeof b === "bigint")) {
    const x = Number(a);
    const y = Number(b);
    return op === "+" ? x + y : op === "-" ? x - y : op === "*" ? x * y : x / y;
  }
  return null;
}

type Editor = (ctx: OttlContextName, args: OttlExpr[]) => (c: OttlCtx) => void;

function mapArg(ctx: OttlContextName, e: OttlExpr | undefined): (c: OttlCtx) => KeyValue[] | undefined {
  if (!e) throw new CompileError("missing map argument");
  const r = compileRef(ctx, e);
  if (!r.map) throw new CompileError("expected a map path");
  return r.map;
}

/** An editor's argument that must be present, as `mapArg` requires its map. */
function required(e: OttlExpr | undefined, what: string): OttlExpr {
  if (!e) throw new CompileError(`missing ${what} argument`);
  return e;
}

function constString(e: OttlExpr | undefined, what: string): string {
  if (e?.kind !== "lit" || typeof e.value !== "string") throw new CompileError(`${what} must be a string literal`);
  return e.value;
}

function replaceIn(v: AnyValue, re: RegExp, repl: string): void {
  if (v.stringValue !== undefined) v.stringValue = v.stringValue.replace(re, repl);
}

const EDITORS: Record<string, Editor> = {
  // Metric-context editors of the transform processor: change a metric's type, keeping its data points; a no-op
  // on metrics of other types.
  convert_sum_to_gauge: (ctx, args) => {
    if (ctx !== "metric" || args.length !== 0) throw new CompileError("convert_sum_to_gauge() takes no arguments and needs the metric context");
    return (c) => {
      const m = c.metric;
      if (!m?.sum) return;
      m.gauge = { dataPoints: m.sum.dataPoints };
      delete m.sum;
    };
  },
  convert_gauge_to_sum: (ctx, [temporality, monotonic, ...rest]) => {
    if (ctx !== "metric" || rest.length) throw new CompileError("convert_gauge_to_sum needs the metric context");
    const t = constString(temporality, "aggregation_temporality");
    if (t !== "cumulative" && t !== "delta") throw new CompileError(`unknown aggregation temporality ${t}`);
    if (monotonic?.kind !== "lit" || typeof monotonic.value !== "boolean") throw new CompileError("is_monotonic must be a boolean literal");
    const isMonotonic = monotonic.value;
    return (c) => {
      const m = c.metric;
      if (!m?.gauge) return;
      m.sum = { dataPoints: m.gauge.dataPoints, aggregationTemporality: t === "delta" ? 1 : 2, isMonotonic };
      delete m.gauge;
    };
  },
  set: (ctx, [target, v]) => {
    const t = required(target, "target");
    const r = compileRef(ctx, t);
    if (!r.set) throw new CompileError(`path ${t.kind === "path" ? t.fields.join(".") : ""} cannot be set`);
    const val = compileValue(ctx, required(v, "value"));
    return (c) => {
      const x = val(c);
      // Setting nil leaves the target unchanged (upstream: set with nil is a no-op).
      if (x !== null) r.set!(c, x);
    };
  },
  delete_key: (ctx, [m, k]) => {
    const map = mapArg(ctx, m);
    const key = compileValue(ctx, required(k, "key"));
    return (c) => {
      const l = map(c);
      const kv = key(c);
      if (l && typeof kv === "string") deleteAttr(l, kv);
    };
  },
  delete_matching_keys: (ctx, [m, p]) => {
    const map = mapArg(ctx, m);
    const re = goRegExp(constString(p, "pattern"));
    return (c) => {
      const l = map(c);
      if (l) filterAttrs(l, (kv) => !re.test(kv.key));
    };
  },
  keep_keys: (ctx, [m, k]) => {
    const map = mapArg(ctx, m);
    const keys = compileValue(ctx, required(k, "keys"));
    return (c) => {
      const l = map(c);
      const ks = keys(c);
      if (l && Array.isArray(ks)) {
        const set = new Set(ks.map(asString));
        filterAttrs(l, (kv) => set.has(kv.key));
      }
    };
  },
  keep_matching_keys: (ctx, [m, p]) => {
    const map = mapArg(ctx, m);
    const re = goRegExp(constString(p, "pattern"));
    return (c) => {
      const l = map(c);
      if (l) filterAttrs(l, (kv) => re.test(kv.key));
    };
  },
  replace_pattern: (ctx, [t, p, r]) => {
    const ref = compileRef(ctx, required(t, "target"));
    const re = goRegExp(constString(p, "pattern"), "g");
    const repl = goReplacement(constString(r, "replacement"));
    return (c) => {
      const v = ref.get(c);
      if (typeof v === "string") ref.set?.(c, v.replace(re, repl));
    };
  },
  replace_all_patterns: (ctx, [m, mode, p, r]) => {
    const map = mapArg(ctx, m);
    const md = constString(mode, "mode");
    if (md !== "key" && md !== "value") throw new CompileError(`invalid mode ${md}`);
    const re = goRegExp(constString(p, "pattern"), "g");
    const repl = goReplacement(constString(r, "replacement"));
    return (c) => {
      const l = map(c);
      if (!l) return;
      for (const kv of l) {
        if (md === "value") replaceIn(kv.value, re, repl);
        else kv.key = kv.key.replace(re, repl);
      }
    };
  },
  replace_match: (ctx, [t, g, r]) => {
    const ref = compileRef(ctx, required(t, "target"));
    const glob = globToRegExp(constString(g, "pattern"));
    const repl = constString(r, "replacement");
    return (c) => {
      const v = ref.get(c);
      if (typeof v === "string" && glob.test(v)) ref.set?.(c, repl);
    };
  },
  replace_all_matches: (ctx, [m, g, r]) => {
    const map = mapArg(ctx, m);
    const glob = globToRegExp(constString(g, "pattern"));
    const repl = constString(r, "replacement");
    return (c) => {
      for (const kv of map(c) ?? []) if (kv.value.stringValue !== undefined && glob.test(kv.value.stringValue)) kv.value = { stringValue: repl };
    };
  },
  truncate_all: (ctx, [m, n]) => {
    const map = mapArg(ctx, m);
    const limit = compileValue(ctx, required(n, "limit"));
    return (c) => {
      const lim = int(limit(c));
      if (lim === undefined || lim < 0) return;
      for (const kv of map(c) ?? []) {
        const s = kv.value.stringValue;
        // Go truncates by bytes; inputs here are measured in UTF-16 units, equal for ASCII.
        if (s !== undefined && s.length > lim) kv.value = { stringValue: s.slice(0, lim) };
      }
    };
  },
  limit: (ctx, [m, n, p]) => {
    const map = mapArg(ctx, m);
    const limit = compileValue(ctx, required(n, "limit"));
    const prio = p ? compileValue(ctx, p) : () => [];
    return (c) => {
      const l = map(c);
      const lim = int(limit(c));
      if (!l || lim === undefined || l.length <= lim) return;
      const pk = prio(c);
      const keep = new Set<string>(Array.isArray(pk) ? pk.map(asString).filter((k) => l.some((kv) => kv.key === k)) : []);
      // Upstream keeps the priority keys, then fills the rest in map iteration order; list order is used here.
      for (const kv of l) if (keep.size < lim) keep.add(kv.key);
      filterAttrs(l, (kv) => keep.has(kv.key));
    };
  },
  merge_maps: (ctx, [t, s, st]) => {
    const target = mapArg(ctx, t);
    const source = compileValue(ctx, required(s, "source"));
    const strategy = constString(st, "strategy");
    return (c) => {
      const l = target(c);
      const src = source(c);
      if (!l || !src || typeof src !== "object" || Array.isArray(src) || src instanceof Uint8Array) return;
      for (const [k, v] of Object.entries(src)) {
        const has = l.some((kv) => kv.key === k);
        if (strategy === "insert" && has) continue;
        if (strategy === "update" && !has) continue;
        putAttr(l, k, toAny(v));
      }
    };
  },
};

/** A compiled statement: runs its editor when the `where` clause holds. */
export type CompiledStatement = (c: OttlCtx) => void;
/** A compiled condition. */
export type CompiledCondition = (c: OttlCtx) => boolean;

/** Compiles a statement for a context; unsupported constructs give `{ error }`. */
export function compileStatement(ctx: OttlContextName, src: string): CompiledStatement | { error: string } {
  const st = parseStatement(src);
  if ("error" in st) return { error: `${src}: ${st.error}` };
  const editor = EDITORS[st.editor.name];
  if (!editor) return { error: `unsupported editor ${st.editor.name}` };
  try {
    const run = editor(ctx, st.editor.args);
    const where = st.where ? compileValue(ctx, st.where) : undefined;
    return where ? (c) => void (where(c) === true && run(c)) : run;
  } catch (e) {
    if (e instanceof CompileError || e instanceof SyntaxError) return { error: `${src}: ${e.message}` };
    throw e;
  }
}

/** Compiles a boolean condition for a context. */
export function compileCondition(ctx: OttlContextName, src: string): CompiledCondition | { error: string } {
  const e = parseCondition(src);
  if ("error" in e && !("kind" in e)) return { error: `${src}: ${e.error}` };
  try {
    const v = compileValue(ctx, e as OttlExpr);
    return (c) => v(c) === true;
  } catch (err) {
    if (err instanceof CompileError || err instanceof SyntaxError) return { error: `${src}: ${err.message}` };
    throw err;
  }
}
