/**
 * The servicegraph connector: pairs a client span (kind CLIENT, or PRODUCER for messaging) with the server span
 * (SERVER, or CONSUMER) whose parent it is, within a trace, and counts requests between the two services:
 * `traces_service_graph_request_total` and `..._request_failed_total` (either side with status Error), with
 * `client`, `server`, `connection_type` and, per configured dimension, `client_<dim>` / `server_<dim>` labels
 * (span attribute, else resource attribute), plus the `..._request_server_seconds` and `..._request_client_seconds`
 * latency histograms. Metrics are written when the connector flushes (shutdown in a verification run). Edges left
 * unpaired are dropped: upstream turns them into virtual-node edges only once they expire (`store.ttl`), which
 * never happens within a verification run, so `virtual_node_peer_attributes` and `store` change nothing here.
 */
import { anyValueAsString, getAttr } from "../pdata/attributes.js";
import type { KeyValue, Resource, Span } from "../pdata/types.js";
import { asArray, asStrings, durationMs, emitDetached, type ComponentFactory } from "./api.js";

const KIND = { server: 2, client: 3, producer: 4, consumer: 5 } as const;
const STATUS_ERROR = 2;
/** Upstream's default latency buckets, in milliseconds. */
const DEFAULT_BUCKETS_MS = [2, 4, 6, 8, 10, 50, 100, 200, 400, 800, 1000, 1400, 2000, 5000, 10000, 15000];

interface Side {
  service: string;
  dims: Record<string, string>;
  failed: boolean;
  seconds: number;
}
interface Series {
  attrs: KeyValue[];
  total: number;
  failed: number;
  server: number[];
  client: number[];
  serverSum: number;
  clientSum: number;
}

export const serviceGraphConnector: ComponentFactory = {
  kind: "connector",
  type: "servicegraph",
  signals: ["traces"],
  create(config, ctx) {
    const dimensions = asStrings(config.dimensions);
    // An empty list means the default buckets, as unset does (the converter writes `[]` for unset).
    const given = asArray(config.latency_histogram_buckets).map((b) => durationMs(b, 0));
    const bounds = given.length === 0 ? DEFAULT_BUCKETS_MS : given;
    const clients = new Map<string, Side & { messaging: boolean }>();
    const servers = new Map<string, Side & { messaging: boolean }>();
    const series = new Map<string, Series>();
    const start = ctx.now().toString();

    const side = (span: Span, resource: Resource): Side => {
      const dims: Record<string, string> = {};
      for (const d of dimensions) {
        const v = getAttr(span.attributes, d) ?? getAttr(resource.attributes, d);
        if (v !== undefined) dims[d] = anyValueAsString(v);
      }
      const seconds = Number(BigInt(span.endTimeUnixNano) - BigInt(span.startTimeUnixNano)) / 1e9;
      return { service: anyValueAsString(getAttr(resource.attributes, "service.name")), dims, failed: span.status?.code === STATUS_ERROR, seconds };
    };
    const bucket = (counts: number[], seconds: number) => {
      const ms = seconds * 1000;
      const i = bounds.findIndex((b) => ms <= b);
      counts[i < 0 ? bounds.length : i]!++;
    };
    const pair = (client: Side & { messaging: boolean }, server: Side) => {
      const attrs: KeyValue[] = [
        { key: "client", value: { stringValue: client.service } },
        { key: "server", value: { stringValue: server.service } },
        { key: "connection_type", value: { stringValue: client.messaging ? "messaging_system" : "" } },
      ];
      for (const d of dimensions) {
        if (client.dims[d] !== undefined) attrs.push({ key: `client_${d}`, value: { stringValue: client.dims[d] } });
        if (server.dims[d] !== undefined) attrs.push({ key: `server_${d}`, value: { stringValue: server.dims[d] } });
      }
      const key = JSON.stringify(attrs);
      let s = series.get(key);
      if (!s) series.set(key, (s = { attrs, total: 0, failed: 0, server: new Array(bounds.length + 1).fill(0), client: new Array(bounds.length + 1).fill(0), serverSum: 0, clientSum: 0 }));
      s.total++;
      if (client.failed || server.failed) s.failed++;
      bucket(s.server, server.seconds);
      bucket(s.client, client.seconds);
      s.serverSum += server.seconds;
      s.clientSum += client.seconds;
    };

    const flush = () => {
      if (series.size === 0) return;
      const now = ctx.now().toString();
      const list = [...series.values()];
      const counter = (name: string, value: (s: Series) => number) => ({
        name,
        sum: { aggregationTemporality: 2 as const, isMonotonic: true, dataPoints: list.map((s) => ({ attributes: structuredClone(s.attrs), startTimeUnixNano: start, timeUnixNano: now, asInt: String(value(s)) })) },
      });
      const histogram = (name: string, counts: (s: Series) => number[], sum: (s: Series) => number) => ({
        name,
        unit: "s",
        histogram: {
          aggregationTemporality: 2 as const,
          dataPoints: list.map((s) => ({
            attributes: structuredClone(s.attrs),
            startTimeUnixNano: start,
            timeUnixNano: now,
            count: String(s.total),
            sum: sum(s),
            bucketCounts: counts(s).map(String),
            explicitBounds: bounds.map((b) => b / 1000),
          })),
        },
      });
      const metrics = [
        counter("traces_service_graph_request_total", (s) => s.total),
        counter("traces_service_graph_request_failed_total", (s) => s.failed),
        histogram("traces_service_graph_request_server_seconds", (s) => s.server, (s) => s.serverSum),
        histogram("traces_service_graph_request_client_seconds", (s) => s.client, (s) => s.clientSum),
      ];
      emitDetached(ctx, { signal: "metrics", data: { resourceMetrics: [{ resource: { attributes: [] }, scopeMetrics: [{ scope: { name: "traces_service_graph" }, metrics }] }] } }, list.length);
    };
    if (ctx.live) {
      const iv = setInterval(flush, durationMs(config.metrics_flush_interval, 60000));
      iv.unref?.();
    }
    return {
      consume(t) {
        if (t.signal !== "traces") return;
        for (const rs of t.data.resourceSpans)
          for (const ss of rs.scopeSpans)
            for (const span of ss.spans) {
              const kind = span.kind ?? 0;
              if (kind === KIND.client || kind === KIND.producer) {
                const key = `${span.traceId}/${span.spanId}`;
                const me = { ...side(span, rs.resource), messaging: kind === KIND.producer };
                const other = servers.get(key);
                if (other) servers.delete(key), pair(me, other);
                else clients.set(key, me);
              } else if ((kind === KIND.server || kind === KIND.consumer) && span.parentSpanId) {
                const key = `${span.traceId}/${span.parentSpanId}`;
                const me = { ...side(span, rs.resource), messaging: kind === KIND.consumer };
                const other = clients.get(key);
                if (other) clients.delete(key), pair(other, me);
                else servers.set(key, me);
              }
            }
      },
      shutdown: flush,
    };
  },
};
