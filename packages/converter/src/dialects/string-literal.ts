/** Decoding Alloy string literals (spec alloy-syntax.md §2: Go escapes; `\x` and octal escapes are bytes). */

const SIMPLE: Record<string, number> = { a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, "\\": 92, '"': 34, "'": 39 };

/** The text of a string literal written as `raw` (double-quoted or backtick). */
export function decodeStringLiteral(raw: string): string {
  if (raw.startsWith("`")) return raw.slice(1, -1).replace(/\r/g, "");
  const body = raw.slice(1, -1);
  if (!body.includes("\\")) return body;
  const bytes: number[] = [];
  const text = (s: string) => bytes.push(...Buffer.from(s, "utf8"));
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c !== "\\") {
      const ch = String.fromCodePoint(body.codePointAt(i)!);
      text(ch);
      i += ch.length - 1;
      continue;
    }
    const e = body[++i] ?? "";
    if (e in SIMPLE) bytes.push(SIMPLE[e]!);
    else if (e === "x") bytes.push(parseInt(body.slice(i + 1, (i += 2) + 1), 16));
    else if (e === "u") text(String.fromCodePoint(parseInt(body.slice(i + 1, (i += 4) + 1), 16)));
    else if (e === "U") text(String.fromCodePoint(parseInt(body.slice(i + 1, (i += 8) + 1), 16)));
    else if (/[0-7]/.test(e)) bytes.push(parseInt(body.slice(i, (i += 2) + 1), 8));
    else text("\\" + e);
  }
  return Buffer.from(bytes).toString("utf8");
}
