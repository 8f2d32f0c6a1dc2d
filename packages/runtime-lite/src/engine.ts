/**
 * Runs a Graph: instantiates each node's semantics (or an opaque pass-through, marked unverified), pushes
 * payloads along the typed edges, and flushes everything on shutdown in topological order.
 */
import { DataRefusedError, StartError, type ComponentContext, type ComponentInstance, type RuntimeEnvironment } from "./components/api.js";
import { CaptureExporter } from "./components/exporters.js";
import { factoryFor } from "./components/registry.js";
import { RuntimeCode } from "./graph/codes.js";
import type { Graph, GraphNode, RuntimeDiagnostic } from "./graph/types.js";
import { getHeapStatistics } from "node:v8";
import type { Signal, Telemetry } from "./pdata/types.js";
import type { Tap } from "./tap.js";
import { wireRoundTrip } from "./transport/wire.js";

export interface EngineOptions {
  /** Server mode: timers (batch timeout, tail sampling decision wait) and real exporters. */
  live?: boolean;
  /** Clock in Unix nanoseconds; verification runs use a fixed one. */
  now?: () => bigint;
  /** Replace every exporter with a capture sink (verification). */
  capture?: boolean;
  /** Receives debug exporter output and runtime errors. */
  log?: (line: string) => void;
  /** Memory in use in bytes, read by memory_limiter; defaults to this process's heap plus external buffers. */
  memoryUsage?: () => number;
  /** Detected resource attributes and pod table for resourcedetection and k8sattributes. */
  environment?: RuntimeEnvironment;
  /** Records what each component takes in and emits (`alloy run --tap`, `alloy verify --show`). */
  tap?: Tap;
}

/** What became of a payload handed to a receiver. */
export type ReceiveOutcome =
  | { status: "accepted" }
  /** The receiver has no consumer for this signal (nothing was done). */
  | { status: "unwired" }
  /** The engine is shutting down; the payload was not taken. */
  | { status: "stopped" }
  /** A component refused it (memory_limiter); the sender should retry later. */
  | { status: "refused"; reason: string };

// V8's heap statistics, not process.memoryUsage(): the latter also reads the resident set size from the OS,
// too slow to call on every payload as memory_limiter does.
const processMemory = () => {
  const h = getHeapStatistics();
  return h.used_heap_size + h.external_memory;
};

/** Component types that hold data and send it later: back-pressure from beyond them does not reach receivers. */
const BUFFERING = new Set(["batch", "tail_sampling", "groupbytrace", "spanmetrics", "servicegraph", "count"]);

/** A fixed clock for deterministic runs: 2024-01-01T00:00:00Z. */
export const FIXED_NOW = 1704067200000000000n;

export class Engine {
  /** Nodes whose behaviour is not modelled (reason per node ID). */
  readonly unverified = new Map<string, string>();
  readonly diagnostics: RuntimeDiagnostic[] = [];
  private readonly instances = new Map<string, ComponentInstance>();
  private readonly captures = new Map<string, CaptureExporter>();
  private readonly pending = new Set<Promise<unknown>>();
  private readonly order: string[];
  private stopped = false;

  constructor(
    readonly graph: Graph,
    private readonly options: EngineOptions = {},
  ) {
    this.order = topologicalOrder(graph);
    for (const node of graph.nodes.values()) {
      options.tap?.register(node.id, node.kind, node.type);
      this.instances.set(node.id, this.instantiate(node));
    }
  }

  /** The tap, with each exporter helper's counters read now. */
  get tap(): Tap | undefined {
    const tap = this.options.tap;
    if (tap)
      for (const [id, inst] of this.instances) {
        const counters = (inst as { counters?: { sent: number; failed: number; refused: number; queued: number } }).counters;
        const entry = tap.components.get(id);
        if (counters && entry) entry.exporter = { ...counters };
      }
    return tap;
  }

