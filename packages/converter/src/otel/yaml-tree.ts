/** The collector YAML loader lives in `@alloy-ts/otel`; these names are re-exported for the converter's modules. */
export { readYaml, readYamlBytes, positionOf, spanOf, type Position, type RawMap, type RawValue, type ReadResult } from "@alloy-ts/otel";
