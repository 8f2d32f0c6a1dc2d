/**
 * Blocks shared by many components (otelcol-conversion.md §16.0): TLS, sending queue, retry, gRPC/HTTP clients
 * and servers. Each is a list of rows in Alloy's declaration order.
 */
import { type AttrRow, type BlockRow, type ComponentNote, type Row, type Source, componentNote } from "../engine/description.js";
import { Expr } from "../engine/values.js";

/** TLS settings common to clients and servers, in Alloy order. */
function tlsSettings(opts: TlsOptions = {}): Row[] {
  return [
    { attr: "ca_pem", as: "string" },
    { attr: "ca_file", as: "string" },
    { attr: "cert_pem", as: "string" },
    { attr: "cert_file", as: "string" },
    {
      attr: "key_pem",
      as: "string",
      // §12/§18.12: the otlp exporter's encoder hook prints a secret as the bare expression `(secret)`.
      map: opts.secretKeyPem ? (v, src) => (src.compat && typeof v === "string" && v !== "" ? new Expr("(secret)") : v) : undefined,
    },
    { attr: "key_file", as: "string" },
    { attr: "min_version", as: "string" },
    { attr: "max_version", as: "string" },
    { attr: "reload_interval", as: "duration" },
    { attr: "cipher_suites", as: "strings" },
    { attr: "include_insecure_cipher_suites", as: "bool", otel: opts.insecureCipherSuites ? undefined : null },
    { attr: "include_system_ca_certs_pool", as: "bool" },
    { attr: "curve_preferences", as: "strings", otel: null },
  ];
}

/**
 * Converter differences in TLS settings: `secretKeyPem` prints `key_pem` the otlp exporter's way;
 * `insecureCipherSuites` copies OTel's `include_insecure_cipher_suites` (most converters never set it).
 */
export interface TlsOptions {
  readonly secretKeyPem?: boolean;
  readonly insecureCipherSuites?: boolean;
}

/** Client-side `tls {}`: no defaults of its own, omitted when all zero. */
export function tlsClient(opts: TlsOptions = {}): BlockRow {
  return {
    block: "tls",
    rows: [
      ...tlsSettings(opts),
      { attr: "insecure", as: "bool" },
      { attr: "insecure_skip_verify", as: "bool" },
      { attr: "server_name", as: "string", otel: "server_name_override" },
    ],
  };
}

/** Server-side `tls {}`. */
export const tlsServer: BlockRow = {
  block: "tls",
  parentDefault: "nil",
  rows: [...tlsSettings(), { attr: "client_ca_file", as: "string" }],
};

/** `sending_queue {}`: Alloy's defaults equal OTel's, so the block normally disappears. */
export const sendingQueue: BlockRow = {
  block: "sending_queue",
  parentDefault: "own",
  rows: [
    // The converter marks every queue that exists as enabled (§16.0).
    { attr: "enabled", as: "bool", alloyDefault: true, otel: null, map: () => true },
    { attr: "num_consumers", as: "int", alloyDefault: 10, otelDefault: 10 },
    { attr: "queue_size", as: "int", alloyDefault: 1000, otelDefault: 1000 },
    { attr: "block_on_overflow", as: "bool" },
    { attr: "sizer", as: "string", alloyDefault: "requests", otelDefault: "requests" },
    { attr: "wait_for_result", as: "bool", otel: null },
    { attr: "storage", as: "extension" },
  ],
};

/** `retry_on_failure {}` rows; `otelDefaults`: OTel's factory fills the usual values (same as Alloy's). */
export function retryRows(otelDefaults: boolean): Row[] {
  const d = (v: unknown) => (otelDefaults ? v : undefined);
  return [
    { attr: "enabled", as: "bool", alloyDefault: true, otelDefault: d(true) },
    { attr: "initial_interval", as: "duration", alloyDefault: "5s", otelDefault: d("5s") },
    { attr: "randomization_factor", as: "float", alloyDefault: 0.5, otelDefault: d(0.5) },
    { attr: "multiplier", as: "float", alloyDefault: 1.5, otelDefault: d(1.5) },
    { attr: "max_interval", as: "duration", alloyDefault: "30s", otelDefault: d("30s") },
    { attr: "max_elapsed_time", as: "duration", alloyDefault: "5m", otelDefault: d("5m") },
  ];
}

/** `retry_on_failure {}`: same defaults on both sides, so the block normally disappears. */
export const retryOnFailure: BlockRow = { block: "retry_on_failure", parentDefault: "own", rows: retryRows(true) };

