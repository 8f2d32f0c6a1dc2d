/**
 * What network and compression modules (`node:http`, `node:https`, `node:zlib`, `@grpc/grpc-js`) are in the page:
 * the playground runs pipelines in capture mode, where exporters keep what they receive and nothing is sent, so
 * these are never called; if something does call one it fails clearly instead of reaching the network.
 */
export function refuse(): never {
  throw new Error("network access is not available in the browser playground");
}
