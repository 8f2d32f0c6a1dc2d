import { defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";

const src = (pkg: string) => fileURLToPath(new URL(`./packages/${pkg}/src/index.ts`, import.meta.url));

export default defineConfig({
  resolve: {
    // Tests run against the TypeScript sources of sibling packages, not their build output.
    alias: [
      // A package's sub-path export (`@alloy-ts/lsp/stdio`) is its module of that name.
      { find: /^@alloy-ts\/lsp\/stdio$/, replacement: fileURLToPath(new URL("./packages/lsp/src/stdio.ts", import.meta.url)) },
      ...["grammar", "otel", "converter", "validator", "lsp", "runtime-lite", "graph"].map((pkg) => ({ find: new RegExp(`^@alloy-ts/${pkg}$`), replacement: src(pkg) })),
    ],
  },
  test: {
    include: ["packages/*/src/**/*.test.ts", "test/**/*.test.ts"],
    testTimeout: 60_000,
    pool: "forks",
    globalSetup: ["test/setup/system-tools.ts"],
  },
});