  private instantiate(node: GraphNode): ComponentInstance {
    if (node.kind === "exporter" && this.options.capture) {
      const c = new CaptureExporter();
      this.captures.set(node.id, c);
      const wire = wireRoundTrip(node.type, node.config);
      if (!wire) return c;
      // What the receiving end of this exporter decodes, not the object handed to it.
      return {
        consume: (t) => {
          const crossed = wire.apply(t);
          if ("error" in crossed) {
            this.diagnostics.push({ severity: "error", code: RuntimeCode.wireEncoding, subject: node.id, message: `${node.id}: the ${wire.name} encoding of its ${t.signal} does not decode: ${crossed.error}` });
            return;
          }
          c.consume(crossed);
        },
      };
    }
    const ctx = this.contextFor(node);
    const factory = factoryFor(node.kind, node.type);
    if (!factory) {
      this.unverified.set(node.id, `${node.kind} "${node.type}" has no semantics in this runtime`);
      return { consume: (t) => ctx.emit(t) };
    }
    let made: ReturnType<typeof factory.create>;
    try {
      made = factory.create(node.config, ctx);
    } catch (e) {
      if (e instanceof StartError) {
        this.diagnostics.push({ severity: "error", code: RuntimeCode.componentStart, message: `${node.id}: ${e.message}`, subject: node.id });
        return { consume: () => undefined };
      }
      made = { unsupported: `configuration error: ${(e as Error).message}` };
    }
    if ("unsupported" in made) {
      this.unverified.set(node.id, `${node.kind} "${node.type}": ${made.unsupported} is not modelled`);
      return { consume: (t) => ctx.emit(t) };
    }
    return made;
  }

  private contextFor(node: GraphNode): ComponentContext {
    const log = this.options.log ?? (() => undefined);
    return {
      id: node.id,
      live: this.options.live === true,
      pipelines: Object.keys(node.pipelineTargets ?? {}),
      now: this.options.now ?? (() => (this.options.live ? BigInt(Date.now()) * 1000000n : FIXED_NOW)),
      emit: (t) => {
        this.options.tap?.out(node.id, t);
        this.deliver(node.outputs[t.signal], t);
      },
      emitToPipeline: (p, t) => {
        this.options.tap?.out(node.id, t);
        this.deliver(node.pipelineTargets?.[p] ?? [], t);
      },
      track: (p) => {
        this.pending.add(p);
        void p.finally(() => this.pending.delete(p));
      },
      log,
      memoryUsage: this.options.memoryUsage ?? processMemory,
      environment: this.options.environment,
      extensions: this.graph.extensions,
    };
  }

  private deliver(targets: string[], t: Telemetry): void {
    targets.forEach((id, i) => {
      const inst = this.instances.get(id);
      if (!inst) return;
      const payload = i === targets.length - 1 ? t : structuredClone(t);
      const tap = this.options.tap;
      try {
        tap?.in(id, payload);
        inst.consume(payload);
      } catch (e) {
        // Refusals travel back to the receiver (see DataRefusedError); other failures are contained here.
        if (e instanceof DataRefusedError) {
          tap?.refused(id, payload);
          throw e;
        }
        this.options.log?.(`${id}: ${(e as Error).message}`);
        this.diagnostics.push({ severity: "error", code: RuntimeCode.componentFailed, message: `${id} failed: ${(e as Error).message}`, subject: id });
      }
    });
  }

  /** Receiver nodes. */
  receivers(): GraphNode[] {
    return [...this.graph.nodes.values()].filter((n) => n.kind === "receiver");
  }

  /** Hands a payload to a receiver (the payload becomes owned by the engine). Returns false when it was not taken. */
  receive(receiverId: string, t: Telemetry): boolean {
    return this.accept(receiverId, t).status === "accepted";
  }

  /** Like `receive`, saying why a payload was not taken. */
  accept(receiverId: string, t: Telemetry): ReceiveOutcome {
    const node = this.graph.nodes.get(receiverId);
    if (this.stopped) return { status: "stopped" };
    if (!node || node.outputs[t.signal].length === 0) return { status: "unwired" };
    try {
      this.deliver([receiverId], t);
    } catch (e) {
      return { status: "refused", reason: (e as Error).message };
    }
    return { status: "accepted" };
  }

