/** Every component type with implemented semantics, by kind and canonical type. */
import type { ComponentKind } from "../graph/types.js";
import type { ComponentFactory } from "./api.js";
import { countConnector, forwardConnector, routingConnector, spanMetricsConnector } from "./connectors.js";
import { debugExporter, fileExporter, nopExporter, otlpExporter, otlphttpExporter, otlpReceiver } from "./exporters.js";
import { attributesProcessor, groupByAttrsProcessor, resourceProcessor, spanProcessor } from "./processors-attributes.js";
import { batchProcessor, memoryLimiterProcessor, probabilisticSamplerProcessor, tailSamplingProcessor } from "./processors-flow.js";
import { filterProcessor, transformProcessor } from "./processors-ottl.js";
import { protocolReceivers } from "./receivers.js";
import { resourceDetectionProcessor } from "./resourcedetection.js";
import { k8sAttributesProcessor } from "./k8sattributes.js";
import { redactionProcessor } from "./redaction.js";
import { serviceGraphConnector } from "./servicegraph.js";
import { cumulativeToDeltaProcessor } from "./cumulativetodelta.js";
import { deltaToCumulativeProcessor } from "./deltatocumulative.js";

const ALL: ComponentFactory[] = [
  otlpReceiver,
  attributesProcessor,
  resourceProcessor,
  spanProcessor,
  groupByAttrsProcessor,
  batchProcessor,
  memoryLimiterProcessor,
  probabilisticSamplerProcessor,
  tailSamplingProcessor,
  filterProcessor,
  transformProcessor,
  forwardConnector,
  routingConnector,
  countConnector,
  spanMetricsConnector,
  debugExporter,
  fileExporter,
  nopExporter,
  otlphttpExporter,
  otlpExporter,
  ...protocolReceivers,
  resourceDetectionProcessor,
  k8sAttributesProcessor,
  redactionProcessor,
  serviceGraphConnector,
  cumulativeToDeltaProcessor,
  deltaToCumulativeProcessor,
];

const BY_KEY = new Map(ALL.map((f) => [`${f.kind}:${f.type}`, f]));

/** The factory for a component, or undefined when it has no semantics here (it then runs as a pass-through). */
export function factoryFor(kind: ComponentKind, type: string): ComponentFactory | undefined {
  return BY_KEY.get(`${kind}:${type}`);
}

/** `kind:type` keys of every implemented component. */
export const implementedComponents = (): string[] => [...BY_KEY.keys()];
