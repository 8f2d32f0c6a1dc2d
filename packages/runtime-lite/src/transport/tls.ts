/**
 * TLS settings in the collector's shape (configtls): a client's `tls { insecure, insecure_skip_verify, ca_file,
 * cert_file, key_file, server_name_override }` and a server's `tls { cert_file, key_file, client_ca_file }`, with
 * the `*_pem` inline forms. Files are read once, when the component starts; a missing file is a start-up error.
 */
import { readFileSync } from "node:fs";
import { asRecord } from "../components/api.js";

export interface ClientTls {
  /** Plain text (no TLS). */
  insecure: boolean;
  ca?: Buffer;
  cert?: Buffer;
  key?: Buffer;
  servername?: string;
  /** False for `insecure_skip_verify`. */
  verify: boolean;
}

export interface ServerTls {
  cert: Buffer;
  key: Buffer;
  /** When set, clients must present a certificate signed by it (mutual TLS). */
  clientCa?: Buffer;
}

function material(tls: Record<string, unknown>, name: string): Buffer | undefined {
  const pem = tls[`${name}_pem`];
  if (typeof pem === "string" && pem !== "") return Buffer.from(pem);
  const file = tls[`${name}_file`];
  if (typeof file !== "string" || file === "") return undefined;
  try {
    return readFileSync(file);
  } catch (e) {
    throw new Error(`tls ${name}_file ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

/**
 * The client side. `insecure` defaults to false as in the collector, except that an `http://` endpoint means
 * plain text and `https://` means TLS whatever `insecure` says (configgrpc's scheme rule).
 */
export function clientTls(config: Record<string, unknown>, scheme?: "http" | "https"): ClientTls {
  const tls = asRecord(config.tls);
  const insecure = scheme === "http" ? true : scheme === "https" ? false : tls.insecure === true;
  if (insecure) return { insecure: true, verify: true };
  const cert = material(tls, "cert");
  const key = material(tls, "key");
  if ((cert === undefined) !== (key === undefined)) throw new Error("tls: cert_file and key_file must be given together");
  const servername = typeof tls.server_name_override === "string" && tls.server_name_override ? tls.server_name_override : undefined;
  return { insecure: false, ca: material(tls, "ca"), cert, key, servername, verify: tls.insecure_skip_verify !== true };
}

/** The server side, or undefined when the protocol has no `tls` block (plain text). */
export function serverTls(protocol: Record<string, unknown>): ServerTls | undefined {
  if (protocol.tls === undefined || protocol.tls === null) return undefined;
  const tls = asRecord(protocol.tls);
  const cert = material(tls, "cert");
  const key = material(tls, "key");
  if (!cert || !key) throw new Error("tls: a server needs cert_file and key_file");
  return { cert, key, clientCa: material(tls, "client_ca") };
}
