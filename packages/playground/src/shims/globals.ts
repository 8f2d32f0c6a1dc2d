/** Injected into every module of the bundle: the `process` and `Buffer` globals the packages read. */
performance.mark("alloy-playground:script");
export { Buffer } from "./buffer.js";
export const process = {
  // The validator finds the embedded schemas (shims/fs.ts) here.
  env: { ALLOY_SCHEMAS_DIR: "/schemas" } as Record<string, string | undefined>,
  platform: "browser",
  arch: "wasm",
  version: "",
  versions: {} as Record<string, string>,
  cwd: () => "/",
  exitCode: undefined as number | undefined,
};
