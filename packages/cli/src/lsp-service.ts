/**
 * The language service behind `alloy lsp`, loaded when the server first needs it (packages/lsp/src/stdio.ts). The
 * fast bundle of `alloy lsp` has it as a bundle of its own, which scripts/bundle.mjs puts in this module's place.
 */
import { startService, type StartService } from "@alloy-ts/lsp";

export function loadService(): StartService {
  return startService;
}
