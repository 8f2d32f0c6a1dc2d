/** Processors that shape the flow: batch, memory_limiter, probabilistic_sampler, tail_sampling. */
import { anyValueAsString, getAttr } from "../pdata/attributes.js";
import { itemCount, type ResourceSpans, type Span, type Telemetry } from "../pdata/types.js";
import { compileCondition, type CompiledCondition } from "../ottl/eval.js";
import { goRegExp } from "../ottl/values.js";
import { asArray, asRecord, asStrings, DataRefusedError, durationMs, emitDetached, type ComponentFactory } from "./api.js";
import { totalmem } from "node:os";
import { pruneEmpty } from "./processors-ottl.js";

/** Concatenates payloads of one signal into one. */
export function mergeTelemetry(items: Telemetry[]): Telemetry | undefined {
  if (items.length === 0) return undefined;
  const first = items[0]!;
  if (first.signal === "traces")
    return { signal: "traces", data: { resourceSpans: items.flatMap((i) => (i.signal === "traces" ? i.data.resourceSpans : [])) } };
  if (first.signal === "metrics")
    return { signal: "metrics", data: { resourceMetrics: items.flatMap((i) => (i.signal === "metrics" ? i.data.resourceMetrics : [])) } };
  return { signal: "logs", data: { resourceLogs: items.flatMap((i) => (i.signal === "logs" ? i.data.resourceLogs : [])) } };
}

/** batch: buffers per signal, sends when `send_batch_size` items are pending, on `timeout`, and on shutdown. */
export const batchProcessor: ComponentFactory = {
  kind: "processor",
  type: "batch",
  signals: ["traces", "metrics", "logs"],
  create(config, ctx) {
    const size = typeof config.send_batch_size === "number" ? config.send_batch_size : 8192;
    const timeout = durationMs(config.timeout, 200);
    const pending: Record<string, { items: Telemetry[]; count: number; timer?: NodeJS.Timeout }> = {};
    const flush = (signal: string) => {
      const p = pending[signal];
      if (!p || p.items.length === 0) return;
      if (p.timer) clearTimeout(p.timer);
      const merged = mergeTelemetry(p.items);
      pending[signal] = { items: [], count: 0 };
      // The batch acknowledged its input when it took it: a refusal downstream is logged, not returned.
      if (merged) emitDetached(ctx, merged, p.count);
    };
    return {
      consume(t) {
        const p = (pending[t.signal] ??= { items: [], count: 0 });
        p.items.push(t);
        p.count += itemCount(t);
        if (size > 0 && p.count >= size) flush(t.signal);
        else if (ctx.live && !p.timer && timeout > 0) {
          p.timer = setTimeout(() => flush(t.signal), timeout);
          p.timer.unref?.();
        }
      },
      shutdown() {
        for (const s of Object.keys(pending)) flush(s);
      },
    };
  },
};

const MIB = 1024 * 1024;
const BYTE_UNITS: Record<string, number> = { B: 1, KiB: 1024, MiB: MIB, GiB: 1024 * MIB, TiB: 1024 * 1024 * MIB, KB: 1000, MB: 1e6, GB: 1e9 };

/** A byte size written as Alloy does (`"512MiB"`, `"1MiB512KiB"`, spec otelcol-conversion.md §12) or a number. */
export function byteSize(v: unknown): number | undefined {
  if (typeof v === "number") return v;
  if (typeof v !== "string" || v === "") return undefined;
  let total = 0;
  let consumed = 0;
  for (const m of v.matchAll(/(\d+)([KMGT]i?B|B)/g)) {
    if (!(m[2]! in BYTE_UNITS)) return undefined;
    total += Number(m[1]) * BYTE_UNITS[m[2]!]!;
    consumed += m[0].length;
  }
  return consumed === v.length ? total : undefined;
}

/** The memory_limiter's limits in bytes from collector (`limit_mib`) or Alloy (`limit`) configuration. */
export function memoryLimits(config: Record<string, unknown>, totalMemory: number): { hard: number; soft: number } | { unsupported: string } {
  const num = (v: unknown) => (typeof v === "number" ? v : 0);
  let hard = num(config.limit_mib) * MIB || (byteSize(config.limit) ?? 0);
  let spike = num(config.spike_limit_mib) * MIB || (byteSize(config.spike_limit) ?? 0);
  if (hard === 0 && num(config.limit_percentage) > 0) {
    hard = (totalMemory * num(config.limit_percentage)) / 100;
    spike = (totalMemory * num(config.spike_limit_percentage)) / 100;
  }
  if (hard <= 0) return { unsupported: "a memory_limiter without limit" };
  // Upstream: the spike limit defaults to 20% of the hard limit and must stay below it.
  if (spike === 0) spike = hard / 5;
  if (spike >= hard) return { unsupported: "a spike limit not below the limit" };
  return { hard, soft: hard - spike };
}

