/**
 * Making text safe to show: the one place that decides what a secret looks like and how it is hidden, used by
 * every renderer that prints a user's configuration or values from it (validator snippets, runtime logs,
 * conversion and migration reports, command-line errors), and control bytes escaped so that input cannot drive
 * the terminal.
 */
import { IDENTIFIER_PATTERN, isIdentifierStart } from "../lexer/identifier.js";

/** What hidden text is replaced with (as Go's `url.URL.Redacted` does for passwords). */
export const REDACTED = "xxxxx";

/**
 * `scheme://userinfo@` in a URL. The userinfo stops at characters a URL cannot carry there unescaped, but may
 * contain `@` (passwords often do, unencoded): the match runs to the last `@` before the host.
 */
const URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)([^\s/?#"`<>\\]+)@/gi;

/** Replaces the userinfo of every URL in `text` (`http://user:pass@host` becomes `http://xxxxx@host`). */
export function redactUrlCredentials(text: string): string {
  if (!text.includes("://")) return text;
  return text.replace(URL_USERINFO, (_m, scheme: string) => `${scheme}${REDACTED}@`);
}

/**
 * Key names whose values are secrets: the words the collector's and Alloy's secret-typed settings use
 * (password, client_secret, bearer_token, api_key, key_pem, ...), matched as parts of snake, kebab or camel case
 * names. Names of files and environment variables holding a secret (`password_file`) are not secrets.
 */
const SECRET_WORDS =
  /(^|[_.-])(pass|password|passwd|passphrase|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|key[_-]pem|client[_-]certificate[_-]key|hmac[_-]key|consumer[_-]key|credentials?|authorization|connection[_-]string|data[_-]source[_-]names?|mongodb[_-]uri)($|[_.-])/;
const NOT_SECRET_SUFFIX = /[_.-](file|path|env|name|type|id|url|endpoint|header|enabled|length|ttl|duration|count)$/;

/** Whether a setting, header or map key named `name` holds a secret. */
export function isSecretKey(name: string): boolean {
  // camelCase and PascalCase as snake_case: clientSecret → client_secret.
  const words = name.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase();
  if (NOT_SECRET_SUFFIX.test(words)) return false;
  return SECRET_WORDS.test(words);
}

/** Decides whether the value of `key`, inside the blocks `path` (outermost first), is a secret. */
export type SecretPredicate = (key: string, path: readonly string[]) => boolean;

const defaultPredicate: SecretPredicate = (key) => isSecretKey(key);

/**
 * Hides the values of secret settings and the credentials of URLs in a configuration's text, for showing lines
 * of it. Handles Alloy
 * (`name = "..."`, `"key" = "..."`, raw strings over several lines) and YAML (`name: value`, quoted or plain, and
 * block scalars). Every hidden character becomes as many `*` as it has UTF-8 bytes, and line breaks are kept, so
 * line numbers and byte columns of the result are those of the input (carets drawn under a line still point at
 * the right place).
 */
export function maskSecretValues(text: string, isSecret: SecretPredicate = defaultPredicate): string {
  const ranges = [...alloySecretRanges(text, isSecret), ...yamlSecretRanges(text, isSecret), ...urlCredentialRanges(text)];
  if (ranges.length === 0) return text;
  ranges.sort((a, b) => a[0] - b[0]);
  let out = "";
  let at = 0;
  for (const [start, end] of ranges) {
    if (end <= at) continue;
    const from = Math.max(start, at);
    out += text.slice(at, from) + mask(text.slice(from, end));
    at = end;
  }
  return out + text.slice(at);
}

/** The userinfo parts of the URLs in `text`. */
function urlCredentialRanges(text: string): [number, number][] {
  if (!text.includes("://")) return [];
  return [...text.matchAll(URL_USERINFO)].map((m) => [m.index! + m[1]!.length, m.index! + m[0].length - 1]);
}

function mask(s: string): string {
  let out = "";
  for (const ch of s) {
    if (ch === "\n" || ch === "\r") out += ch;
    else out += "*".repeat(utf8Length(ch));
  }
  return out;
}

function utf8Length(ch: string): number {
  const c = ch.codePointAt(0)!;
  return c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
}

/** Alloy tokens that matter for finding `name = "secret"`: comments and strings are skipped as wholes. */
let tokens: RegExp | undefined;
// Built on first use: its Unicode classes cost start-up time of every command. matchAll copies it, so one serves all.
const alloyTokens = (): RegExp =>
  (tokens ??= new RegExp(
    String.raw`\/\/[^\n]*|\/\*[\s\S]*?(?:\*\/|$)|"(?:[^"\\\n]|\\.)*"?|\u0060[^\u0060]*\u0060?|${IDENTIFIER_PATTERN}(?:\.${IDENTIFIER_PATTERN})*|[{}=]|\s+|.`,
    "gu",
  ));
/** Whether a token is a name (starts with an identifier character). */
const isName = (tok: string): boolean => isIdentifierStart(tok.codePointAt(0)!);

/**
 * Ranges of string literals assigned to secret names in Alloy text (attribute values and object fields). Tracks
 * the enclosing blocks so the predicate can use the component's schema.
 */
function alloySecretRanges(text: string, isSecret: SecretPredicate): [number, number][] {
  const out: [number, number][] = [];
  const path: string[] = [];
  // The last two significant tokens, to recognise `name = <string>` and `name "label" {`.
  let prev: { text: string; index: number } | undefined;
  let prev2: { text: string; index: number } | undefined;
  const opened: boolean[] = []; // per `{`: whether it opened a named block (pushed onto path)
  for (const m of text.matchAll(alloyTokens())) {
    const tok = m[0];
    const index = m.index!;
    if (/^\s/.test(tok) || tok.startsWith("//") || tok.startsWith("/*")) continue;
    if (tok === "{") {
      const name = prev && isName(prev.text) ? prev.text : prev2 && prev && prev.text.startsWith('"') && isName(prev2.text) ? prev2.text : undefined;
      if (name !== undefined && prev2?.text !== "=" && prev?.text !== "=") {
        path.push(name);
        opened.push(true);
      } else opened.push(false);
    } else if (tok === "}") {
      if (opened.pop()) path.pop();
    } else if ((tok.startsWith('"') || tok.startsWith("`")) && prev?.text === "=" && prev2) {
      const key = prev2.text.startsWith('"') ? prev2.text.slice(1, -1) : prev2.text;
      if (isSecret(key, path)) out.push([index + 1, index + Math.max(1, tok.length - 1)]);
    }
    prev2 = prev;
    prev = { text: tok, index };
  }
  return out;
}

/** `key: value` on a YAML line (also after `- `), key plain or quoted. */
const YAML_ENTRY = /^([ \t]*(?:-[ \t]+)?)(["']?)([^"':#\n][^"':\n]*?)\2[ \t]*:[ \t]+(.*)$/gm;

/** Ranges of YAML scalar values of secret keys; a block scalar (`|`, `>`) covers its more indented lines. */
function yamlSecretRanges(text: string, isSecret: SecretPredicate): [number, number][] {
  const out: [number, number][] = [];
  for (const m of text.matchAll(YAML_ENTRY)) {
    const key = m[3]!.trim();
    if (!isSecret(key, [])) continue;
    const value = m[4]!;
    const valueStart = m.index! + m[0].length - value.length;
    const plain = /^(?:"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^#]*?)(?=[ \t]+#|[ \t]*$)/.exec(value);
    const scalar = plain ? plain[0].trimEnd() : value;
    if (/^[|>][0-9+-]*$/.test(scalar)) {
      const indent = m[1]!.length;
      let end = m.index! + m[0].length;
      const rest = /\n((?:[ \t]*\n|[ \t]+[^\n]*\n?)*)/y;
      rest.lastIndex = end;
      const block = rest.exec(text);
      if (block) {
        // Only the lines indented deeper than the key belong to the scalar.
        let consumed = 0;
        for (const line of block[1]!.split(/(?<=\n)/)) {
          const lead = /^[ \t]*/.exec(line)![0].length;
          if (line.trim() !== "" && lead <= indent) break;
          consumed += line.length;
        }
        end = end + 1 + consumed;
      }
      out.push([m.index! + m[0].length + 1, end]);
      continue;
    }
    const quoted = /^["']/.test(scalar);
    const from = valueStart + (quoted ? 1 : 0);
    const to = valueStart + scalar.length - (quoted && scalar.length > 1 ? 1 : 0);
    if (to > from) out.push([from, to]);
  }
  return out;
}

/**
 * Escapes control characters (and the bidirectional overrides that reorder what a terminal shows), so that a
 * message quoting input cannot move the cursor, clear the screen or hide text. Line feeds and tabs stay.
 */
export function escapeControl(text: string): string {
  return text.replace(/[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/g, (c) => {
    const n = c.charCodeAt(0);
    return n < 0x100 ? `\\x${n.toString(16).padStart(2, "0")}` : `\\u${n.toString(16)}`;
  });
}

/** Text for a log line, an error or a report: URL credentials hidden and control characters escaped. */
export function safeMessage(text: string): string {
  return escapeControl(redactUrlCredentials(text));
}
