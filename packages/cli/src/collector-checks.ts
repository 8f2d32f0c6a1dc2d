/**
 * `alloy validate`'s collector YAML checks (commands/validate-collector.ts), loaded when a flag asks for them. The
 * fast bundle of `alloy validate` has them as a bundle of their own, which scripts/bundle.mjs puts in this module's
 * place.
 */
import * as checks from "./commands/validate-collector.js";

export type CollectorChecks = typeof checks;

export function loadCollectorChecks(): CollectorChecks {
  return checks;
}
