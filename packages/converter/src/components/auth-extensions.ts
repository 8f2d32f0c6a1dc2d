/**
 * Authentication extensions (otelcol-conversion.md §8, §17): basicauth, bearertokenauth, headers_setter,
 * oauth2client and sigv4auth. Other components reference them through their `handler` export.
 */
import { type ComponentDescription, type Row, type Source, componentNote } from "../engine/description.js";
import { Expr } from "../engine/values.js";
import type { RawValue } from "@alloy-ts/otel";
import { tlsClient } from "./shared.js";

export const basicAuthExtension: ComponentDescription = {
  kind: "extension",
  otelTypes: ["basicauth"],
  alloyName: "otelcol.auth.basic",
  signals: [],
  // Upstream converts only the client side and drops `htpasswd` (§14), so a receiver using the extension would
  // accept any request; outside compat mode the server side is carried too.
  rows: [
    { attr: "username", as: "string", otel: "client_auth.username", map: (v, src) => (credentialFiles(src.root) ? undefined : v) },
    { attr: "password", as: "string", otel: "client_auth.password", map: (v, src) => (credentialFiles(src.root) ? undefined : v) },
    {
      block: "client_auth",
      parentDefault: "nil",
      build: credentialFiles,
      rows: [
        { attr: "username", as: "string" },
        { attr: "username_file", as: "string" },
        { attr: "password", as: "string" },
        { attr: "password_file", as: "string" },
      ],
    },
    {
      block: "htpasswd",
      parentDefault: "nil",
      build: (src) => !src.compat && src.has("htpasswd"),
      rows: [
        { attr: "file", as: "string" },
        { attr: "inline", as: "string" },
      ],
    },
  ],
};

/**
 * Outside compat mode, client credentials go to Alloy's `client_auth` block when OTel reads them from files
 * (only that block can), or when the extension also serves (`htpasswd`): Alloy adds the deprecated top-level
 * `username`/`password` to the server's accepted users, which the collector does not.
 */
function credentialFiles(src: Source): boolean {
  // Read from the YAML map directly: this decides the form, the rows read (and account for) the settings.
  const map = src.root.map;
  const client = map?.get("client_auth");
  if (src.compat || !(client instanceof Map)) return false;
  return nonEmpty(client.get("username_file")) || nonEmpty(client.get("password_file")) || map!.has("htpasswd");
}

const nonEmpty = (v: RawValue | undefined): boolean => typeof v === "string" && v !== "";

/** The token file of the bearer extension, when set. */
const tokenFile = (src: { get(p: string): RawValue | undefined }): string | undefined => {
  const f = src.get("filename");
  return typeof f === "string" && f !== "" ? f : undefined;
};

export const bearerTokenAuthExtension: ComponentDescription = {
  kind: "extension",
  otelTypes: ["bearertokenauth"],
  alloyName: "otelcol.auth.bearer",
  signals: [],
  // With `filename`, the token comes from a `local.file` block emitted first with the same label (§17).
  before: (src, label) =>
    tokenFile(src) === undefined
      ? []
      : [{
          name: "local.file",
          label,
          rows: [
            { attr: "filename", as: "string", required: true },
            { attr: "is_secret", as: "bool", otel: null, map: () => true },
          ],
        }],
  rows: [
    { attr: "scheme", as: "string", alloyDefault: "Bearer", otelDefault: "Bearer" },
    {
      attr: "token",
      as: "string",
      required: true,
      map: (v, src) => (tokenFile(src) === undefined ? v : new Expr(`local.file.${src.label}.content`)),
    },
    { attr: "header", as: "string", alloyDefault: "Authorization", otelDefault: "Authorization" },
  ],
  // A server accepting any of several tokens has no Alloy equivalent: keeping one would lock the others out.
  notes: (src, id) =>
    !src.compat && Array.isArray(src.get("tokens")) && (src.get("tokens") as RawValue[]).length > 0
      ? [componentNote("error", `extension/${id}: tokens (a list of accepted tokens) cannot be converted: otelcol.auth.bearer takes a single token`, "tokens")]
      : [],
};

export const headersSetterExtension: ComponentDescription = {
  kind: "extension",
  otelTypes: ["headers_setter"],
  alloyName: "otelcol.auth.headers",
  signals: [],
  rows: [
    {
      blocks: "header",
      otel: "headers",
      rows: [
        { attr: "key", as: "string", required: true },
        { attr: "value", as: "string" },
        { attr: "from_context", as: "string" },
        { attr: "from_attribute", as: "string" },
        // An unset OTel action means upsert, which is also Alloy's default.
        { attr: "action", as: "string", alloyDefault: "upsert", map: (v) => v || "upsert" },
      ],
    },
  ],
};

/** OTel's `url.Values`: each parameter is a list of strings; a single YAML scalar is a one-element list. */
function endpointParams(v: RawValue | undefined): unknown {
  if (!(v instanceof Map)) return v;
  return new Map([...v].map(([k, x]) => [k, Array.isArray(x) ? x.map((i) => String(i)) : x === null ? [] : [String(x)]]));
}

const OAUTH2_EXPIRY_BUFFER = "5m";

const oauth2Rows: Row[] = [
  { attr: "client_id", as: "string" },
  { attr: "client_id_file", as: "string" },
  { attr: "client_secret", as: "string" },
  { attr: "client_secret_file", as: "string" },
  { attr: "client_certificate_key_id", as: "string" },
  { attr: "client_certificate_key", as: "string" },
  { attr: "client_certificate_key_file", as: "string" },
  // An empty OTel grant type means Alloy's default (§17).
  { attr: "grant_type", as: "string", alloyDefault: "client_credentials", map: (v) => v || "client_credentials" },
  { attr: "signature_algorithm", as: "string" },
  { attr: "iss", as: "string" },
  { attr: "audience", as: "string" },
  { attr: "claims", as: "map" },
  { attr: "token_url", as: "string", required: true },
  { attr: "endpoint_params", as: "map", map: endpointParams },
  { attr: "scopes", as: "strings" },
  tlsClient({ insecureCipherSuites: true }),
  { attr: "timeout", as: "duration" },
  // A zero OTel buffer means the default, which both sides share (§17).
  {
    attr: "expiry_buffer",
    as: "duration",
    alloyDefault: OAUTH2_EXPIRY_BUFFER,
    otelDefault: OAUTH2_EXPIRY_BUFFER,
    map: (v) => (v === 0 || v === "0s" || v === "0" ? OAUTH2_EXPIRY_BUFFER : v),
  },
];

export const oauth2ClientExtension: ComponentDescription = {
  kind: "extension",
  otelTypes: ["oauth2client"],
  alloyName: "otelcol.auth.oauth2",
  signals: [],
  rows: oauth2Rows,
};

export const sigv4AuthExtension: ComponentDescription = {
  kind: "extension",
  otelTypes: ["sigv4auth"],
  alloyName: "otelcol.auth.sigv4",
  signals: [],
  rows: [
    { attr: "region", as: "string" },
    { attr: "service", as: "string" },
    {
      block: "assume_role",
      rows: [
        { attr: "arn", as: "string" },
        { attr: "session_name", as: "string" },
        { attr: "sts_region", as: "string" },
      ],
    },
  ],
};

export default [basicAuthExtension, bearerTokenAuthExtension, headersSetterExtension, oauth2ClientExtension, sigv4AuthExtension];
