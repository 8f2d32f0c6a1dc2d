/**
 * Reads upstream's reference pages (docs/sources/reference/components/** and config-blocks/**, Apache-2.0) for
 * the facts the schemas carry beside the Go sources: the first sentence of each argument's and block's
 * description, each documented default, and the first sentence of the page's introduction.
 *
 * A page is read as upstream renders it: `{{< docs/shared lookup="..." >}}` includes are inlined from
 * docs/sources/shared/. The `## Arguments` tables describe the top-level attributes; the `## Blocks` table maps
 * each block path (`client` > `tls`) to the anchor of the section whose tables describe that block's attributes.
 */

/** Hugo's heading anchor: lower case, punctuation other than `-` and `_` dropped, spaces as `-`. */
export function anchorOf(heading) {
  const explicit = /\{#([^}]+)\}\s*$/.exec(heading);
  if (explicit) return explicit[1];
  return heading
    .toLowerCase()
    .replace(/\[([^\]]*)\](\[[^\]]*\]|\([^)]*\))?/g, "$1")
    .replace(/[^\p{L}\p{N}_\- ]/gu, "")
    .trim()
    .replace(/ /g, "-");
}

/** Values of the site parameters pages use in running text. */
const PARAMS = { PRODUCT_NAME: "Alloy", FULL_PRODUCT_NAME: "Grafana Alloy", PRODUCT_NAME_LOWER: "alloy" };

