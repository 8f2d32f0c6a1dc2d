/**
 * Reading upstream Go sources: a file reader over a checkout or a bare git mirror, a small Go tokenizer and a
 * declaration-level parser (package, imports, type declarations, methods, package-level composite literals and
 * `component.Register` calls). It understands only what the schema generator needs; it is not a Go compiler.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

/**
 * Opens an upstream source tree. `root` is either a working checkout (has go.mod) or a git directory
 * (bare mirror), in which case files are read from HEAD.
 * @returns {{ list(prefix: string): string[], read(file: string): string | undefined, revision: string }}
 */
export function openSource(root) {
  if (existsSync(path.join(root, "go.mod"))) {
    const files = execFileSync("git", ["-C", root, "ls-files"], { encoding: "utf8", maxBuffer: 1 << 28 })
      .split("\n")
      .filter(Boolean);
    let revision = "working-tree";
    try {
      revision = execFileSync("git", ["-C", root, "rev-parse", "HEAD"], { encoding: "utf8" }).trim();
    } catch {}
    return {
      revision,
      list: (prefix) => files.filter((f) => f.startsWith(prefix)),
      read: (f) => {
        const p = path.join(root, f);
        return existsSync(p) && statSync(p).isFile() ? readFileSync(p, "utf8") : undefined;
      },
    };
  }
  const git = (...args) => execFileSync("git", ["--git-dir", root, ...args], { encoding: "utf8", maxBuffer: 1 << 30 });
  const revision = git("rev-parse", "HEAD").trim();
  const files = git("ls-tree", "-r", "--name-only", "HEAD").split("\n").filter(Boolean);
  const cache = new Map();
  /** Reads many blobs in one `git cat-file --batch` call. */
  const preload = (list) => {
    const want = list.filter((f) => !cache.has(f));
    if (!want.length) return;
    const out = execFileSync("git", ["--git-dir", root, "cat-file", "--batch"], {
      input: want.map((f) => `HEAD:${f}`).join("\n") + "\n",
      maxBuffer: 1 << 30,
    });
    let pos = 0;
    for (const f of want) {
      const nl = out.indexOf(10, pos);
      const header = out.subarray(pos, nl).toString("utf8");
      const m = /^\S+ blob (\d+)$/.exec(header);
      if (!m) {
        cache.set(f, undefined);
        pos = nl + 1;
        continue;
      }
      const size = Number(m[1]);
      cache.set(f, out.subarray(nl + 1, nl + 1 + size).toString("utf8"));
      pos = nl + 1 + size + 1;
    }
  };
  return {
    revision,
    list: (prefix) => files.filter((f) => f.startsWith(prefix)),
    read: (f) => {
      if (!cache.has(f)) preload([f]);
      return cache.get(f);
    },
    preload,
  };
}

const KEYWORDS_ENDING_STMT = new Set(["break", "continue", "fallthrough", "return"]);

/**
 * Tokenizes Go source. Comments are dropped; automatic semicolons are inserted at newlines per the Go spec.
 * @returns {{t: string, v: string}[]} t is one of ident, string, rawstring, number, char, op, ;
 */