/** The `auth` reference of clients: OTel `auth.authenticator` → `<extension>.<label>.handler`. */
export const clientAuth: AttrRow = { attr: "auth", as: "extension", otel: "auth.authenticator" };

/**
 * The `auth` reference of servers. Upstream drops it (the converted receiver then accepts unauthenticated
 * traffic); outside compat mode it is carried like a client's. {@link serverAuthNotes} checks the authenticator.
 */
export const serverAuth: AttrRow = { attr: "auth", as: "extension", otel: "auth.authenticator", map: (v, src) => (src.compat ? undefined : v) };

/**
 * Collector authenticator types whose Alloy component authenticates clients only (Alloy's `auth.AuthFeatures`):
 * a server referencing one would start without authentication. Types without any Alloy component (`oidc`, ...)
 * are gaps: the default mode stops at the extension with a Critical, the hybrid dialect carries it as an
 * `otel.extension.*` block that the server references.
 */
const ALLOY_CLIENT_ONLY_AUTHENTICATORS = new Set(["headers_setter", "oauth2client", "sigv4auth", "googleclientauth"]);

/** Errors for server authenticators Alloy has only as client authenticators. `servers`: OTel paths ("" = root). */
export function serverAuthNotes(servers: readonly string[]): (src: Source, id: string, kind?: string) => ComponentNote[] {
  return (src, id, kind = "receiver") => {
    if (src.compat) return [];
    const notes: ComponentNote[] = [];
    for (const server of servers) {
      const at = server === "" ? "auth.authenticator" : `${server}.auth.authenticator`;
      const authenticator = src.get(at);
      if (typeof authenticator !== "string" || authenticator === "") continue;
      const type = authenticator.split("/")[0]!;
      if (!ALLOY_CLIENT_ONLY_AUTHENTICATORS.has(type)) continue;
      notes.push(componentNote("error", `${kind}/${id}: ${at} "${authenticator}": Alloy's component for "${type}" authenticates clients only (server authenticators: basicauth, bearertokenauth); the converted server would accept unauthenticated requests`, at));
    }
    return notes;
  };
}

/** gRPC client arguments (otlp exporter `client`, jaeger_remote_sampling `source.remote`, loadbalancing). */
export function grpcClientRows(opts: { endpoint?: boolean; secretKeyPem?: boolean } = {}): Row[] {
  return [
    ...(opts.endpoint === false ? [] : [{ attr: "endpoint", as: "string", required: true } as AttrRow]),
    { attr: "compression", as: "string", alloyDefault: "gzip", otelDefault: "gzip" },
    tlsClient({ secretKeyPem: opts.secretKeyPem }),
    {
      block: "keepalive",
      parentDefault: "nil",
      rows: [
        { attr: "ping_wait", as: "duration", otel: "time" },
        { attr: "ping_response_timeout", as: "duration", otel: "timeout" },
        { attr: "ping_without_stream", as: "bool", otel: "permit_without_stream" },
      ],
    },
    { attr: "read_buffer_size", as: "bytes" },
    { attr: "write_buffer_size", as: "bytes", alloyDefault: "512KiB", otelDefault: 524288 },
    { attr: "wait_for_ready", as: "bool" },
    { attr: "headers", as: "map", alloyDefault: {}, otelDefault: {} },
    // An empty OTel balancer is replaced by Alloy's default (§16.0).
    { attr: "balancer_name", as: "string", alloyDefault: "round_robin", map: (v) => v || "round_robin" },
    { attr: "authority", as: "string" },
    clientAuth,
  ];
}

/** HTTP client arguments (otlphttp and faro exporters); `http2PingTimeout` is Alloy's default for that field. */
export function httpClientRows(opts: { http2PingTimeout?: string } = {}): Row[] {
  return [
    { attr: "endpoint", as: "string", required: true },
    { attr: "proxy_url", as: "string" },
    { attr: "compression", as: "string", alloyDefault: "gzip", otelDefault: "gzip" },
    { block: "compression_params", otel: null, rows: [{ attr: "level", as: "int" }] },
    tlsClient(),
    { attr: "read_buffer_size", as: "bytes" },
    { attr: "write_buffer_size", as: "bytes", alloyDefault: "512KiB", otelDefault: 524288 },
    { attr: "timeout", as: "duration", alloyDefault: "30s", otelDefault: "30s" },
    { attr: "headers", as: "map", alloyDefault: {}, otelDefault: {} },
    { attr: "max_idle_conns", as: "int", alloyDefault: 100, otelDefault: 100 },
    { attr: "max_idle_conns_per_host", as: "int" },
    { attr: "max_conns_per_host", as: "int" },
    { attr: "idle_conn_timeout", as: "duration", alloyDefault: "90s", otelDefault: "90s" },
    { attr: "disable_keep_alives", as: "bool" },
    { attr: "http2_read_idle_timeout", as: "duration" },
    { attr: "http2_ping_timeout", as: "duration", alloyDefault: opts.http2PingTimeout ?? "15s" },
    { attr: "force_attempt_http2", as: "bool", alloyDefault: true, otelDefault: true },
    clientAuth,
  ];
}

