/**
 * The cumulativetodelta processor: cumulative monotonic sums and cumulative histograms of the selected metrics
 * become delta: each point carries the change since the previous point of its stream, starting at that point's
 * time. The first point of a stream is the reference: with `initial_value: auto` (default) it is sent as it is
 * only when its start time is after the processor started, `keep` sends it, `drop` does not. A value below the
 * previous one is a reset: the point is sent as it is (the counter restarted from zero). Non-monotonic sums and
 * other types pass unchanged. `max_staleness` is not modelled (a verification run is one instant).
 */
import type { HistogramDataPoint, NumberDataPoint } from "../pdata/types.js";
import { type ComponentFactory } from "./api.js";
import { forEachMetric, metricSelector, streamKey } from "./temporality.js";

type Previous = { time: string; value: number; counts?: number[]; count?: number };

const numberValue = (p: NumberDataPoint) => (p.asInt !== undefined ? Number(p.asInt) : (p.asDouble ?? 0));

export const cumulativeToDeltaProcessor: ComponentFactory = {
  kind: "processor",
  type: "cumulativetodelta",
  signals: ["metrics"],
  create(config, ctx) {
    const selected = metricSelector(config);
    if (typeof selected !== "function") return selected;
    const initial = String(config.initial_value ?? "auto");
    if (!["auto", "keep", "drop"].includes(initial)) return { unsupported: `initial_value ${initial}` };
    const started = ctx.now();
    const previous = new Map<string, Previous>();
    /** Whether a stream's first point is sent. */
    const sendFirst = (start: string | undefined) => initial === "keep" || (initial === "auto" && start !== undefined && start !== "0" && BigInt(start) > started);
    return {
      consume(t) {
        if (t.signal !== "metrics") return ctx.emit(t);
        forEachMetric(t.data, (m, resource, scope) => {
          if (!selected(m)) return;
          if (m.sum && m.sum.aggregationTemporality === 2 && m.sum.isMonotonic) {
            m.sum.aggregationTemporality = 1;
            m.sum.dataPoints = m.sum.dataPoints.filter((p) => {
              const key = streamKey(resource, scope, m, p.attributes);
              const prev = previous.get(key);
              const value = numberValue(p);
              previous.set(key, { time: p.timeUnixNano, value });
              if (!prev) return sendFirst(p.startTimeUnixNano);
              if (value < prev.value) return true;
              const delta = value - prev.value;
              if (p.asInt !== undefined) p.asInt = String(delta);
              else p.asDouble = delta;
              p.startTimeUnixNano = prev.time;
              return true;
            });
          } else if (m.histogram && m.histogram.aggregationTemporality === 2) {
            m.histogram.aggregationTemporality = 1;
            m.histogram.dataPoints = m.histogram.dataPoints.filter((p: HistogramDataPoint) => {
              const key = streamKey(resource, scope, m, p.attributes);
              const prev = previous.get(key);
              const counts = p.bucketCounts.map(Number);
              const count = Number(p.count);
              previous.set(key, { time: p.timeUnixNano, value: p.sum ?? 0, counts, count });
              if (!prev) return sendFirst(p.startTimeUnixNano);
              if (count < (prev.count ?? 0) || counts.length !== prev.counts?.length) return true;
              p.count = String(count - prev.count!);
              if (p.sum !== undefined) p.sum -= prev.value;
              p.bucketCounts = counts.map((c, i) => String(c - prev.counts![i]!));
              delete p.min;
              delete p.max;
              p.startTimeUnixNano = prev.time;
              return true;
            });
          }
        });
        ctx.emit(t);
      },
    };
  },
};
