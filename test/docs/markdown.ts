/**
 * Reading Markdown for the docs tests: fenced code blocks (with the `<!-- docs-test: ... -->` marker written on
 * the line before a fence) and relative links outside code.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

export interface CodeBlock {
  readonly file: string;
  /** 1-based line of the opening fence. */
  readonly line: number;
  readonly lang: string;
  readonly text: string;
  /** Words of a `<!-- docs-test: WORDS -->` comment right before the fence (`skip`, `fails`). */
  readonly marks: readonly string[];
}

export interface Link {
  readonly file: string;
  readonly line: number;
  readonly target: string;
}

/** Markdown files under `dir` (recursively), sorted. */
export function markdownFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...markdownFiles(p));
    else if (e.name.endsWith(".md")) out.push(p);
  }
  return out.sort();
}

const FENCE = /^ {0,3}(`{3,}|~{3,})\s*([\w+-]*)/;
const MARK = /^<!--\s*docs-test:\s*([^>]*?)\s*-->\s*$/;

/** The fenced code blocks and the relative links of a Markdown file. */
export function readMarkdown(file: string, text = readFileSync(file, "utf8")): { blocks: CodeBlock[]; links: Link[] } {
  const lines = text.split("\n");
  const blocks: CodeBlock[] = [];
  const links: Link[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE.exec(lines[i]!);
    if (!open) {
      for (const m of lines[i]!.replace(/`[^`]*`/g, "").matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
        const target = m[1]!;
        if (!/^[a-z][a-z0-9+.-]*:/i.test(target) && !target.startsWith("#")) links.push({ file, line: i + 1, target });
      }
      continue;
    }
    const fence = open[1]!;
    let j = i + 1;
    while (j < lines.length && !(lines[j]!.trimStart().startsWith(fence[0]!.repeat(fence.length)) && lines[j]!.trim().replace(/^[`~]+/, "") === "")) j++;
    let k = i - 1;
    while (k >= 0 && lines[k]!.trim() === "") k--;
    const mark = k >= 0 ? MARK.exec(lines[k]!.trim()) : null;
    blocks.push({ file, line: i + 1, lang: open[2]!.toLowerCase(), text: lines.slice(i + 1, j).join("\n") + "\n", marks: mark ? mark[1]!.split(/\s+/) : [] });
    i = j;
  }
  return { blocks, links };
}

/** Shell words of one command line: whitespace-separated, with '...' and "..." quoting. */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  let cur = "";
  let quote = "";
  let has = false;
  for (const ch of line) {
    if (quote) {
      if (ch === quote) quote = "";
      else cur += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      has = true;
    } else if (/\s/.test(ch)) {
      if (has || cur) words.push(cur);
      cur = "";
      has = false;
    } else cur += ch;
  }
  if (has || cur) words.push(cur);
  return words;
}

/** Command lines of a shell block: continuation lines joined, comments and blank lines dropped. */
export function shellCommands(text: string): string[] {
  const out: string[] = [];
  let pending = "";
  for (const raw of text.split("\n")) {
    const line = raw.replace(/(^|\s)#.*$/, "").trimEnd();
    if (line.endsWith("\\")) {
      pending += line.slice(0, -1) + " ";
      continue;
    }
    const full = (pending + line).trim();
    pending = "";
    if (full) out.push(full);
  }
  return out;
}
