/** The service context of a running server: catalogue, validator and converter as far as they are available. */
import { emptyCatalog } from "./schema/catalog.js";
import type { ServiceContext } from "./service/context.js";

/** Builds the default context. */
export function defaultServiceContext(): ServiceContext {
  return { catalog: emptyCatalog };
}
