// Builds the playground into dist/ (a static folder: index.html, playground.js, playground.css) from the
// workspace packages' built output. Run by the root build (scripts/bundle.mjs) after `tsc -b`.
// The page is one classic script, not an ES module, so that it also runs when opened as a file (file://).
import { build } from "esbuild";
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "..", "..");
const out = path.join(here, "dist");
const shims = path.join(here, "src", "shims");

// Node built-ins the bundled packages import, and what stands for each in the page (src/shims/).
const NODE_SHIMS = { fs: "fs.ts", path: "path.ts", url: "url.ts", crypto: "crypto.ts", os: "os.ts", v8: "v8.ts", buffer: "buffer.ts" };
// Network and compression modules: reached only by the live exporters and the server, never by a capture run. Each
// named import gets a function that refuses (src/shims/unavailable.ts); a new import fails the build until listed.
const UNAVAILABLE = {
  http: ["createServer"],
  https: [],
  zlib: ["gzipSync", "gunzipSync"],
  "@grpc/grpc-js": ["credentials", "Client", "Metadata", "status", "Server", "ServerCredentials"],
};

/** Every file under schemas/, as `/schemas/<path>` → text, for the validator's registry (src/shims/fs.ts). */
function schemaFiles() {
  const files = {};
  const walk = (dir) => {
    for (const name of readdirSync(dir).sort()) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name.endsWith(".json")) files["/" + path.relative(root, full).split(path.sep).join("/")] = readFileSync(full, "utf8");
    }
  };
  walk(path.join(root, "schemas"));
  return files;
}

const browserNode = {
  name: "browser-node",
  setup(b) {
    b.onResolve({ filter: /^elkjs\/lib\/elk\.bundled\.js$/ }, () => ({ path: path.join(shims, "elk.ts") }));
    b.onResolve({ filter: /^(?:node:)?[a-z0-9_]+$|^@grpc\// }, (args) => {
      const name = args.path.replace(/^node:/, "");
      // The `buffer` package itself, when imported by the shim that wraps it.
      if (name === "buffer" && args.importer.startsWith(shims)) return undefined;
      if (NODE_SHIMS[name]) return { path: path.join(shims, NODE_SHIMS[name]) };
      if (UNAVAILABLE[name]) return { path: name, namespace: "unavailable" };
      return undefined;
    });
    b.onLoad({ filter: /.*/, namespace: "unavailable" }, (args) => ({
      contents: [`import { refuse } from ${JSON.stringify(path.join(shims, "unavailable.ts"))};`, "export default refuse;", ...UNAVAILABLE[args.path].map((n) => `export const ${n} = refuse;`)].join("\n"),
      loader: "js",
      resolveDir: shims,
    }));
  },
};

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const result = await build({
  entryPoints: [path.join(here, "src", "main.ts")],
  outfile: path.join(out, "playground.js"),
  bundle: true,
  format: "iife",
  platform: "browser",
  target: ["chrome109", "firefox115", "safari16"],
  minify: true,
  legalComments: "none",
  logLevel: "warning",
  inject: [path.join(shims, "globals.ts")],
  define: { global: "globalThis" },
  plugins: [browserNode],
  metafile: true,
  // Kept quiet: `import.meta.url` is read only where no schemas directory is configured, which the page always has.
  logOverride: { "empty-import-meta": "silent" },
});
for (const f of ["index.html", "playground.css"]) copyFileSync(path.join(here, "src", f), path.join(out, f));
// The component schemas, for the validator (src/shims/fs.ts loads them after the first conversion).
writeFileSync(path.join(out, "schemas.js"), `window.alloyPlaygroundSchemas = ${JSON.stringify(schemaFiles())};\n`);
// elkjs as it is published, loaded by src/shims/elk.ts when the first graph is drawn.
const graphPackage = path.join(root, "packages", "graph", "package.json");
copyFileSync(createRequire(graphPackage).resolve("elkjs/lib/elk.bundled.js"), path.join(out, "elk.js"));
if (process.argv.includes("--analyze")) console.log(Object.keys(result.metafile.outputs).join("\n"));