  /**
   * Why a payload of `signal` handed to `receiverId` would be refused right now (a consumer wired directly to
   * the receiver, such as memory_limiter, is under pressure), or undefined. The OTLP/HTTP server asks before it
   * reads a request body, so refused bodies are never buffered or decoded.
   */
  refusal(receiverId: string, signal: Signal): string | undefined {
    if (this.stopped) return undefined;
    // Downstream through components that pass data on synchronously; a buffering one (batch) has already
    // acknowledged what it holds, so what lies beyond it cannot push back to the receiver.
    const seen = new Set<string>();
    const stack = [...(this.graph.nodes.get(receiverId)?.outputs[signal] ?? [])];
    while (stack.length) {
      const id = stack.pop()!;
      if (seen.has(id)) continue;
      seen.add(id);
      const reason = this.instances.get(id)?.refusing?.();
      if (reason !== undefined) return reason;
      const node = this.graph.nodes.get(id);
      if (node && !BUFFERING.has(node.type)) stack.push(...node.outputs[signal]);
    }
    return undefined;
  }

  /** True once shutdown has begun: receivers take no more data. */
  get stopping(): boolean {
    return this.stopped;
  }

  /** What a capture exporter received (capture mode). */
  captured(exporterId: string): Telemetry[] {
    return this.captures.get(exporterId)?.received ?? [];
  }

  /** Awaits outstanding exports. */
  async flush(): Promise<void> {
    while (this.pending.size) await Promise.allSettled([...this.pending]);
  }

  /** Flushes every buffering component, upstream first, then awaits outstanding exports. */
  async shutdown(): Promise<void> {
    if (!this.stopped) {
      this.stopped = true;
      for (const id of this.order) {
        try {
          this.instances.get(id)?.shutdown?.();
        } catch (e) {
          this.options.log?.(`${id}: shutdown failed: ${(e as Error).message}`);
        }
      }
    }
    await this.flush();
  }
}

/** Node IDs ordered so that every node comes after all nodes that feed it (cycles are broken arbitrarily). */
export function topologicalOrder(graph: Graph): string[] {
  const indegree = new Map<string, number>();
  // Edges to components outside the graph were reported when it was built; ordering ignores them.
  const edges = (n: GraphNode) =>
    [...new Set([...Object.values(n.outputs).flat(), ...Object.values(n.pipelineTargets ?? {}).flat()])].filter((t) => graph.nodes.has(t));
  for (const id of graph.nodes.keys()) indegree.set(id, 0);
  for (const n of graph.nodes.values()) for (const t of edges(n)) indegree.set(t, (indegree.get(t) ?? 0) + 1);
  const queue = [...graph.nodes.keys()].filter((id) => indegree.get(id) === 0);
  const out: string[] = [];
  const seen = new Set<string>();
  while (out.length < graph.nodes.size) {
    const id = queue.shift() ?? [...graph.nodes.keys()].find((k) => !seen.has(k))!;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(id);
    for (const t of edges(graph.nodes.get(id)!)) {
      indegree.set(t, (indegree.get(t) ?? 1) - 1);
      if (indegree.get(t) === 0) queue.push(t);
    }
  }
  return out;
}

/** IDs of every node upstream of (feeding into) `id`, including itself. */
export function upstreamOf(graph: Graph, id: string): Set<string> {
  const parents = new Map<string, string[]>();
  for (const n of graph.nodes.values())
    for (const t of new Set([...Object.values(n.outputs).flat(), ...Object.values(n.pipelineTargets ?? {}).flat()]))
      parents.set(t, [...(parents.get(t) ?? []), n.id]);
  const seen = new Set<string>([id]);
  const stack = [id];
  while (stack.length) for (const p of parents.get(stack.pop()!) ?? []) if (!seen.has(p)) seen.add(p), stack.push(p);
  return seen;
}
