/**
 * Regular expressions are compiled by Go's `regexp` package upstream, whose RE2 syntax differs from
 * JavaScript's: no look-around, no backreferences, no `\Z`, possessive quantifiers rejected, repeat counts
 * at most 1000. re2js is a port of RE2's parser with Go's error texts, so its verdicts and messages are
 * upstream's.
 */
import { RE2JS } from "re2js";

const cache = new Map<string, string | undefined>();

/**
 * Patterns written in the syntax RE2 and JavaScript (with the `u` flag) share: literals, `.`, anchors,
 * `* + ?` (lazy too), alternation, plain, `(?:` and one-flag `(?s:` groups, classes, and the escapes listed. Within it both
 * accept exactly the same patterns, so V8's regexp parser (which only parses at construction) gives RE2's
 * verdict at a fraction of the cost of compiling an RE2 program. Everything else — `{` repeats, flags,
 * named groups, other escapes, `[]`/`[^]` (a complete class in JavaScript, not in RE2), `\b` in a class,
 * lone surrogates, anything over 1,000 characters — goes to re2js.
 */
const SHARED_SYNTAX = /^(?:[^\\{}()\[\]\ud800-\udfff]|\\[dDsSwWbB.\\/\-\[\](){}|*+?^$ntrfv]|\((?!\?)|\(\?[ims]?:|\)|\[(?!\^?\])|\])*$/;

function acceptedBySharedSyntax(pattern: string): boolean {
  // RE2 also bounds nesting depth and program size; long patterns are left to it.
  if (pattern.length > 1000 || !SHARED_SYNTAX.test(pattern)) return false;
  if (pattern.includes("[") && /\\[bB]/.test(pattern)) return false;
  try {
    // A one-flag group (`(?s:`, as the relabel rules wrap patterns) parses as a plain group does.
    new RegExp(pattern.replace(/\(\?[ims]:/g, "(?:"), "u");
    return true;
  } catch {
    return false;
  }
}

/** Go's error for a pattern (`error parsing regexp: ...`), or undefined when RE2 accepts it. */
export function re2Error(pattern: string): string | undefined {
  if (cache.has(pattern)) return cache.get(pattern);
  if (acceptedBySharedSyntax(pattern)) return undefined;
  let err: string | undefined;
  try {
    RE2JS.compile(pattern);
  } catch (e) {
    err = (e as Error).message;
  }
  if (cache.size > 4096) cache.clear();
  cache.set(pattern, err);
  return err;
}

/** The offending fragment named in an RE2 error (the text between backquotes), if any. */
export function re2ErrorFragment(message: string): string | undefined {
  const m = /`([^`]*)`\s*$/.exec(message);
  return m?.[1] || undefined;
}
