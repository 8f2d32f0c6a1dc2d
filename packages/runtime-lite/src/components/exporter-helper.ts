/**
 * The collector's exporter helper for the network exporters: `sending_queue` (in memory: `queue_size` in
 * requests or items, `num_consumers`, `block_on_overflow`), `retry_on_failure` (exponential backoff with
 * `initial_interval`, `multiplier`, `randomization_factor`, `max_interval`, `max_elapsed_time`) and `timeout` per
 * attempt. A payload taken into the queue is acknowledged upstream; a full queue refuses data (receivers answer
 * UNAVAILABLE / 503 before reading a body) and a payload that runs out of retries is dropped, both logged with
 * their item counts. On shutdown the queue is drained: each remaining payload gets its attempts, but no backoff
 * wait outlives shutdown (the collector cancels retries when it stops).
 */
import { itemCount, type Telemetry } from "../pdata/types.js";
import { ExportError } from "../transport/status.js";
import { asRecord, DataRefusedError, durationMs, type ComponentContext, type ComponentInstance } from "./api.js";

/** Sends one payload; rejects with ExportError (retryable or not) on failure. */
export type Send = (t: Telemetry, timeoutMs: number) => Promise<void>;

export interface RetrySettings {
  enabled: boolean;
  initialMs: number;
  maxIntervalMs: number;
  multiplier: number;
  randomization: number;
  /** 0: retry for ever. */
  maxElapsedMs: number;
}

export interface QueueSettings {
  enabled: boolean;
  consumers: number;
  size: number;
  sizer: "requests" | "items";
  blockOnOverflow: boolean;
}

export interface ExporterCounters {
  sent: number;
  failed: number;
  refused: number;
  queued: number;
}

const num = (v: unknown, d: number): number => (typeof v === "number" && Number.isFinite(v) ? v : typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v)) ? Number(v) : d);

export function retrySettings(config: Record<string, unknown>): RetrySettings {
  const r = asRecord(config.retry_on_failure);
  return {
    enabled: r.enabled !== false,
    initialMs: durationMs(r.initial_interval, 5000),
    maxIntervalMs: durationMs(r.max_interval, 30000),
    multiplier: num(r.multiplier, 1.5),
    randomization: num(r.randomization_factor, 0.5),
    maxElapsedMs: durationMs(r.max_elapsed_time, 300000),
  };
}

export function queueSettings(config: Record<string, unknown>): QueueSettings | { unsupported: string } {
  const q = asRecord(config.sending_queue);
  if (q.storage !== undefined && q.storage !== null && q.storage !== "")
    return { unsupported: `sending_queue.storage ${JSON.stringify(q.storage)} (a persistent queue)` };
  const sizer = String(q.sizer ?? "requests");
  if (sizer !== "requests" && sizer !== "items") return { unsupported: `sending_queue.sizer ${sizer}` };
  if (q.batch !== undefined && q.batch !== null) return { unsupported: "sending_queue.batch" };
  return {
    enabled: q.enabled !== false,
    consumers: Math.max(1, Math.floor(num(q.num_consumers, 10))),
    size: Math.max(1, Math.floor(num(q.queue_size, 1000))),
    sizer,
    blockOnOverflow: q.block_on_overflow === true || q.blocking === true,
  };
}

/** The wait before retry number `n` (0-based), as cenkalti/backoff computes it. */
export function backoffMs(r: RetrySettings, n: number, random = Math.random): number {
  let interval = r.initialMs;
  for (let i = 0; i < n; i++) interval = Math.min(interval * r.multiplier, r.maxIntervalMs);
  const delta = r.randomization * interval;
  return interval - delta + random() * (2 * delta);
}

interface Entry {
  t: Telemetry;
  items: number;
}

/** An exporter instance that queues, retries and times out `send` as the exporter helper does. */
export function helperExporter(
  config: Record<string, unknown>,
  ctx: ComponentContext,
  send: Send,
  defaultTimeoutMs: number,
  close?: () => void,
): ComponentInstance & { counters: ExporterCounters } | { unsupported: string } {
  const queue = queueSettings(config);
  if ("unsupported" in queue) return queue;
  const retry = retrySettings(config);
  const timeoutMs = durationMs(config.timeout, defaultTimeoutMs);
  const counters: ExporterCounters = { sent: 0, failed: 0, refused: 0, queued: 0 };
  const waiting: Entry[] = [];
  let queuedItems = 0;
  let active = 0;
  let stopping = false;
  const wakeups = new Set<() => void>();

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        wakeups.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      wakeups.add(done);
    });

  const attempt = async (e: Entry): Promise<void> => {
    const started = Date.now();
    for (let n = 0; ; n++) {
      try {
        await send(e.t, timeoutMs);
        counters.sent += e.items;
        return;
      } catch (err) {
        const x = err instanceof ExportError ? err : new ExportError((err as Error).message, true);
        let wait = retry.enabled && x.retryable && !stopping ? backoffMs(retry, n) : -1;
        if (wait >= 0 && x.throttleMs !== undefined) wait = Math.max(wait, x.throttleMs);
        if (wait >= 0 && retry.maxElapsedMs > 0 && Date.now() - started + wait > retry.maxElapsedMs) wait = -1;
        if (wait < 0) {
          counters.failed += e.items;
          const why = !x.retryable ? "not retryable" : stopping ? "shutting down" : retry.enabled ? "no more retries left" : "retry_on_failure disabled";
          ctx.log(`${ctx.id}: Exporting failed. Dropping data. (${why}) error: ${x.message}; dropped_items: ${e.items}`);
          return;
        }
        ctx.log(`${ctx.id}: Exporting failed. Will retry the request after interval. error: ${x.message}; interval: ${Math.round(wait)}ms`);
        await sleep(wait);
      }
    }
  };

  const consumer = async () => {
    active++;
    try {
      for (let e = waiting.shift(); e; e = waiting.shift()) {
        queuedItems -= e.items;
        await attempt(e);
      }
    } finally {
      active--;
    }
  };

  const used = () => (queue.sizer === "items" ? queuedItems : waiting.length);
  const full = (items: number) => queue.enabled && used() + (queue.sizer === "items" ? items : 1) > queue.size;

  return {
    counters,
    // Asked before a receiver reads a body: a full queue refuses it unread (UNAVAILABLE / 503, the client retries).
    refusing: () => (full(1) ? "sending queue is full" : undefined),
    consume(t) {
      if (!ctx.live) return;
      const items = itemCount(t);
      if (full(items)) {
        if (!queue.blockOnOverflow) {
          counters.refused += items;
          throw new DataRefusedError("sending queue is full");
        }
      }
      waiting.push({ t, items });
      queuedItems += items;
      counters.queued += items;
      if (active < (queue.enabled ? queue.consumers : 1)) ctx.track(consumer());
    },
    shutdown() {
      stopping = true;
      for (const wake of [...wakeups]) wake();
      if (close) ctx.track(Promise.resolve().then(async () => {
        while (active > 0 || waiting.length) await new Promise((r) => setTimeout(r, 10));
        close();
      }));
    },
  };
}
