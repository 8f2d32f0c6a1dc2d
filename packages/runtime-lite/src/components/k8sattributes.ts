/**
 * The k8sattributes processor: finds the pod a resource comes from and adds its metadata. The pods are the
 * environment's pod table (`alloy verify --pods FILE`), the same for both sides, empty by default.
 *
 * Association follows `pod_association` (default: the connection's address). A verification run has no network
 * connection: the connection's address is taken to be the resource's `k8s.pod.ip`, as for an SDK that reports its
 * pod IP. A `resource_attribute` source matches the pod UID when it names `k8s.pod.uid`, the pod IP otherwise.
 * Attributes already on the resource are kept. Composite associations, `node`/`namespace` label sources, field and
 * label filters and container metadata are not modelled (unverified).
 */
import { anyValueAsString, getAttr, putAttr } from "../pdata/attributes.js";
import { asArray, asRecord, type ComponentFactory, type PodInfo } from "./api.js";
import { resourceAttributeLists } from "./walk.js";

/** Metadata keys and the pod field each comes from. */
const POD_METADATA: Record<string, (p: PodInfo) => string | undefined> = {
  "k8s.namespace.name": (p) => p.namespace,
  "k8s.pod.name": (p) => p.name,
  "k8s.pod.uid": (p) => p.uid,
  "k8s.pod.ip": (p) => p.ip,
  "k8s.pod.start_time": (p) => p.start_time,
  "k8s.deployment.name": (p) => p.deployment,
  "k8s.node.name": (p) => p.node,
};

/** Extracted when `extract.metadata` is not set (the pod-level part of upstream's default list). */
const DEFAULT_METADATA = ["k8s.namespace.name", "k8s.pod.name", "k8s.pod.uid", "k8s.pod.start_time", "k8s.deployment.name", "k8s.node.name"];
/** Container metadata of the default list: needs container identification, which no verification input has. */
const CONTAINER_METADATA = new Set(["container.image.name", "container.image.tag", "k8s.container.name", "container.id", "container.image.repo_digests"]);

type Source = { from: "connection" } | { from: "resource_attribute"; name: string };
type Lookup = (attrs: ReturnType<typeof resourceAttributeLists>[number]) => PodInfo | undefined;

function readSources(config: Record<string, unknown>): Source[] | { unsupported: string } {
  const rules = asArray(config.pod_association);
  if (rules.length === 0) return [{ from: "connection" }];
  const out: Source[] = [];
  for (const rule of rules) {
    const sources = asArray(asRecord(rule).sources);
    if (sources.length !== 1) return { unsupported: "pod_association with several sources" };
    const s = asRecord(sources[0]);
    if (s.from === "connection") out.push({ from: "connection" });
    else if (s.from === "resource_attribute" && typeof s.name === "string") out.push({ from: "resource_attribute", name: s.name });
    else return { unsupported: `pod_association source ${JSON.stringify(s)}` };
  }
  return out;
}

type Tag = { name: string; value: (p: PodInfo) => string | undefined };

function readTags(list: unknown, what: "labels" | "annotations"): Tag[] | { unsupported: string } {
  const out: Tag[] = [];
  for (const raw of asArray(list)) {
    const r = asRecord(raw);
    if ((r.from ?? "pod") !== "pod") return { unsupported: `${what} from ${String(r.from)}` };
    if (r.key_regex !== undefined || typeof r.key !== "string") return { unsupported: `${what} without a plain key` };
    const key = r.key;
    const name = typeof r.tag_name === "string" && r.tag_name !== "" ? r.tag_name : `k8s.pod.${what}.${key}`;
    out.push({ name, value: (p) => p[what]?.[key] });
  }
  return out;
}

export const k8sAttributesProcessor: ComponentFactory = {
  kind: "processor",
  type: "k8sattributes",
  signals: ["traces", "metrics", "logs"],
  create(config, ctx) {
    if (config.passthrough === true) return { consume: (t) => ctx.emit(t) };
    const sources = readSources(config);
    if ("unsupported" in sources) return sources;
    const extract = asRecord(config.extract);
    const metadata = extract.metadata === undefined ? DEFAULT_METADATA : asArray(extract.metadata).map(String).filter((m) => !CONTAINER_METADATA.has(m));
    const unknown = metadata.find((m) => !(m in POD_METADATA));
    if (unknown !== undefined) return { unsupported: `metadata ${unknown}` };
    const labels = readTags(extract.labels, "labels");
    if ("unsupported" in labels) return labels;
    const annotations = readTags(extract.annotations, "annotations");
    if ("unsupported" in annotations) return annotations;
    const filter = asRecord(config.filter);
    if (filter.labels !== undefined || filter.fields !== undefined || filter.node_from_env_var !== undefined) return { unsupported: "filter by labels, fields or node_from_env_var" };
    const pods = (ctx.environment?.pods ?? []).filter(
      (p) => (typeof filter.namespace !== "string" || p.namespace === filter.namespace) && (typeof filter.node !== "string" || p.node === filter.node),
    );
    const value = (attrs: Parameters<Lookup>[0], key: string) => {
      const v = getAttr(attrs, key);
      return v === undefined ? undefined : anyValueAsString(v);
    };
    const lookup: Lookup = (attrs) => {
      for (const s of sources) {
        const key = s.from === "connection" ? "k8s.pod.ip" : s.name;
        const id = value(attrs, key);
        if (id === undefined || id === "") continue;
        const pod = pods.find((p) => (key === "k8s.pod.uid" ? p.uid === id : p.ip === id));
        if (pod) return pod;
      }
      return undefined;
    };
    const tags: Tag[] = [...metadata.map((m) => ({ name: m, value: POD_METADATA[m]! })), ...labels, ...annotations];
    return {
      consume(t) {
        for (const attrs of resourceAttributeLists(t)) {
          const pod = lookup(attrs);
          if (!pod) continue;
          for (const tag of tags) {
            const v = tag.value(pod);
            if (v !== undefined && getAttr(attrs, tag.name) === undefined) putAttr(attrs, tag.name, { stringValue: v });
          }
        }
        ctx.emit(t);
      },
    };
  },
};
