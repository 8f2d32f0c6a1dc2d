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
  return new vm.Script(wrapped, { filename: file, cachedData });
}

/** Compiles and runs `file`; returns the compiled script (its `createCachedData()` makes a cache). */
function loadBundle(file) {
  const script = compileBundle(file);
  const mod = { exports: {} };
  script.runInThisContext().call(mod.exports, mod.exports, createRequire(file), mod, file, path.dirname(file));
  return script;
}

module.exports = { compileBundle, loadBundle, CACHE_SUFFIX };