/** gRPC server arguments with the component's endpoint defaults (Alloy's and OTel's). */
export function grpcServerRows(endpoint: { alloy: string; otel: string }): Row[] {
  return [
    { attr: "endpoint", as: "string", alloyDefault: endpoint.alloy, otelDefault: endpoint.otel },
    { attr: "transport", as: "string", alloyDefault: "tcp", otelDefault: "tcp" },
    tlsServer,
    { attr: "max_recv_msg_size", as: "mib", otel: "max_recv_msg_size_mib" },
    { attr: "max_concurrent_streams", as: "int" },
    { attr: "read_buffer_size", as: "bytes", alloyDefault: "512KiB", otelDefault: 524288 },
    { attr: "write_buffer_size", as: "bytes" },
    {
      block: "keepalive",
      // Alloy's and OTel's defaults both hold the two sub-blocks, empty (§16.1).
      parentDefault: "empty",
      build: "present",
      otelPresent: true,
      rows: [
        {
          block: "server_parameters",
          parentDefault: "nil",
          otelPresent: true,
          rows: [
            { attr: "max_connection_idle", as: "duration" },
            { attr: "max_connection_age", as: "duration" },
            { attr: "max_connection_age_grace", as: "duration" },
            { attr: "time", as: "duration" },
            { attr: "timeout", as: "duration" },
          ],
        },
        {
          block: "enforcement_policy",
          parentDefault: "nil",
          otelPresent: true,
          rows: [
            { attr: "min_time", as: "duration" },
            { attr: "permit_without_stream", as: "bool" },
          ],
        },
      ],
    },
    serverAuth,
    { attr: "include_metadata", as: "bool" },
  ];
}

/** Alloy's default list of HTTP server compression algorithms; the converter substitutes it for an empty OTel list. */
export const DEFAULT_COMPRESSION_ALGORITHMS = ["", "gzip", "zstd", "zlib", "snappy", "deflate", "lz4"];

/** HTTP server arguments with the component's endpoint and timeout defaults. */
export function httpServerRows(d: {
  endpoint: { alloy: string; otel: string };
  /** [idle, read, write, read_header] timeouts: Alloy's defaults. */
  alloyTimeouts?: readonly [string, string, string, string];
  /** Same, OTel's defaults. */
  otelTimeouts?: readonly [string, string, string, string];
}): Row[] {
  const a = d.alloyTimeouts ?? ["1m", "0s", "30s", "1m"];
  const o = d.otelTimeouts ?? ["0s", "0s", "0s", "0s"];
  return [
    { attr: "endpoint", as: "string", alloyDefault: d.endpoint.alloy, otelDefault: d.endpoint.otel },
    tlsServer,
    {
      block: "cors",
      rows: [
        { attr: "allowed_origins", as: "strings" },
        { attr: "allowed_headers", as: "strings" },
        { attr: "exposed_headers", as: "strings" },
        { attr: "max_age", as: "int" },
      ],
    },
    serverAuth,
    { attr: "max_request_body_size", as: "bytes" },
    { attr: "include_metadata", as: "bool" },
    {
      attr: "compression_algorithms",
      as: "strings",
      alloyDefault: DEFAULT_COMPRESSION_ALGORITHMS,
      map: (v) => (Array.isArray(v) && v.length > 0 ? v : DEFAULT_COMPRESSION_ALGORITHMS),
    },
    { attr: "idle_timeout", as: "duration", alloyDefault: a[0], otelDefault: o[0] },
    { attr: "read_timeout", as: "duration", alloyDefault: a[1], otelDefault: o[1] },
    { attr: "write_timeout", as: "duration", alloyDefault: a[2], otelDefault: o[2] },
    { attr: "read_header_timeout", as: "duration", alloyDefault: a[3], otelDefault: o[3] },
  ];
}
