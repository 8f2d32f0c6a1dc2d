/**
 * Adds what upstream's reference pages document to a generated schema: `description` on every documented
 * argument and block (the first sentence of upstream's text), the page's first sentence as the schema's
 * description, and `default` where the Go sources gave none and the page documents a literal that fits the
 * argument's type. Defaults from the Go sources win; a page that disagrees with them is counted as a conflict.
 */

/** Go's time.ParseDuration syntax (Alloy's duration values). */
const DURATION = /^-?(?:0|(?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|ms|s|m|h))+$/;

const NANOS = { ns: 1, us: 1e3, µs: 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };

function durationNanos(s) {
  if (s === "0") return 0;
  let total = 0;
  for (const m of s.replace(/^-/, "").matchAll(/((?:\d+(?:\.\d*)?|\.\d+))(ns|us|µs|ms|s|m|h)/g)) total += Number(m[1]) * NANOS[m[2]];
  return s.startsWith("-") ? -total : total;
}

/**
 * The value of a documented default when the cell is exactly one Alloy literal in a code span that fits the
 * argument (strings, numbers, booleans, durations, empty or string lists, empty maps); undefined otherwise.
 */
export function literalDefault(cell, prop) {
  // A remark in parentheses may follow the literal: `0` (no limit).
  const m = /^`([^`]+)`(?:\s*\([^)]*\))?$/.exec(cell.trim());
  if (!m) return undefined;
  const text = m[1].trim();
  const t = prop["x-alloy-type"] ?? "";
  let v;
  try {
    v = JSON.parse(text);
  } catch {
    // Pages sometimes write durations and plain strings unquoted (`5s`, `round_robin`).
    if (t === "duration") return DURATION.test(text) ? text : undefined;
    if ((t === "string" || t === "secret") && /^[^\s"'`\[\]{}()]+$/.test(text)) return text;
    return undefined;
  }
  if (t === "duration") {
    if (v === 0) return "0s";
    return typeof v === "string" && DURATION.test(v) ? v : undefined;
  }
  if (t === "number") {
    if (typeof v !== "number") return undefined;
    if (prop.type === "integer" && !Number.isInteger(v)) return undefined;
    return v;
  }
  if (t === "string" || t === "secret" || t === "optional secret") return typeof v === "string" ? v : undefined;
  if (t === "bool") return typeof v === "boolean" ? v : undefined;
  if (t.startsWith("list(")) {
    if (!Array.isArray(v)) return undefined;
    const inner = t.slice(5, -1);
    if (v.length === 0) return v;
    if (inner === "string" || inner === "secret") return v.every((x) => typeof x === "string") ? v : undefined;
    if (inner === "number") return v.every((x) => typeof x === "number") ? v : undefined;
    if (inner === "duration") return v.every((x) => typeof x === "string" && DURATION.test(x)) ? v : undefined;
    return undefined;
  }
  if (t.startsWith("map(") || t === "object") {
    return v && typeof v === "object" && !Array.isArray(v) && Object.keys(v).length === 0 ? v : undefined;
  }
  return undefined;
}

/** Whether a value is Go's zero value for the argument's type (as Alloy writes it). */
function isZero(v, prop) {
  const t = prop["x-alloy-type"] ?? "";
  if (t === "duration") return typeof v === "string" && durationNanos(v) === 0;
  if (Array.isArray(v) || (v && typeof v === "object")) return Object.keys(v).length === 0;
  return v === "" || v === 0 || v === false;
}

