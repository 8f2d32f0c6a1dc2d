/**
 * Export check, as Langium's validate-exports: a consumer project outside the checkout, with each package linked
 * into its node_modules, imports every entry of every package's `exports` map. TypeScript (module NodeNext, library
 * declarations checked) must resolve and compile them as a user's project would, and Node must load each entry.
 * A missing declaration file, a `types` condition that points nowhere or a declaration that names a type the
 * package does not ship fails here, not in a user's build.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { repoRoot } from "../support/shared.js";

interface Manifest {
  name: string;
  private?: boolean;
  exports?: Record<string, { types: string; default: string }>;
}

const packages = readdirSync(path.join(repoRoot, "packages"))
  .map((dir) => ({ dir: path.join(repoRoot, "packages", dir), manifest: JSON.parse(readFileSync(path.join(repoRoot, "packages", dir, "package.json"), "utf8")) as Manifest }))
  .filter((p) => p.manifest.exports && !p.manifest.private);
const entries = packages.flatMap((p) => Object.keys(p.manifest.exports!).map((sub) => ({ ...p, specifier: sub === "." ? p.manifest.name : `${p.manifest.name}/${sub.replace(/^\.\//, "")}` })));
// Built when the packages' dist/ directories exist; what the exports maps point at inside them is what is checked.
const built = packages.every((p) => existsSync(path.join(p.dir, "dist")));
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");

describe.skipIf(!built)("public entries compile and load in a consumer project", () => {
  const consumer = mkdtempSync(path.join(os.tmpdir(), "alloy-exports-"));
  afterAll(() => rmSync(consumer, { recursive: true, force: true }));
  for (const p of packages) {
    const link = path.join(consumer, "node_modules", p.manifest.name);
    mkdirSync(path.dirname(link), { recursive: true });
    symlinkSync(p.dir, link, "dir");
  }
  const fileOf = (specifier: string) => `${specifier.replace(/[@/]/g, "_")}.ts`;
  writeFileSync(path.join(consumer, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
  for (const e of entries) writeFileSync(path.join(consumer, fileOf(e.specifier)), `import * as api from "${e.specifier}";\nexport const names: readonly string[] = Object.keys(api);\n`);
  writeFileSync(
    path.join(consumer, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", strict: true, noEmit: true, skipLibCheck: false,
        types: ["node"], typeRoots: [path.join(repoRoot, "node_modules", "@types")],
      },
      include: ["*.ts"],
    }),
  );

  it("tsc compiles an import of every entry", () => {
    const r = spawnSync(process.execPath, [tsc, "-p", consumer, "--pretty", "false"], { cwd: consumer, encoding: "utf8", timeout: 120_000 });
    // Errors inside third-party declarations are not ours; every other error is.
    const ours = `${r.stdout}${r.stderr}`.split("\n").filter((l) => l.trim() !== "" && !/node_modules\/\.pnpm\//.test(l));
    expect(ours).toEqual([]);
  }, 120_000);

  it.each(entries.map((e) => e.specifier))("node loads %s and it exports something", (specifier) => {
    const r = spawnSync(process.execPath, ["--input-type=module", "-e", `const m = await import(${JSON.stringify(specifier)}); console.log(Object.keys(m).length);`], { cwd: consumer, encoding: "utf8", timeout: 60_000 });
    expect(r.stderr).toBe("");
    expect(Number(r.stdout.trim())).toBeGreaterThan(0);
  });
});
