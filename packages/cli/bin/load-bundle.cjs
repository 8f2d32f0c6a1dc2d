"use strict";
// Runs a CommonJS bundle the way Node's own loader would, but compiled through vm.Script with the V8 code cache
// written next to it at build time (scripts/bundle.mjs): compiling the bundle is a large part of a short
// command's run time. A cache from another Node or V8 version is rejected by V8 and the bundle compiles as usual.
const fs = require("node:fs");
const path = require("node:path");
const vm = require("node:vm");
const { createRequire } = require("node:module");

/** Suffix of a bundle's code cache file. */
const CACHE_SUFFIX = ".v8-cache";

/** Every bundle compiled here, by file: the build makes their code caches after a sample run. */
const compiled = new Map();

/** Compiles `file` as a CommonJS module wrapper, with its code cache when there is one; does not run it. */
function compileBundle(file) {
  const source = fs.readFileSync(file, "utf8");
  let cachedData;
  try {
    cachedData = fs.readFileSync(file + CACHE_SUFFIX);
  } catch {
    cachedData = undefined;
  }
  const wrapped = `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
  const script = new vm.Script(wrapped, { filename: file, cachedData });
  compiled.set(file, script);
  return script;
}

/**
 * Compiles and runs `file`; returns its exports. `shared` maps module names to modules the bundle was built to
 * take from its caller instead of carrying its own copy (a library whose classes both must share).
 */
function requireBundle(file, shared = {}) {
  const script = compileBundle(file);
  const mod = { exports: {} };
  const own = createRequire(file);
  const require = Object.assign((id) => (Object.prototype.hasOwnProperty.call(shared, id) ? shared[id] : own(id)), own);
  script.runInThisContext().call(mod.exports, mod.exports, require, mod, file, path.dirname(file));
  return mod.exports;
}

/** Compiles and runs `file`; returns the compiled script (its `createCachedData()` makes a cache). */
function loadBundle(file) {
  requireBundle(file);
  return compiled.get(file);
}

module.exports = { compileBundle, loadBundle, requireBundle, compiled, CACHE_SUFFIX };