/** Whether a Go-source default and a documented one are the same value (durations compared as spans). */
function sameDefault(a, b, prop) {
  if (prop["x-alloy-type"] === "duration" && typeof a === "string" && typeof b === "string") return durationNanos(a) === durationNanos(b);
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The body (properties holder) a block property leads to, following $refs into the schema's $defs. */
function bodyOf(node, root) {
  let n = node?.items ?? node;
  for (let i = 0; i < 16 && n?.$ref; i++) n = root.$defs?.[n.$ref.slice("#/$defs/".length)];
  return n;
}

/** Every block property of the schema reachable by a path, with its body; paths use block names. */
function blockAt(root, segments) {
  let body = root;
  let prop;
  for (const seg of segments) {
    prop = body?.properties?.[seg];
    if (!prop || prop["x-alloy-kind"] !== "block") return undefined;
    body = bodyOf(prop, root);
  }
  return { prop, body };
}

/** All block paths of the schema (bounded depth: recursive structs stop). */
function allBlockPaths(root, body = root, prefix = [], out = [], seen = new Set()) {
  if (prefix.length > 8) return out;
  for (const [k, v] of Object.entries(body?.properties ?? {})) {
    if (v["x-alloy-kind"] !== "block") continue;
    const p = [...prefix, k];
    out.push(p);
    const b = bodyOf(v, root);
    if (b && !seen.has(b)) allBlockPaths(root, b, p, out, new Set([...seen, b]));
  }
  return out;
}

/** Counters for {@link applyPage}. */
export function newStats() {
  return { seen: new WeakSet(), documented: 0, missingBefore: 0, defaultsFromDocs: 0, unusable: [], conflicts: [], pages: 0, noPage: [] };
}

/**
 * Applies a page to a schema in place; `stats` accumulates counts and the defaults the page documents that
 * disagree with the Go sources.
 */
export function applyPage(schema, page, stats) {
  if (page.intro) schema.description = page.intro;
  normalizeDurations(schema);
  for (const [name, text] of page.exports) {
    const ex = schema["x-alloy-exports"]?.[name];
    if (ex && !ex.description) ex.description = text;
  }
  const paths = allBlockPaths(schema);
  // Pages sometimes name a nested block by its last segment only (`tls` for `client` > `tls`).
  const byLast = new Map();
  for (const p of paths) {
    const k = p[p.length - 1];
    if (!byLast.has(k)) byLast.set(k, []);
    byLast.get(k).push(p);
  }
  const resolve = (key) => {
    if (key === "") return [[]];
    const segs = key.split("/");
    if (blockAt(schema, segs)) return [segs];
    const last = byLast.get(segs[segs.length - 1]) ?? [];
    return last.filter((p) => p.slice(-segs.length).join("/") === key);
  };

  for (const [key, text] of page.blocks) {
    for (const p of resolve(key)) {
      const b = blockAt(schema, p);
      if (b && !b.prop.description) b.prop.description = text;
    }
  }
  // A block the Blocks table does not describe takes the description of the same block elsewhere on the page.
  const blockText = new Map();
  for (const [key, text] of page.blocks) {
    const last = key.split("/").pop();
    if (!blockText.has(last)) blockText.set(last, text);
  }
  for (const p of paths) {
    const b = blockAt(schema, p);
    const t = blockText.get(p[p.length - 1]);
    if (b && !b.prop.description && t) b.prop.description = t;
  }

  const attrsByLast = new Map();
  for (const [key, attrs] of page.attrs) {
    const last = key.split("/").pop();
    if (key && !attrsByLast.has(last)) attrsByLast.set(last, attrs);
  }
  // Documented defaults are gathered per block path first: a Go struct shared by several blocks (the kafka
  // receiver's `logs`, `metrics` and `traces`) gets a page's default only when every block reaching it documents
  // the same value, since its parents may set different defaults.
  const reaching = new Map();
  reaching.set(schema, [""]);
  for (const p of paths) {
    const body = blockAt(schema, p)?.body;
    if (!body) continue;
    if (!reaching.has(body)) reaching.set(body, []);
    reaching.get(body).push(p.join("/"));
  }
  const documented = new Map();
  const applyAttrs = (body, attrs, pathKey) => {
    for (const [name, doc] of attrs) {
      const prop = body?.properties?.[name];
      if (!prop || prop["x-alloy-kind"] !== "attr") continue;
      if (doc.description && !prop.description) prop.description = doc.description;
      if (doc.default === undefined) continue;
      if (!documented.has(prop)) documented.set(prop, { name, body, byPath: new Map() });
      const d = documented.get(prop);
      if (!d.byPath.has(pathKey)) d.byPath.set(pathKey, doc.default);
    }
  };
  const done = new Set();
  for (const [key, attrs] of page.attrs) {
    for (const p of resolve(key)) {
      const body = p.length ? blockAt(schema, p)?.body : schema;
      if (!body) continue;
      done.add(p.join("/"));
      applyAttrs(body, attrs, p.join("/"));
    }
  }
  // Blocks whose section the page reaches only under another path (a shared struct, a renamed parent).
  for (const p of paths) {
    if (done.has(p.join("/"))) continue;
    const attrs = attrsByLast.get(p[p.length - 1]);
    if (attrs) applyAttrs(blockAt(schema, p)?.body, attrs, p.join("/"));
  }
  for (const [prop, { name, body, byPath }] of documented) {
    if (stats.seen.has(prop)) continue;
    stats.seen.add(prop);
    stats.documented++;
    const had = "default" in prop;
    if (!had) stats.missingBefore++;
    const values = [...byPath.values()].map((cell) => literalDefault(cell, prop));
    const v = values[0];
    if (v === undefined) {
      if (!had) stats.unusable.push({ schema: schema.title, attr: name, docs: [...byPath.values()][0] });
      continue;
    }
    const everyPath = (reaching.get(body) ?? []).every((k) => byPath.has(k));
    const agree = values.every((x) => x !== undefined && sameDefault(x, v, prop));
    if (!had && (Array.isArray(v) || typeof v === "object") && Object.keys(v).length === 0) {
      // `[]` or `{}` on a page does not say whether Alloy starts from an empty value or from none (nil); only
      // the code can, and the code has not said.
      stats.unusable.push({ schema: schema.title, attr: name, docs: `empty, nil or not (page: ${[...byPath.values()][0]})` });
    } else if (!had && prop.__zeroDefault && !isZero(v, prop)) {
      stats.conflicts.push({ schema: schema.title, attr: name, source: "Go's zero value (SetToDefault replaces the whole struct)", docs: v });
    } else if (!had && prop.__defaultFromCode) {
      stats.unusable.push({ schema: schema.title, attr: name, docs: `set by SetToDefault from a value this reader cannot evaluate (page: ${[...byPath.values()][0]})` });
    } else if (had) {
      if (!sameDefault(prop.default, v, prop)) stats.conflicts.push({ schema: schema.title, attr: name, source: prop.default, docs: v });
    } else if (!everyPath || !agree) {
      stats.unusable.push({ schema: schema.title, attr: name, docs: `${agree ? "documented on only some of" : "differs between"} the blocks sharing it (${[...byPath].map(([k, c]) => `${k || "top level"}: ${c}`).join(", ")})` });
    } else {
      prop.default = v;
      stats.defaultsFromDocs++;
    }
  }
}

/** A zero duration read from the Go sources as the number 0 is the Alloy duration "0s". */
function normalizeDurations(schema) {
  const visit = (node) => {
    for (const v of Object.values(node?.properties ?? {})) {
      if (v["x-alloy-type"] === "duration" && v.default === 0) v.default = "0s";
      visit(v);
      if (v.items) visit(v.items);
    }
  };
  visit(schema);
  for (const d of Object.values(schema.$defs ?? {})) visit(d);
}

/** Counts of properties, described properties and properties with a default in one schema. */
export function countProperties(schema) {
  const c = { properties: 0, described: 0, defaults: 0 };
  const visit = (node) => {
    if (!node || typeof node !== "object") return;
    for (const v of Object.values(node.properties ?? {})) {
      c.properties++;
      if (v.description) c.described++;
      if ("default" in v) c.defaults++;
      visit(v);
      if (v.items) visit(v.items);
    }
  };
  visit(schema);
  for (const d of Object.values(schema.$defs ?? {})) visit(d);
  return c;
}
