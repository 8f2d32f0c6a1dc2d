/**
 * Expressions embedded in strings that description code builds (an OTTL statement holding a setting's value,
 * a joined list). Such code sees a value with environment references as a marker, `\uE000<expression, base64url>\uE001`
 * (characters no escaping touches); writing a string that holds markers gives a concatenation of its text and the
 * expressions, so the reference is still read from the environment.
 */
import { goQuote } from "../alloy/go-text.js";

const OPEN = "\uE000";
const CLOSE = "\uE001";

/** The marker standing for an Alloy expression inside a string. */
export function embed(expression: string): string {
  return OPEN + Buffer.from(expression, "utf8").toString("base64url") + CLOSE;
}

/** The concatenation for a string holding markers, or undefined when it holds none. */
export function embeddedExpression(s: string): string | undefined {
  if (!s.includes(OPEN)) return undefined;
  const parts: string[] = [];
  let at = 0;
  for (;;) {
    const open = s.indexOf(OPEN, at);
    const close = open === -1 ? -1 : s.indexOf(CLOSE, open);
    if (open === -1 || close === -1) break;
    if (open > at) parts.push(goQuote(s.slice(at, open)));
    parts.push(Buffer.from(s.slice(open + 1, close), "base64url").toString("utf8"));
    at = close + 1;
  }
  if (at < s.length) parts.push(goQuote(s.slice(at)));
  return parts.join(" + ");
}
