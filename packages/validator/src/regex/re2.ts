/**
 * Regular expressions are compiled by Go's `regexp` package upstream, whose RE2 syntax differs from
 * JavaScript's: no look-around, no backreferences, no `\Z`, possessive quantifiers rejected, repeat counts
 * at most 1000. re2js is a port of RE2's parser with Go's error texts, so its verdicts and messages are
 * upstream's.
 */
import { RE2JS } from "re2js";

const cache = new Map<string, string | undefined>();

/** Go's error for a pattern (`error parsing regexp: ...`), or undefined when RE2 accepts it. */
export function re2Error(pattern: string): string | undefined {
  if (cache.has(pattern)) return cache.get(pattern);
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
