// Builds dist/alloy.vsix: bundles first, then packages with vsce without resolving dependencies (everything
// the extension needs is inside the bundles). Nothing is published.
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
execFileSync(process.execPath, [path.join(root, "scripts/bundle.mjs")], { stdio: "inherit" });
const require = createRequire(path.join(root, "package.json"));
const vsce = path.join(path.dirname(require.resolve("@vscode/vsce/package.json")), "vsce");
execFileSync(process.execPath, [vsce, "package", "--no-dependencies", "--skip-license", "--allow-missing-repository", "-o", path.join(root, "dist/alloy.vsix")], {
  cwd: root,
  stdio: ["ignore", "inherit", "inherit"],
});
