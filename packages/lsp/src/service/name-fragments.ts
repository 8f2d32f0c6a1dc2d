/**
 * The fragments of a block name (`prometheus`, `remote_write` in `prometheus.remote_write`) with their own spans.
 * The tree keeps a block's name as one dotted string spanning `[start, nameEnd)`; highlighting colours each
 * fragment apart from the dots, spaces and comments between them, so their spans are recovered here.
 */
import { type Block, dottedIdentifierEnd, type NamedSpan, Scanner, Tok } from "@alloy-ts/grammar";

/** Tokens whose text the parser keeps as a name fragment (others, in malformed names, leave an empty one). */
const LITERAL_TOKENS: ReadonlySet<number> = new Set([Tok.IDENT, Tok.NUMBER, Tok.FLOAT, Tok.STRING, Tok.BOOL, Tok.NULL, Tok.ILLEGAL]);

/** Each name fragment of `block` with its span in `text`, in source order. */
export function blockNameFragments(text: string, block: Block): NamedSpan[] {
  const { name, start, nameEnd } = block;
  const written = nameEnd - start === name.length && text.startsWith(name, start);
  // Identifiers joined by dots are the only names whose fragments follow from the string alone.
  return written && dottedIdentifierEnd(name, 0) === name.length ? splitFragments(name, start) : scanFragments(text, start, nameEnd);
}

/** Fragments of a name written exactly as its dotted string. */
function splitFragments(name: string, start: number): NamedSpan[] {
  const out: NamedSpan[] = [];
  let at = start;
  for (const fragment of name.split(".")) {
    out.push({ name: fragment, start: at, end: at + fragment.length });
    at += fragment.length + 1;
  }
  return out;
}

/**
 * Fragments of a name with spaces or comments around its dots, or with malformed fragments: the name's source
 * is scanned again, taking the first token and each token after a dot, as the parser does.
 */
function scanFragments(text: string, start: number, end: number): NamedSpan[] {
  const out: NamedSpan[] = [];
  const scanner = new Scanner(text.slice(start, end));
  let fragmentNext = true;
  for (let tok = scanner.scan(); tok !== Tok.EOF; tok = scanner.scan()) {
    if (tok === Tok.DOT) fragmentNext = true;
    else if (fragmentNext && tok !== Tok.TERMINATOR) {
      fragmentNext = false;
      const fragmentEnd = LITERAL_TOKENS.has(tok) ? scanner.end : scanner.pos;
      out.push({ name: text.slice(start + scanner.pos, start + fragmentEnd), start: start + scanner.pos, end: start + fragmentEnd });
    }
  }
  return out;
}
