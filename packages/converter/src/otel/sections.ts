/** The collector's sections and component IDs come from `@alloy-ts/otel` (one table, one ID grammar). */
export { SECTIONS, COMPONENT_TYPE, type SectionName } from "@alloy-ts/otel";
