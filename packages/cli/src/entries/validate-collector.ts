/**
 * `alloy validate`'s collector YAML checks as a bundle of their own, beside the one of `alloy validate`
 * (entries/validate.ts), which loads this one only for `--source-format=otelcol`, `--config.format=otelcol` and
 * `--distribution`.
 */
export * from "../commands/validate-collector.js";
