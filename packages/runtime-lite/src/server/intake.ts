/**
 * What both OTLP front ends (HTTP and gRPC) share: the engine they hand data to (swapped on reload), the OTLP
 * receivers that take it, each receiver protocol's authenticator, and the refusal rules (shutting down, a
 * consumer under pressure) expressed as gRPC status codes.
 */
import type { Engine } from "../engine.js";
import type { GraphNode } from "../graph/types.js";
import type { Signal, Telemetry } from "../pdata/types.js";
import { authReference, serverAuth, type ServerAuth } from "../auth/authenticators.js";
import { asRecord } from "../components/api.js";
import { Code, type Refusal } from "../transport/status.js";

export type Protocol = "grpc" | "http";

/** A receiver protocol's settings: the collector's `protocols.<p>` or Alloy's `<p>` block; undefined when absent. */
export function protocolConfig(node: GraphNode, p: Protocol): Record<string, unknown> | undefined {
  const protocols = asRecord(node.config.protocols);
  if (p in protocols) return asRecord(protocols[p]);
  if (p in node.config) return asRecord(node.config[p]);
  return undefined;
}

/** A mutable holder of the running engine, so a reload swaps the graph under open servers. */
export interface EngineHolder {
  engine: Engine;
}

/** Per engine and protocol, resolved once (authenticators may read files): a reload brings a new engine. */
const resolved = new WeakMap<Engine, Partial<Record<Protocol, { nodes: GraphNode[]; auth: ServerAuth[] }>>>();

/** The OTLP receivers of an engine and the authenticators of their `protocol`; throws when one cannot be enforced. */
export function receiversOf(engine: Engine, protocol: Protocol): { nodes: GraphNode[]; auth: ServerAuth[] } {
  const cached = resolved.get(engine)?.[protocol];
  if (cached) return cached;
  const made = resolveReceivers(engine, protocol);
  resolved.set(engine, { ...resolved.get(engine), [protocol]: made });
  return made;
}

function resolveReceivers(engine: Engine, protocol: Protocol): { nodes: GraphNode[]; auth: ServerAuth[] } {
  const nodes = engine.receivers().filter((r) => r.type === "otlp");
  const auth: ServerAuth[] = [];
  for (const n of nodes) {
    const cfg = protocolConfig(n, protocol);
    const ref = cfg && authReference(cfg);
    if (ref === undefined) continue;
    try {
      auth.push(serverAuth(engine.graph.extensions, ref));
    } catch (e) {
      throw new Error(`${n.id}: ${protocol}: ${(e as Error).message}`);
    }
  }
  return { nodes, auth };
}

/** Checks the request's credentials against every authenticator of the protocol. */
export function authenticate(auth: ServerAuth[], header: (name: string) => string | undefined): Refusal | undefined {
  for (const check of auth) {
    const reason = check(header);
    if (reason !== undefined) return { code: Code.UNAUTHENTICATED, message: reason };
  }
  return undefined;
}

/** Asked before a body is read: would the pipeline refuse `signal` now? */
export function precheck(engine: Engine, nodes: GraphNode[], signal: Signal): Refusal | undefined {
  if (engine.stopping) return { code: Code.UNAVAILABLE, message: "the server is shutting down", retryAfterSeconds: 1 };
  for (const r of nodes) {
    const reason = engine.refusal(r.id, signal);
    if (reason !== undefined) return { code: Code.UNAVAILABLE, message: reason, retryAfterSeconds: 1 };
  }
  return undefined;
}

/** Hands a decoded payload to every receiver; acknowledged only when every one took it. */
export function deliver(engine: Engine, nodes: GraphNode[], parsed: Telemetry): Refusal | undefined {
  for (const [i, r] of nodes.entries()) {
    const outcome = engine.accept(r.id, i === nodes.length - 1 ? parsed : structuredClone(parsed));
    if (outcome.status === "stopped") return { code: Code.UNAVAILABLE, message: "the server is shutting down", retryAfterSeconds: 1 };
    if (outcome.status === "refused") return { code: Code.UNAVAILABLE, message: outcome.reason, retryAfterSeconds: 1 };
  }
  return undefined;
}