/** Markdown of a table cell or paragraph as plain text: links by their text, escapes undone, emphasis dropped. */
export function plainText(md) {
  return md
    .replace(/\{\{<\s*param\s+"([A-Z_]+)"\s*>\}\}/g, (_, p) => PARAMS[p] ?? "")
    .replace(/\{\{<.*?>\}\}/g, "")
    .replace(/!?\[([^\]]*)\](\[[^\]]*\]|\([^)]*\))/g, "$1")
    .replace(/\\\|/g, "|")
    .replace(/<br\s*\/?>/gi, " ")
    .replace(/(^|[^\w`])__([^_]+)__(?=[^\w`]|$)/g, "$1$2")
    .replace(/(^|[^\w`*])\*\*([^*]+)\*\*/g, "$1$2")
    .replace(/\s+/g, " ")
    .trim();
}

/** The first sentence: up to a `.`, `!` or `?` followed by a space and a capital, a backtick or a link; or all. */
export function firstSentence(text) {
  const t = text.trim();
  const abbrev = /(?:\be\.g|\bi\.e|\betc|\bvs|\bapprox|\bincl)$/i;
  for (let i = 0; i < t.length; i++) {
    const c = t[i];
    if (c !== "." && c !== "!" && c !== "?") continue;
    const next = t.slice(i + 1);
    if (next === "") return t;
    if (!/^\s+[A-Z`"(\[*_]/.test(next)) continue;
    if (c === "." && abbrev.test(t.slice(0, i))) continue;
    // Inside a code span the dot belongs to the code.
    if ((t.slice(0, i).match(/`/g) ?? []).length % 2 === 1) continue;
    return t.slice(0, i + 1);
  }
  return t;
}

/** Splits a Markdown table row into cells (escaped pipes and pipes inside code spans stay in their cell). */
function cells(line) {
  let s = line.trim();
  if (s.startsWith("|")) s = s.slice(1);
  if (s.endsWith("|") && !s.endsWith("\\|")) s = s.slice(0, -1);
  const out = [];
  let cur = "";
  let code = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === "\\" && s[i + 1] === "|") {
      cur += "\\|";
      i++;
    } else if (c === "`") {
      code = !code;
      cur += c;
    } else if (c === "|" && !code) {
      out.push(cur.trim());
      cur = "";
    } else cur += c;
  }
  out.push(cur.trim());
  return out;
}

/** Inlines shared includes (recursively, bounded) so a page reads as rendered. */
function expandShared(src, text, depth = 0) {
  if (depth > 4) return text;
  return text.replace(/\{\{<\s*docs\/shared\s+lookup="([^"]+)".*?>\}\}/g, (_, lookup) => {
    const body = src.read(`docs/sources/shared/${lookup.replace(/^\//, "")}`);
    if (body === undefined) return "";
    return expandShared(src, stripFrontMatter(body), depth + 1);
  });
}

function stripFrontMatter(text) {
  return text.startsWith("---") ? text.replace(/^---\n[\s\S]*?\n---\n?/, "") : text;
}

/**
 * Parses a page into sections (by heading) holding their tables.
 * @returns {{ level: number, title: string, anchor: string, tables: {header: string[], rows: string[][]}[], text: string[] }[]}
 */
function sectionsOf(text) {
  const lines = text.split("\n");
  const sections = [{ level: 0, title: "", anchor: "", tables: [], text: [] }];
  let fence = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (/^\s*(```|~~~)/.test(line)) {
      fence = !fence;
      continue;
    }
    if (fence) continue;
    const h = /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    if (h) {
      sections.push({ level: h[1].length, title: h[2], anchor: anchorOf(h[2]), tables: [], text: [] });
      continue;
    }
    const cur = sections[sections.length - 1];
    if (/^\s*\|/.test(line) && /^\s*\|?\s*:?-{3,}/.test(lines[i + 1] ?? "")) {
      const header = cells(line).map((c) => plainText(c).toLowerCase());
      const rows = [];
      i += 2;
      for (; i < lines.length && /^\s*\|/.test(lines[i]); i++) rows.push(cells(lines[i]));
      i--;
      cur.tables.push({ header, rows });
      continue;
    }
    cur.text.push(line);
  }
  return sections;
}

/** `` `name` `` or `` [`name`][ref] `` → name; `` `a` > [`b`][b] `` → ["a", "b"]. */
function namePath(cell) {
  return cell
    .split(/\s+>\s+|\s*&gt;\s*/)
    .map((p) => /`([^`]+)`/.exec(p)?.[1] ?? plainText(p))
    .map((p) => p.trim())
    .filter(Boolean);
}

/** The link reference of a block row (`[`tls`][tls]` → tls), resolved to an anchor through the page's definitions. */
function rowAnchor(cell, refs) {
  const segs = cell.split(/\s+>\s+/);
  const last = segs[segs.length - 1];
  const m = /\]\[([^\]]+)\]/.exec(last) ?? /\]\(#([^)]+)\)/.exec(last);
  if (!m) return undefined;
  const target = refs.get(m[1].toLowerCase()) ?? (last.includes("](#") ? `#${m[1]}` : undefined);
  return target?.startsWith("#") ? target.slice(1) : undefined;
}

/**
 * Everything one page documents.
 * @returns {{
 *   intro: string | undefined,
 *   attrs: Map<string, Map<string, { description?: string, default?: string }>>,
 *   blocks: Map<string, string>,
 *   exports: Map<string, string>,
 * } | undefined} attrs and blocks are keyed by the block path joined with "/" ("" for the top level);
 *   a default is the cell's raw text (an Alloy literal in backticks, or prose).
 */
export function readPage(src, file) {
  const raw = src.read(file);
  if (raw === undefined) return undefined;
  const text = expandShared(src, stripFrontMatter(raw));
  const refs = new Map();
  for (const m of text.matchAll(/^\[([^\]]+)\]:\s*(\S+)/gm)) refs.set(m[1].toLowerCase(), m[2]);
  const sections = sectionsOf(text);

  const title = sections.find((s) => s.level === 1);
  let intro;
  if (title) {
    const para = [];
    for (const l of title.text) {
      if (!l.trim()) {
        if (para.length) break;
        continue;
      }
      // Admonitions, shortcodes, stability banners (block quotes) and link definitions are not the introduction.
      if (/^\s*(\{\{|<|>|\[[^\]]+\]:)/.test(l)) {
        if (para.length) break;
        continue;
      }
      para.push(l);
    }
    if (para.length) intro = firstSentence(plainText(para.join(" ")));
  }

  const attrs = new Map();
  const blocks = new Map();
  const anchorPaths = new Map();
  const addAttrs = (pathKey, table) => {
    const ni = table.header.indexOf("name");
    const di = table.header.indexOf("description");
    const fi = table.header.indexOf("default");
    if (ni < 0 || !table.header.includes("type")) return;
    if (!attrs.has(pathKey)) attrs.set(pathKey, new Map());
    const m = attrs.get(pathKey);
    for (const r of table.rows) {
      const names = namePath(r[ni] ?? "");
      if (names.length !== 1) continue;
      if (m.has(names[0])) continue;
      const entry = {};
      const d = di >= 0 ? firstSentence(plainText(r[di] ?? "")) : "";
      if (d) entry.description = d;
      const def = fi >= 0 ? (r[fi] ?? "").trim() : "";
      if (def) entry.default = def;
      m.set(names[0], entry);
    }
  };

  // Blocks tables: path → description, and path → anchor of the section describing it.
  for (const s of sections) {
    if (!/^blocks?$/i.test(plainText(s.title))) continue;
    for (const t of s.tables) {
      const bi = t.header.indexOf("block") >= 0 ? t.header.indexOf("block") : t.header.indexOf("name");
      const di = t.header.indexOf("description");
      if (bi < 0) continue;
      for (const r of t.rows) {
        const p = namePath(r[bi] ?? "");
        if (!p.length) continue;
        const key = p.join("/");
        const d = di >= 0 ? firstSentence(plainText(r[di] ?? "")) : "";
        if (d && !blocks.has(key)) blocks.set(key, d);
        const a = rowAnchor(r[bi], refs) ?? anchorOf(p[p.length - 1]);
        if (!anchorPaths.has(a)) anchorPaths.set(a, []);
        anchorPaths.get(a).push(key);
      }
    }
  }

  const exports = new Map();
  for (let i = 0; i < sections.length; i++) {
    const s = sections[i];
    if (s.level === 2 && /^exported fields$/i.test(plainText(s.title))) {
      for (const t of s.tables) {
        const ni = t.header.indexOf("name");
        const di = t.header.indexOf("description");
        if (ni < 0 || di < 0) continue;
        for (const r of t.rows) {
          const names = namePath(r[ni] ?? "");
          const d = firstSentence(plainText(r[di] ?? ""));
          if (names.length === 1 && d && !exports.has(names[0])) exports.set(names[0], d);
        }
      }
      continue;
    }
    if (s.level === 2 && /^arguments$/i.test(plainText(s.title))) {
      for (const t of s.tables) addAttrs("", t);
      continue;
    }
    const paths = anchorPaths.get(s.anchor);
    if (!paths) continue;
    for (const p of paths) for (const t of s.tables) addAttrs(p, t);
  }
  return { intro, attrs, blocks, exports };
}

/** Where upstream documents a component or config block. */
export function pageOf(src, name, kind) {
  if (kind !== "component") return `docs/sources/reference/config-blocks/${name}.md`;
  const ns = name.split(".")[0];
  const direct = `docs/sources/reference/components/${ns}/${name}.md`;
  if (src.read(direct) !== undefined) return direct;
  return src.list("docs/sources/reference/components/").find((f) => f.endsWith(`/${name}.md`));
}
