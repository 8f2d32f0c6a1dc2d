/**
 * The OTLP/gRPC sender of the `otlp` exporter, on @grpc/grpc-js with pdata/otlp-proto.ts as the serializer:
 * `endpoint` (host:port, an `http://` / `https://` scheme decides plain text or TLS), `tls`, `compression`
 * (gzip by default, as in the collector; `none` turns it off), `headers`, `auth`, `keepalive`, `authority`.
 * Failures become ExportErrors classified as the collector's otlpexporter does; a partial success is logged.
 */
import * as grpc from "@grpc/grpc-js";
import { encodeExportRequest } from "../pdata/otlp-proto.js";
import type { Telemetry } from "../pdata/types.js";
import { asRecord, durationMs } from "../components/api.js";
import type { ClientAuth } from "../auth/authenticators.js";
import { decodeExportResponse, REJECTED_ITEMS, SERVICE_PATH } from "./otlp-services.js";
import { ExportError, grpcRetryable } from "./status.js";
import { clientTls } from "./tls.js";

export interface GrpcSender {
  send(t: Telemetry, timeoutMs: number): Promise<void>;
  close(): void;
}

const identity = (b: Buffer) => b;

/** `host:port` and the scheme the endpoint was written with, if any. */
export function grpcTarget(endpoint: string): { target: string; scheme?: "http" | "https" } {
  const m = /^(https?):\/\/(.*)$/i.exec(endpoint.trim());
  const rest = (m ? m[2]! : endpoint.trim()).replace(/\/+$/, "");
  return { target: rest, scheme: m ? (m[1]!.toLowerCase() as "http" | "https") : undefined };
}

export function grpcSender(config: Record<string, unknown>, log: (line: string) => void, id: string, auth?: ClientAuth): GrpcSender {
  const endpoint = String(config.endpoint ?? "");
  if (!endpoint) throw new Error("exporter without endpoint");
  const { target, scheme } = grpcTarget(endpoint);
  const tls = clientTls(config, scheme);
  const creds = tls.insecure
    ? grpc.credentials.createInsecure()
    : grpc.credentials.createSsl(tls.ca ?? null, tls.key ?? null, tls.cert ?? null, tls.verify ? undefined : { checkServerIdentity: () => undefined, rejectUnauthorized: false });
  const compression = String(config.compression ?? "gzip").toLowerCase();
  if (!["gzip", "none", ""].includes(compression)) throw new Error(`compression ${compression} (only gzip and none are modelled for gRPC)`);
  const keepalive = asRecord(config.keepalive);
  const options: grpc.ChannelOptions = {
    "grpc.default_compression_algorithm": compression === "gzip" ? 2 : 0,
    "grpc.max_send_message_length": -1,
    "grpc.max_receive_message_length": -1,
  };
  if (config.keepalive !== undefined) {
    options["grpc.keepalive_time_ms"] = durationMs(keepalive.time, 0) || undefined;
    options["grpc.keepalive_timeout_ms"] = durationMs(keepalive.timeout, 0) || undefined;
    options["grpc.keepalive_permit_without_calls"] = keepalive.permit_without_stream === true ? 1 : 0;
  }
  if (typeof config.authority === "string" && config.authority) options["grpc.default_authority"] = config.authority;
  if (tls.servername) options["grpc.ssl_target_name_override"] = tls.servername;
  const client = new grpc.Client(target, creds, options);
  const headers = Object.entries(asRecord(config.headers)).map(([k, v]) => [k.toLowerCase(), String(v)] as const);

  return {
    send(t, timeoutMs) {
      const md = new grpc.Metadata();
      for (const [k, v] of headers) md.set(k, v);
      if (auth) for (const [k, v] of Object.entries(auth())) md.set(k, v);
      const body = Buffer.from(encodeExportRequest(t));
      return new Promise((resolve, reject) => {
        client.makeUnaryRequest(SERVICE_PATH[t.signal], identity, identity, body, md, { deadline: Date.now() + timeoutMs }, (err, response) => {
          if (err) {
            const code = err.code ?? grpc.status.UNKNOWN;
            reject(new ExportError(`rpc error: code = ${grpc.status[code] ?? code} desc = ${err.details || err.message}`, grpcRetryable(code)));
            return;
          }
          const partial = response && response.length ? decodeExportResponse(response) : undefined;
          if (partial && (partial.rejected !== 0n || partial.errorMessage))
            log(`${id}: Partial success response; message: ${partial.errorMessage}; dropped_${REJECTED_ITEMS[t.signal].replace(" ", "_")}: ${partial.rejected}`);
          resolve();
        });
      });
    },
    close: () => client.close(),
  };
}
