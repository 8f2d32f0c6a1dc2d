/**
 * The deltatocumulative processor: delta sums and delta explicit-bucket histograms become cumulative: each point
 * carries the running total of its stream since the stream's first point, whose start time it keeps. A point not
 * newer than the last one of its stream is dropped (out of order). Beyond `max_streams` streams, points of new
 * streams are dropped. Exponential histograms and `max_stale` expiry are not modelled (a verification run is one
 * instant; exponential histograms are passed unchanged, which upstream does not do).
 */
import type { Metric } from "../pdata/types.js";
import { type ComponentFactory } from "./api.js";
import { forEachMetric, streamKey } from "./temporality.js";

type Total = { start: string | undefined; time: bigint; value: number; count?: number; counts?: number[]; bounds?: number[] };

const hasDeltaExponential = (m: Metric) => m.exponentialHistogram?.aggregationTemporality === 1;

export const deltaToCumulativeProcessor: ComponentFactory = {
  kind: "processor",
  type: "deltatocumulative",
  signals: ["metrics"],
  create(config, ctx) {
    const maxStreams = config.max_streams === undefined ? Infinity : Number(config.max_streams);
    if (!Number.isFinite(maxStreams) && config.max_streams !== undefined) return { unsupported: `max_streams ${String(config.max_streams)}` };
    const totals = new Map<string, Total>();
    /** The running total of a stream, or undefined when the point is dropped. */
    const advance = (key: string, start: string | undefined, time: string): Total | undefined => {
      const t = BigInt(time);
      let total = totals.get(key);
      if (!total) {
        if (totals.size >= maxStreams) return undefined;
        totals.set(key, (total = { start, time: -1n, value: 0 }));
      }
      if (t <= total.time) return undefined;
      total.time = t;
      return total;
    };
    let exponential = false;
    return {
      consume(t) {
        if (t.signal !== "metrics") return ctx.emit(t);
        forEachMetric(t.data, (m, resource, scope) => {
          if (hasDeltaExponential(m) && !exponential) {
            exponential = true;
            ctx.log(`${ctx.id}: delta exponential histograms are passed unchanged`);
          }
          if (m.sum && m.sum.aggregationTemporality === 1) {
            m.sum.aggregationTemporality = 2;
            m.sum.dataPoints = m.sum.dataPoints.filter((p) => {
              const total = advance(streamKey(resource, scope, m, p.attributes), p.startTimeUnixNano, p.timeUnixNano);
              if (!total) return false;
              total.value += p.asInt !== undefined ? Number(p.asInt) : (p.asDouble ?? 0);
              if (p.asInt !== undefined) p.asInt = String(total.value);
              else p.asDouble = total.value;
              if (total.start !== undefined) p.startTimeUnixNano = total.start;
              return true;
            });
          } else if (m.histogram && m.histogram.aggregationTemporality === 1) {
            m.histogram.aggregationTemporality = 2;
            m.histogram.dataPoints = m.histogram.dataPoints.filter((p) => {
              const total = advance(streamKey(resource, scope, m, p.attributes), p.startTimeUnixNano, p.timeUnixNano);
              if (!total) return false;
              const counts = p.bucketCounts.map(Number);
              if (total.counts && JSON.stringify(total.bounds) !== JSON.stringify(p.explicitBounds)) {
                // Changed bucket layout: the stream starts over from this point.
                total.counts = undefined;
                total.count = 0;
                total.value = 0;
              }
              total.counts = (total.counts ?? counts.map(() => 0)).map((c, i) => c + (counts[i] ?? 0));
              total.bounds = p.explicitBounds;
              total.count = (total.count ?? 0) + Number(p.count);
              total.value += p.sum ?? 0;
              p.bucketCounts = total.counts.map(String);
              p.count = String(total.count);
              if (p.sum !== undefined) p.sum = total.value;
              delete p.min;
              delete p.max;
              if (total.start !== undefined) p.startTimeUnixNano = total.start;
              return true;
            });
          }
        });
        ctx.emit(t);
      },
    };
  },
};
