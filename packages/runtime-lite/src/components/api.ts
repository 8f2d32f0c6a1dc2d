/** The contract between the engine and component implementations. */
import { parseGoDuration } from "@alloy-ts/grammar";
import type { Signal, Telemetry } from "../pdata/types.js";
import type { ComponentKind, Extension } from "../graph/types.js";

/** One pod of the table the k8sattributes processor matches against (`alloy verify --pods`). */
export interface PodInfo {
  readonly ip: string;
  readonly name?: string;
  readonly namespace?: string;
  readonly uid?: string;
  readonly node?: string;
  readonly deployment?: string;
  readonly start_time?: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly annotations?: Readonly<Record<string, string>>;
}

/**
 * What the host would tell components that look at their surroundings: the attributes resource detectors find
 * (`--resource KEY=VALUE`) and the Kubernetes pods k8sattributes watches (`--pods FILE`). Both sides of a
 * verification see the same environment; by default it is empty (nothing detected, no pods).
 */
export interface RuntimeEnvironment {
  readonly resource?: Readonly<Record<string, string>>;
  /**
   * What named detectors find, applied only where a resourcedetection processor lists that detector (`alloy run`
   * fills `env` from OTEL_RESOURCE_ATTRIBUTES, as the collector's env detector reads it).
   */
  readonly detectors?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  readonly pods?: readonly PodInfo[];
}

/** What a running component can do besides receiving data. */
export interface ComponentContext {
  /** Node ID of this instance. */
  readonly id: string;
  /** Sends a payload to every consumer wired to this node's `signal` output. */
  emit(t: Telemetry): void;
  /** Routing connector only: sends to the consumers of one named pipeline. */
  emitToPipeline(pipeline: string, t: Telemetry): void;
  /** Pipelines this node can route to (routing connector). */
  readonly pipelines: string[];
  /** Current time in Unix nanoseconds (fixed in verification runs, so results are deterministic). */
  now(): bigint;
  /** True when running as a server: timers and real I/O are allowed. */
  readonly live: boolean;
  /** Registers asynchronous work the engine awaits on flush and shutdown. */
  track(p: Promise<unknown>): void;
  /** Diagnostic logging (debug exporter output, export failures). */
  log(line: string): void;
  /** Memory in use by this process in bytes (heap plus buffers), as memory_limiter measures it. */
  memoryUsage(): number;
  /** The host environment (resource detection results, pod table); empty when not given. */
  readonly environment?: RuntimeEnvironment;
  /** The graph's extensions (authenticators), by ID. */
  readonly extensions?: ReadonlyMap<string, Extension>;
}

/**
 * Thrown by `consume` when a component refuses data (memory_limiter under pressure). It travels back through
 * synchronous components to the receiver, which answers 503 so the client retries; components that buffer
 * (batch, tail_sampling) have already acknowledged their input and log the refusal instead.
 */
export class DataRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DataRefusedError";
  }
}

/**
 * Thrown by `create` when a component cannot start as configured (an authenticator that is not modelled, a
 * missing certificate file): `alloy run` refuses to start rather than run without what the configuration asks.
 */
export class StartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StartError";
  }
}

/** Emits through `ctx`, logging instead of throwing when downstream refuses (for components that buffer). */
export function emitDetached(ctx: ComponentContext, t: Telemetry, items: number): void {
  try {
    ctx.emit(t);
  } catch (e) {
    if (!(e instanceof DataRefusedError)) throw e;
    ctx.log(`${ctx.id}: dropped ${items} items: ${e.message}`);
  }
}

/** A running component. `consume` must not keep a reference to `t` after returning unless it owns it. */
export interface ComponentInstance {
  consume(t: Telemetry): void;
  /**
   * Why `consume` would refuse data right now, or undefined when it would take it (memory_limiter). Receivers
   * ask before reading a request body, so refused data is never buffered or decoded.
   */
  refusing?(): string | undefined;
  /** Flushes buffered data downstream (batch, spanmetrics, tail_sampling). */
  shutdown?(): void;
}

/** How to build one component type. */
export interface ComponentFactory {
  kind: ComponentKind;
  type: string;
  /** Signals accepted (input). */
  signals: Signal[];
  /** Builds an instance from collector-shaped configuration, or explains which setting is unsupported. */
  create(config: Record<string, unknown>, ctx: ComponentContext): ComponentInstance | { unsupported: string };
}

/** Reads a duration setting (`"200ms"`, `"1m30s"`, or a number of nanoseconds) as milliseconds. */
export function durationMs(v: unknown, dflt: number): number {
  if (typeof v === "number") return v / 1e6;
  if (typeof v !== "string" || v === "") return dflt;
  const ns = parseGoDuration(v);
  // A negative interval or timeout has no meaning for a timer: the default stands, as for text that is no duration.
  return ns === undefined || ns < 0 ? dflt : ns / 1e6;
}

export const asRecord = (v: unknown): Record<string, unknown> =>
  v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
export const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]);
export const asStrings = (v: unknown): string[] => asArray(v).map((x) => String(x));
