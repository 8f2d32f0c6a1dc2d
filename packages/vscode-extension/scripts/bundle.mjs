// Bundles the extension client and the language server into CommonJS files (VS Code loads extensions with
// require), with `vscode` left external, and copies the component schemas the server reads.
import { build } from "esbuild";
import { cpSync, existsSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "..");
const repo = path.resolve(root, "..", "..");
// A CommonJS bundle has no `import.meta.url`; modules that find files next to themselves (the validator looks for
// schemas/ from its own location) get the bundle's own URL instead, so the server needs no environment variable.
const importMetaUrl = {
  define: { "import.meta.url": "__bundle_url" },
  banner: { js: 'const __bundle_url = require("node:url").pathToFileURL(__filename).href;' },
};
const common = { bundle: true, platform: "node", target: "node18", format: "cjs", logLevel: "warning", legalComments: "none", minify: true, ...importMetaUrl };

await build({ ...common, entryPoints: [path.join(root, "src/extension.ts")], outfile: path.join(root, "dist/extension.cjs"), external: ["vscode"] });
await build({ ...common, entryPoints: [path.join(root, "src/server.ts")], outfile: path.join(root, "dist/server.cjs") });

const schemas = path.join(repo, "schemas");
rmSync(path.join(root, "schemas"), { recursive: true, force: true });
if (existsSync(schemas)) cpSync(schemas, path.join(root, "schemas"), { recursive: true });
