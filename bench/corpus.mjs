// Real content for the benchmarks: configurations other people wrote (../shared/corpus next to the checkout, or
// ALLOY_SHARED_DIR), read in place and never copied into the repository. Every suite that uses it skips with a
// message when the folder is absent.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "../packages/grammar/dist/index.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const sharedDir = process.env.ALLOY_SHARED_DIR ?? path.resolve(root, "..", "shared");
const corpusDir = path.join(sharedDir, "corpus");

/** Whether the real-content corpus is available. */
export const haveCorpus = existsSync(path.join(corpusDir, "alloy")) && existsSync(path.join(corpusDir, "collector"));
export const corpusMissing = `real content skipped: ${corpusDir} is absent`;

function filesUnder(dir, ext) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...filesUnder(p, ext));
    else if (name.endsWith(ext)) out.push(p);
  }
  return out;
}

/** The corpus's `.alloy` files that `accept` (for example, that parse without errors), as [path, text]. */
export function alloyFiles(accept = () => true) {
  return filesUnder(path.join(corpusDir, "alloy"), ".alloy").map((p) => [p, readFileSync(p, "utf8")]).filter(([, t]) => accept(t));
}

/** The texts of the corpus's `.alloy` files that parse without errors (others' `.river` files and broken examples are left out). */
export function parsingAlloyTexts() {
  return alloyFiles((t) => parse(t, { name: "corpus.alloy" }).diagnostics.length === 0).map(([, t]) => t);
}

/** The corpus's collector YAML files, as [path, text]. */
export function collectorFiles() {
  return filesUnder(path.join(corpusDir, "collector"), ".yaml").concat(filesUnder(path.join(corpusDir, "collector"), ".yml"))
    .sort().map((p) => [p, readFileSync(p, "utf8")]);
}

/** The texts joined by newlines and repeated until the result is at least `size` UTF-16 units, cut at a file boundary. */
export function concatTo(texts, size) {
  const parts = [];
  let n = 0;
  for (let i = 0; n < size; i = (i + 1) % texts.length) {
    const t = texts[i].endsWith("\n") ? texts[i] : texts[i] + "\n";
    parts.push(t, "\n");
    n += t.length + 1;
  }
  return parts.join("");
}

const NON_ASCII = /[^\x00-\x7f]/g;
/** A short description of the non-ASCII text in `text`: how many characters, and which ones (up to 8 distinct). */
export function nonAsciiSummary(text) {
  const found = text.match(NON_ASCII);
  if (!found) return "ASCII only";
  const distinct = [...new Set(found)];
  return `${found.length} non-ASCII code units (${distinct.slice(0, 8).join(" ")}${distinct.length > 8 ? " …" : ""})`;
}

/** `text` with every non-ASCII code unit replaced by `_`: the same content and shape, all on the ASCII path. */
export function asciiOnly(text) {
  return text.replace(NON_ASCII, "_");
}
