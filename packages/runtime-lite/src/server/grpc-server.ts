/**
 * The OTLP/gRPC front end of `alloy run`: the Trace, Metrics and Logs services' Export on @grpc/grpc-js, with
 * pdata/otlp-proto.ts decoding the messages. A receiver's `grpc` settings: `endpoint`, `tls` (cert/key, and
 * `client_ca_file` for mutual TLS), `max_recv_msg_size_mib` (4 by default, as gRPC's), `max_concurrent_streams`,
 * `keepalive.server_parameters`, `auth`. Incoming gzip is decompressed by grpc-js. Refusals carry the collector's
 * status codes: INVALID_ARGUMENT for an undecodable message, UNAUTHENTICATED, UNAVAILABLE for back-pressure.
 */
import * as grpc from "@grpc/grpc-js";
import { decodeExportRequest } from "../pdata/otlp-proto.js";
import { SIGNALS, type Signal } from "../pdata/types.js";
import { durationMs } from "../components/api.js";
import { asRecord } from "../components/api.js";
import { encodeExportResponse, SERVICE_PATH } from "../transport/otlp-services.js";
import { Code } from "../transport/status.js";
import { serverTls } from "../transport/tls.js";
import { authenticate, deliver, precheck, protocolConfig, receiversOf, type EngineHolder } from "./intake.js";

export interface GrpcServerOptions {
  holder: EngineHolder;
  /** host:port; port 0 picks a free one. */
  address: string;
  /** Counts shared with the HTTP front end. */
  stats: { accepted: number; rejected: number; refused: number };
}

export interface RunningGrpcServer {
  readonly address: string;
  close(graceMs: number): Promise<void>;
}

const identity = (b: Buffer) => b;
const MIB = 1024 * 1024;

/** Settings of the first OTLP receiver that has a `grpc` protocol (the one whose endpoint is served). */
function grpcSettings(holder: EngineHolder): Record<string, unknown> {
  for (const n of holder.engine.receivers()) {
    if (n.type !== "otlp") continue;
    const cfg = protocolConfig(n, "grpc");
    if (cfg) return cfg;
  }
  return {};
}

export function startGrpcServer(options: GrpcServerOptions): Promise<RunningGrpcServer> {
  const { holder, stats } = options;
  const cfg = grpcSettings(holder);
  const server_params = asRecord(asRecord(cfg.keepalive).server_parameters);
  const serverOptions: grpc.ServerOptions = {
    "grpc.max_receive_message_length": Math.round((Number(cfg.max_recv_msg_size_mib) || 4) * MIB),
  };
  if (cfg.max_concurrent_streams !== undefined) serverOptions["grpc.max_concurrent_streams"] = Number(cfg.max_concurrent_streams);
  const keep: [string, string][] = [
    ["time", "grpc.keepalive_time_ms"],
    ["timeout", "grpc.keepalive_timeout_ms"],
    ["max_connection_idle", "grpc.max_connection_idle_ms"],
    ["max_connection_age", "grpc.max_connection_age_ms"],
    ["max_connection_age_grace", "grpc.max_connection_age_grace_ms"],
  ];
  for (const [k, o] of keep) if (server_params[k] !== undefined) serverOptions[o] = durationMs(server_params[k], 0);
  const tls = serverTls(cfg);
  const creds = tls
    ? grpc.ServerCredentials.createSsl(tls.clientCa ?? null, [{ private_key: tls.key, cert_chain: tls.cert }], tls.clientCa !== undefined)
    : grpc.ServerCredentials.createInsecure();
  // Fail at start-up, not on the first request, when an authenticator cannot be enforced.
  receiversOf(holder.engine, "grpc");

  const server = new grpc.Server(serverOptions);
  const handler = (signal: Signal): grpc.handleUnaryCall<Buffer, Buffer> => (call, callback) => {
    const engine = holder.engine;
    const fail = (code: number, details: string) => {
      if (code === Code.UNAVAILABLE || code === Code.RESOURCE_EXHAUSTED) stats.refused++;
      else stats.rejected++;
      callback({ code, details });
    };
    let recv;
    try {
      recv = receiversOf(engine, "grpc");
    } catch (e) {
      return fail(Code.INTERNAL, (e as Error).message);
    }
    const header = (name: string) => {
      const v = call.metadata.get(name)[0];
      return v === undefined ? undefined : String(v);
    };
    const refused = authenticate(recv.auth, header) ?? precheck(engine, recv.nodes, signal);
    if (refused) return fail(refused.code, refused.message);
    const parsed = decodeExportRequest(signal, call.request);
    if ("error" in parsed) return fail(Code.INVALID_ARGUMENT, parsed.error);
    const outcome = deliver(engine, recv.nodes, parsed);
    if (outcome) return fail(outcome.code, outcome.message);
    stats.accepted++;
    callback(null, encodeExportResponse());
  };
  // Messages stay bytes through grpc-js; the handler decodes them so a bad one gets INVALID_ARGUMENT with the reason.
  const method = (s: Signal): grpc.MethodDefinition<Buffer, Buffer> => ({
    path: SERVICE_PATH[s],
    requestStream: false,
    responseStream: false,
    requestSerialize: identity,
    requestDeserialize: identity,
    responseSerialize: identity,
    responseDeserialize: identity,
  });
  const definition: grpc.ServiceDefinition = Object.fromEntries(SIGNALS.map((s) => [`Export_${s}`, method(s)]));
  const impl: grpc.UntypedServiceImplementation = Object.fromEntries(SIGNALS.map((s) => [`Export_${s}`, handler(s)]));
  server.addService(definition, impl);
  return new Promise((resolve, reject) => {
    server.bindAsync(options.address, creds, (err, port) => {
      if (err) return reject(new Error(`cannot listen for OTLP/gRPC on ${options.address}: ${err.message}`));
      const host = options.address.replace(/:\d+$/, "");
      resolve({
        address: `${host}:${port}`,
        close: (graceMs) =>
          new Promise<void>((done) => {
            const cut = setTimeout(() => server.forceShutdown(), graceMs);
            server.tryShutdown(() => {
              clearTimeout(cut);
              done();
            });
          }),
      });
    });
  });
}
