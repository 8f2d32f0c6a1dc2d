/** The service context of a running server: catalogue, validator and converter as far as they are available. */
import { emptyCatalog, type Catalog } from "./schema/catalog.js";
import { catalogFromSchemas, directorySchemaSource, locateSchemas } from "./schema/schema-catalog.js";
import type { ServiceContext } from "./service/context.js";

/** The catalogue over the generated schemas, or the empty one when none are found. */
export function defaultCatalog(): Catalog {
  const dir = locateSchemas();
  return dir ? catalogFromSchemas(directorySchemaSource(dir), []) : emptyCatalog;
}

/** Builds the default context. */
export function defaultServiceContext(): ServiceContext {
  return { catalog: defaultCatalog() };
}