/**
 * memory_limiter, following the upstream processor: it reads the memory in use (here the V8 heap in use plus
 * external buffers, the counterpart of the Go heap allocation the collector reads) at start, every
 * `check_interval`, and also on every payload and every admission question (`refusing`), because one request
 * can add more than the spike limit between two checks; the reading is a cheap heap statistic. While the
 * reading is above the soft limit (limit − spike limit) it refuses data with DataRefusedError (the OTLP/HTTP
 * receiver answers 503 before reading the request body); above the hard limit it also asks for a garbage
 * collection when the runtime exposes one (`node --expose-gc`), so garbage is not mistaken for retained data.
 * Verification runs (not live) take no measurements and pass all data on, so memory pressure never changes what
 * `alloy verify` compares.
 */
export const memoryLimiterProcessor: ComponentFactory = {
  kind: "processor",
  type: "memory_limiter",
  signals: ["traces", "metrics", "logs"],
  create(config, ctx) {
    const limits = memoryLimits(config, totalmem());
    if ("unsupported" in limits) return limits;
    if (!ctx.live) return { consume: (t) => ctx.emit(t) };
    const interval = durationMs(config.check_interval, 0);
    const reason = "data refused due to high memory usage";
    let refusing = false;
    const check = () => {
      let used = ctx.memoryUsage();
      if (used > limits.hard && typeof globalThis.gc === "function") {
        globalThis.gc();
        used = ctx.memoryUsage();
      }
      if (used > limits.soft !== refusing) ctx.log(`${ctx.id}: memory in use ${(used / MIB).toFixed(1)} MiB, ${used > limits.soft ? "refusing data" : "accepting data again"}`);
      refusing = used > limits.soft;
      return refusing;
    };
    check();
    // Upstream needs a positive check_interval; with none, only the per-payload readings remain.
    const timer = interval > 0 ? setInterval(check, interval) : undefined;
    timer?.unref?.();
    return {
      refusing: () => (check() ? reason : undefined),
      consume(t) {
        if (check()) throw new DataRefusedError(reason);
        ctx.emit(t);
      },
      shutdown() {
        if (timer) clearInterval(timer);
      },
    };
  },
};

