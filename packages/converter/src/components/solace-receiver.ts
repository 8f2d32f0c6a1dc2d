/** The solace receiver (otelcol-conversion.md §17). */
import type { ComponentDescription } from "../engine/description.js";
import { tlsClient } from "./shared.js";

const credentials = (secret: string) => [
  { attr: "username", as: "string" },
  { attr: secret, as: "string" },
] as const;

export const solaceReceiver: ComponentDescription = {
  kind: "receiver",
  otelTypes: ["solace"],
  alloyName: "otelcol.receiver.solace",
  signals: ["traces"],
  rows: [
    // OTel's broker list: only its first element is kept (§18.11).
    {
      attr: "broker",
      as: "string",
      alloyDefault: "localhost:5671",
      otelDefault: ["localhost:5671"],
      map: (v) => (Array.isArray(v) ? (v[0] ?? "") : v),
    },
    { attr: "queue", as: "string", required: true },
    { attr: "max_unacknowledged", as: "int", otel: "max_unacked", alloyDefault: 1000, otelDefault: 1000 },
    tlsClient(),
    {
      block: "flow_control",
      parentDefault: "own",
      rows: [
        {
          block: "delayed_retry",
          parentDefault: "own",
          rows: [{ attr: "delay", as: "duration", alloyDefault: "10ms", otelDefault: "10ms" }],
        },
      ],
    },
    {
      block: "auth",
      required: true,
      rows: [
        { block: "sasl_plain", parentDefault: "nil", rows: [...credentials("password")] },
        { block: "sasl_xauth2", parentDefault: "nil", rows: [...credentials("bearer")] },
        { block: "sasl_external", parentDefault: "nil", rows: [] },
      ],
    },
    { output: true },
  ],
};

export default [solaceReceiver];