export function tokenize(src) {
  const toks = [];
  let i = 0;
  const n = src.length;
  const needsSemi = () => {
    const last = toks[toks.length - 1];
    if (!last) return false;
    if (last.t === "ident") return true;
    if (last.t === "string" || last.t === "rawstring" || last.t === "number" || last.t === "char") return true;
    if (last.t === "kw" && KEYWORDS_ENDING_STMT.has(last.v)) return true;
    return last.t === "op" && (last.v === ")" || last.v === "]" || last.v === "}" || last.v === "++" || last.v === "--");
  };
  while (i < n) {
    const c = src[i];
    if (c === "\n") {
      if (needsSemi()) toks.push({ t: ";", v: "\n" });
      i++;
      continue;
    }
    if (c === " " || c === "\t" || c === "\r") {
      i++;
      continue;
    }
    if (c === "/" && src[i + 1] === "/") {
      while (i < n && src[i] !== "\n") i++;
      continue;
    }
    if (c === "/" && src[i + 1] === "*") {
      const end = src.indexOf("*/", i + 2);
      const body = src.slice(i, end < 0 ? n : end);
      i = end < 0 ? n : end + 2;
      if (body.includes("\n") && needsSemi()) toks.push({ t: ";", v: "\n" });
      continue;
    }
    if (c === '"') {
      let j = i + 1;
      while (j < n && src[j] !== '"' && src[j] !== "\n") j += src[j] === "\\" ? 2 : 1;
      toks.push({ t: "string", v: src.slice(i, j + 1) });
      i = j + 1;
      continue;
    }
    if (c === "`") {
      const end = src.indexOf("`", i + 1);
      toks.push({ t: "rawstring", v: src.slice(i, end + 1) });
      i = end + 1;
      continue;
    }
    if (c === "'") {
      let j = i + 1;
      while (j < n && src[j] !== "'") j += src[j] === "\\" ? 2 : 1;
      toks.push({ t: "char", v: src.slice(i, j + 1) });
      i = j + 1;
      continue;
    }
    if (/[A-Za-z_\u0080-\uffff]/.test(c)) {
      let j = i + 1;
      while (j < n && /[A-Za-z0-9_\u0080-\uffff]/.test(src[j])) j++;
      toks.push({ t: "ident", v: src.slice(i, j) });
      i = j;
      continue;
    }
    if (/[0-9]/.test(c) || (c === "." && /[0-9]/.test(src[i + 1] ?? ""))) {
      let j = i + 1;
      while (j < n && /[0-9A-Za-z_.]/.test(src[j])) {
        if ((src[j] === "e" || src[j] === "E") && (src[j + 1] === "-" || src[j + 1] === "+") && !/^0[xX]/.test(src.slice(i, j))) j++;
        j++;
      }
      toks.push({ t: "number", v: src.slice(i, j) });
      i = j;
      continue;
    }
    const three = src.slice(i, i + 3);
    if (three === "..." || three === "<<=" || three === ">>=" || three === "&^=") {
      toks.push({ t: "op", v: three });
      i += 3;
      continue;
    }
    const two = src.slice(i, i + 2);
    if (["==", "!=", "<=", ">=", "&&", "||", "<-", "++", "--", ":=", "+=", "-=", "*=", "/=", "<<", ">>", "&^", "|=", "&=", "%=", "^="].includes(two)) {
      toks.push({ t: "op", v: two });
      i += 2;
      continue;
    }
    toks.push({ t: "op", v: c });
    i++;
  }
  if (needsSemi()) toks.push({ t: ";", v: "\n" });
  return toks;
}