/** FNV-1a 32-bit, as the probabilistic sampler's hash_seed mode uses. */
function fnv1a(seed: number, bytes: Uint8Array): number {
  let h = 0x811c9dc5;
  const seedBytes = [seed & 0xff, (seed >>> 8) & 0xff, (seed >>> 16) & 0xff, (seed >>> 24) & 0xff];
  for (const b of [...seedBytes, ...bytes]) {
    h ^= b;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

const BUCKETS = 0x4000;

/** Whether `id` falls in the sampled fraction (hash_seed mode: 14 low bits of the seeded hash). */
export function hashSampled(seed: number, percent: number, id: Uint8Array): boolean {
  const threshold = Math.floor((percent / 100) * BUCKETS);
  return (fnv1a(seed, id) & (BUCKETS - 1)) < threshold;
}

/** probabilistic_sampler in `hash_seed` mode for traces (by trace ID) and logs (trace ID or an attribute). */
export const probabilisticSamplerProcessor: ComponentFactory = {
  kind: "processor",
  type: "probabilistic_sampler",
  signals: ["traces", "logs"],
  create(config, ctx) {
    const mode = String(config.mode ?? "");
    if (mode !== "" && mode !== "hash_seed") return { unsupported: `mode "${mode}"` };
    if (config.sampling_priority) return { unsupported: "sampling_priority" };
    const pct = Number(config.sampling_percentage ?? 0);
    const seed = Number(config.hash_seed ?? 0);
    const failClosed = config.fail_closed !== false;
    const source = String(config.attribute_source ?? "traceID");
    const fromAttr = String(config.from_attribute ?? "");
    return {
      consume(t) {
        if (t.signal === "traces") {
          for (const rs of t.data.resourceSpans)
            for (const ss of rs.scopeSpans) ss.spans = ss.spans.filter((s) => hashSampled(seed, pct, Buffer.from(s.traceId, "hex")));
        } else if (t.signal === "logs") {
          for (const rl of t.data.resourceLogs)
            for (const sl of rl.scopeLogs)
              sl.logRecords = sl.logRecords.filter((l) => {
                let id: Uint8Array | undefined;
                if (source === "record") {
                  const v = getAttr(l.attributes, fromAttr);
                  id = v === undefined ? undefined : Buffer.from(anyValueAsString(v));
                } else if (l.traceId && !/^0*$/.test(l.traceId)) id = Buffer.from(l.traceId, "hex");
                if (!id) return !failClosed;
                return hashSampled(seed, pct, id);
              });
        }
        if (pruneEmpty(t)) ctx.emit(t);
      },
    };
  },
};

type Decision = "sampled" | "not" | "invertNot" | "invertSampled" | "drop";
interface TraceView {
  spans: { span: Span; resource: ResourceSpans["resource"]; scope: unknown }[];
}
type Policy = (t: TraceView) => Decision;

function spanAttrMatch(t: TraceView, key: string, test: (v: ReturnType<typeof getAttr>) => boolean): boolean {
  return t.spans.some((s) => {
    const v = getAttr(s.span.attributes, key) ?? getAttr(s.resource.attributes, key);
    return v !== undefined && test(v);
  });
}

function withInvert(match: boolean, invert: boolean): Decision {
  if (!invert) return match ? "sampled" : "not";
  return match ? "invertNot" : "invertSampled";
}

function compilePolicy(raw: unknown, rateState: { count: number }): Policy | { unsupported: string } {
  const p = asRecord(raw);
  const type = String(p.type ?? "");
  const cfg = asRecord(p[type]);
  switch (type) {
    case "always_sample":
      return () => "sampled";
    case "latency": {
      const lo = Number(cfg.threshold_ms ?? 0);
      const hi = Number(cfg.upper_threshold_ms ?? 0);
      return (t) => {
        let min = BigInt(t.spans[0]!.span.startTimeUnixNano);
        let max = BigInt(t.spans[0]!.span.endTimeUnixNano);
        for (const s of t.spans) {
          if (BigInt(s.span.startTimeUnixNano) < min) min = BigInt(s.span.startTimeUnixNano);
          if (BigInt(s.span.endTimeUnixNano) > max) max = BigInt(s.span.endTimeUnixNano);
        }
        const ms = Number(max - min) / 1e6;
        return (hi > 0 ? ms >= lo && ms <= hi : ms >= lo) ? "sampled" : "not";
      };
    }
    case "numeric_attribute": {
      const key = String(cfg.key);
      const min = Number(cfg.min_value ?? 0);
      const max = Number(cfg.max_value ?? 0);
      return (t) =>
        withInvert(
          spanAttrMatch(t, key, (v) => v!.intValue !== undefined && Number(v!.intValue) >= min && Number(v!.intValue) <= max),
          cfg.invert_match === true,
        );
    }
    case "probabilistic": {
      const pct = Number(cfg.sampling_percentage ?? 0);
      const salt = String(cfg.hash_salt ?? "");
      return (t) => (hashSampled(0, pct, Buffer.concat([Buffer.from(salt), Buffer.from(t.spans[0]!.span.traceId, "hex")])) ? "sampled" : "not");
    }
    case "status_code": {
      const codes = asStrings(cfg.status_codes).map((c) => ({ UNSET: 0, OK: 1, ERROR: 2 })[c as "OK"]);
      return (t) => (t.spans.some((s) => codes.includes(s.span.status?.code ?? 0)) ? "sampled" : "not");
    }
    case "string_attribute": {
      const key = String(cfg.key);
      const values = asStrings(cfg.values);
      const regex = cfg.enabled_regex_matching === true;
      const res = values.map((v) => (regex ? goRegExp(v) : undefined));
      return (t) =>
        withInvert(
          spanAttrMatch(t, key, (v) => v!.stringValue !== undefined && values.some((x, i) => (regex ? res[i]!.test(v!.stringValue!) : x === v!.stringValue))),
          cfg.invert_match === true,
        );
    }
    case "boolean_attribute": {
      const key = String(cfg.key);
      const value = cfg.value === true;
      return (t) => withInvert(spanAttrMatch(t, key, (v) => v!.boolValue === value), cfg.invert_match === true);
    }
    case "span_count": {
      const min = Number(cfg.min_spans ?? 0);
      const max = Number(cfg.max_spans ?? 0);
      return (t) => (t.spans.length >= min && (max <= 0 || t.spans.length <= max) ? "sampled" : "not");
    }
    case "trace_state": {
      const key = String(cfg.key);
      const values = asStrings(cfg.values);
      return (t) =>
        t.spans.some((s) =>
          (s.span.traceState ?? "").split(",").some((kv) => {
            const [k, v] = kv.trim().split("=");
            return k === key && v !== undefined && values.includes(v);
          }),
        )
          ? "sampled"
          : "not";
    }
    case "rate_limiting": {
      // All traces of one verification run are decided within the same second.
      const limit = Number(cfg.spans_per_second ?? 0);
      return (t) => {
        if (rateState.count + t.spans.length > limit) return "not";
        rateState.count += t.spans.length;
        return "sampled";
      };
    }
    case "ottl_condition": {
      const sc: CompiledCondition[] = [];
      const ec: CompiledCondition[] = [];
      for (const [list, ctxName, out] of [
        [cfg.span, "span", sc],
        [cfg.spanevent, "spanevent", ec],
      ] as const)
        for (const src of asStrings(list)) {
          const c = compileCondition(ctxName, src);
          if ("error" in c) return { unsupported: c.error };
          out.push(c);
        }
      return (t) =>
        t.spans.some(
          (s) =>
            sc.some((c) => c({ resource: s.resource, span: s.span })) ||
            (s.span.events ?? []).some((e) => ec.some((c) => c({ resource: s.resource, span: s.span, event: e }))),
        )
          ? "sampled"
          : "not";
    }
    case "and": {
      const subs = asArray(asRecord(p.and).and_sub_policy).map((s) => compilePolicy(s, rateState));
      for (const s of subs) if ("unsupported" in s) return s;
      return (t) => ((subs as Policy[]).every((s) => ["sampled", "invertSampled"].includes(s(t))) ? "sampled" : "not");
    }
    case "drop": {
      const subs = asArray(asRecord(p.drop).drop_sub_policy).map((s) => compilePolicy(s, rateState));
      for (const s of subs) if ("unsupported" in s) return s;
      return (t) => ((subs as Policy[]).every((s) => ["sampled", "invertSampled"].includes(s(t))) ? "drop" : "not");
    }
    default:
      return { unsupported: `policy type "${type}"` };
  }
}

/** tail_sampling: groups spans by trace and decides at `decision_wait` (live) or shutdown. */
export const tailSamplingProcessor: ComponentFactory = {
  kind: "processor",
  type: "tail_sampling",
  signals: ["traces"],
  create(config, ctx) {
    const rate = { count: 0 };
    const policies: Policy[] = [];
    for (const raw of asArray(config.policies)) {
      const p = compilePolicy(raw, rate);
      if ("unsupported" in p) return p;
      policies.push(p);
    }
    const wait = durationMs(config.decision_wait, 30000);
    const traces = new Map<string, TraceView>();
    let timer: NodeJS.Timeout | undefined;
    const decide = () => {
      timer = undefined;
      const out: ResourceSpans[] = [];
      for (const t of traces.values()) {
        const ds = policies.map((p) => p(t));
        const keep = !ds.includes("drop") && !ds.includes("invertNot") && (ds.includes("sampled") || ds.includes("invertSampled"));
        if (!keep) continue;
        for (const s of t.spans) out.push({ resource: s.resource, scopeSpans: [{ scope: s.scope as never, spans: [s.span] }] });
      }
      traces.clear();
      if (out.length) emitDetached(ctx, { signal: "traces", data: { resourceSpans: out } }, out.length);
    };
    return {
      consume(t) {
        if (t.signal !== "traces") return;
        for (const rs of t.data.resourceSpans)
          for (const ss of rs.scopeSpans)
            for (const span of ss.spans) {
              let tv = traces.get(span.traceId);
              if (!tv) traces.set(span.traceId, (tv = { spans: [] }));
              tv.spans.push({ span, resource: rs.resource, scope: ss.scope });
            }
        if (ctx.live && !timer) {
          timer = setTimeout(decide, wait);
          timer.unref?.();
        }
      },
      shutdown() {
        if (timer) clearTimeout(timer);
        decide();
      },
    };
  },
};
