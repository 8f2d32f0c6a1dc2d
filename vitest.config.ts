import { defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";

const src = (pkg: string) => fileURLToPath(new URL(`./packages/${pkg}/src/index.ts`, import.meta.url));

export default defineConfig({
  resolve: {
    // Tests run against the TypeScript sources of sibling packages, not their build output.
    alias: {
      "@alloy-ts/grammar": src("grammar"),
      "@alloy-ts/otel": src("otel"),
      "@alloy-ts/converter": src("converter"),
      "@alloy-ts/validator": src("validator"),
      "@alloy-ts/lsp": src("lsp"),
      "@alloy-ts/runtime-lite": src("runtime-lite"),
      "@alloy-ts/graph": src("graph"),
    },
  },
  test: {
    include: ["packages/*/src/**/*.test.ts", "test/**/*.test.ts"],
    testTimeout: 60_000,
    pool: "forks",
    globalSetup: ["test/setup/system-tools.ts"],
  },
});