/** Decodes a Go interpreted or raw string literal token. */
export function goString(tok) {
  if (tok.startsWith("`")) return tok.slice(1, -1);
  try {
    return JSON.parse(tok.replace(/\\x([0-9a-fA-F]{2})/g, "\\u00$1").replace(/\\'/g, "'"));
  } catch {
    return tok.slice(1, -1);
  }
}

/**
 * Parses a Go file into declarations.
 * @returns {{pkg: string, imports: Map<string,string>, types: Map<string, any>, methods: {recv: string, recvVar?: string, name: string, body: any[]}[], vars: Map<string, any[]>, registrations: any[]}}
 */
export function parseGoFile(src) {
  let toks = tokenize(src);
  let p = 0;
  const peek = (k = 0) => toks[p + k];
  const is = (v, k = 0) => toks[p + k] && toks[p + k].v === v && toks[p + k].t !== "string";
  const out = { pkg: "", imports: new Map(), types: new Map(), methods: [], vars: new Map(), registrations: [] };

  /** Skips a balanced group starting at an opening bracket; returns the tokens inside. */
  const skipGroup = () => {
    const open = toks[p].v;
    const close = { "(": ")", "[": "]", "{": "}" }[open];
    let depth = 0;
    const start = p;
    for (; p < toks.length; p++) {
      const t = toks[p];
      if (t.t !== "op") continue;
      if (t.v === "(" || t.v === "[" || t.v === "{") depth++;
      else if (t.v === ")" || t.v === "]" || t.v === "}") {
        depth--;
        if (depth === 0) {
          p++;
          return toks.slice(start + 1, p - 1);
        }
      }
    }
    void close;
    return toks.slice(start + 1);
  };

  /** Parses a type expression. */
  const parseType = () => {
    const t = peek();
    if (!t) return { k: "unknown" };
    if (t.v === "*" && t.t === "op") {
      p++;
      return { k: "ptr", elem: parseType() };
    }
    if (t.v === "[" && t.t === "op") {
      p++;
      if (is("]")) {
        p++;
        return { k: "slice", elem: parseType() };
      }
      let len = "";
      while (p < toks.length && !is("]")) len += toks[p++].v;
      p++;
      return { k: "array", len, elem: parseType() };
    }
    if (t.v === "map") {
      p++;
      p++; // [
      const key = parseType();
      p++; // ]
      return { k: "map", key, elem: parseType() };
    }
    if (t.v === "chan") {
      p++;
      if (is("<-")) p++;
      return { k: "chan", elem: parseType() };
    }
    if (t.v === "<-") {
      p += 2;
      return { k: "chan", elem: parseType() };
    }
    if (t.v === "func") {
      p++;
      if (is("(")) skipGroup();
      // result
      if (is("(")) skipGroup();
      else if (peek() && peek().t !== ";" && !is(")") && !is(",") && !is("}") && peek().t !== "rawstring" && peek().t !== "string") parseType();
      return { k: "func" };
    }
    if (t.v === "struct") {
      p++;
      return { k: "struct", fields: parseStructBody(skipGroup()) };
    }
    if (t.v === "interface") {
      p++;
      const body = skipGroup();
      return { k: "interface", empty: body.filter((x) => x.t !== ";").length === 0 };
    }
    if (t.t === "ident") {
      p++;
      let name = t.v;
      if (is(".") && peek(1) && peek(1).t === "ident") {
        p++;
        name += "." + toks[p++].v;
      }
      const ref = { k: "named", name };
      if (is("[")) {
        // generic instantiation
        const args = skipGroup();
        ref.typeArgs = args;
      }
      return ref;
    }
    if (t.v === "(") {
      p++;
      const inner = parseType();
      p++;
      return inner;
    }
    p++;
    return { k: "unknown" };
  };

  /** Parses the tokens of a struct body into fields. */
  const parseStructBody = (body) => {
    const fields = [];
    const sub = body;
    let q = 0;
    // Split on ';' at depth 0.
    const lines = [];
    let cur = [];
    let depth = 0;
    for (; q < sub.length; q++) {
      const t = sub[q];
      if (t.t === "op" && (t.v === "(" || t.v === "[" || t.v === "{")) depth++;
      if (t.t === "op" && (t.v === ")" || t.v === "]" || t.v === "}")) depth--;
      if (t.t === ";" && depth === 0) {
        if (cur.length) lines.push(cur);
        cur = [];
      } else cur.push(t);
    }
    if (cur.length) lines.push(cur);
    for (const line of lines) {
      let tag;
      let toksLine = line;
      const last = line[line.length - 1];
      if (last && (last.t === "rawstring" || last.t === "string")) {
        tag = goString(last.v);
        toksLine = line.slice(0, -1);
      }
      // Names list: ident (, ident)* followed by a type; embedded: a type only.
      const names = [];
      let r = 0;
      if (toksLine[0]?.t === "ident" && (toksLine[1]?.v === "," || (toksLine[1] && !(toksLine[1].t === "op" && toksLine[1].v === ".") && toksLine.length > 1))) {
        names.push(toksLine[0].v);
        r = 1;
        while (toksLine[r]?.v === "," && toksLine[r + 1]?.t === "ident") {
          names.push(toksLine[r + 1].v);
          r += 2;
        }
      }
      const typeToks = toksLine.slice(r);
      // Parse the type with the main parser by temporarily swapping the token array.
      const type = withTokens(typeToks, parseType);
      if (names.length === 0) fields.push({ name: undefined, embedded: true, type, tag });
      else for (const nm of names) fields.push({ name: nm, embedded: false, type, tag });
    }
    return fields;
  };

  /** Runs `fn` over another token array (struct bodies are parsed from a slice of tokens). */
  const withTokens = (arr, fn) => {
    const savedToks = toks;
    const savedP = p;
    toks = arr;
    p = 0;
    try {
      return fn();
    } finally {
      toks = savedToks;
      p = savedP;
    }
  };

  // Main loop.
  const decl = () => {
    const t = peek();
    if (t.v === "package") {
      out.pkg = toks[p + 1].v;
      p += 2;
      return;
    }
    if (t.v === "import") {
      p++;
      const one = () => {
        let alias;
        if (peek().t === "ident" || is(".")) alias = toks[p++].v;
        const s = toks[p++];
        const ipath = goString(s.v);
        out.imports.set(alias ?? ipath.split("/").pop(), ipath);
        out.importsByPath ??= new Map();
        out.importsByPath.set(ipath, alias);
      };
      if (is("(")) {
        p++;
        while (p < toks.length && !is(")")) {
          if (peek().t === ";") {
            p++;
            continue;
          }
          one();
        }
        p++;
      } else one();
      return;
    }
    if (t.v === "type") {
      p++;
      const one = () => {
        const name = toks[p++].v;
        let typeParams;
        if (is("[") && !(peek(1) && peek(1).v === "]")) {
          // generic type parameters `type X[T any] struct`: only when the next token after the name is `[ident ident`
          if (peek(1)?.t === "ident" && peek(2)?.t === "ident") typeParams = skipGroup();
        }
        const alias = is("=");
        if (alias) p++;
        const type = parseType();
        out.types.set(name, { name, alias, type, typeParams });
      };
      if (is("(")) {
        p++;
        while (p < toks.length && !is(")")) {
          if (peek().t === ";") {
            p++;
            continue;
          }
          one();
        }
        p++;
      } else one();
      return;
    }
    if (t.v === "func") {
      p++;
      let recv;
      let recvVar;
      if (is("(")) {
        const r = skipGroup();
        const idents = r.filter((x) => x.t === "ident");
        recv = idents[idents.length - 1]?.v;
        if (idents.length > 1) recvVar = idents[0].v;
        if (r.some((x) => x.v === "[")) {
          // generic receiver T[X]: take the ident before '['
          const bi = r.findIndex((x) => x.v === "[");
          recv = r[bi - 1]?.v;
        }
      }
      const name = toks[p++]?.v;
      if (is("[")) skipGroup();
      if (is("(")) skipGroup();
      // results
      while (p < toks.length && !is("{") && peek().t !== ";") {
        if (is("(") || is("[")) skipGroup();
        else p++;
      }
      let body = [];
      if (is("{")) body = skipGroup();
      if (recv) out.methods.push({ recv, recvVar, name, body });
      else if (name === "init") scanRegistrations(body);
      else out.funcs ??= [], out.funcs.push({ name, body });
      return;
    }
    if (t.v === "var" || t.v === "const") {
      const kind = t.v;
      p++;
      const one = (state) => {
        const names = [toks[p++].v];
        while (is(",")) {
          p++;
          names.push(toks[p++].v);
        }
        let type;
        if (!is("=") && peek().t !== ";") type = parseType();
        let value = [];
        if (is("=")) {
          p++;
          const start = p;
          let depth = 0;
          for (; p < toks.length; p++) {
            const x = toks[p];
            if (x.t === "op" && (x.v === "(" || x.v === "[" || x.v === "{")) depth++;
            else if (x.t === "op" && (x.v === ")" || x.v === "]" || x.v === "}")) {
              if (depth === 0) break;
              depth--;
            } else if (x.t === ";" && depth === 0) break;
          }
          value = toks.slice(start, p);
        }
        if (kind === "const") {
          if (value.length) {
            state.lastValue = value;
            state.lastType = type;
          } else {
            value = state.lastValue ?? [];
            type = type ?? state.lastType;
          }
        }
        for (const nm of names) out.vars.set(nm, { kind, type, value });
      };
      const state = {};
      if (is("(")) {
        p++;
        while (p < toks.length && !is(")")) {
          if (peek().t === ";") {
            p++;
            continue;
          }
          one(state);
        }
        p++;
      } else one(state);
      return;
    }
    p++;
  };

  const scanRegistrations = (body) => {
    for (let k = 0; k < body.length - 3; k++) {
      if (body[k].v === "component" && body[k + 1].v === "." && body[k + 2].v === "Register" && body[k + 3].v === "(") {
        // Find Registration{ ... }
        let j = k + 4;
        while (j < body.length && body[j].v !== "{") j++;
        let depth = 0;
        const start = j;
        for (; j < body.length; j++) {
          if (body[j].t !== "op") continue;
          if (body[j].v === "{" || body[j].v === "(" || body[j].v === "[") depth++;
          else if (body[j].v === "}" || body[j].v === ")" || body[j].v === "]") {
            depth--;
            if (depth === 0) break;
          }
        }
        out.registrations.push(parseKeyed(body.slice(start + 1, j)));
        k = j;
      }
    }
  };

  while (p < toks.length) {
    if (peek().t === ";") {
      p++;
      continue;
    }
    decl();
  }
  return out;
}

/**
 * Splits the tokens of a keyed composite literal body (`Key: value, ...`) into a map from key to value tokens.
 * Unkeyed elements are stored under numeric keys.
 */
export function parseKeyed(tokens) {
  const res = new Map();
  let depth = 0;
  let cur = [];
  const parts = [];
  for (const t of tokens) {
    if (t.t === "op" && (t.v === "(" || t.v === "[" || t.v === "{")) depth++;
    if (t.t === "op" && (t.v === ")" || t.v === "]" || t.v === "}")) depth--;
    if (depth === 0 && t.t === "op" && t.v === ",") {
      parts.push(cur);
      cur = [];
    } else if (!(t.t === ";")) cur.push(t);
  }
  if (cur.length) parts.push(cur);
  let idx = 0;
  for (const part of parts) {
    if (!part.length) continue;
    if (part.length > 2 && part[0].t === "ident" && part[1].v === ":" && part[1].t === "op") res.set(part[0].v, part.slice(2));
    else res.set(String(idx++), part);
  }
  return res;
}
