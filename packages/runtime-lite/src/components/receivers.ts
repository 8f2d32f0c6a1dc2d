/**
 * Receivers that decode a wire protocol or read lines into telemetry. A verification run hands both sides the same
 * decoded telemetry, which is what such a receiver produces from the data it is sent; settings that only say where
 * to listen or how to decode the wire format do not change it. Settings that reshape the decoded data (log
 * operators, scrape-time relabelling) are not modelled: the receiver then stays unverified.
 */
import type { Signal } from "../pdata/types.js";
import { asArray, asRecord, type ComponentFactory } from "./api.js";

interface ProtocolReceiver {
  readonly type: string;
  readonly signals: Signal[];
  /** The configuration settings that change the decoded data, which the runtime does not model. */
  readonly reshaping: (config: Record<string, unknown>) => string | undefined;
}

const operators = (config: Record<string, unknown>) => (asArray(config.operators).length > 0 ? "operators" : undefined);

const PROTOCOL_RECEIVERS: readonly ProtocolReceiver[] = [
  { type: "jaeger", signals: ["traces"], reshaping: () => undefined },
  { type: "zipkin", signals: ["traces"], reshaping: (c) => (c.parse_string_tags === true ? "parse_string_tags" : undefined) },
  { type: "fluentforward", signals: ["logs"], reshaping: () => undefined },
  { type: "faro", signals: ["traces", "logs"], reshaping: () => undefined },
  { type: "kafka", signals: ["traces", "metrics", "logs"], reshaping: (c) => (c.header_extraction !== undefined ? "header_extraction" : undefined) },
  { type: "filelog", signals: ["logs"], reshaping: (c) => operators(c) ?? (c.header !== undefined ? "header" : undefined) ?? (c.include_file_path === true || c.include_file_name_resolved === true ? "file attributes" : undefined) },
  { type: "syslog", signals: ["logs"], reshaping: operators },
  { type: "tcplog", signals: ["logs"], reshaping: operators },
  { type: "udplog", signals: ["logs"], reshaping: operators },
  {
    type: "prometheus",
    signals: ["metrics"],
    reshaping: (c) =>
      asArray(asRecord(c.config).scrape_configs).some((job) => asRecord(job).metric_relabel_configs !== undefined) ? "metric_relabel_configs" : undefined,
  },
];

/** One factory per protocol receiver: the decoded telemetry goes to its outputs unchanged. */
export const protocolReceivers: ComponentFactory[] = PROTOCOL_RECEIVERS.map((r) => ({
  kind: "receiver",
  type: r.type,
  signals: r.signals,
  create(config, ctx) {
    const reshaping = r.reshaping(config);
    if (reshaping !== undefined) return { unsupported: reshaping };
    return { consume: (t) => (r.signals.includes(t.signal) ? ctx.emit(t) : undefined) };
  },
}));
