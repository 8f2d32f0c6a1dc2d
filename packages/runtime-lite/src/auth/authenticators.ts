/**
 * Authenticators, as the collector's auth extensions and Alloy's `otelcol.auth.*` components define them:
 * `basicauth` / `otelcol.auth.basic`, `bearertokenauth` / `otelcol.auth.bearer` (server and client) and
 * `headers_setter` / `otelcol.auth.headers` (client only). A receiver protocol's `auth` checks every request's
 * headers or metadata; an exporter's `auth` adds credentials to every request. Any other authenticator, or one
 * used on the wrong side, is a start-up error: running without the check it asks for would be worse.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import { readFileSync } from "node:fs";
import type { Extension } from "../graph/types.js";
import { asArray, asRecord } from "../components/api.js";

/** Checks request headers (lowercase names); returns why the request is refused, or undefined to let it in. */
export type ServerAuth = (header: (name: string) => string | undefined) => string | undefined;
/** Headers to add to every outgoing request. */
export type ClientAuth = () => Record<string, string>;

/** Alloy's component names for the collector's extension types. */
const ALLOY_TYPES: Record<string, string> = { basic: "basicauth", bearer: "bearertokenauth", headers: "headers_setter" };

/** The collector type of an `otelcol.auth.<name>` component. */
export const authTypeOfAlloy = (name: string): string => ALLOY_TYPES[name] ?? name;

/**
 * The authenticator a component refers to: the YAML `auth: { authenticator: basicauth/x }` or Alloy's
 * `auth = otelcol.auth.basic.x.handler`. Undefined when the component has no `auth`.
 */
export function authReference(config: Record<string, unknown>): string | undefined {
  const a = config.auth;
  if (a === undefined || a === null) return undefined;
  if (typeof a === "string") return a.replace(/\.handler$/, "");
  const id = asRecord(a).authenticator;
  return typeof id === "string" ? id : "";
}

function lookup(extensions: ReadonlyMap<string, Extension> | undefined, ref: string): Extension {
  const ext = extensions?.get(ref);
  if (!ext) throw new Error(`failed to resolve authenticator "${ref}": authenticator not found`);
  if (!ext.enabled) throw new Error(`failed to resolve authenticator "${ref}": the extension is not listed in service.extensions`);
  return ext;
}

const equal = (a: string, b: string): boolean => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/** `user:password` lines of an htpasswd table: plain text or `{SHA}` entries (bcrypt and MD5 are not modelled). */
function htpasswd(text: string): Map<string, string> {
  const users = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    if (!line.trim()) continue;
    const i = line.indexOf(":");
    if (i < 0) throw new Error("htpasswd: a line without ':'");
    const hash = line.slice(i + 1);
    if (/^\$(2[abxy]?|apr1|1|5|6)\$/.test(hash)) throw new Error("htpasswd: bcrypt, MD5 and crypt hashes are not modelled; use plain or {SHA} entries");
    users.set(line.slice(0, i), hash);
  }
  return users;
}

function passwordMatches(stored: string, given: string): boolean {
  if (stored.startsWith("{SHA}")) return equal(stored.slice(5), createHash("sha1").update(given).digest("base64"));
  return equal(stored, given);
}

function bearerToken(config: Record<string, unknown>): string {
  if (typeof config.filename === "string" && config.filename !== "") return readFileSync(config.filename, "utf8").trim();
  return String(config.token ?? "");
}

/** The server side of `ref`; throws with the reason when it cannot be enforced. */
export function serverAuth(extensions: ReadonlyMap<string, Extension> | undefined, ref: string): ServerAuth {
  const ext = lookup(extensions, ref);
  const c = ext.config;
  switch (ext.type) {
    case "basicauth": {
      const table = asRecord(c.htpasswd);
      let users: Map<string, string>;
      if (table.file !== undefined || table.inline !== undefined) {
        users = htpasswd(`${typeof table.file === "string" && table.file ? readFileSync(table.file, "utf8") : ""}\n${String(table.inline ?? "")}`);
      } else if (c.username !== undefined) users = new Map([[String(c.username), String(c.password ?? "")]]);
      else throw new Error(`authenticator "${ref}" has no htpasswd or username to check requests against`);
      return (header) => {
        const value = header("authorization");
        if (!value) return "missing or empty authorization header";
        const m = /^Basic\s+(.+)$/i.exec(value);
        if (!m) return "authorization header does not use the Basic scheme";
        const decoded = Buffer.from(m[1]!, "base64").toString("utf8");
        const i = decoded.indexOf(":");
        const stored = i < 0 ? undefined : users.get(decoded.slice(0, i));
        return stored !== undefined && passwordMatches(stored, decoded.slice(i + 1)) ? undefined : "the provided credentials are invalid";
      };
    }
    case "bearertokenauth": {
      const scheme = String(c.scheme ?? "Bearer");
      const expected = `${scheme} ${bearerToken(c)}`;
      const header = String(c.header ?? "authorization").toLowerCase();
      return (get) => {
        const value = get(header);
        if (!value) return "missing or empty authorization header";
        return equal(value, expected) ? undefined : "scheme or token does not match";
      };
    }
    default:
      throw new Error(`authenticator "${ref}" (${ext.type}) cannot authenticate requests to a receiver in this runtime`);
  }
}

/** The client side of `ref`; throws with the reason when it cannot be applied. */
export function clientAuth(extensions: ReadonlyMap<string, Extension> | undefined, ref: string): ClientAuth {
  const ext = lookup(extensions, ref);
  const c = ext.config;
  switch (ext.type) {
    case "basicauth": {
      const client = asRecord(c.client_auth);
      const user = client.username ?? c.username;
      if (user === undefined) throw new Error(`authenticator "${ref}" has no client_auth username`);
      const value = `Basic ${Buffer.from(`${String(user)}:${String(client.password ?? c.password ?? "")}`).toString("base64")}`;
      return () => ({ authorization: value });
    }
    case "bearertokenauth": {
      const scheme = String(c.scheme ?? "Bearer");
      const header = String(c.header ?? "authorization").toLowerCase();
      const value = `${scheme} ${bearerToken(c)}`;
      return () => ({ [header]: value });
    }
    case "headers_setter": {
      const headers: Record<string, string> = {};
      for (const h of asArray(c.headers)) {
        const e = asRecord(h);
        const key = String(e.key ?? "");
        if (!key) throw new Error(`authenticator "${ref}": a header without key`);
        const value = e.value ?? e.default_value;
        if (e.from_context !== undefined && e.from_context !== null && e.value === undefined && e.default_value === undefined)
          throw new Error(`authenticator "${ref}": header ${key} from_context (request metadata) is not modelled`);
        headers[key.toLowerCase()] = String(value ?? "");
      }
      return () => headers;
    }
    default:
      throw new Error(`authenticator "${ref}" (${ext.type}) is not modelled by this runtime`);
  }
}
