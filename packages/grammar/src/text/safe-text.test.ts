import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { escapeControl, isSecretKey, maskSecretValues, redactUrlCredentials, safeMessage } from "./safe-text.js";

describe("redactUrlCredentials", () => {
  it("hides the userinfo of every URL, with or without a password, @ in the password included", () => {
    expect(redactUrlCredentials("export to http://user:pass@host:4318/v1/traces failed")).toBe("export to http://xxxxx@host:4318/v1/traces failed");
    expect(redactUrlCredentials('"https://ghp_abc@github.com/x" and "https://u:p@ss@h/"')).toBe('"https://xxxxx@github.com/x" and "https://xxxxx@h/"');
    expect(redactUrlCredentials("postgres://a:b@db:5432?x=1")).toBe("postgres://xxxxx@db:5432?x=1");
  });
  it("leaves URLs without userinfo and e-mail addresses in paths alone", () => {
    expect(redactUrlCredentials("http://host/path@v1 and mail me@example.com")).toBe("http://host/path@v1 and mail me@example.com");
  });
  it("never lets the password through (property)", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9._~!$&'()*+,;=%-]{1,20}$/), fc.stringMatching(/^[A-Za-z0-9._~!$&()*+,;=%@-]{6,20}$/), (user, pass) => {
        const out = redactUrlCredentials(`x http://${user}:${pass}@collector:4318/v1 y`);
        expect(out).toBe("x http://xxxxx@collector:4318/v1 y");
      }),
    );
  });
});

describe("isSecretKey", () => {
  it.each(["password", "client_secret", "bearer_token", "api_key", "X-Api-Key", "Authorization", "clientSecret", "key_pem", "sasl_password", "redis_password", "private_key_password", "access_key", "connection_string", "secret_key"])("%s is secret", (k) => {
    expect(isSecretKey(k)).toBe(true);
  });
  it.each(["password_file", "bearer_token_file", "tokens_per_second", "endpoint", "key", "value", "username", "secret_name", "compass"])("%s is not", (k) => {
    expect(isSecretKey(k)).toBe(false);
  });
});

describe("maskSecretValues", () => {
  it("hides Alloy attribute and object-field values, keeping line count and byte columns", () => {
    const text = 'otelcol.auth.basic "c" {\n  username = "bob"\n  password = "hunter2" // typo next\n  token = `multi\nline`\n}\nh = { "Authorization" = "Bearer abc" }\n';
    const out = maskSecretValues(text);
    expect(out).not.toMatch(/hunter2|multi|line`|Bearer abc/);
    expect(out).toContain('username = "bob"');
    expect(out).toContain('password = "*******" // typo next');
    expect(out.split("\n").map((l) => Buffer.byteLength(l))).toEqual(text.split("\n").map((l) => Buffer.byteLength(l)));
  });
  it("hides YAML values (plain, quoted, block scalars) and keeps comments", () => {
    const text = "exporters:\n  otlp:\n    headers:\n      api-key: abc123 # rotate\n    password: 'p@ss'\n    cert_key_pem: |\n      -----BEGIN-----\n      MIIB\n    endpoint: x\n";
    const out = maskSecretValues(text);
    expect(out).not.toMatch(/abc123|p@ss|BEGIN|MIIB/);
    expect(out).toContain("# rotate");
    expect(out).toContain("endpoint: x");
    expect(out.split("\n").map((l) => l.length)).toEqual(text.split("\n").map((l) => l.length));
  });
  it("asks the predicate with the enclosing blocks, for schema-typed secrets with generic names", () => {
    const text = 'otelcol.auth.headers "h" {\n  header {\n    key = "X-Scope"\n    value = "s3cr3t"\n  }\n}\nattrs { value = "keep" }\n';
    const out = maskSecretValues(text, (k, path) => k === "value" && path[0] === "otelcol.auth.headers");
    expect(out).not.toContain("s3cr3t");
    expect(out).toContain('value = "keep"');
  });
});

describe("escapeControl", () => {
  it("escapes terminal control bytes, keeping newlines and tabs", () => {
    expect(escapeControl("a\x1b[2Jb\x00\tc\nd\u202e")).toBe("a\\x1b[2Jb\\x00\tc\nd\\u202e");
    expect(safeMessage("http://u:p@h/\x07")).toBe("http://xxxxx@h/\\x07");
  });
});

describe("maskSecretValues properties", () => {
  const secretName = fc.constantFrom("password", "client_secret", "api_key", "bearer_token", "token");
  const value = fc.stringMatching(/^[A-Za-z0-9!#$%&()*+,./:;<>?@^_{|}~ -]{4,24}$/).filter((v) => v.trim().length >= 4);
  it("keeps the byte length of every line, whatever the text", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 200 }), (text) => {
        const out = maskSecretValues(text);
        expect(out.split("\n").map((l) => Buffer.byteLength(l))).toEqual(text.split("\n").map((l) => Buffer.byteLength(l)));
      }),
    );
  });
  it("never shows the value of a secret attribute, in Alloy or YAML", () => {
    fc.assert(
      fc.property(secretName, value, fc.boolean(), (name, v, yaml) => {
        const marker = `Q${v}Q`;
        const text = yaml ? `exporters:\n  x:\n    ${name}: "${marker.replace(/["\\]/g, "")}"\n` : `block "l" {\n\t${name} = "${marker.replace(/["\\]/g, "")}"\n}\n`;
        expect(maskSecretValues(text)).not.toContain(marker.replace(/["\\]/g, ""));
      }),
    );
  });
});
