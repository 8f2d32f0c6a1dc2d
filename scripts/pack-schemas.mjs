// `copy <package dir>` puts the component schemas (schemas/, which the validator reads at run time) inside a package
// for `pnpm pack`; `remove` takes them out again afterwards, so the checkout keeps one copy. Run by the CLI's
// prepack and postpack scripts.
import { cpSync, existsSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const [action, pkg] = process.argv.slice(2);
if ((action !== "copy" && action !== "remove") || !pkg) {
  console.error("usage: node scripts/pack-schemas.mjs copy|remove <package dir>");
  process.exit(2);
}
const target = path.join(root, pkg, "schemas");
rmSync(target, { recursive: true, force: true });
if (action === "copy") {
  const source = path.join(root, "schemas");
  if (!existsSync(path.join(source, "index.json"))) {
    console.error(`${source}/index.json not found: the package would ship without its component schemas`);
    process.exit(1);
  }
  cpSync(source, target, { recursive: true });
}
