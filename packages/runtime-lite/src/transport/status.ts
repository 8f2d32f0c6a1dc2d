/**
 * How failures travel, as the collector defines it: gRPC status codes on both wire protocols, which of them a
 * sender retries, and the HTTP status an OTLP/HTTP receiver answers for each (receiver/otlpreceiver/internal/errors
 * and exporter/otlpexporter in the collector).
 */

/** The gRPC status codes that OTLP uses. */
export const Code = {
  OK: 0,
  CANCELLED: 1,
  UNKNOWN: 2,
  INVALID_ARGUMENT: 3,
  DEADLINE_EXCEEDED: 4,
  NOT_FOUND: 5,
  PERMISSION_DENIED: 7,
  RESOURCE_EXHAUSTED: 8,
  ABORTED: 10,
  OUT_OF_RANGE: 11,
  UNIMPLEMENTED: 12,
  INTERNAL: 13,
  UNAVAILABLE: 14,
  DATA_LOSS: 15,
  UNAUTHENTICATED: 16,
} as const;
export type GrpcCode = (typeof Code)[keyof typeof Code];

/** Why a receiver did not take a request: a status code, the message, and for back-pressure a retry delay. */
export interface Refusal {
  code: GrpcCode;
  message: string;
  /** Seconds the client should wait (HTTP `Retry-After`), for back-pressure refusals. */
  retryAfterSeconds?: number;
}

/** The HTTP status an OTLP/HTTP receiver answers for a gRPC code (the collector's GetHTTPStatusCodeFromStatus). */
export function httpStatusOf(code: GrpcCode): number {
  switch (code) {
    case Code.CANCELLED:
    case Code.DEADLINE_EXCEEDED:
    case Code.ABORTED:
    case Code.OUT_OF_RANGE:
    case Code.UNAVAILABLE:
    case Code.DATA_LOSS:
      return 503;
    case Code.RESOURCE_EXHAUSTED:
      return 429;
    case Code.INVALID_ARGUMENT:
      return 400;
    case Code.UNAUTHENTICATED:
      return 401;
    case Code.PERMISSION_DENIED:
      return 403;
    case Code.UNIMPLEMENTED:
      return 404;
    default:
      return 500;
  }
}

/**
 * Whether an OTLP/gRPC exporter retries a failure with this code (the collector's otlpexporter shouldRetry):
 * RESOURCE_EXHAUSTED only when the server sent RetryInfo, which runtime-lite's senders treat as absent.
 */
export function grpcRetryable(code: number, hasRetryInfo = false): boolean {
  switch (code) {
    case Code.CANCELLED:
    case Code.DEADLINE_EXCEEDED:
    case Code.ABORTED:
    case Code.OUT_OF_RANGE:
    case Code.UNAVAILABLE:
    case Code.DATA_LOSS:
      return true;
    case Code.RESOURCE_EXHAUSTED:
      return hasRetryInfo;
    default:
      return false;
  }
}

/** HTTP statuses an OTLP/HTTP exporter retries (the collector's otlphttpexporter). */
export const HTTP_RETRYABLE = new Set([429, 502, 503, 504]);

/** A failed export: whether the exporter helper may retry it, and the delay the server asked for. */
export class ExportError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly throttleMs?: number,
  ) {
    super(message);
    this.name = "ExportError";
  }
}
